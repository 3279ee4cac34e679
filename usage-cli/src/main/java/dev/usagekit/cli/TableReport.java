package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code --format table}: a summary for people. One line per bucket (all its results added up); when
 * the query is grouped, then one line per group over the whole window, largest first; and the grand
 * total. The numbers are {@link UsageSummary}'s: counts summed, exact money per currency (shown rounded to its
 * minor unit, never summed across currencies), and a level (vector stores' {@code usage_bytes}) never summed over
 * time: its columns say {@code (latest)} and {@code (peak)}. The line per result is {@code --format csv}'s job.
 *
 * <p>Columns: the bucket (or the {@code group_by} fields, in the order given), then every metric that is not zero
 * somewhere in the report, in JSON order (the others would be noise: CSV has them all), and the amount.
 */
final class TableReport {
  private static final String TOTAL = "total";
  private static final String LATEST = " (latest)";
  private static final String PEAK = " (peak)";

  private final Writer out;
  private final UsageQuery<?> query;
  private final List<String> groupBy = new ArrayList<>();

  TableReport(Writer out, UsageQuery<?> query) {
    this.out = out;
    this.query = query;
    for (GroupByField field : query.groupBy()) {
      groupBy.add(field.wireValue());
    }
  }

  void write(Summaries summaries) throws IOException {
    UsageTotals grand = summaries.all.total();
    line(title(summaries));
    if (summaries.first == null) {
      line("(no buckets)");
      out.flush();
      return;
    }
    List<String> counts = new ArrayList<>();
    for (Map.Entry<String, Long> count : grand.counts().entrySet()) {
      if (count.getValue() != 0L) {
        counts.add(count.getKey());
      }
    }
    List<String> levels = new ArrayList<>();
    for (Map.Entry<String, Long> peak : grand.peaks().entrySet()) {
      if (peak.getValue() != 0L) {
        levels.add(peak.getKey());
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
    boolean grouped = !groupBy.isEmpty();
    if (grouped) {
      line("");
      line("Per bucket, all groups together:");
    }
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
    List<String> total = new ArrayList<>();
    total.add(TOTAL);
    total.addAll(Collections.nCopies(Math.max(0, groupBy.size() - 1), ""));
    total.addAll(values(grand, counts, levels, money));
    if (!grouped) {
      perBucket.row(total);
      perBucket.write(out);
    } else {
      perBucket.write(out);
      line("");
      line("Per " + Commands.join(groupBy) + ", over the " + summaries.buckets()
          + (summaries.buckets() == 1 ? " bucket:" : " buckets:"));
      Table perGroup = new Table(concat(groupBy, header), groupBy.size());
      for (Map.Entry<List<String>, UsageSummary> group : largestFirst(summaries.groups, counts)) {
        perGroup.row(concat(group.getKey(), values(group.getValue().total(), counts, levels, money)));
      }
      perGroup.row(total);
      perGroup.write(out);
      if (summaries.foldedGroups > 0) {
        line(folded(summaries));
      }
    }
    if (money) {
      line("");
      line("Amounts are rounded to the cent; csv and json give them exactly.");
    }
    out.flush();
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
  private static List<Map.Entry<List<String>, UsageSummary>> largestFirst(Map<List<String>, UsageSummary> groups,
      List<String> counts) {
    List<Map.Entry<List<String>, UsageSummary>> sorted = new ArrayList<>(groups.entrySet());
    final String first = counts.isEmpty() ? null : counts.get(0);
    Collections.sort(sorted, (a, b) -> {
      int bySize = size(b.getValue().total(), first).compareTo(size(a.getValue().total(), first));
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

  private void line(String text) throws IOException {
    out.write(text);
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
