package dev.usagekit.rx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * OpenAI costs as a FOCUS 1.2 CostAndUsage dataset (the FinOps Foundation's open cost format): one {@link FocusRow}
 * per costs result, streamed, and written as CSV.
 *
 * <pre>{@code
 * UsageStreams streams = UsageStreams.create(UsageApiFactory.create(System.getenv("OPENAI_ADMIN_KEY")));
 * FocusExport export = FocusExport.builder()
 *     .projectNames(names)                               // project id -> name, e.g. from UsageApiProjects
 *     .notes(note -> System.err.println("note: " + note)) // results that are skipped, and why
 *     .build();
 *
 * UsageQuery<CostsResult> query = FocusExport.query(
 *     Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
 * try (Writer out = Files.newBufferedWriter(Paths.get("costs.focus.csv"))) {
 *   long rows = export.writeCsv(export.rows(streams.buckets(query)), out);
 * }
 * }</pre>
 *
 * <p>Each result of a daily costs bucket becomes one row: ChargePeriodStart/End are the bucket's, the costs
 * (BilledCost, EffectiveCost, ListCost, ContractedCost) are its exact {@code amount} in BillingCurrency (its {@code
 * currency}, upper case), SkuId/SkuMeter and ChargeDescription come from its {@code line_item},
 * ConsumedQuantity/ConsumedUnit and PricingQuantity/PricingUnit from its {@code quantity} and {@code quantity_unit},
 * SubAccountId/SubAccountName from its project. docs/focus.md maps every column. A result that cannot be a valid
 * row (no amount, a currency that is no ISO 4217 code, a result type this version does not know) is skipped and
 * told to {@link Builder#notes(Consumer)}; nothing is invented.
 *
 * <p>Streaming: {@link #rows(Flowable)} holds one bucket at a time, and {@link #writeCsv(Flowable, Writer)} one row,
 * so a year of a large organisation exports in a small, constant heap. Instances are immutable and thread-safe.
 */
public final class FocusExport {
  static final String OPENAI = "OpenAI";
  static final String SERVICE_CATEGORY = "AI and Machine Learning";
  static final String SERVICE_SUBCATEGORY = "Generative AI";
  static final String SERVICE_NAME = "OpenAI API";
  static final String DEFAULT_BILLING_ACCOUNT = "OpenAI organization";
  /** The undocumented fields real costs results carry. */
  static final String ORGANIZATION_ID = "organization_id";
  static final String PROJECT_NAME = "project_name";

  private final Map<String, String> projectNames;
  private final @Nullable String billingAccountId;
  private final @Nullable String billingAccountName;
  private final Consumer<String> notes;

  private FocusExport(Builder builder) {
    this.projectNames = Collections.unmodifiableMap(new LinkedHashMap<>(builder.projectNames));
    this.billingAccountId = builder.billingAccountId;
    this.billingAccountName = builder.billingAccountName;
    this.notes = builder.notes;
  }

  /** An export with no project names but those the results carry, that drops its notes. */
  public static FocusExport create() {
    return builder().build();
  }

  /** A builder of exports. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The costs query of a FOCUS export over [{@code start}, {@code end}): daily buckets, grouped by project and line
   * item (and by {@code more}, for example {@link GroupByField#API_KEY_ID} or {@link GroupByField#USER_ID}), 7 days
   * a page (the API's default): a page of a large organisation stays small.
   *
   * @throws IllegalArgumentException if a field of {@code more} is no {@code group_by} field of costs
   */
  public static UsageQuery<CostsResult> query(Instant start, Instant end, GroupByField... more) {
    Objects.requireNonNull(start, "start == null");
    Objects.requireNonNull(end, "end == null");
    List<GroupByField> fields = new ArrayList<>();
    fields.add(GroupByField.PROJECT_ID);
    fields.add(GroupByField.LINE_ITEM);
    for (GroupByField field : more) {
      Objects.requireNonNull(field, "more contains null");
      if (!UsageEndpoint.COSTS.groupByFields().contains(field)) {
        throw new IllegalArgumentException("more: " + field.wireValue() + " is not a group_by field of costs");
      }
      if (!fields.contains(field)) {
        fields.add(field);
      }
    }
    return UsageQuery.costs().start(start).end(end).bucketWidth(BucketWidth.ONE_DAY).limit(7).groupBy(fields)
        .build();
  }

  /**
   * The FOCUS rows of {@code buckets} (of costs, such as {@link UsageStreams#buckets(UsageQuery)} of {@link
   * #query}): one per costs result, in order; a result that cannot be a row is skipped and told to the notes.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Honors backpressure: it requests one bucket of {@code buckets} at a time, and maps its results to rows as
   *  downstream requests them.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code rows} does not operate by default on a particular {@link io.reactivex.rxjava3.core.Scheduler}: rows
   *  are emitted on the thread that emits the buckets.</dd>
   * </dl>
   */
  public Flowable<FocusRow> rows(Flowable<UsageTimeBucket> buckets) {
    Objects.requireNonNull(buckets, "buckets == null");
    return Flowable.defer(() -> {
      Map<String, String> learnedNames = new ConcurrentHashMap<>();
      return buckets.concatMapIterable(bucket -> () -> new RowIterator(bucket, learnedNames), 1);
    });
  }

  /**
   * Writes {@code rows} as CSV (RFC 4180: a header of {@link FocusRow#columns()}, then one line per row, CRLF line
   * ends; null is an empty field; a field with a comma, quote or line break is quoted) and returns the number of
   * rows. Blocks until {@code rows} completes; rows are written as they come, and none is kept. Does not close
   * {@code out}.
   *
   * @throws IOException if {@code out} fails
   */
  public long writeCsv(Flowable<FocusRow> rows, Writer out) throws IOException {
    Objects.requireNonNull(rows, "rows == null");
    Objects.requireNonNull(out, "out == null");
    writeLine(out, FocusRow.columns());
    long count = 0;
    List<String> values = new ArrayList<>(FocusRow.columns().size());
    for (FocusRow row : rows.blockingIterable(16)) {
      values.clear();
      for (int i = 0; i < FocusRow.columns().size(); i++) {
        values.add(row.value(i));
      }
      writeLine(out, values);
      count++;
    }
    out.flush();
    return count;
  }

  private static void writeLine(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String value = values.get(i);
      if (value == null) {
        continue;
      }
      boolean quote = false;
      for (int c = 0; c < value.length() && !quote; c++) {
        char ch = value.charAt(c);
        quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
      }
      if (quote) {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(value);
      }
    }
    out.write("\r\n");
  }

  /** The rows of one bucket, made as they are asked for. */
  private final class RowIterator implements Iterator<FocusRow> {
    private final UsageTimeBucket bucket;
    private final Map<String, String> learnedNames;
    private final Iterator<UsageResult> results;
    private @Nullable FocusRow next;

    RowIterator(UsageTimeBucket bucket, Map<String, String> learnedNames) {
      this.bucket = bucket;
      this.learnedNames = learnedNames;
      this.results = bucket.results().iterator();
    }

    @Override
    public boolean hasNext() {
      while (next == null && results.hasNext()) {
        next = row(bucket, results.next(), learnedNames);
      }
      return next != null;
    }

    @Override
    public FocusRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      FocusRow row = Objects.requireNonNull(next);
      next = null;
      return row;
    }
  }

  /** The row of {@code result}, or null (told to the notes) when it cannot be one. */
  @Nullable FocusRow row(UsageTimeBucket bucket, UsageResult result, Map<String, String> learnedNames) {
    String period = Instant.ofEpochSecond(bucket.startTime()).toString();
    if (!(result instanceof CostsResult)) {
      note("skipped a result of " + period + " of type '" + result.object()
          + "', which this version does not know as costs");
      return null;
    }
    CostsResult costs = (CostsResult) result;
    CostsAmount amount = costs.amount();
    if (amount == null) {
      note("skipped a costs result of " + period + describe(costs) + ": it has no amount");
      return null;
    }
    String currency = amount.currency().trim().toUpperCase(Locale.ROOT);
    if (!isCurrency(currency)) {
      note("skipped a costs result of " + period + describe(costs) + ": its currency '" + amount.currency()
          + "' is not an ISO 4217 currency code");
      return null;
    }
    String[] values = new String[FocusRow.columns().size()];
    String cost = decimal(amount.value());
    boolean credit = amount.value().signum() < 0;
    set(values, FocusRow.BILLED_COST, cost);
    set(values, FocusRow.EFFECTIVE_COST, cost);
    set(values, FocusRow.LIST_COST, cost);
    set(values, FocusRow.CONTRACTED_COST, cost);
    set(values, FocusRow.BILLING_CURRENCY, currency);

    String account = text(costs.additionalProperties().get(ORGANIZATION_ID));
    if (account == null) {
      account = billingAccountId != null ? billingAccountId : DEFAULT_BILLING_ACCOUNT;
    }
    set(values, FocusRow.BILLING_ACCOUNT_ID, account);
    set(values, FocusRow.BILLING_ACCOUNT_NAME, billingAccountName != null ? billingAccountName : account);

    Instant start = Instant.ofEpochSecond(bucket.startTime());
    LocalDate month = start.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    set(values, FocusRow.BILLING_PERIOD_START, month.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    set(values, FocusRow.BILLING_PERIOD_END, month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    set(values, FocusRow.CHARGE_PERIOD_START, start.toString());
    set(values, FocusRow.CHARGE_PERIOD_END, Instant.ofEpochSecond(bucket.endTime()).toString());

    set(values, FocusRow.CHARGE_CATEGORY, credit ? "Credit" : "Usage");
    set(values, FocusRow.CHARGE_FREQUENCY, credit ? "One-Time" : "Usage-Based");
    String lineItem = nonBlank(costs.lineItem());
    set(values, FocusRow.CHARGE_DESCRIPTION, lineItem != null ? lineItem : SERVICE_NAME + " usage");
    set(values, FocusRow.SKU_ID, lineItem);
    set(values, FocusRow.SKU_METER, lineItem == null ? null : meter(lineItem));

    set(values, FocusRow.PROVIDER_NAME, OPENAI);
    set(values, FocusRow.PUBLISHER_NAME, OPENAI);
    set(values, FocusRow.INVOICE_ISSUER_NAME, OPENAI);
    set(values, FocusRow.SERVICE_CATEGORY, SERVICE_CATEGORY);
    set(values, FocusRow.SERVICE_SUBCATEGORY, SERVICE_SUBCATEGORY);
    set(values, FocusRow.SERVICE_NAME, SERVICE_NAME);

    if (!credit) {
      set(values, FocusRow.PRICING_CATEGORY, "Standard");
      quantities(values, costs, period);
    }

    String project = nonBlank(costs.projectId());
    set(values, FocusRow.SUB_ACCOUNT_ID, project);
    if (project != null) {
      String name = projectNames.get(project);
      if (name == null) {
        String carried = nonBlank(text(costs.additionalProperties().get(PROJECT_NAME)));
        if (carried != null) {
          learnedNames.putIfAbsent(project, carried);
        }
        name = learnedNames.get(project);
      }
      set(values, FocusRow.SUB_ACCOUNT_NAME, name != null ? name : project);
    }
    set(values, FocusRow.X_API_KEY_ID, nonBlank(costs.apiKeyId()));
    set(values, FocusRow.X_USER_ID, nonBlank(costs.userId()));
    return new FocusRow(values);
  }

  /**
   * ConsumedQuantity/ConsumedUnit from {@code quantity} and {@code quantity_unit}, and PricingQuantity/PricingUnit as
   * OpenAI prices them (tokens and characters per million); a charge without a quantity counts as one unit.
   */
  private void quantities(String[] values, CostsResult costs, String period) {
    BigDecimal quantity = costs.quantity();
    String unit = nonBlank(costs.quantityUnit());
    if (quantity == null) {
      set(values, FocusRow.PRICING_QUANTITY, "1");
      set(values, FocusRow.PRICING_UNIT, "Units");
      return;
    }
    String consumedUnit;
    BigDecimal consumed = quantity;
    String pricingUnit;
    BigDecimal pricing = quantity;
    String known = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
    switch (known) {
      case "tokens":
        consumedUnit = "Tokens";
        pricingUnit = "1000000 Tokens";
        pricing = quantity.movePointLeft(6);
        break;
      case "1000_tokens":
        consumedUnit = "Tokens";
        consumed = quantity.movePointRight(3);
        pricingUnit = "1000000 Tokens";
        pricing = quantity.movePointLeft(3);
        break;
      case "characters":
        consumedUnit = "Characters";
        pricingUnit = "1000000 Characters";
        pricing = quantity.movePointLeft(6);
        break;
      case "images":
        consumedUnit = pricingUnit = "Images";
        break;
      case "duration_seconds":
        consumedUnit = pricingUnit = "Seconds";
        break;
      case "duration_minutes":
        consumedUnit = pricingUnit = "Minutes";
        break;
      case "duration_hours":
        consumedUnit = pricingUnit = "Hours";
        break;
      case "gibibyte_hours":
        consumedUnit = pricingUnit = "GiB-Hours";
        break;
      default:
        consumedUnit = pricingUnit = unit == null ? null : unitName(unit);
        if (consumedUnit == null) {
          note("a costs result of " + period + describe(costs) + " has quantity_unit "
              + (unit == null ? "null" : "'" + unit + "'") + ", which is no unit FOCUS can name: its quantity is "
              + "priced as " + decimal(quantity) + " Units and ConsumedQuantity/ConsumedUnit are left null");
          set(values, FocusRow.PRICING_QUANTITY, decimal(quantity));
          set(values, FocusRow.PRICING_UNIT, "Units");
          return;
        }
    }
    set(values, FocusRow.CONSUMED_QUANTITY, decimal(consumed));
    set(values, FocusRow.CONSUMED_UNIT, consumedUnit);
    set(values, FocusRow.PRICING_QUANTITY, decimal(pricing));
    set(values, FocusRow.PRICING_UNIT, pricingUnit);
  }

  /**
   * A unit the API added after this release in FOCUS's unit format: {@code request_units} is {@code Request Units},
   * {@code 1000_requests} is {@code 1000 Requests}; null when it is not made of ASCII letters, digits, spaces and
   * underscores.
   */
  static @Nullable String unitName(String unit) {
    StringBuilder name = new StringBuilder();
    String[] words = unit.trim().split("[_\\s]+");
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (word.isEmpty() || !word.matches("[A-Za-z0-9]+")) {
        return null;
      }
      boolean number = word.matches("[0-9]+");
      if (number && i > 0 || !number && !Character.isLetter(word.charAt(0))) {
        return null;
      }
      if (number && words.length == 1) {
        return null;
      }
      name.append(name.length() == 0 ? "" : " ")
          .append(number ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return name.length() == 0 ? null : name.toString();
  }

  /** The metered part of a line item: {@code "gpt-4o-2024-08-06, cached input"} meters {@code "cached input"}. */
  static String meter(String lineItem) {
    int comma = lineItem.lastIndexOf(", ");
    String meter = comma < 0 ? lineItem : lineItem.substring(comma + 2).trim();
    return meter.isEmpty() ? lineItem : meter;
  }

  /** An exact decimal in plain notation, without trailing zeros: {@code 0E-6176} is {@code 0}. */
  static String decimal(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  static boolean isCurrency(String code) {
    if (!code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(CostsResult costs) {
    StringBuilder text = new StringBuilder();
    if (costs.projectId() != null) {
      text.append(" (project ").append(costs.projectId());
    }
    if (costs.lineItem() != null) {
      text.append(text.length() == 0 ? " (" : ", ").append("line item '").append(costs.lineItem()).append('\'');
    }
    return text.length() == 0 ? "" : text.append(')').toString();
  }

  private void note(String note) {
    notes.accept(note);
  }

  private static void set(String[] values, String column, @Nullable String value) {
    values[FocusRow.index(column)] = value;
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? nonBlank(node.textValue()) : null;
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty() ? null : value;
  }

  @Override
  public String toString() {
    return "FocusExport{" + projectNames.size() + " project names"
        + (billingAccountId != null ? ", billing account " + billingAccountId : "") + "}";
  }

  /** Builds {@link FocusExport}s. Create one with {@link FocusExport#builder()}. */
  public static final class Builder {
    private final Map<String, String> projectNames = new LinkedHashMap<>();
    private @Nullable String billingAccountId;
    private @Nullable String billingAccountName;
    private Consumer<String> notes = note -> { };

    Builder() {}

    /**
     * Names of projects by id, for SubAccountName (from the projects listing, {@code UsageApiProjects}); a project
     * not named here is named as its results name it ({@code project_name}), or else by its id.
     */
    public Builder projectNames(Map<String, String> namesById) {
      Objects.requireNonNull(namesById, "namesById == null");
      for (Map.Entry<String, String> name : namesById.entrySet()) {
        Objects.requireNonNull(name.getKey(), "namesById has a null id");
        if (nonBlank(name.getValue()) != null) {
          projectNames.put(name.getKey(), name.getValue());
        }
      }
      return this;
    }

    /**
     * The billing account (the organisation) of rows whose results do not carry their {@code organization_id}
     * (real responses do), and the BillingAccountName of every row (default: its BillingAccountId; the API does not
     * give the organisation's name).
     */
    public Builder billingAccount(String id, @Nullable String name) {
      Objects.requireNonNull(id, "id == null");
      if (id.trim().isEmpty()) {
        throw new IllegalArgumentException("id must not be blank");
      }
      this.billingAccountId = id;
      this.billingAccountName = nonBlank(name);
      return this;
    }

    /**
     * Told, one line each, what the export could not map: a result skipped (and why), a unit it could not name.
     * Called on the thread that emits the rows. Default: dropped.
     */
    public Builder notes(Consumer<String> notes) {
      this.notes = Objects.requireNonNull(notes, "notes == null");
      return this;
    }

    /** Builds the export. */
    public FocusExport build() {
      return new FocusExport(this);
    }
  }
}
