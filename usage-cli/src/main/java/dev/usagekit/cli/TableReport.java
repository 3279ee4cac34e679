package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code --format table}: a summary for people, the answer first. The total of the window; then, when the query
 * is grouped, one table per {@code group_by} field (when there are several) and one per combination of their
 * values, largest first; then one line per bucket (all its results added up). The numbers are {@link
 * UsageSummary}'s: counts summed, exact money per currency (shown rounded to its minor unit, never summed across
 * currencies), and a level (vector stores' {@code usage_bytes}) never summed over time: its columns say {@code
 * (latest)} and {@code (peak)}. The line per result is {@code --format csv}'s job.
 *
 * <p>Columns: the bucket (or the {@code group_by} fields, in the order given; a project as {@code name (id)} when
 * its name is known), then the metrics, and the amount. Unless {@code --columns} names them, the metrics are those
 * that are no part of another ({@link ResultField#partOf()}: {@code input_tokens}, not {@code input_cached_tokens})
 * and not zero everywhere, in JSON order: a table a person reads stays narrow, and csv has every field.
 */
final class TableReport {
  private static final String TOTAL = "total";
  private static final String LATEST = " (latest)";
  private static final String PEAK = " (peak)";

  private final Writer out;
  /** The width the table's prose is wrapped to (the README's promise: about 120 columns). */
  static final int WIDTH = 120;

  private final UsageQuery<?> query;
  private final List<String> groupBy = new ArrayList<>();
  private final @Nullable List<String> columns;
  private final ProjectNames names;

  /**
   * @param columns the metrics of {@code --columns}, in their order, or null for the metrics that matter
   */
  TableReport(Writer out, UsageQuery<?> query, @Nullable List<String> columns, ProjectNames names) {
    this.out = out;
    this.query = query;
    this.columns = columns;
    this.names = names;
    for (GroupByField field : query.groupBy()) {
      groupBy.add(field.wireValue());
    }
  }

  void write(Summaries summaries) throws IOException {
    UsageTotals grand = summaries.all.total();
    line(title(summaries));
    if (summaries.first == null || grand.results() == 0) {
      line(Summaries.nothingFound(query));
      out.flush();
      return;
    }
    ResultFields fields = ResultFields.of(query.endpoint().resultType());
    List<String> counts = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    for (String name : metricNames(grand)) {
      ResultField field = fields.field(name);
      boolean shown = columns != null ? columns.contains(name) : field == null || field.partOf() == null;
      if (!shown) {
        hidden.add(name);
      } else if (grand.peaks().containsKey(name)) {
        levels.add(name);
      } else {
        counts.add(name);
      }
    }
    if (columns != null) {
      counts.clear();
      levels.clear();
      for (String name : columns) {
        (grand.peaks().containsKey(name) || isLevel(fields, name) ? levels : counts).add(name);
      }
    }
    List<String> header = new ArrayList<>(counts);
    for (String level : levels) {
      header.add(level + LATEST);
      header.add(level + PEAK);
    }
    boolean money = !grand.costs().isEmpty();
    if (money) {
      header.add("amount");
    }
    line("");
    line("Total: " + inWords(grand, counts, levels, money));
    List<String> total = new ArrayList<>();
    total.add(TOTAL);
    total.addAll(Collections.nCopies(Math.max(0, groupBy.size() - 1), ""));
    total.addAll(values(grand, counts, levels, money));
    String over = ", over the " + summaries.buckets() + (summaries.buckets() == 1 ? " bucket:" : " buckets:");
    if (groupBy.size() > 1) {
      for (String field : groupBy) {
        Map<List<String>, UsageTotals> perValue = new LinkedHashMap<>();
        for (Map.Entry<String, UsageTotals> group : summaries.all.groups(field).entrySet()) {
          perValue.put(Collections.singletonList(group.getKey()), group.getValue());
        }
        line("");
        line("Per " + field + over);
        Table perField = new Table(concat(Collections.singletonList(field), header), 1);
        for (Map.Entry<List<String>, UsageTotals> group : largestFirst(perValue, counts)) {
          perField.row(concat(labels(Collections.singletonList(field), group.getKey()),
              values(group.getValue(), counts, levels, money)));
        }
        perField.row(concat(Collections.singletonList(TOTAL), values(grand, counts, levels, money)));
        perField.write(out);
      }
    }
    if (!groupBy.isEmpty()) {
      Map<List<String>, UsageTotals> perGroup = new LinkedHashMap<>();
      for (Map.Entry<List<String>, UsageSummary> group : summaries.groups.entrySet()) {
        perGroup.put(group.getKey(), group.getValue().total());
      }
      line("");
      line("Per " + Commands.join(groupBy) + over);
      Table table = new Table(concat(groupBy, header), groupBy.size());
      for (Map.Entry<List<String>, UsageTotals> group : largestFirst(perGroup, counts)) {
        table.row(concat(labels(groupBy, group.getKey()), values(group.getValue(), counts, levels, money)));
      }
      table.row(total);
      table.write(out);
      if (summaries.foldedGroups > 0) {
        line(folded(summaries));
      }
    }
    line("");
    line(groupBy.isEmpty() ? "Per bucket:" : "Per bucket, all groups together:");
    if (summaries.bucketsPerSlot > 1) {
      line("Each line adds up " + summaries.bucketsPerSlot + " buckets of " + query.effectiveBucketWidth().wireValue()
          + " (at most " + Summaries.MAX_SLOTS + " lines; csv and json give every bucket).");
    }
    Table perBucket = new Table(concat(Collections.singletonList(summaries.bucketsPerSlot > 1 ? "from" : "bucket"),
        header), 1);
    boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    for (Map.Entry<Long, UsageTotals> bucket : summaries.all.byBucket().entrySet()) {
      List<String> cells = new ArrayList<>();
      cells.add(Times.label(bucket.getKey(), days));
      if (bucket.getValue().results() == 0) {
        cells.addAll(Collections.nCopies(header.size(), Summaries.NONE));
      } else {
        cells.addAll(values(bucket.getValue(), counts, levels, money));
      }
      perBucket.row(cells);
    }
    perBucket.row(concat(Collections.singletonList(TOTAL), values(grand, counts, levels, money)));
    perBucket.write(out);
    if (!levels.isEmpty()) {
      line("");
      line("A level (" + Commands.join(levels) + ") is not added up over time: its latest value and its peak.");
    }
    List<String> unknown = new ArrayList<>();
    for (String name : metricNames(grand)) {
      if (fields.field(name) == null) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      line("");
      line("Not known to this version (counted under their JSON names; json has them whole): "
          + Commands.join(unknown) + ".");
    }
    if (!hidden.isEmpty()) {
      line("");
      line("Not shown (" + Commands.COLUMNS + " shows them; csv and json have every field): "
          + Commands.join(hidden) + ".");
    }
    if (money) {
      line("");
      line("Amounts are rounded to the cent; csv and json give them exactly.");
    }
    out.flush();
  }

  /** The metrics with a value other than zero somewhere in the window, in the order the aggregator met them. */
  private static List<String> metricNames(UsageTotals grand) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Long> count : grand.counts().entrySet()) {
      if (count.getValue() != 0L) {
        names.add(count.getKey());
      }
    }
    for (Map.Entry<String, Long> peak : grand.peaks().entrySet()) {
      if (peak.getValue() != 0L) {
        names.add(peak.getKey());
      }
    }
    return names;
  }

  private static boolean isLevel(ResultFields fields, String name) {
    ResultField field = fields.field(name);
    return field != null && field.role() == ResultField.Role.LEVEL;
  }

  /** "1,234 input_tokens, 56 output_tokens; 12.30 usd": the grand total on one line. */
  private static String inWords(UsageTotals totals, List<String> counts, List<String> levels, boolean money) {
    List<String> parts = new ArrayList<>();
    List<String> cells = values(totals, counts, levels, money);
    int i = 0;
    for (String count : counts) {
      parts.add(cells.get(i++) + " " + count);
    }
    for (String level : levels) {
      parts.add(cells.get(i++) + " " + level + LATEST + ", " + cells.get(i++) + PEAK);
    }
    if (money) {
      parts.add(cells.get(i));
    }
    return Commands.join(parts);
  }

  /**
   * The cells of a group's values: a project or user id as {@code name (id)} when its name is known; beside other fields,
   * as its name alone when no other project has it (the table per project above pairs names with ids).
   */
  private List<String> labels(List<String> fields, List<String> values) {
    List<String> cells = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (!ProjectNames.PROJECT_ID.equals(fields.get(i))) {
        cells.add(names.label(fields.get(i), value)); // a user id as name (id) when its name is known
      } else if (fields.size() > 1 && names.isUnique(names.name(value))) {
        cells.add(names.name(value));
      } else {
        cells.add(names.label(value));
      }
    }
    return cells;
  }

  /** The line that says how many groups past the first {@link Summaries#MAX_GROUPS} were added up as one. */
  static String folded(Summaries summaries) {
    return (summaries.foldedGroups >= Summaries.MAX_GROUPS ? "At least " : "") + summaries.foldedGroups
        + " more groups past the first " + Summaries.MAX_GROUPS + " are added up as " + Summaries.OTHER
        + " (csv and json give them all).";
  }

  private String title(Summaries summaries) {
    StringBuilder title = new StringBuilder(Commands.commandName(query.endpoint()));
    if (summaries.first != null && summaries.last != null) {
      long buckets = summaries.buckets();
      title.append(": ").append(Times.label(summaries.first, false))
          .append(" to ").append(Times.label(summaries.last, false))
          .append(" UTC, ").append(buckets).append(buckets == 1 ? " bucket" : " buckets")
          .append(" of ").append(query.effectiveBucketWidth().wireValue());
    }
    if (!groupBy.isEmpty()) {
      title.append(", grouped by ").append(Commands.join(groupBy));
    }
    for (Map.Entry<UsageFilter, List<String>> filter : query.filters().entrySet()) {
      title.append(", ").append(filter.getKey().wireValue()).append('=')
          .append(Commands.join(filter.getValue()));
    }
    long pages = summaries.pages;
    title.append(" (").append(pages).append(pages == 1 ? " page)" : " pages)");
    return title.toString();
  }

  /** The value cells of a line: blank where the line has no such metric. */
  private static List<String> values(UsageTotals totals, List<String> counts, List<String> levels, boolean money) {
    List<String> cells = new ArrayList<>();
    for (String count : counts) {
      Long value = totals.counts().get(count);
      cells.add(value == null ? "" : Numbers.grouped(BigDecimal.valueOf(value)));
    }
    for (String level : levels) {
      Long latest = totals.latest().get(level);
      cells.add(latest == null ? "" : Numbers.grouped(BigDecimal.valueOf(latest)));
      cells.add(latest == null ? "" : Numbers.grouped(BigDecimal.valueOf(totals.peaks().get(level))));
    }
    if (money) {
      StringBuilder amounts = new StringBuilder();
      for (Map.Entry<String, BigDecimal> amount : totals.costs().entrySet()) {
        amounts.append(amounts.length() == 0 ? "" : " + ").append(Numbers.money(amount.getValue(), amount.getKey()));
      }
      cells.add(amounts.toString());
    }
    return cells;
  }

  /** Largest first: by amount when there is money, else by the first count shown. */
  private static List<Map.Entry<List<String>, UsageTotals>> largestFirst(Map<List<String>, UsageTotals> groups,
      List<String> counts) {
    List<Map.Entry<List<String>, UsageTotals>> sorted = new ArrayList<>(groups.entrySet());
    final String first = counts.isEmpty() ? null : counts.get(0);
    Collections.sort(sorted, (a, b) -> {
      int bySize = size(b.getValue(), first).compareTo(size(a.getValue(), first));
      return bySize != 0 ? bySize : a.getKey().toString().compareTo(b.getKey().toString());
    });
    return sorted;
  }

  private static BigDecimal size(UsageTotals totals, @Nullable String count) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal amount : totals.costs().values()) {
      sum = sum.add(amount);
    }
    return !totals.costs().isEmpty() || count == null ? sum : BigDecimal.valueOf(totals.count(count));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** A line of prose, wrapped at spaces to {@link #WIDTH} columns (a word longer than that stays whole). */
  private void line(String text) throws IOException {
    String rest = text;
    while (rest.length() > WIDTH) {
      int space = rest.lastIndexOf(' ', WIDTH);
      if (space <= 0) {
        space = rest.indexOf(' ', WIDTH);
        if (space < 0) {
          break;
        }
      }
      out.write(rest.substring(0, space));
      out.write('\n');
      rest = rest.substring(space + 1);
    }
    out.write(rest);
    out.write('\n');
  }

  /** Aligned columns: text on the left, numbers on the right, two spaces apart. */
  private static final class Table {
    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    /** The first {@code textColumns} columns are left-aligned, the others right-aligned. */
    Table(List<String> header, int textColumns) {
      this.header = header;
      this.textColumns = textColumns;
    }

    void row(List<String> cells) {
      List<String> printable = new ArrayList<>(cells.size());
      for (String cell : cells) {
        printable.add(Printable.visible(cell));
      }
      rows.add(printable);
    }

    /** Writes the header, a rule and the rows; a column that is blank in every row is left out. */
    void write(Writer out) throws IOException {
      int[] widths = new int[header.size()];
      for (List<String> row : rows) {
        measure(widths, row);
      }
      for (int i = textColumns; i < widths.length; i++) {
        if (widths[i] == 0) {
          widths[i] = -1;
        }
      }
      measure(widths, header);
      writeRow(out, widths, header);
      List<String> rule = new ArrayList<>();
      for (int width : widths) {
        rule.add(repeat('-', Math.max(width, 0)));
      }
      writeRow(out, widths, rule);
      for (List<String> row : rows) {
        writeRow(out, widths, row);
      }
    }

    /** Widens the columns to fit {@code cells}; a column marked left out (-1) stays so. */
    private static void measure(int[] widths, List<String> cells) {
      for (int i = 0; i < cells.size() && i < widths.length; i++) {
        if (widths[i] >= 0) {
          widths[i] = Math.max(widths[i], cells.get(i).length());
        }
      }
    }

    private void writeRow(Writer out, int[] widths, List<String> cells) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        if (widths[i] < 0) {
          continue;
        }
        String cell = i < cells.size() ? cells.get(i) : "";
        if (line.length() > 0 || i > 0) {
          line.append("  ");
        }
        boolean right = i >= textColumns;
        if (right) {
          line.append(repeat(' ', widths[i] - cell.length())).append(cell);
        } else {
          line.append(cell).append(repeat(' ', widths[i] - cell.length()));
        }
      }
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      out.write(line.substring(0, end));
      out.write('\n');
    }

    private static String repeat(char c, int count) {
      StringBuilder text = new StringBuilder(Math.max(count, 0));
      for (int i = 0; i < count; i++) {
        text.append(c);
      }
      return text.toString();
    }
  }
}
