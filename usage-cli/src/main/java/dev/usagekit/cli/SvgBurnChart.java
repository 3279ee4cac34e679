package dev.usagekit.cli;

import dev.usagekit.rx.SpendForecast;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The month's burn as inline SVG, written by hand (no script, no external reference): the running total of the
 * actual days (a solid line), of the projected days (dashed) up to the month end, the 90% interval at the month end
 * (a bar), and the hard limit (a red horizontal line). Each point carries its day and exact running total in {@code
 * data-day} and {@code data-total}, so a reader or a test can check them.
 */
final class SvgBurnChart {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 340;
  private static final int LEFT = 78;
  private static final int RIGHT = 90;
  private static final int TOP = 14;
  private static final int BOTTOM = 40;

  private SvgBurnChart() {}

  static String render(SpendForecast forecast, SpendForecast.Projection month, @Nullable BigDecimal limit) {
    LocalDate start = forecast.monthStart();
    int days = forecast.monthEnd().getDayOfMonth();
    BigDecimal top = month.high();
    if (limit != null && limit.compareTo(top) > 0) {
      top = limit;
    }
    BigDecimal step = SvgBarChart.niceStep(top);
    BigDecimal max = top.divide(step, 0, java.math.RoundingMode.CEILING).multiply(step);
    if (max.signum() <= 0) {
      max = BigDecimal.ONE;
    }
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Running total of the month's costs, actual and projected, against the "
            + "limit\">\n");
    for (BigDecimal tick = BigDecimal.ZERO; tick.compareTo(max) <= 0; tick = tick.add(step)) {
      double y = TOP + plotHeight - tick.doubleValue() / max.doubleValue() * plotHeight;
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(px(y)).append("\" y2=\"").append(px(y)).append("\" stroke=\"#ddd\"/>\n");
      svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(px(y + 4))
          .append("\" text-anchor=\"end\" font-size=\"12\">").append(Html.text(tick.toPlainString()))
          .append("</text>\n");
    }
    for (int day = 1; day <= days; day += day == 1 ? 4 : 5) {
      svg.append("<text x=\"").append(px(x(day, days, plotWidth))).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
          .append("\" text-anchor=\"middle\" font-size=\"12\">").append(Html.text(start.plusDays(day - 1L)
              .toString().substring(5))).append("</text>\n");
    }
    BigDecimal running = BigDecimal.ZERO;
    StringBuilder actual = new StringBuilder();
    StringBuilder points = new StringBuilder();
    double lastX = LEFT;
    double lastY = TOP + plotHeight;
    actual.append(px(lastX)).append(',').append(px(lastY));
    for (Map.Entry<LocalDate, BigDecimal> day : month.actualDays().entrySet()) {
      running = running.add(day.getValue());
      lastX = x(day.getKey().getDayOfMonth(), days, plotWidth);
      lastY = y(running, max, plotHeight);
      actual.append(' ').append(px(lastX)).append(',').append(px(lastY));
      points.append("<circle class=\"actual\" r=\"2.5\" cx=\"").append(px(lastX)).append("\" cy=\"").append(px(lastY))
          .append("\" data-day=\"").append(day.getKey()).append("\" data-total=\"").append(running.toPlainString())
          .append("\" fill=\"#1565c0\"/>\n");
    }
    StringBuilder projected = new StringBuilder().append(px(lastX)).append(',').append(px(lastY));
    BigDecimal expected = month.monthToDate();
    for (Map.Entry<LocalDate, BigDecimal> day : month.projectedDays().entrySet()) {
      expected = expected.add(day.getValue());
      double x = x(day.getKey().getDayOfMonth(), days, plotWidth);
      projected.append(' ').append(px(x)).append(',').append(px(y(expected, max, plotHeight)));
      points.append("<circle class=\"projected\" r=\"2\" cx=\"").append(px(x)).append("\" cy=\"")
          .append(px(y(expected, max, plotHeight))).append("\" data-day=\"").append(day.getKey())
          .append("\" data-total=\"").append(expected.toPlainString()).append("\" fill=\"#ef6c00\"/>\n");
    }
    svg.append("<polyline class=\"actual\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2.5\" points=\"")
        .append(actual).append("\"/>\n");
    svg.append("<polyline class=\"projected\" fill=\"none\" stroke=\"#ef6c00\" stroke-width=\"2\" "
        + "stroke-dasharray=\"6 4\" points=\"").append(projected).append("\"/>\n");
    double endX = x(days, days, plotWidth);
    svg.append("<line class=\"interval\" x1=\"").append(px(endX)).append("\" x2=\"").append(px(endX))
        .append("\" y1=\"").append(px(y(month.low(), max, plotHeight))).append("\" y2=\"")
        .append(px(y(month.high(), max, plotHeight))).append("\" stroke=\"#ef6c00\" stroke-width=\"6\" "
            + "stroke-opacity=\"0.4\" data-low=\"").append(month.low().toPlainString()).append("\" data-high=\"")
        .append(month.high().toPlainString()).append("\"/>\n");
    svg.append(points);
    if (limit != null) {
      double y = y(limit, max, plotHeight);
      svg.append("<line class=\"limit\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(px(y)).append("\" y2=\"").append(px(y))
          .append("\" stroke=\"#c62828\" stroke-width=\"2\" data-limit=\"").append(limit.toPlainString())
          .append("\"/>\n");
      svg.append("<text x=\"").append(WIDTH - RIGHT + 6).append("\" y=\"").append(px(y + 4))
          .append("\" font-size=\"12\" fill=\"#c62828\">limit</text>\n");
    }
    svg.append("</svg>\n");
    svg.append("<p class=\"legend\"><span style=\"color:#1565c0\">&#9632;</span> actual, "
        + "<span style=\"color:#ef6c00\">&#9632;</span> projected (bar: 90% interval at the month end), "
        + "<span style=\"color:#c62828\">&#9632;</span> hard limit</p>\n");
    return svg.toString();
  }

  private static double x(int dayOfMonth, int days, double plotWidth) {
    return LEFT + plotWidth * dayOfMonth / days;
  }

  private static double y(BigDecimal value, BigDecimal max, double plotHeight) {
    return TOP + plotHeight - value.doubleValue() / max.doubleValue() * plotHeight;
  }

  private static String px(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
