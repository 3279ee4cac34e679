package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * {@code --format table}: a summary for people. One line per bucket (all its results added up); when
 * the query is grouped, then one line per group over the whole window, largest first; and the grand
 * total. Sums are exact ({@link BigDecimal}); money is shown rounded to its minor unit, with its
 * currency, and never summed across currencies. The line per result is {@code --format csv}'s job.
 *
 * <p>Columns: the bucket (or the {@code group_by} fields, in the order given), then every number
 * field that is not zero somewhere in the report (the others would be noise: CSV has them all), a
 * unit column beside a number that has one (costs' {@code quantity_unit}; a sum over different units
 * is left blank), and the amount.
 */
final class TableReport implements Report {
  private static final String NONE = "-";
  private static final String TOTAL = "total";
  private static final Set<String> GROUP_FIELDS = new HashSet<>();

  static {
    for (GroupByField field : GroupByField.values()) {
      GROUP_FIELDS.add(field.wireValue());
    }
  }

  private final Writer out;
  private final UsageQuery<?> query;
  private final Notes notes;
  private final List<String> groupBy = new ArrayList<>();
  private final List<Bucket> buckets = new ArrayList<>();
  private final Map<List<String>, Totals> byGroup = new LinkedHashMap<>();
  private final Totals grand = new Totals();
  /** Number fields not zero somewhere, by first appearance. */
  private final Set<String> shownNumbers = new LinkedHashSet<>();
  private final Set<String> numbersWithUnits = new HashSet<>();
  private int pages;

  TableReport(Writer out, UsageQuery<?> query, Notes notes) {
    this.out = out;
    this.query = query;
    this.notes = notes;
    for (GroupByField field : query.groupBy()) {
      groupBy.add(field.wireValue());
    }
  }

  @Override
  public void page(UsageResponse page, @Nullable byte[] body) {
    pages++;
    for (UsageTimeBucket bucket : page.data()) {
      Bucket row = new Bucket(bucket.startTime(), bucket.endTime());
      for (UsageResult result : bucket.results()) {
        notes.result(result);
        Map<String, Object> fields = ResultFields.of(result);
        List<String> key = new ArrayList<>(groupBy.size());
        for (String field : groupBy) {
          Object value = fields.get(field);
          key.add(value == null ? NONE : value.toString());
        }
        Totals totals = new Totals();
        totals.add(fields);
        row.results++;
        row.total.add(totals);
        Totals group = byGroup.get(key);
        if (group == null) {
          group = new Totals();
          byGroup.put(key, group);
        }
        group.add(totals);
        grand.add(totals);
        for (Map.Entry<String, BigDecimal> number : totals.numbers.entrySet()) {
          if (number.getValue().signum() != 0) {
            shownNumbers.add(number.getKey());
          }
        }
        numbersWithUnits.addAll(totals.units.keySet());
      }
      buckets.add(row);
    }
  }

  @Override
  public void finish() throws IOException {
    line(title());
    if (buckets.isEmpty()) {
      line("(no buckets)");
      out.flush();
      return;
    }
    boolean grouped = !groupBy.isEmpty();
    if (grouped) {
      line("");
      line("Per bucket, all groups together:");
    }
    List<String> header = new ArrayList<>();
    header.add("bucket");
    header.addAll(valueHeader());
    Table perBucket = new Table(header, 1);
    boolean days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    for (Bucket bucket : buckets) {
      List<String> cells = new ArrayList<>();
      cells.add(Times.label(bucket.start, days));
      cells.addAll(bucket.results == 0 ? dashes() : values(bucket.total));
      perBucket.row(cells);
    }
    if (!grouped) {
      perBucket.row(totalRow(grand));
      perBucket.write(out);
    } else {
      perBucket.write(out);
      line("");
      line("Per " + Commands.join(groupBy) + ", over the " + buckets.size()
          + (buckets.size() == 1 ? " bucket:" : " buckets:"));
      List<String> totalsHeader = new ArrayList<>(groupBy);
      totalsHeader.addAll(valueHeader());
      Table perGroup = new Table(totalsHeader, groupBy.size());
      for (Map.Entry<List<String>, Totals> group : sortedGroups()) {
        List<String> cells = new ArrayList<>(group.getKey());
        cells.addAll(values(group.getValue()));
        perGroup.row(cells);
      }
      perGroup.row(totalRow(grand));
      perGroup.write(out);
    }
    if (!grand.money.isEmpty()) {
      line("");
      line("Amounts are rounded to the cent; csv and json give them exactly.");
    }
    out.flush();
  }

  private String title() {
    StringBuilder title = new StringBuilder(Commands.commandName(query.endpoint()));
    if (!buckets.isEmpty()) {
      title.append(": ").append(Times.label(buckets.get(0).start, false))
          .append(" to ").append(Times.label(buckets.get(buckets.size() - 1).end, false))
          .append(" UTC, ").append(buckets.size()).append(buckets.size() == 1 ? " bucket" : " buckets")
          .append(" of ").append(query.effectiveBucketWidth().wireValue());
    }
    if (!groupBy.isEmpty()) {
      title.append(", grouped by ").append(Commands.join(groupBy));
    }
    for (Map.Entry<UsageFilter, List<String>> filter : query.filters().entrySet()) {
      title.append(", ").append(filter.getKey().wireValue()).append('=')
          .append(Commands.join(filter.getValue()));
    }
    title.append(" (").append(pages).append(pages == 1 ? " page)" : " pages)");
    return title.toString();
  }

