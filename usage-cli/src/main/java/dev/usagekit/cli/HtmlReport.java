package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * {@code --format html}: one self-contained HTML page (inline CSS, inline SVG charts, no script, no
 * external reference of any kind; a Content-Security-Policy forbids loading anything), to open in a
 * browser, print, mail or archive. The page is {@code report.html} and {@code report.css} beside this class, with
 * its {@code {{placeholders}}} filled in.
 *
 * <p>It shows the query and its window; the totals; the amount per bucket, stacked by the first {@code group_by}
 * field (project for the demo), one chart per currency; the first metric of the results per bucket (its JSON name,
 * such as {@code input_tokens}), stacked by model or the first {@code group_by} field; and the largest groups. A
 * bucket without results is a gap in the charts, never left out. The numbers are {@link UsageSummary}'s (exact);
 * amounts are rounded only where they are shown, and every bar segment carries its exact value in {@code
 * data-value}, so that the charts add up to the totals.
 *
 * <p>It renders what the command fetched: the report's own summaries, and for results without a metric (costs)
 * those of the companion query the command chose for the second chart.
 */
final class HtmlReport {
  static final int TOP_N = 10;
  /** Series drawn in a chart: the largest seven, and "other" for the rest. */
  static final int MAX_SERIES = 8;
  static final String OTHER = "other";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final DateTimeFormatter DAY_TICK =
      DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_TICK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Buckets drawn at most when a window has none to show where the gaps are. */
  private static final int MAX_EMPTY_SLOTS = 1500;

  private final Writer out;
  private final UsageQuery<?> query;
  private final @Nullable UsageQuery<?> companion;
  private final ProjectNames names;
  /** Why the companion query's chart is not drawn, or null. */
  private @Nullable String companionFailure;

  /** @param companion the query of the second chart, when the report's own results have no metric; or null */
  HtmlReport(Writer out, UsageQuery<?> query, @Nullable UsageQuery<?> companion) {
    this(out, query, companion, ProjectNames.none());
  }

  /** @param names the names projects show with, as {@code name (id)} */
  HtmlReport(Writer out, UsageQuery<?> query, @Nullable UsageQuery<?> companion, ProjectNames names) {
    this.out = out;
    this.query = query;
    this.companion = companion;
    this.names = names;
  }

  /** Says on the page why the companion query's chart is missing (its fetch failed). */
  void companionFailed(String why) {
    this.companionFailure = why;
  }

  /** Writes the page of {@code summaries}, with {@code companionSummaries} those of the companion query. */
  void write(Summaries summaries, @Nullable Summaries companionSummaries) throws IOException {
    out.write(render(summaries, companionSummaries));
    out.flush();
  }

