package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One FOCUS row per costs result, mapped as docs/focus.md says; what cannot be a row is skipped and said. */
class FocusExportTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  /** 2026-11-30T00:00:00Z: the last day of November. */
  private static final long DAY_START = 1795996800L;

  private final List<String> notes = new ArrayList<>();
  private final FocusExport export = FocusExport.builder().notes(notes::add).build();

  private static CostsResult.Builder costs(String value, String currency) {
    return CostsResult.builder().amount(CostsAmount.builder().value(new BigDecimal(value)).currency(currency).build());
  }

  private static UsageTimeBucket bucket(UsageResult... results) {
    return UsageTimeBucket.builder().startTime(DAY_START).endTime(DAY_START + 86_400L)
        .addResults(results).build();
  }

  private List<FocusRow> rows(UsageTimeBucket... buckets) {
    return export.rows(Flowable.fromArray(buckets)).toList().blockingGet();
  }

  private FocusRow row(UsageResult result) {
    List<FocusRow> rows = rows(bucket(result));
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void eachCostsResultIsOneUsageRowOfItsBucketsDayAndMonth() {
    FocusRow row = row(costs("0.069284", "usd").lineItem("gpt-4o-mini-2024-07-18, input").projectId("proj_a")
        .build());

    assertThat(row.get("ChargePeriodStart")).isEqualTo("2026-11-30T00:00:00Z");
    assertThat(row.get("ChargePeriodEnd")).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(row.get("BillingPeriodStart")).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(row.get("BillingPeriodEnd")).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(row.get("ChargeCategory")).isEqualTo("Usage");
    assertThat(row.get("ChargeClass")).isNull();
    assertThat(row.get("ProviderName")).isEqualTo("OpenAI");
    assertThat(row.get("PublisherName")).isEqualTo("OpenAI");
    assertThat(row.get("InvoiceIssuerName")).isEqualTo("OpenAI");
    assertThat(row.get("ServiceCategory")).isEqualTo("AI and Machine Learning");
    assertThat(row.get("InvoiceId")).isNull();
  }

  @Test
  void everyCostIsTheExactAmountInItsCurrencyUpperCase() {
    FocusRow row = row(CostsResult.builder().amount(CostsAmount.builder()
        .value(new BigDecimal("0.0692840000000000000")).currency("usd").build()).build());

    for (String cost : Arrays.asList("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")) {
      assertThat(row.get(cost)).as(cost).isEqualTo("0.069284");
    }
    assertThat(row.get("BillingCurrency")).isEqualTo("USD");
  }

  @Test
  void aZeroAmountWithAHugeExponentIsZero() {
    assertThat(row(costs("0E-6176", "usd").build()).get("BilledCost")).isEqualTo("0");
  }

  @Test
  void tokensAreConsumedAsTokensAndPricedPerMillion() {
    FocusRow row = row(costs("0.0692840", "usd").lineItem("gpt-4o-mini-2024-07-18, input")
        .quantity(new BigDecimal("461893")).quantityUnit("tokens").build());

    assertThat(row.get("ConsumedQuantity")).isEqualTo("461893");
    assertThat(row.get("ConsumedUnit")).isEqualTo("Tokens");
    assertThat(row.get("PricingQuantity")).isEqualTo("0.461893");
    assertThat(row.get("PricingUnit")).isEqualTo("1000000 Tokens");
  }

  @Test
  void theLineItemIsTheSkuAndItsLastPartTheMeter() {
    FocusRow row = row(costs("1", "usd").lineItem("gpt-4o-2024-08-06, cached input").build());

    assertThat(row.get("SkuId")).isEqualTo("gpt-4o-2024-08-06, cached input");
    assertThat(row.get("SkuMeter")).isEqualTo("cached input");
    assertThat(row.get("ChargeDescription")).isEqualTo("gpt-4o-2024-08-06, cached input");
  }

  @Test
  void aLineItemOfAnUnknownFormatIsStillARowWithTheWholeLineItemAsMeter() {
    FocusRow row = row(costs("0.5", "usd").lineItem("realtime minutes (beta)").build());

    assertThat(row.get("SkuId")).isEqualTo("realtime minutes (beta)");
    assertThat(row.get("SkuMeter")).isEqualTo("realtime minutes (beta)");
    assertThat(notes).isEmpty();
  }

  @Test
  void theProjectIsTheSubAccountNamedByTheListingElseByTheResultElseByItsId() {
    FocusExport named = FocusExport.builder().projectNames(Collections.singletonMap("proj_a", "Listed")).build();
    List<FocusRow> rows = named.rows(Flowable.just(bucket(
        costs("1", "usd").projectId("proj_a").putAdditionalProperties("project_name", TextNode.valueOf("Carried"))
            .build(),
        costs("1", "usd").projectId("proj_b").putAdditionalProperties("project_name", TextNode.valueOf("Carried"))
            .build(),
        costs("1", "usd").projectId("proj_c").build(),
        costs("1", "usd").build()))).toList().blockingGet();

    assertThat(rows).extracting(r -> r.get("SubAccountId")).containsExactly("proj_a", "proj_b", "proj_c", null);
    assertThat(rows).extracting(r -> r.get("SubAccountName")).containsExactly("Listed", "Carried", "proj_c", null);
  }

  @Test
  void theBillingAccountIsTheResultsOrganisationElseTheConfiguredOne() {
    FocusExport configured = FocusExport.builder().billingAccount("org-configured", "Acme").build();
    List<FocusRow> rows = configured.rows(Flowable.just(bucket(
        costs("1", "usd").putAdditionalProperties("organization_id", TextNode.valueOf("org-carried")).build(),
        costs("1", "usd").build()))).toList().blockingGet();

    assertThat(rows).extracting(r -> r.get("BillingAccountId")).containsExactly("org-carried", "org-configured");
    assertThat(rows).extracting(r -> r.get("BillingAccountName")).containsExactly("Acme", "Acme");
  }

  @Test
  void keyAndUserGroupsAreCustomColumns() {
    FocusRow row = row(costs("1", "usd").apiKeyId("key_1").userId("user-1").build());

    assertThat(row.get("x_ApiKeyId")).isEqualTo("key_1");
    assertThat(row.get("x_UserId")).isEqualTo("user-1");
  }

  @Test
  void aResultWithoutAnAmountIsSkippedWithANote() {
    List<FocusRow> rows = rows(bucket(CostsResult.builder().projectId("proj_a").lineItem("x, input").build(),
        costs("1", "usd").build()));

    assertThat(rows).hasSize(1);
    assertThat(notes).containsExactly("skipped a costs result of 2026-11-30T00:00:00Z (project proj_a, line item "
        + "'x, input'): it has no amount");
  }

  @Test
  void aCurrencyThatIsNoIso4217CodeIsSkippedWithANote() {
    List<FocusRow> rows = rows(bucket(costs("1", "credits").build(), costs("2", "eur").build()));

    assertThat(rows).extracting(r -> r.get("BillingCurrency")).containsExactly("EUR");
    assertThat(notes).containsExactly("skipped a costs result of 2026-11-30T00:00:00Z: its currency 'credits' is "
        + "not an ISO 4217 currency code");
  }

  @Test
  void aResultTypeThisVersionDoesNotKnowIsSkippedWithANote() {
    List<FocusRow> rows = rows(bucket(UnknownUsageResult.builder().object("organization.costs.v2.result").build(),
        costs("1", "usd").build()));

    assertThat(rows).hasSize(1);
    assertThat(notes).containsExactly("skipped a result of 2026-11-30T00:00:00Z of type "
        + "'organization.costs.v2.result', which this version does not know as costs");
  }

  @Test
  void aUnitThisVersionDoesNotKnowIsNamedInFocusUnitFormat() {
    FocusRow row = row(costs("1", "usd").quantity(new BigDecimal("3")).quantityUnit("1000_requests").build());

    assertThat(row.get("ConsumedUnit")).isEqualTo("1000 Requests");
    assertThat(row.get("PricingUnit")).isEqualTo("1000 Requests");
    assertThat(row.get("PricingQuantity")).isEqualTo("3");
    assertThat(notes).isEmpty();
  }

  @Test
  void aUnitThatCannotBeNamedLeavesTheConsumedColumnsNullWithANote() {
    FocusRow row = row(costs("1", "usd").quantity(new BigDecimal("3")).quantityUnit("µs/req").build());

    assertThat(row.get("ConsumedQuantity")).isNull();
    assertThat(row.get("ConsumedUnit")).isNull();
    assertThat(row.get("PricingQuantity")).isEqualTo("3");
    assertThat(row.get("PricingUnit")).isEqualTo("Units");
    assertThat(notes).singleElement().asString().contains("quantity_unit 'µs/req'");
  }

  @Test
  void aChargeWithoutAQuantityCountsAsOneUnit() {
    FocusRow row = row(costs("36.0161", "usd").projectId("proj_a").build());

    assertThat(row.get("PricingQuantity")).isEqualTo("1");
    assertThat(row.get("PricingUnit")).isEqualTo("Units");
    assertThat(row.get("ConsumedQuantity")).isNull();
  }

  @Test
  void aNegativeAmountIsACreditWithoutQuantities() {
    FocusRow row = row(costs("-5.00", "usd").quantity(new BigDecimal("10")).quantityUnit("tokens").build());

    assertThat(row.get("ChargeCategory")).isEqualTo("Credit");
    assertThat(row.get("BilledCost")).isEqualTo("-5");
    assertThat(row.get("ConsumedQuantity")).isNull();
    assertThat(row.get("PricingQuantity")).isNull();
  }

  @Test
  void theCsvHasTheColumnsAsHeaderAndQuotesFieldsWithCommas() throws IOException {
    StringWriter out = new StringWriter();

    long count = export.writeCsv(export.rows(Flowable.just(bucket(costs("1", "usd").lineItem("a, \"b\"").build()))),
        out);

    String[] lines = out.toString().split("\r\n");
    assertThat(count).isEqualTo(1);
    assertThat(lines[0]).isEqualTo(String.join(",", FocusRow.columns()));
    assertThat(lines[1]).startsWith("1,OpenAI organization,OpenAI organization,USD,").contains(",\"a, \"\"b\"\"\",");
    assertThat(lines[1].split(",", -1)).hasSizeGreaterThanOrEqualTo(FocusRow.columns().size());
  }

  @Test
  void oneBucketIsRequestedAtATime() {
    AtomicLong requested = new AtomicLong();
    Flowable<UsageTimeBucket> buckets = Flowable.range(0, 10)
        .map(i -> bucket(costs("1", "usd").build(), costs("2", "usd").build()))
        .doOnRequest(requested::addAndGet);
    TestSubscriber<FocusRow> rows = export.rows(buckets).test(0);

    rows.request(1);

    rows.assertValueCount(1);
    assertThat(requested.get()).isEqualTo(1);
  }

  @Test
  void theQueryIsDailyCostsByProjectAndLineItemAndWhatIsAsked() {
    UsageQuery<CostsResult> query = FocusExport.query(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"), GroupByField.USER_ID);

    assertThat(query.groupBy()).containsExactly(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM,
        GroupByField.USER_ID);
    assertThat(query.effectiveBucketWidth().wireValue()).isEqualTo("1d");
  }

  @Test
  void aQueryCannotGroupByAFieldCostsDoNotHave() {
    assertThatThrownBy(() -> FocusExport.query(Instant.EPOCH, Instant.ofEpochSecond(86_400L), GroupByField.MODEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("more: model is not a group_by field of costs");
  }

  @Test
  void aRowNamesTheColumnsItHas() {
    FocusRow row = row(costs("1", "usd").build());

    assertThatThrownBy(() -> row.get("Cost")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column 'Cost' is not a column of a FocusRow; allowed: BilledCost, ");
    assertThat(row.values()).hasSize(FocusRow.columns().size());
  }
}