  private List<String> valueHeader() {
    List<String> header = new ArrayList<>();
    for (String number : shownNumbers) {
      header.add(number);
      if (numbersWithUnits.contains(number)) {
        header.add(number + ResultFields.UNIT_SUFFIX);
      }
    }
    if (!grand.money.isEmpty()) {
      header.add(ResultFields.AMOUNT);
    }
    return header;
  }

  /**
   * The value cells of a line. A number with a unit is left blank where its sum would mix units
   * (costs' quantities of different line items are not added up).
   */
  private List<String> values(Totals totals) {
    List<String> cells = new ArrayList<>();
    for (String number : shownNumbers) {
      BigDecimal value = totals.numbers.get(number);
      Set<String> units = totals.units.get(number);
      boolean mixedUnits = units != null && units.size() > 1;
      cells.add(value == null || mixedUnits ? "" : Numbers.grouped(value));
      if (numbersWithUnits.contains(number)) {
        cells.add(units == null || mixedUnits ? "" : units.iterator().next());
      }
    }
    if (!grand.money.isEmpty()) {
      StringBuilder money = new StringBuilder();
      for (Map.Entry<String, BigDecimal> amount : totals.money.entrySet()) {
        money.append(money.length() == 0 ? "" : " + ")
            .append(Numbers.money(amount.getValue(), amount.getKey()));
      }
      cells.add(money.toString());
    }
    return cells;
  }

  /** The grand total: "total" in the first column, blanks under the other text columns. */
  private List<String> totalRow(Totals totals) {
    List<String> cells = new ArrayList<>();
    cells.add(TOTAL);
    for (int i = 1; i < groupBy.size(); i++) {
      cells.add("");
    }
    cells.addAll(values(totals));
    return cells;
  }

  /** The value cells of a bucket without results. */
  private List<String> dashes() {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < valueHeader().size(); i++) {
      cells.add(NONE);
    }
    return cells;
  }

  /** Largest first: by amount when there is money, else by the first number shown. */
  private List<Map.Entry<List<String>, Totals>> sortedGroups() {
    List<Map.Entry<List<String>, Totals>> groups = new ArrayList<>(byGroup.entrySet());
    final String firstNumber = shownNumbers.isEmpty() ? null : shownNumbers.iterator().next();
    Collections.sort(groups, new Comparator<Map.Entry<List<String>, Totals>>() {
      @Override
      public int compare(Map.Entry<List<String>, Totals> a, Map.Entry<List<String>, Totals> b) {
        int bySize = size(b.getValue()).compareTo(size(a.getValue()));
        return bySize != 0 ? bySize : a.getKey().toString().compareTo(b.getKey().toString());
      }

      private BigDecimal size(Totals totals) {
        if (!totals.money.isEmpty()) {
          BigDecimal sum = BigDecimal.ZERO;
          for (BigDecimal amount : totals.money.values()) {
            sum = sum.add(amount);
          }
          return sum;
        }
        BigDecimal value = firstNumber == null ? null : totals.numbers.get(firstNumber);
        return value == null ? BigDecimal.ZERO : value;
      }
    });
    return groups;
  }

  private void line(String text) throws IOException {
    out.write(text);
    out.write('\n');
  }

  /** The results of one bucket, by group. */
  private static final class Bucket {
    final long start;
    final long end;
    final Totals total = new Totals();
    int results;

    Bucket(long start, long end) {
      this.start = start;
      this.end = end;
    }
  }

  /** Exact sums of the number fields (with their units) and of the amounts per currency. */
  static final class Totals {
    final Map<String, BigDecimal> numbers = new LinkedHashMap<>();
    /** The units seen for a number that has a {@code <name>_unit} field. */
    final Map<String, Set<String>> units = new LinkedHashMap<>();
    final Map<String, BigDecimal> money = new TreeMap<>();

    void add(Map<String, Object> fields) {
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        String name = field.getKey();
        Object value = field.getValue();
        if (GROUP_FIELDS.contains(name) || !(value instanceof BigDecimal)) {
          continue;
        }
        if (ResultFields.AMOUNT.equals(name)) {
          Object currency = fields.get(ResultFields.CURRENCY);
          merge(money, currency == null ? "?" : currency.toString(), (BigDecimal) value);
          continue;
        }
        merge(numbers, name, (BigDecimal) value);
        if (fields.containsKey(name + ResultFields.UNIT_SUFFIX)) {
          Object unit = fields.get(name + ResultFields.UNIT_SUFFIX);
          addUnit(name, unit == null ? "" : unit.toString());
        }
      }
    }

    void add(Totals other) {
      for (Map.Entry<String, BigDecimal> number : other.numbers.entrySet()) {
        merge(numbers, number.getKey(), number.getValue());
      }
      for (Map.Entry<String, Set<String>> unit : other.units.entrySet()) {
        for (String value : unit.getValue()) {
          addUnit(unit.getKey(), value);
        }
      }
      for (Map.Entry<String, BigDecimal> amount : other.money.entrySet()) {
        merge(money, amount.getKey(), amount.getValue());
      }
    }

    private void addUnit(String number, String unit) {
      Set<String> set = units.get(number);
      if (set == null) {
        set = new LinkedHashSet<>();
        units.put(number, set);
      }
      set.add(unit);
    }

    private static void merge(Map<String, BigDecimal> sums, String key, BigDecimal value) {
      BigDecimal sum = sums.get(key);
      sums.put(key, sum == null ? value : sum.add(value));
    }
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
      rows.add(cells);
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
        boolean right = i >= textColumns && !isUnitColumn(i);
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

    private boolean isUnitColumn(int column) {
      return header.get(column).endsWith(ResultFields.UNIT_SUFFIX);
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
