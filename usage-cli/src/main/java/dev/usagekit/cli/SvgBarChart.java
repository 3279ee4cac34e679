package dev.usagekit.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * A stacked bar chart as inline SVG, one bar per bucket, one colour per series: written by hand, no
 * script, no external reference. A bucket without results is a gap (its slot and label stay, with
 * a mark on the axis). Each bar segment carries its exact value in {@code data-value} (and its
 * series and bucket), so that a reader or a test can add them up; the SVG carries the exact sum in
 * {@code data-total}.
 *
 * <p>The SVG scales with its container ({@code viewBox}, no fixed size); the legend is HTML beside
 * it, so that it wraps in a narrow window.
 */
final class SvgBarChart {
  /** Colour-blind-friendly (Okabe-Ito and Tableau), distinct in print; the last is "other". */
  static final String[] PALETTE = {
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f3c8d",
  };
  static final String OTHER_COLOUR = "#9e9e9e";

  private static final int WIDTH = 960;
  private static final int HEIGHT = 340;
  private static final int LEFT = 78;
  private static final int RIGHT = 14;
  private static final int TOP = 14;
  private static final int BOTTOM = 58;

  /** How the chart writes its numbers: on the axis and in the tooltips. */
  interface Format {
    String tick(BigDecimal value, BigDecimal step);

    String value(BigDecimal value);
  }

  private final String id;
  private final String yLabel;
  private final String xLabel;
  private final List<String> slotLabels;
  private final List<String> slotTitles;
  private final List<String> series;
  private final List<String> colours;
  /** [slot][series]; null where the series has no value in the slot; a null row is a gap. */
  private final BigDecimal[][] values;
  private final Format format;

  SvgBarChart(String id, String yLabel, String xLabel, List<String> slotLabels, List<String> slotTitles,
      List<String> series, List<String> colours, BigDecimal[][] values, Format format) {
    this.id = id;
    this.yLabel = yLabel;
    this.xLabel = xLabel;
    this.slotLabels = slotLabels;
    this.slotTitles = slotTitles;
    this.series = series;
    this.colours = colours;
    this.values = values;
    this.format = format;
  }

