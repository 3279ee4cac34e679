package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.UsageStreams;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * {@code --format html}: one self-contained HTML page (inline CSS, inline SVG charts, no script, no
 * external reference of any kind; a Content-Security-Policy forbids loading anything), to open in a
 * browser, print, mail or archive.
 *
 * <p>It shows the query and its window; the totals; the amount per bucket, stacked by the first
 * {@code group_by} field (project for the demo), one chart per currency; the endpoint's main count
 * per bucket (tokens for completions), stacked by model; and the largest groups. A bucket without
 * results is a gap in the charts, never left out. Sums are exact ({@link BigDecimal}); amounts are
 * rounded only where they are shown, and every bar segment carries its exact value in {@code
 * data-value}, so that the charts add up to the totals.
 *
 * <p>A costs report has no token counts: for its second chart the report also fetches the
 * completions usage of the same window, grouped by model ({@link #fetchCompanion}).
 */
final class HtmlReport implements Report {
  static final int TOP_N = 10;
  /** Series drawn in a chart: the largest seven, and "other" for the rest. */
  static final int MAX_SERIES = 8;
  static final String OTHER = "other";

  private static final DateTimeFormatter DAY_TICK =
      DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_TICK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Buckets drawn at most when a window has none to show where the gaps are. */
  private static final int MAX_EMPTY_SLOTS = 1500;

  private final Writer out;
  private final UsageQuery<UsageResult> query;
  private final @Nullable UsageQuery<UsageResult> companion;
  private final Notes notes;
  private final List<Collected> buckets = new ArrayList<>();
  private final List<Collected> companionBuckets = new ArrayList<>();
  private int pages;
  private int companionPages;

  HtmlReport(Writer out, UsageQuery<UsageResult> query, Notes notes) {
    this.out = out;
    this.query = query;
    this.notes = notes;
    this.companion = companionOf(query);
  }

  /**
   * The second query of a costs report: completions usage over the same window, per day, grouped
   * by model, with the same project filter; null for the other endpoints (their own results hold
   * their counts).
   */
  static @Nullable UsageQuery<UsageResult> companionOf(UsageQuery<UsageResult> query) {
    if (query.endpoint() != UsageEndpoint.COSTS) {
      return null;
    }
    UsageQuery.AnyEndpointBuilder builder = UsageQuery.builder(UsageEndpoint.COMPLETIONS)
        .startTime(query.startTime())
        .bucketWidth(BucketWidth.ONE_DAY)
        .limit(UsageEndpoint.COMPLETIONS.maxLimit(BucketWidth.ONE_DAY))
        .groupBy(GroupByField.MODEL);
    if (query.endTime() != null) {
      builder.endTime(query.endTime());
    }
    List<String> projects = query.filter(UsageFilter.PROJECT_IDS);
    if (!projects.isEmpty()) {
      builder.filter(UsageFilter.PROJECT_IDS, projects);
    }
    return builder.build();
  }

  @Override
  public void page(UsageResponse page, @Nullable byte[] body) {
    pages++;
    collect(page, buckets);
  }

  /** Fetches every page of the {@linkplain #companionOf companion query}, if there is one. */
  void fetchCompanion(UsageStreams streams) {
    if (companion == null) {
      return;
    }
    streams.pages(companion).blockingForEach(page -> {
      companionPages++;
      collect(page, companionBuckets);
    }, 1);
  }

  /** The companion's pages, for tests that feed them without a server. */
  void companionPage(UsageResponse page) {
    companionPages++;
    collect(page, companionBuckets);
  }

  private void collect(UsageResponse page, List<Collected> into) {
    for (UsageTimeBucket bucket : page.data()) {
      Collected collected = new Collected(bucket.startTime(), bucket.endTime());
      for (UsageResult result : bucket.results()) {
        if (into == buckets) {
          notes.result(result);
        }
        collected.results.add(ResultFields.of(result));
      }
      into.add(collected);
    }
  }

  @Override
  public void finish() throws IOException {
    out.write(render());
    out.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // The page.

  String render() {
    BucketWidth width = query.effectiveBucketWidth();
    List<Slot> slots = slots(buckets, width, query.startTime(), query.endTime());
    String title = title(query.endpoint());
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"generator\" content=\"").append(Html.text(Commands.NAME + " " + Version.VERSION))
        .append("\">\n<title>").append(Html.text(title + ", " + windowText(slots))).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    html.append("<header>\n<h1>").append(Html.text(title)).append("</h1>\n<p class=\"sub\">")
        .append(Html.text(windowText(slots))).append(" · ").append(slots.size())
        .append(slots.size() == 1 ? " bucket of " : " buckets of ").append(width.wireValue()).append("</p>\n</header>\n");

    Map<String, BigDecimal> money = moneyTotals(buckets);
    UsageQuery<UsageResult> countQuery = companion != null ? companion : query;
    List<Collected> countBuckets = companion != null ? companionBuckets : buckets;
    Measure measure = Measure.of(countQuery.endpoint());

    writeQuery(html, slots);
    writeTotals(html, slots, money, measure, countBuckets);
    String xLabel = slotName(width) + " (UTC)";
    int chart = 0;
    for (Map.Entry<String, BigDecimal> currency : money.entrySet()) {
      String key = query.groupBy().isEmpty() ? null : query.groupBy().get(0).wireValue();
      writeMoneyChart(html, "cost-chart" + (chart++ == 0 ? "" : "-" + chart), slots, key, currency.getKey(),
          xLabel, width);
    }
    if (measure != null) {
      List<Slot> countSlots = companion != null
          ? slots(companionBuckets, BucketWidth.ONE_DAY, companion.startTime(), companion.endTime())
          : slots;
      String key = countQuery.groupBy().contains(GroupByField.MODEL) ? GroupByField.MODEL.wireValue()
          : countQuery.groupBy().isEmpty() ? null : countQuery.groupBy().get(0).wireValue();
      writeCountChart(html, countSlots, key, measure,
          companion != null ? slotName(BucketWidth.ONE_DAY) + " (UTC)" : xLabel,
          companion != null ? BucketWidth.ONE_DAY : width);
    }
    writeTop(html, slots, money, Measure.of(query.endpoint()));
    html.append("<footer>\n<p>Made by ").append(Html.text(Commands.NAME + " " + Version.VERSION))
        .append(" (usagekit). Amounts are exact in the charts' data and rounded to the cent where shown; ")
        .append("<code>--format csv</code> and <code>--format json</code> give every result exactly. ")
        .append("Times are UTC. This file is self-contained: it loads nothing.</p>\n</footer>\n")
        .append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private void writeQuery(StringBuilder html, List<Slot> slots) {
    html.append("<section id=\"query\">\n<h2>Query</h2>\n<dl>\n");
    definition(html, "Endpoint", Commands.commandName(query.endpoint()) + " (GET /v1/" + query.endpoint().path() + ")");
    definition(html, "Window", Times.instant(query.startTime()) + " to "
        + (query.endTime() != null ? Times.instant(query.endTime()) : "now") + " (end exclusive)");
    definition(html, "Bucket width", query.effectiveBucketWidth().wireValue());
    List<String> groupBy = wire(query.groupBy());
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
    definition(html, "Pages", pages + (companion != null
        ? "; and " + companionPages + " of completions (grouped by model) for the token chart" : ""));
    html.append("</dl>\n</section>\n");
  }

  private void writeTotals(StringBuilder html, List<Slot> slots, Map<String, BigDecimal> money,
      @Nullable Measure measure, List<Collected> countBuckets) {
    html.append("<section id=\"totals\">\n<h2>Totals</h2>\n<div class=\"cards\">\n");
    for (Map.Entry<String, BigDecimal> amount : money.entrySet()) {
      html.append("<div class=\"card\" data-kind=\"amount\" data-currency=\"").append(Html.text(amount.getKey()))
          .append("\" data-total=\"").append(Numbers.plain(amount.getValue())).append("\">")
          .append("<span class=\"label\">Total cost</span><span class=\"value\">")
          .append(Html.text(Numbers.money(amount.getValue(), amount.getKey()))).append("</span></div>\n");
    }
    if (measure != null) {
      BigDecimal total = BigDecimal.ZERO;
      for (Collected bucket : countBuckets) {
        for (Map<String, Object> result : bucket.results) {
          BigDecimal value = measure.value(result);
          total = value == null ? total : total.add(value);
        }
      }
      html.append("<div class=\"card\" data-kind=\"count\" data-total=\"").append(Numbers.plain(total))
          .append("\"><span class=\"label\">Total ").append(Html.text(measure.unit)).append("</span>")
          .append("<span class=\"value\">").append(Html.text(Numbers.grouped(total))).append("</span>")
          .append("<span class=\"note\">").append(Html.text(measure.description
              + (companion != null ? ", completions" : ""))).append("</span></div>\n");
    }
    int withData = 0;
    int results = 0;
    for (Slot slot : slots) {
      if (slot.hasResults()) {
        withData++;
        results += slot.bucket.results.size();
      }
    }
    String unit = slotName(query.effectiveBucketWidth());
    html.append("<div class=\"card\" data-kind=\"buckets\"><span class=\"label\">").append(capitalise(unit))
        .append("s with results</span><span class=\"value\">").append(withData).append(" of ")
        .append(slots.size()).append("</span></div>\n");
    html.append("<div class=\"card\" data-kind=\"results\"><span class=\"label\">Results</span>")
        .append("<span class=\"value\">").append(Numbers.grouped(BigDecimal.valueOf(results)))
        .append("</span></div>\n");
    html.append("</div>\n</section>\n");
  }

  private void writeMoneyChart(StringBuilder html, String id, List<Slot> slots, @Nullable String key,
      final String currency, String xLabel, BucketWidth width) {
    Stack stack = new Stack(slots, key, new Measure(currency, "") {
      @Override
      @Nullable BigDecimal value(Map<String, Object> result) {
        Object amount = result.get(ResultFields.AMOUNT);
        Object resultCurrency = result.get(ResultFields.CURRENCY);
        String c = resultCurrency == null ? "?" : resultCurrency.toString();
        return amount instanceof BigDecimal && c.equals(currency) ? (BigDecimal) amount : null;
      }
    });
    String per = slotName(width);
    String caption = "Cost per " + per + (key == null ? "" : ", by " + key) + ", in " + currency;
    SvgBarChart.Format format = new SvgBarChart.Format() {
      @Override
      public String tick(BigDecimal value, BigDecimal step) {
        return value.setScale(Math.max(0, step.scale()), RoundingMode.HALF_UP).toPlainString();
      }

      @Override
      public String value(BigDecimal value) {
        return Numbers.money(value, currency);
      }
    };
    writeChart(html, id, "money", caption, currency + " per " + per, xLabel, stack, format);
  }

  private void writeCountChart(StringBuilder html, List<Slot> slots, @Nullable String key, final Measure measure,
      String xLabel, BucketWidth width) {
    Stack stack = new Stack(slots, key, measure);
    String per = slotName(width);
    String caption = capitalise(measure.unit) + " per " + per + (key == null ? "" : ", by " + key)
        + (companion != null ? " (completions usage)" : "") + ": " + measure.description;
    SvgBarChart.Format format = new SvgBarChart.Format() {
      @Override
      public String tick(BigDecimal value, BigDecimal step) {
        return compact(value, step);
      }

      @Override
      public String value(BigDecimal value) {
        return Numbers.grouped(value) + " " + measure.unit;
      }
    };
    writeChart(html, "count-chart", "count", caption, measure.unit + " per " + per, xLabel, stack, format);
  }

  private void writeChart(StringBuilder html, String id, String kind, String caption, String yLabel,
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
        .append(kind).append("\">\n<figcaption><h2>").append(Html.text(caption)).append("</h2></figcaption>\n");
    html.append("<div class=\"plot\">\n");
    chart.write(html, caption);
    html.append("</div>\n");
    List<String> totals = new ArrayList<>();
    for (BigDecimal total : stack.seriesTotals) {
      totals.add(format.value(total));
    }
    SvgBarChart.legend(html, stack.series, colours, totals);
    html.append("</figure>\n</section>\n");
  }

  private void writeTop(StringBuilder html, List<Slot> slots, Map<String, BigDecimal> money,
      @Nullable Measure count) {
    final String currency = money.isEmpty() ? null : money.keySet().iterator().next();
    List<String> columns = wire(query.groupBy());
    boolean byBucket = columns.isEmpty();
    if (byBucket) {
      columns = Collections.singletonList(slotName(query.effectiveBucketWidth()));
    }
    Measure measure = currency != null ? new Measure(currency, "") {
      @Override
      @Nullable BigDecimal value(Map<String, Object> result) {
        Object amount = result.get(ResultFields.AMOUNT);
        Object c = result.get(ResultFields.CURRENCY);
        return amount instanceof BigDecimal && currency.equals(c == null ? "?" : c.toString())
            ? (BigDecimal) amount : null;
      }
    } : count;
    if (measure == null) {
      return;
    }
    Map<List<String>, BigDecimal> groups = new LinkedHashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    for (Slot slot : slots) {
      if (slot.bucket == null) {
        continue;
      }
      for (Map<String, Object> result : slot.bucket.results) {
        BigDecimal value = measure.value(result);
        if (value == null) {
          continue;
        }
        List<String> key = new ArrayList<>();
        if (byBucket) {
          key.add(Times.label(slot.start, days));
        } else {
          for (String field : columns) {
            Object v = result.get(field);
            key.add(v == null ? "-" : v.toString());
          }
        }
        BigDecimal sum = groups.get(key);
        groups.put(key, sum == null ? value : sum.add(value));
        total = total.add(value);
      }
    }
    List<Map.Entry<List<String>, BigDecimal>> sorted = new ArrayList<>(groups.entrySet());
    Collections.sort(sorted, new Comparator<Map.Entry<List<String>, BigDecimal>>() {
      @Override
      public int compare(Map.Entry<List<String>, BigDecimal> a, Map.Entry<List<String>, BigDecimal> b) {
        int bySize = b.getValue().compareTo(a.getValue());
        return bySize != 0 ? bySize : a.getKey().toString().compareTo(b.getKey().toString());
      }
    });
    int shown = Math.min(TOP_N, sorted.size());
    String what = currency != null ? "cost" : measure.unit;
    html.append("<section id=\"top\">\n<h2>").append(Html.text("Largest " + (byBucket ? columns.get(0) + "s" : "groups")
        + " by " + what + (byBucket ? "" : " (" + Commands.join(columns) + ")") + ": top " + shown + " of "
        + sorted.size())).append("</h2>\n<div class=\"table-wrap\">\n<table>\n<thead><tr><th class=\"num\">#</th>");
    for (String column : columns) {
      html.append("<th>").append(Html.text(column)).append("</th>");
    }
    String unit = currency != null ? currency : measure.unit;
    html.append("<th class=\"num\">").append(Html.text(currency != null ? "amount (" + currency + ")" : unit))
        .append("</th><th class=\"num\">share</th></tr></thead>\n<tbody>\n");
    BigDecimal rest = total;
    for (int i = 0; i < shown; i++) {
      Map.Entry<List<String>, BigDecimal> group = sorted.get(i);
      rest = rest.subtract(group.getValue());
      html.append("<tr data-value=\"").append(Numbers.plain(group.getValue())).append("\"><td class=\"num\">")
          .append(i + 1).append("</td>");
      for (String cell : group.getKey()) {
        html.append("<td class=\"id\">").append(Html.text(cell)).append("</td>");
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
        .append("</tfoot>\n</table>\n</div>\n</section>\n");
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

  // ---------------------------------------------------------------------------------------------
  // The data.

  private static Map<String, BigDecimal> moneyTotals(List<Collected> buckets) {
    Map<String, BigDecimal> money = new TreeMap<>();
    for (Collected bucket : buckets) {
      for (Map<String, Object> result : bucket.results) {
        Object amount = result.get(ResultFields.AMOUNT);
        if (amount instanceof BigDecimal) {
          Object currency = result.get(ResultFields.CURRENCY);
          String key = currency == null ? "?" : currency.toString();
          BigDecimal sum = money.get(key);
          money.put(key, sum == null ? (BigDecimal) amount : sum.add((BigDecimal) amount));
        }
      }
    }
    return money;
  }

  /**
   * The buckets as they were sent, with a slot for every bucket missing between them (a gap in the
   * charts); with none sent, the empty slots of the window when it is known and not too long.
   */
  static List<Slot> slots(List<Collected> buckets, BucketWidth width, long start, @Nullable Long end) {
    List<Slot> slots = new ArrayList<>();
    long step = width.seconds();
    if (buckets.isEmpty()) {
      if (end != null && (end - start) / step <= MAX_EMPTY_SLOTS) {
        for (long t = start; t < end; t += step) {
          slots.add(new Slot(t, Math.min(t + step, end), null));
        }
      }
      return slots;
    }
    Collected previous = null;
    for (Collected bucket : buckets) {
      if (previous != null) {
        int added = 0;
        for (long t = previous.end; t < bucket.start && added < MAX_EMPTY_SLOTS; t += step, added++) {
          slots.add(new Slot(t, Math.min(t + step, bucket.start), null));
        }
      }
      slots.add(new Slot(bucket.start, bucket.end, bucket));
      previous = bucket;
    }
    return slots;
  }

  private static String title(UsageEndpoint endpoint) {
    String words = Commands.commandName(endpoint).replace('-', ' ');
    String sentence = capitalise(words);
    return endpoint == UsageEndpoint.COSTS ? "Costs" : sentence + " usage";
  }

  private String windowText(List<Slot> slots) {
    boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    long from = slots.isEmpty() ? query.startTime() : slots.get(0).start;
    Long to = slots.isEmpty() ? query.endTime() : Long.valueOf(slots.get(slots.size() - 1).end);
    return Times.label(from, days) + " to " + (to == null ? "now" : Times.label(to, days)) + " UTC";
  }

  static String slotName(BucketWidth width) {
    switch (width) {
      case ONE_MINUTE:
        return "minute";
      case ONE_HOUR:
        return "hour";
      case ONE_DAY:
      default:
        return "day";
    }
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static List<String> wire(List<GroupByField> fields) {
    List<String> names = new ArrayList<>();
    for (GroupByField field : fields) {
      names.add(field.wireValue());
    }
    return names;
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

  /** A bucket as sent: its edges and its results' fields. */
  static final class Collected {
    final long start;
    final long end;
    final List<Map<String, Object>> results = new ArrayList<>();

    Collected(long start, long end) {
      this.start = start;
      this.end = end;
    }
  }

  /** One bucket of a chart: a bucket that was sent, or a gap (bucket null). */
  static final class Slot {
    final long start;
    final long end;
    final @Nullable Collected bucket;

    Slot(long start, long end, @Nullable Collected bucket) {
      this.start = start;
      this.end = end;
      this.bucket = bucket;
    }

    boolean hasResults() {
      return bucket != null && !bucket.results.isEmpty();
    }
  }

  /** The number a chart shows of each result, with its unit. */
  static class Measure {
    final String unit;
    final String description;
    private final List<String> fields;

    Measure(String unit, String description, String... fields) {
      this.unit = unit;
      this.description = description;
      this.fields = Arrays.asList(fields);
    }

    /** The main count of an endpoint's results (tokens for completions); null for costs. */
    static @Nullable Measure of(UsageEndpoint endpoint) {
      switch (endpoint) {
        case COMPLETIONS:
          return new Measure("tokens", "input + output tokens", "input_tokens", "output_tokens");
        case EMBEDDINGS:
        case MODERATIONS:
          return new Measure("tokens", "input tokens", "input_tokens");
        case IMAGES:
          return new Measure("images", "images generated", "images");
        case AUDIO_SPEECHES:
          return new Measure("characters", "characters of input", "characters");
        case AUDIO_TRANSCRIPTIONS:
          return new Measure("seconds", "seconds of audio", "seconds");
        case VECTOR_STORES:
          return new Measure("bytes", "bytes stored", "usage_bytes");
        case CODE_INTERPRETER_SESSIONS:
          return new Measure("sessions", "code interpreter sessions", "num_sessions");
        case FILE_SEARCH_CALLS:
        case WEB_SEARCH_CALLS:
          return new Measure("calls", "tool calls", "num_requests");
        case COSTS:
        default:
          return null;
      }
    }

    /** The sum of this measure's fields in {@code result}; null when it has none of them. */
    @Nullable BigDecimal value(Map<String, Object> result) {
      BigDecimal sum = null;
      for (String field : fields) {
        Object value = result.get(field);
        if (value instanceof BigDecimal) {
          sum = sum == null ? (BigDecimal) value : sum.add((BigDecimal) value);
        }
      }
      return sum;
    }
  }

  /**
   * The values of a chart: per slot and per series (the value of the key field), the largest
   * series first, those past {@link #MAX_SERIES} added up as "other". Exact: the values add up to
   * the sum of the measure over every result.
   */
  static final class Stack {
    final List<Slot> slots;
    final BucketWidth width;
    final List<String> series = new ArrayList<>();
    final List<BigDecimal> seriesTotals = new ArrayList<>();
    final BigDecimal[][] values;
    boolean hasOther;

    Stack(List<Slot> slots, @Nullable String key, Measure measure) {
      this.slots = slots;
      this.width = widthOf(slots);
      final Map<String, BigDecimal[]> bySeries = new LinkedHashMap<>();
      final Map<String, BigDecimal> totals = new LinkedHashMap<>();
      for (int s = 0; s < slots.size(); s++) {
        Slot slot = slots.get(s);
        if (slot.bucket == null) {
          continue;
        }
        for (Map<String, Object> result : slot.bucket.results) {
          BigDecimal value = measure.value(result);
          if (value == null) {
            continue;
          }
          Object name = key == null ? "all" : result.get(key);
          String series = name == null ? "(none)" : name.toString();
          BigDecimal[] row = bySeries.get(series);
          if (row == null) {
            row = new BigDecimal[slots.size()];
            bySeries.put(series, row);
            totals.put(series, BigDecimal.ZERO);
          }
          row[s] = row[s] == null ? value : row[s].add(value);
          totals.put(series, totals.get(series).add(value));
        }
      }
      List<String> names = new ArrayList<>(bySeries.keySet());
      Collections.sort(names, new Comparator<String>() {
        @Override
        public int compare(String a, String b) {
          int bySize = totals.get(b).abs().compareTo(totals.get(a).abs());
          return bySize != 0 ? bySize : a.compareTo(b);
        }
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
        if (!slots.get(s).hasResults()) {
          continue;
        }
        values[s] = new BigDecimal[series.size()];
        for (int k = 0; k < series.size(); k++) {
          values[s][k] = rows.get(k)[s];
        }
      }
    }

    private static BucketWidth widthOf(List<Slot> slots) {
      if (slots.isEmpty()) {
        return BucketWidth.ONE_DAY;
      }
      long seconds = slots.get(0).end - slots.get(0).start;
      return seconds >= BucketWidth.ONE_DAY.seconds() ? BucketWidth.ONE_DAY
          : seconds >= BucketWidth.ONE_HOUR.seconds() ? BucketWidth.ONE_HOUR : BucketWidth.ONE_MINUTE;
    }
  }

  private static final String CSS = ""
      + ":root{--fg:#1d232b;--muted:#5b6573;--line:#d9dee5;--bg:#fff;--card:#f5f7fa;}\n"
      + "*{box-sizing:border-box}\n"
      + "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
      + "body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"
      + "\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\",\"Liberation Sans\",sans-serif}\n"
      + "main{max-width:1080px;margin:0 auto;padding:24px 20px 40px}\n"
      + "h1{font-size:1.7em;margin:0 0 2px}h2{font-size:1.1em;margin:0 0 10px}\n"
      + ".sub{color:var(--muted);margin:0 0 18px}\n"
      + "section{margin:0 0 26px}\n"
      + "dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}\n"
      + "dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}\n"
      + ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px}\n"
      + ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}\n"
      + ".card .label{display:block;color:var(--muted);font-size:.85em}\n"
      + ".card .value{display:block;font-size:1.45em;font-weight:600;font-variant-numeric:tabular-nums}\n"
      + ".card .note{display:block;color:var(--muted);font-size:.8em}\n"
      + "figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:14px 14px 8px}\n"
      + "figcaption h2{margin-bottom:6px}\n"
      + "svg.chart{display:block;width:100%;height:auto;font-family:inherit}\n"
      + "svg.chart .tick{font-size:11px;fill:var(--muted);font-variant-numeric:tabular-nums}\n"
      + "svg.chart .axis-label{font-size:12px;fill:var(--fg)}\n"
      + "svg.chart .empty{font-size:14px;fill:var(--muted)}\n"
      + "svg.chart .grid{stroke:#e6e9ee;stroke-width:1}svg.chart .grid.zero,svg.chart .axis{stroke:#8a93a0}\n"
      + "svg.chart .gap{fill:none;stroke:#b5bcc6;stroke-dasharray:2 2}\n"
      + ".legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9em}\n"
      + ".legend li{display:flex;align-items:center;gap:6px;min-width:0}\n"
      + ".legend .swatch{width:12px;height:12px;flex:none}\n"
      + ".legend .name{overflow-wrap:anywhere}.legend .num{color:var(--muted);white-space:nowrap}\n"
      + ".table-wrap{overflow-x:auto}\n"
      + "table{border-collapse:collapse;width:100%;font-size:.92em}\n"
      + "th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}\n"
      + "th{color:var(--muted);font-weight:600}\n"
      + "td.id{overflow-wrap:anywhere;word-break:break-word}\n"
      + ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
      + "tfoot td{font-weight:600}tfoot tr.rest td{font-weight:400;color:var(--muted)}\n"
      + "footer{color:var(--muted);font-size:.85em;border-top:1px solid var(--line);padding-top:10px}\n"
      + "code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\",monospace;font-size:.92em}\n"
      + ".plot{overflow-x:auto}\n"
      + "@media (max-width:640px){body{font-size:14px}main{padding:14px 10px 28px}svg.chart{min-width:560px}"
      + "dl{grid-template-columns:1fr}dd{margin-bottom:6px}figure{padding:8px 6px 6px}"
      + "th,td{padding:4px 5px}}\n"
      + "@media print{body{font-size:10pt}main{max-width:none;padding:0}"
      + "section,figure,tr{break-inside:avoid;page-break-inside:avoid}"
      + ".card,figure{border-color:#999}.table-wrap{overflow:visible}@page{margin:14mm}}\n";
}