  String render(Summaries main, @Nullable Summaries companionSummaries) {
    BucketWidth width = query.effectiveBucketWidth();
    List<Slot> slots = slots(main, width, query.startTime(), query.endTime());
    UsageQuery<?> countQuery = companion != null && companionSummaries != null ? companion : query;
    Summaries counted = countQuery == query ? main : companionSummaries;
    List<ResultField> metrics = ResultFields.of(countQuery.endpoint().resultType()).metrics();
    ResultField metric = metrics.isEmpty() ? null : metrics.get(0);
    Map<String, BigDecimal> money = main.all.total().costs();
    String generator = Html.text(Commands.NAME + " " + Version.VERSION);
    String title = Commands.title(query.endpoint());

    StringBuilder charts = new StringBuilder();
    String xLabel = slotName(width, main) + " (UTC)";
    int chart = 0;
    for (String currency : money.keySet()) {
      String key = stackedField(query);
      writeChart(charts, "cost-chart" + (chart++ == 0 ? "" : "-" + chart), "money",
          "Cost per " + slotName(width, main) + (key == null ? "" : ", by " + key)
              + ", in " + currency, currency + " per " + slotName(width, main), xLabel,
          named(new Stack(slots, main, key != null, totals -> totals.costs().get(currency)), key),
          new SvgBarChart.Format() {
            @Override
            public String tick(BigDecimal value, BigDecimal step) {
              return value.setScale(Math.max(0, step.scale()), RoundingMode.HALF_UP).toPlainString();
            }

            @Override
            public String value(BigDecimal value) {
              return Numbers.money(value, currency);
            }
          });
    }
    if (metric != null) {
      BucketWidth countWidth = countQuery.effectiveBucketWidth();
      List<Slot> countSlots = countQuery == query ? slots
          : slots(counted, countWidth, countQuery.startTime(), countQuery.endTime());
      String key = stackedField(countQuery);
      String name = metric.name();
      writeChart(charts, "count-chart", "count", name + " per " + slotName(countWidth, counted)
              + (key == null ? "" : ", by " + key)
              + (countQuery == query ? "" : " (" + Commands.title(countQuery.endpoint()).toLowerCase(Locale.ROOT)
                  + ")")
              + (metric.role() == ResultField.Role.LEVEL ? ": a level, the sum of each bucket" : ""),
          name + " per " + slotName(countWidth, counted), slotName(countWidth, counted) + " (UTC)",
          named(new Stack(countSlots, counted, key != null, totals -> Summaries.metric(totals, name)), key),
          new SvgBarChart.Format() {
            @Override
            public String tick(BigDecimal value, BigDecimal step) {
              return compact(value, step);
            }

            @Override
            public String value(BigDecimal value) {
              return Numbers.grouped(value) + " " + name;
            }
          });
    }

    Map<String, String> page = new HashMap<>();
    page.put("generator", generator);
    page.put("title", Html.text(title));
    page.put("window", Html.text(windowText(slots)));
    page.put("buckets", slots.size() + (slots.size() == 1 ? " bucket of " : " buckets of ") + width.wireValue());
    page.put("css", resource("report.css"));
    page.put("query", query(main, companionSummaries));
    page.put("totals", totals(slots, main, money, metric, counted,
        countQuery == query ? null : Commands.title(countQuery.endpoint())));
    page.put("charts", charts.toString());
    page.put("top", top(main, money, metric));
    return fill(resource("report.html"), page);
  }

  /** {@code template} with each {@code {{name}}} replaced by its value, in one pass. */
  static String fill(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuffer filled = new StringBuffer(template.length() * 4);
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for " + matcher.group());
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(filled).toString();
  }

  static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String query(Summaries main, @Nullable Summaries companionSummaries) {
    long pages = main.pages;
    StringBuilder html = new StringBuilder();
    definition(html, "Endpoint", Commands.commandName(query.endpoint()) + " (GET /v1/" + query.endpoint().path() + ")");
    definition(html, "Window", Times.instant(query.startTime()) + " to "
        + (query.endTime() != null ? Times.instant(query.endTime()) : "now") + " (end exclusive)");
    definition(html, "Bucket width", query.effectiveBucketWidth().wireValue());
    List<String> groupBy = new ArrayList<>();
    for (GroupByField field : query.groupBy()) {
      groupBy.add(field.wireValue());
    }
    definition(html, "Group by", groupBy.isEmpty() ? "none" : Commands.join(groupBy));
    StringBuilder filters = new StringBuilder();
    for (Map.Entry<UsageFilter, List<String>> filter : query.filters().entrySet()) {
      filters.append(filters.length() == 0 ? "" : "; ").append(filter.getKey().wireValue()).append(" = ")
          .append(Commands.join(filter.getValue()));
    }
    if (query.batch() != null) {
      filters.append(filters.length() == 0 ? "" : "; ").append("batch = ").append(query.batch());
    }
    definition(html, "Filters", filters.length() == 0 ? "none" : filters.toString());
    List<String> unknown = new ArrayList<>();
    ResultFields declared = ResultFields.of(query.endpoint().resultType());
    for (String name : main.all.total().counts().keySet()) {
      if (declared.field(name) == null) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      definition(html, "Not known to this version", Commands.join(unknown)
          + " (counted under their JSON names; json has them whole)");
    }
    definition(html, "Pages", pages + (companion != null && companionSummaries != null
        ? "; and " + companionSummaries.pages + " of " + Commands.commandName(companion.endpoint())
            + " for the second chart" : ""));
    if (companionFailure != null) {
      definition(html, "Second chart", companionFailure);
    }
    return html.toString();
  }

