package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.rx.FocusExport;
import dev.usagekit.testkit.Fixture;
import dev.usagekit.testkit.Grouping;
import dev.usagekit.testkit.UsageFixtures;
import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FOCUS export conforms to FOCUS 1.2 as the FinOps Foundation's own rules say: {@code model-1.2.json} (from
 * ../shared/reference/focus-1.2/) is evaluated, every rule of it, against the export of the demo's synthetic
 * organisation and of the costs fixtures.
 */
class FocusConformanceTest {
  /**
   * What OpenAI's costs data supports, in the model's terms: projects are sub accounts, quantities are measured, the
   * organisation has a name. Not declared, and why: see docs/focus.md (no unit prices or price list ids, commitments,
   * capacity reservations, regions, zones or tags in the Costs API; one sub account type, one billing account type,
   * one pricing category; billing and pricing in one, national, currency).
   */
  static final Set<String> OPENAI = new HashSet<>(Arrays.asList(
      "SUB_ACCOUNT_SUPPORTED", "USAGE_MEASUREMENT_SUPPORTED", "ACCOUNT_NAMING_SUPPORTED"));

  @Test
  void theSyntheticOrganisationsExportPassesEveryApplicableRule(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("costs.focus.csv");
    CliRun run = CliRun.run(Map.of(), "demo", "focus", "--group-by", "api_key_id", "--output", csv.toString());
    assertThat(run.exit()).as(run.toString()).isZero();

    FocusRules.Report report = evaluate("synthetic organisation", Files.readString(csv, StandardCharsets.UTF_8));

    assertConforms(report);
  }

  static Stream<Fixture<UsageResponse>> costsFixtures() {
    return Stream.of(UsageFixtures.page(UsageEndpoint.COSTS, Grouping.GROUPED),
        UsageFixtures.page(UsageEndpoint.COSTS, Grouping.UNGROUPED), UsageFixtures.costsWithNumberAmounts(),
        UsageFixtures.costsWithStringAmounts());
  }

  @ParameterizedTest
  @MethodSource("costsFixtures")
  void theExportOfEachCostsFixturePassesEveryApplicableRule(Fixture<UsageResponse> fixture) throws IOException {
    FocusRules.Report report = evaluate(fixture.name(), csv(fixture.value()));

    assertConforms(report);
  }

  @Test
  void theEvaluatorFindsABrokenExport() throws IOException {
    String csv = csv(UsageFixtures.costsWithStringAmounts().value()).replace(",USD,", ",usd,");

    FocusRules.Report report = FocusRules.load(OPENAI).evaluate(FocusRules.Dataset.parse(csv));

    assertThat(report.failures).containsKeys("BillingCurrency-C-003-M", "BillingCurrency-C-006-M",
        "CostAndUsage-D-000-M");
  }

  @Test
  void theEvaluatorFailsOnACheckFunctionItDoesNotKnow() throws IOException {
    JsonNode model = new ObjectMapper().readTree(
        FocusRules.referenceFolder().resolve("validator-rules/model-1.2.json").toFile());
    ((ObjectNode) model.path("ModelRules").path("BilledCost-C-001-M").path("ValidationCriteria")
        .path("Requirement")).put("CheckFunction", "CheckSomethingNew");
    FocusRules rules = FocusRules.of(model, OPENAI, new HashSet<>(List.of("USD")));
    String csv = csv(UsageFixtures.costsWithStringAmounts().value());

    assertThatThrownBy(() -> rules.evaluate(FocusRules.Dataset.parse(csv)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BilledCost-C-001-M: unknown check function CheckSomethingNew");
  }

  /**
   * Why the export does not declare price lists: with PUBLIC_PRICE_LIST_SUPPORTED and UNIT_PRICING_SUPPORTED the
   * rules ask for ListUnitPrice, SkuPriceId and SkuPriceDetails on every usage row, which the Costs API cannot fill.
   */
  @Test
  void declaringPriceListsWouldNeedUnitPricesTheCostsApiDoesNotGive() throws IOException {
    Set<String> withPriceLists = new HashSet<>(OPENAI);
    withPriceLists.addAll(List.of("PUBLIC_PRICE_LIST_SUPPORTED", "UNIT_PRICING_SUPPORTED"));
    String csv = csv(UsageFixtures.costsWithStringAmounts().value());

    FocusRules.Report report = FocusRules.load(withPriceLists).evaluate(FocusRules.Dataset.parse(csv));
    System.out.println("With price lists declared: " + report.summary() + "; failed: " + report.failures.keySet());

    assertThat(report.failures).containsKeys("CostAndUsage-D-004-C", "CostAndUsage-D-058-C",
        "CostAndUsage-D-061-C");
  }

  private static String csv(UsageResponse page) throws IOException {
    StringWriter out = new StringWriter();
    List<String> notes = new ArrayList<>();
    FocusExport export = FocusExport.builder().notes(notes::add).build();
    export.writeCsv(export.rows(Flowable.fromIterable(page.data())), out);
    return out.toString();
  }

  private static FocusRules.Report evaluate(String what, String csv) throws IOException {
    FocusRules.Dataset data = FocusRules.Dataset.parse(csv);
    FocusRules.Report report = FocusRules.load(OPENAI).evaluate(data);
    System.out.println("FOCUS 1.2 conformance of the export of " + what + " (" + data.rows.size() + " rows): "
        + report.summary());
    report.failures.forEach((id, why) -> System.out.println("  FAILED " + id + ": " + why));
    return report;
  }

  private static void assertConforms(FocusRules.Report report) {
    assertThat(report.failures).as(report.summary()).isEmpty();
    assertThat(report.outcomes).hasSize(621);
    assertThat(report.outcomes.get("CostAndUsage-D-000-M")).isEqualTo(FocusRules.Outcome.PASSED);
    assertThat(report.checked()).isGreaterThan(150);
  }
}
