package dev.usagekit.rx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One row of a FOCUS 1.2 CostAndUsage dataset: the costs of one costs result (one group in one daily bucket),
 * made by {@link FocusExport}. Values are the text FOCUS writes: exact decimals ({@code "0.069284"}), ISO 8601 UTC
 * times ({@code "2026-11-01T00:00:00Z"}), or null.
 *
 * <pre>{@code
 * for (String column : FocusRow.columns()) {
 *   System.out.println(column + " = " + row.get(column));     // BilledCost = 0.069284
 * }
 * BigDecimal billed = new BigDecimal(row.get("BilledCost"));
 * }</pre>
 *
 * <p>Every row has the same {@link #columns()}, in the same order: every Mandatory FOCUS column, the Conditional
 * and Recommended ones OpenAI's costs data supports, and the custom columns {@code x_ApiKeyId} and {@code
 * x_UserId} (set when the export groups by API key or user). docs/focus.md says where each value comes from.
 */
public final class FocusRow {
  static final String BILLED_COST = "BilledCost";
  static final String BILLING_ACCOUNT_ID = "BillingAccountId";
  static final String BILLING_ACCOUNT_NAME = "BillingAccountName";
  static final String BILLING_CURRENCY = "BillingCurrency";
  static final String BILLING_PERIOD_END = "BillingPeriodEnd";
  static final String BILLING_PERIOD_START = "BillingPeriodStart";
  static final String CHARGE_CATEGORY = "ChargeCategory";
  static final String CHARGE_CLASS = "ChargeClass";
  static final String CHARGE_DESCRIPTION = "ChargeDescription";
  static final String CHARGE_FREQUENCY = "ChargeFrequency";
  static final String CHARGE_PERIOD_END = "ChargePeriodEnd";
  static final String CHARGE_PERIOD_START = "ChargePeriodStart";
  static final String CONSUMED_QUANTITY = "ConsumedQuantity";
  static final String CONSUMED_UNIT = "ConsumedUnit";
  static final String CONTRACTED_COST = "ContractedCost";
  static final String EFFECTIVE_COST = "EffectiveCost";
  static final String INVOICE_ID = "InvoiceId";
  static final String INVOICE_ISSUER_NAME = "InvoiceIssuerName";
  static final String LIST_COST = "ListCost";
  static final String PRICING_CATEGORY = "PricingCategory";
  static final String PRICING_QUANTITY = "PricingQuantity";
  static final String PRICING_UNIT = "PricingUnit";
  static final String PROVIDER_NAME = "ProviderName";
  static final String PUBLISHER_NAME = "PublisherName";
  static final String SERVICE_CATEGORY = "ServiceCategory";
  static final String SERVICE_NAME = "ServiceName";
  static final String SERVICE_SUBCATEGORY = "ServiceSubcategory";
  static final String SKU_ID = "SkuId";
  static final String SKU_METER = "SkuMeter";
  static final String SUB_ACCOUNT_ID = "SubAccountId";
  static final String SUB_ACCOUNT_NAME = "SubAccountName";
  static final String X_API_KEY_ID = "x_ApiKeyId";
  static final String X_USER_ID = "x_UserId";

  private static final List<String> COLUMNS = Collections.unmodifiableList(Arrays.asList(
      BILLED_COST, BILLING_ACCOUNT_ID, BILLING_ACCOUNT_NAME, BILLING_CURRENCY, BILLING_PERIOD_END,
      BILLING_PERIOD_START, CHARGE_CATEGORY, CHARGE_CLASS, CHARGE_DESCRIPTION, CHARGE_FREQUENCY, CHARGE_PERIOD_END,
      CHARGE_PERIOD_START, CONSUMED_QUANTITY, CONSUMED_UNIT, CONTRACTED_COST, EFFECTIVE_COST, INVOICE_ID,
      INVOICE_ISSUER_NAME, LIST_COST, PRICING_CATEGORY, PRICING_QUANTITY, PRICING_UNIT, PROVIDER_NAME,
      PUBLISHER_NAME, SERVICE_CATEGORY, SERVICE_NAME, SERVICE_SUBCATEGORY, SKU_ID, SKU_METER, SUB_ACCOUNT_ID,
      SUB_ACCOUNT_NAME, X_API_KEY_ID, X_USER_ID));

  private final @Nullable String[] values;

  FocusRow(@Nullable String[] values) {
    if (values.length != COLUMNS.size()) {
      throw new IllegalArgumentException("a row has " + COLUMNS.size() + " values, not " + values.length);
    }
    this.values = values;
  }

  /** The names of the columns of every row, in order: the header of {@link FocusExport#writeCsv}. */
  public static List<String> columns() {
    return COLUMNS;
  }

  /** The index of {@code column} in {@link #columns()}. */
  static int index(String column) {
    int index = COLUMNS.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("column '" + column + "' is not a column of a FocusRow; allowed: "
          + String.join(", ", COLUMNS));
    }
    return index;
  }

  /**
   * The value of {@code column}, or null.
   *
   * @throws IllegalArgumentException if {@code column} is not one of {@link #columns()}
   */
  public @Nullable String get(String column) {
    return values[index(Objects.requireNonNull(column, "column == null"))];
  }

  /** The values of this row in the order of {@link #columns()}, nulls included. */
  public List<String> values() {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
  }

  /** The value at {@code index} of {@link #columns()}. */
  @Nullable String value(int index) {
    return values[index];
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FocusRow && Arrays.equals(values, ((FocusRow) other).values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("FocusRow{");
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        text.append(text.length() > 9 ? ", " : "").append(COLUMNS.get(i)).append('=').append(values[i]);
      }
    }
    return text.append('}').toString();
  }
}