  /** @param note what the metric counts when it comes from another endpoint; or null */
  private String totals(List<Slot> slots, Summaries main, Map<String, BigDecimal> money, @Nullable ResultField metric,
      Summaries counted, @Nullable String note) {
    StringBuilder html = new StringBuilder();
    for (Map.Entry<String, BigDecimal> amount : money.entrySet()) {
      card(html, "amount\" data-currency=\"" + Html.text(amount.getKey()), Numbers.plain(amount.getValue()),
          "Total cost", Numbers.money(amount.getValue(), amount.getKey()), null);
    }
    if (metric != null) {
      UsageTotals total = counted.all.total();
      if (metric.role() == ResultField.Role.LEVEL) {
        long latest = total.latest(metric.name());
        Long peak = total.peaks().get(metric.name());
        card(html, "count", Long.toString(latest), "Latest " + metric.name(),
            Numbers.grouped(BigDecimal.valueOf(latest)),
            "peak " + Numbers.grouped(BigDecimal.valueOf(peak == null ? 0L : peak)) + "; a level, never summed");
      } else {
        long count = total.count(metric.name());
        card(html, "count", Long.toString(count), "Total " + metric.name(),
            Numbers.grouped(BigDecimal.valueOf(count)), note);
      }
    }
    int withData = 0;
    long results = 0;
    for (Slot slot : slots) {
      if (slot.hasResults()) {
        withData++;
        results += slot.totals.results();
      }
    }
    String unit = slotName(query.effectiveBucketWidth());
    card(html, "buckets", null, main.bucketsPerSlot == 1 ? capitalise(unit) + "s with results"
        : "Slots of " + slotName(query.effectiveBucketWidth(), main) + " with results",
        withData + " of " + slots.size(), null);
    card(html, "results", null, "Results", Numbers.grouped(BigDecimal.valueOf(results)), null);
    return html.toString();
  }

  private static void card(StringBuilder html, String kind, @Nullable String total, String label, String value,
      @Nullable String note) {
    html.append("<div class=\"card\" data-kind=\"").append(kind).append('"')
        .append(total == null ? "" : " data-total=\"" + total + "\"").append("><span class=\"label\">")
        .append(Html.text(label)).append("</span><span class=\"value\">").append(Html.text(value)).append("</span>")
        .append(note == null ? "" : "<span class=\"note\">" + Html.text(note) + "</span>").append("</div>\n");
  }

  private static void writeChart(StringBuilder html, String id, String kind, String caption, String yLabel,
      String xLabel, Stack stack, SvgBarChart.Format format) {
    List<String> labels = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    boolean days = stack.slots.isEmpty() || stack.width == BucketWidth.ONE_DAY;
    for (Slot slot : stack.slots) {
      labels.add((days ? DAY_TICK : TIME_TICK).format(Instant.ofEpochSecond(slot.start)));
      titles.add(Times.label(slot.start, days));
    }
    List<String> colours = SvgBarChart.colours(stack.series, stack.hasOther ? OTHER : null);
    SvgBarChart chart = new SvgBarChart(id, yLabel, xLabel, labels, titles, stack.series, colours,
        stack.values, format);
    html.append("<section class=\"chart-section\" id=\"").append(id).append("-section\">\n<figure data-kind=\"")
        .append(kind).append("\">\n<figcaption><h2>").append(Html.text(caption)).append("</h2></figcaption>\n")
        .append("<div class=\"plot\">\n");
    chart.write(html, caption);
    html.append("</div>\n");
    List<String> totals = new ArrayList<>();
    for (BigDecimal total : stack.seriesTotals) {
      totals.add(format.value(total));
    }
    SvgBarChart.legend(html, stack.series, colours, totals);
    html.append("</figure>\n</section>\n");
  }