  /** The exact sum of every value of the chart. */
  BigDecimal total() {
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal[] slot : values) {
      if (slot != null) {
        for (BigDecimal value : slot) {
          if (value != null) {
            total = total.add(value);
          }
        }
      }
    }
    return total;
  }

  void write(StringBuilder html, String label) {
    int slots = slotLabels.size();
    BigDecimal max = BigDecimal.ZERO;
    BigDecimal min = BigDecimal.ZERO;
    for (BigDecimal[] slot : values) {
      if (slot == null) {
        continue;
      }
      BigDecimal up = BigDecimal.ZERO;
      BigDecimal down = BigDecimal.ZERO;
      for (BigDecimal value : slot) {
        if (value != null) {
          if (value.signum() >= 0) {
            up = up.add(value);
          } else {
            down = down.add(value);
          }
        }
      }
      max = max.max(up);
      min = min.min(down);
    }
    BigDecimal step = niceStep(max.subtract(min));
    BigDecimal top = ceilTo(max, step);
    BigDecimal bottom = ceilTo(min.negate(), step).negate();
    if (top.compareTo(bottom) == 0) {
      top = step;
    }
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double span = top.subtract(bottom).doubleValue();
    html.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"")
        .append(Html.text(label)).append("\" data-total=\"").append(Numbers.plain(total()))
        .append("\">\n");
    // Grid and y axis.
    html.append("<g class=\"y-axis\">\n");
    for (BigDecimal tick = bottom; tick.compareTo(top) <= 0; tick = tick.add(step)) {
      double y = TOP + plotHeight - (tick.subtract(bottom).doubleValue() / span) * plotHeight;
      html.append("<line class=\"grid").append(tick.signum() == 0 ? " zero" : "").append("\" x1=\"")
          .append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(px(y))
          .append("\" y2=\"").append(px(y)).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(px(y + 4))
          .append("\" text-anchor=\"end\">").append(Html.text(format.tick(tick, step))).append("</text>\n");
    }
    html.append("<text class=\"axis-label\" transform=\"translate(16 ").append(px(TOP + plotHeight / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.text(yLabel)).append("</text>\n");
    html.append("</g>\n");
    // Bars.
    double slotWidth = slots == 0 ? plotWidth : plotWidth / slots;
    double barWidth = Math.max(slotWidth * 0.78, 0.5);
    double zeroY = TOP + plotHeight - (-bottom.doubleValue() / span) * plotHeight;
    html.append("<g class=\"bars\">\n");
    for (int s = 0; s < slots; s++) {
      double x = LEFT + s * slotWidth + (slotWidth - barWidth) / 2;
      BigDecimal[] slot = values[s];
      if (slot == null) {
        html.append("<rect class=\"gap\" data-bucket=\"").append(Html.text(slotTitles.get(s)))
            .append("\" x=\"").append(px(x)).append("\" y=\"").append(px(zeroY - 3)).append("\" width=\"")
            .append(px(barWidth)).append("\" height=\"3\"><title>").append(Html.text(slotTitles.get(s)))
            .append(": no data</title></rect>\n");
        continue;
      }
      BigDecimal up = BigDecimal.ZERO;
      BigDecimal down = BigDecimal.ZERO;
      for (int k = 0; k < series.size(); k++) {
        BigDecimal value = slot[k];
        if (value == null) {
          continue;
        }
        double y;
        double height = Math.abs(value.doubleValue()) / span * plotHeight;
        if (value.signum() >= 0) {
          up = up.add(value);
          y = TOP + plotHeight - (up.subtract(bottom).doubleValue() / span) * plotHeight;
        } else {
          y = TOP + plotHeight - (down.subtract(bottom).doubleValue() / span) * plotHeight;
          down = down.add(value);
        }
        html.append("<rect data-series=\"").append(Html.text(series.get(k))).append("\" data-bucket=\"")
            .append(Html.text(slotTitles.get(s))).append("\" data-value=\"").append(Numbers.plain(value))
            .append("\" x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"")
            .append(px(barWidth)).append("\" height=\"").append(px(height)).append("\" fill=\"")
            .append(colours.get(k)).append("\"><title>").append(Html.text(slotTitles.get(s))).append(" · ")
            .append(Html.text(series.get(k))).append(": ").append(Html.text(format.value(value)))
            .append("</title></rect>\n");
      }
    }
    html.append("</g>\n");
    // X axis.
    html.append("<g class=\"x-axis\">\n<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"")
        .append(WIDTH - RIGHT).append("\" y1=\"").append(px(TOP + plotHeight)).append("\" y2=\"")
        .append(px(TOP + plotHeight)).append("\"/>\n");
    int every = Math.max(1, (int) Math.ceil(slots / (plotWidth / 64)));
    for (int s = 0; s < slots; s += every) {
      double x = LEFT + s * slotWidth + slotWidth / 2;
      html.append("<text class=\"tick\" x=\"").append(px(x)).append("\" y=\"").append(px(TOP + plotHeight + 16))
          .append("\" text-anchor=\"middle\">").append(Html.text(slotLabels.get(s))).append("</text>\n");
    }
    if (slots == 0) {
      html.append("<text class=\"empty\" x=\"").append(px(LEFT + plotWidth / 2)).append("\" y=\"")
          .append(px(TOP + plotHeight / 2)).append("\" text-anchor=\"middle\">no buckets in this window</text>\n");
    }
    html.append("<text class=\"axis-label\" x=\"").append(px(LEFT + plotWidth / 2)).append("\" y=\"")
        .append(HEIGHT - 10).append("\" text-anchor=\"middle\">").append(Html.text(xLabel)).append("</text>\n");
    html.append("</g>\n</svg>\n");
  }

  /** 1, 2 or 5 times a power of ten, giving about five steps over {@code range}. */
  static BigDecimal niceStep(BigDecimal range) {
    if (range.signum() <= 0) {
      return BigDecimal.ONE;
    }
    double raw = range.doubleValue() / 5;
    int exponent = (int) Math.floor(Math.log10(raw));
    double fraction = raw / Math.pow(10, exponent);
    int nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return BigDecimal.valueOf(nice).scaleByPowerOfTen(exponent).stripTrailingZeros();
  }

  private static BigDecimal ceilTo(BigDecimal value, BigDecimal step) {
    BigDecimal[] division = value.divideAndRemainder(step);
    BigDecimal steps = division[0];
    if (division[1].signum() > 0) {
      steps = steps.add(BigDecimal.ONE);
    }
    return steps.multiply(step);
  }

  private static String px(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** The legend: one swatch per series, with its total. */
  static void legend(StringBuilder html, List<String> series, List<String> colours, List<String> totals) {
    html.append("<ul class=\"legend\">\n");
    for (int k = 0; k < series.size(); k++) {
      html.append("<li><svg class=\"swatch\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><rect width=\"10\" "
          + "height=\"10\" fill=\"").append(colours.get(k)).append("\"/></svg><span class=\"name\">")
          .append(Html.text(series.get(k))).append("</span> <span class=\"num\">")
          .append(Html.text(totals.get(k))).append("</span></li>\n");
    }
    html.append("</ul>\n");
  }

  static List<String> colours(List<String> series, @Nullable String other) {
    List<String> colours = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      colours.add(other != null && series.get(k).equals(other) && k == series.size() - 1
          ? OTHER_COLOUR : PALETTE[k % PALETTE.length]);
    }
    return colours;
  }
}