  /** The largest groups (or buckets, when the query is not grouped) by cost, or else by the metric. */
  private String top(Summaries main, Map<String, BigDecimal> money, @Nullable ResultField metric) {
    final String currency = money.isEmpty() ? null : money.keySet().iterator().next();
    if (currency == null && (metric == null || companion != null)) {
      return "";
    }
    Measure measure = currency != null ? totals -> totals.costs().get(currency)
        : totals -> Summaries.metric(totals, metric.name());
    List<String> columns = new ArrayList<>();
    Map<List<String>, BigDecimal> groups = new LinkedHashMap<>();
    if (query.groupBy().isEmpty()) {
      columns.add(slotName(query.effectiveBucketWidth(), main));
      boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
      for (Map.Entry<Long, UsageTotals> bucket : main.all.byBucket().entrySet()) {
        put(groups, Collections.singletonList(Times.label(bucket.getKey(), days)), measure.of(bucket.getValue()));
      }
    } else {
      for (GroupByField field : query.groupBy()) {
        columns.add(field.wireValue());
      }
      for (Map.Entry<List<String>, UsageSummary> group : main.groups.entrySet()) {
        put(groups, group.getKey(), measure.of(group.getValue().total()));
      }
    }
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal value : groups.values()) {
      total = total.add(value);
    }
    List<Map.Entry<List<String>, BigDecimal>> sorted = new ArrayList<>(groups.entrySet());
    Collections.sort(sorted, (a, b) -> {
      int bySize = b.getValue().compareTo(a.getValue());
      return bySize != 0 ? bySize : a.getKey().toString().compareTo(b.getKey().toString());
    });
    int shown = Math.min(TOP_N, sorted.size());
    boolean byBucket = query.groupBy().isEmpty();
    String what = currency != null ? "cost" : metric.name();
    StringBuilder html = new StringBuilder();
    html.append("<section id=\"top\">\n<h2>").append(Html.text("Largest " + (byBucket ? columns.get(0) + "s" : "groups")
        + " by " + what + (byBucket ? "" : " (" + Commands.join(columns) + ")") + ": top " + shown + " of "
        + sorted.size())).append("</h2>\n<div class=\"table-wrap\">\n<table>\n<thead><tr><th class=\"num\">#</th>");
    for (String column : columns) {
      html.append("<th>").append(Html.text(column)).append("</th>");
    }
    html.append("<th class=\"num\">").append(Html.text(currency != null ? "amount (" + currency + ")" : what))
        .append("</th><th class=\"num\">share</th></tr></thead>\n<tbody>\n");
    BigDecimal rest = total;
    for (int i = 0; i < shown; i++) {
      Map.Entry<List<String>, BigDecimal> group = sorted.get(i);
      rest = rest.subtract(group.getValue());
      html.append("<tr data-value=\"").append(Numbers.plain(group.getValue())).append("\"><td class=\"num\">")
          .append(i + 1).append("</td>");
      for (int c = 0; c < group.getKey().size(); c++) {
        String cell = group.getKey().get(c);
        html.append("<td class=\"id\">").append(Html.text(names.label(columns.get(c), cell))).append("</td>");
      }
      html.append("<td class=\"num\">").append(Html.text(display(group.getValue(), currency)))
          .append("</td><td class=\"num\">").append(share(group.getValue(), total)).append("</td></tr>\n");
    }
    html.append("</tbody>\n<tfoot>\n");
    if (sorted.size() > shown) {
      html.append("<tr class=\"rest\" data-value=\"").append(Numbers.plain(rest)).append("\"><td></td><td colspan=\"")
          .append(columns.size()).append("\">the other ").append(sorted.size() - shown).append("</td><td class=\"num\">")
          .append(Html.text(display(rest, currency))).append("</td><td class=\"num\">").append(share(rest, total))
          .append("</td></tr>\n");
    }
    html.append("<tr class=\"total\" data-value=\"").append(Numbers.plain(total)).append("\"><td></td><td colspan=\"")
        .append(columns.size()).append("\">total</td><td class=\"num\">").append(Html.text(display(total, currency)))
        .append("</td><td class=\"num\">").append(sorted.isEmpty() ? "" : "100%").append("</td></tr>\n")
        .append("</tfoot>\n</table>\n</div>\n");
    if (!byBucket && main.foldedGroups > 0) {
      html.append("<p class=\"note\">").append(Html.text(TableReport.folded(main))).append("</p>\n");
    }
    html.append("</section>\n");
    return html.toString();
  }

  private static void put(Map<List<String>, BigDecimal> groups, List<String> key, @Nullable BigDecimal value) {
    if (value != null) {
      BigDecimal sum = groups.get(key);
      groups.put(key, sum == null ? value : sum.add(value));
    }
  }

  private static String display(BigDecimal value, @Nullable String currency) {
    return currency != null ? Numbers.money(value, currency) : Numbers.grouped(value);
  }

  private static String share(BigDecimal value, BigDecimal total) {
    if (total.signum() == 0) {
      return "";
    }
    return value.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  private static void definition(StringBuilder html, String term, String value) {
    html.append("<dt>").append(Html.text(term)).append("</dt><dd>").append(Html.text(value)).append("</dd>\n");
  }

  /**
   * The buckets as they were sent, with a slot for every bucket missing between them (a gap in the
   * charts); with none sent, the empty slots of the window when it is known and not too long.
   */
  static List<Slot> slots(Summaries summaries, BucketWidth width, long start, @Nullable Long end) {
    List<Slot> slots = new ArrayList<>();
    long step = width.seconds() * summaries.bucketsPerSlot;
    if (summaries.first == null || summaries.last == null) {
      if (end != null && (end - start) / step <= MAX_EMPTY_SLOTS) {
        for (long t = start; t < end; t += step) {
          slots.add(new Slot(t, Math.min(t + step, end), null));
        }
      }
      return slots;
    }
    Long previousEnd = null;
    for (Map.Entry<Long, UsageTotals> bucket : summaries.all.byBucket().entrySet()) {
      long slotStart = bucket.getKey();
      if (previousEnd != null) {
        int added = 0;
        for (long t = previousEnd; t < slotStart && added < MAX_EMPTY_SLOTS; t += step, added++) {
          slots.add(new Slot(t, Math.min(t + step, slotStart), null));
        }
      }
      long slotEnd = Math.min(slotStart + step, summaries.last);
      slots.add(new Slot(slotStart, slotEnd, bucket.getValue()));
      previousEnd = slotEnd;
    }
    return slots;
  }

  private String windowText(List<Slot> slots) {
    boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    long from = slots.isEmpty() ? query.startTime() : slots.get(0).start;
    Long to = slots.isEmpty() ? query.endTime() : Long.valueOf(slots.get(slots.size() - 1).end);
    return Times.label(from, days) + " to " + (to == null ? "now" : Times.label(to, days)) + " UTC";
  }

  /** {@code stack}, its series shown as {@code name (id)} when they are the values of {@code project_id}. */
  private Stack named(Stack stack, @Nullable String stackedField) {
    if (ProjectNames.PROJECT_ID.equals(stackedField)) {
      stack.series.replaceAll(names::label);
    }
    return stack;
  }

  /** The field a chart of {@code query} stacks by: {@code model} when grouped by it, else the first group field. */
  static @Nullable String stackedField(UsageQuery<?> query) {
    if (query.groupBy().contains(GroupByField.MODEL)) {
      return GroupByField.MODEL.wireValue();
    }
    return query.groupBy().isEmpty() ? null : query.groupBy().get(0).wireValue();
  }

  /** The span of one slot of {@code summaries}: "day", or "7 days" when each adds up several buckets. */
  static String slotName(BucketWidth width, Summaries summaries) {
    return summaries.bucketsPerSlot == 1 ? slotName(width) : summaries.bucketsPerSlot + " " + slotName(width) + "s";
  }

  static String slotName(BucketWidth width) {
    return width == BucketWidth.ONE_MINUTE ? "minute" : width == BucketWidth.ONE_HOUR ? "hour" : "day";
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** 950, 1.5k, 12M, 3B: an axis tick, precise to its step. */
  static String compact(BigDecimal value, BigDecimal step) {
    String[] suffixes = {"", "k", "M", "B", "T"};
    int power = 0;
    BigDecimal magnitude = step.abs().max(value.abs());
    while (power < suffixes.length - 1 && magnitude.compareTo(BigDecimal.TEN.pow(3 * (power + 1))) >= 0) {
      power++;
    }
    BigDecimal scaled = value.scaleByPowerOfTen(-3 * power);
    BigDecimal scaledStep = step.scaleByPowerOfTen(-3 * power).stripTrailingZeros();
    return scaled.setScale(Math.max(0, scaledStep.scale()), RoundingMode.HALF_UP).toPlainString() + suffixes[power];
  }

  /** One bucket of a chart: a bucket that was sent (with its totals), or a gap (totals null). */
  static final class Slot {
    final long start;
    final long end;
    final @Nullable UsageTotals totals;

    Slot(long start, long end, @Nullable UsageTotals totals) {
      this.start = start;
      this.end = end;
      this.totals = totals;
    }

    boolean hasResults() {
      return totals != null && totals.results() > 0;
    }
  }

  /** The number a chart or table shows of some totals: an amount in one currency, or a metric; null if none. */
  interface Measure {
    @Nullable BigDecimal of(UsageTotals totals);
  }

  /**
   * The values of a chart: per slot and per series (the value of one group field), the largest
   * series first, those past {@link #MAX_SERIES} added up as "other". Exact: the values add up to
   * the measure of the whole window.
   */
  static final class Stack {
    final List<Slot> slots;
    final BucketWidth width;
    final List<String> series = new ArrayList<>();
    final List<BigDecimal> seriesTotals = new ArrayList<>();
    final BigDecimal[][] values;
    boolean hasOther;

    /** @param stacked whether to stack the values of the summaries' stacked field, or draw one series */
    Stack(List<Slot> slots, Summaries summaries, boolean stacked, Measure measure) {
      this.slots = slots;
      this.width = slots.isEmpty() || slots.get(0).end - slots.get(0).start >= BucketWidth.ONE_DAY.seconds()
          ? BucketWidth.ONE_DAY
          : slots.get(0).end - slots.get(0).start >= BucketWidth.ONE_HOUR.seconds()
              ? BucketWidth.ONE_HOUR : BucketWidth.ONE_MINUTE;
      Map<Long, Integer> index = new HashMap<>();
      for (int s = 0; s < slots.size(); s++) {
        index.put(slots.get(s).start, s);
      }
      Map<String, BigDecimal[]> bySeries = new TreeMap<>();
      Map<String, BigDecimal> totals = new HashMap<>();
      Map<String, UsageSummary> groups = stacked ? summaries.series : Collections.singletonMap("all", summaries.all);
      for (Map.Entry<String, UsageSummary> group : groups.entrySet()) {
        String name = group.getKey();
        for (Map.Entry<Long, UsageTotals> bucket : group.getValue().byBucket().entrySet()) {
          BigDecimal value = measure.of(bucket.getValue());
          Integer s = index.get(bucket.getKey());
          if (value == null || s == null) {
            continue;
          }
          BigDecimal[] row = bySeries.get(name);
          if (row == null) {
            row = new BigDecimal[slots.size()];
            bySeries.put(name, row);
            totals.put(name, BigDecimal.ZERO);
          }
          row[s] = row[s] == null ? value : row[s].add(value);
          totals.put(name, totals.get(name).add(value));
        }
      }
      List<String> names = new ArrayList<>(bySeries.keySet());
      Collections.sort(names, (a, b) -> {
        int bySize = totals.get(b).abs().compareTo(totals.get(a).abs());
        return bySize != 0 ? bySize : a.compareTo(b);
      });
      hasOther = names.size() > MAX_SERIES;
      int kept = hasOther ? MAX_SERIES - 1 : names.size();
      List<BigDecimal[]> rows = new ArrayList<>();
      for (int k = 0; k < kept; k++) {
        series.add(names.get(k));
        seriesTotals.add(totals.get(names.get(k)));
        rows.add(bySeries.get(names.get(k)));
      }
      if (hasOther) {
        BigDecimal[] other = new BigDecimal[slots.size()];
        BigDecimal otherTotal = BigDecimal.ZERO;
        for (int k = kept; k < names.size(); k++) {
          BigDecimal[] row = bySeries.get(names.get(k));
          for (int s = 0; s < row.length; s++) {
            if (row[s] != null) {
              other[s] = other[s] == null ? row[s] : other[s].add(row[s]);
            }
          }
          otherTotal = otherTotal.add(totals.get(names.get(k)));
        }
        String otherName = OTHER;
        while (series.contains(otherName)) {
          otherName = "(" + otherName + ")";
        }
        series.add(otherName);
        seriesTotals.add(otherTotal);
        rows.add(other);
      }
      values = new BigDecimal[slots.size()][];
      for (int s = 0; s < slots.size(); s++) {
        if (slots.get(s).hasResults()) {
          values[s] = new BigDecimal[series.size()];
          for (int k = 0; k < series.size(); k++) {
            values[s][k] = rows.get(k)[s];
          }
        }
      }
    }
  }
}
