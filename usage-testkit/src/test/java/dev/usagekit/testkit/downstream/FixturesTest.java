package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.Fixture;
import dev.usagekit.testkit.Grouping;
import dev.usagekit.testkit.UsageFixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The canned responses: raw JSON as the API sends it, and the values a plain ObjectMapper makes of it. */
class FixturesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<UsageResult> results(UsageResponse page) {
    return page.data().stream().flatMap(b -> b.results().stream()).collect(Collectors.toList());
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void ungroupedPagesHoldOneResultOfTheEndpointsTypePerBucketWithUsage(UsageEndpoint endpoint) {
    UsageResponse page = UsageFixtures.page(endpoint, Grouping.UNGROUPED).value();

    assertThat(page.data()).extracting(b -> b.results().size()).containsExactly(1, 1, 0);
    assertThat(results(page)).allMatch(endpoint.resultType()::isInstance);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void groupedPagesHoldSeveralResultsWithGroupingFieldsSet(UsageEndpoint endpoint) throws Exception {
    Fixture<UsageResponse> fixture = UsageFixtures.page(endpoint, Grouping.GROUPED);

    assertThat(results(fixture.value())).hasSizeGreaterThan(2).allMatch(endpoint.resultType()::isInstance);
    JsonNode first = MAPPER.readTree(fixture.json()).at("/data/0/results/0");
    long set = endpoint.groupByFields().stream().filter(f -> first.path(f.wireValue()).isTextual()).count();
    assertThat(set).isPositive();
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void fixturesWriteGroupingFieldsNotGroupedOnAsJsonNull(UsageEndpoint endpoint) throws Exception {
    Fixture<UsageResponse> fixture = UsageFixtures.page(endpoint, Grouping.UNGROUPED);
    JsonNode result = MAPPER.readTree(fixture.json()).at("/data/0/results/0");

    for (var field : endpoint.groupByFields()) {
      String where = "\"" + field.wireValue() + "\": null in usage-testkit/src/main/resources" + fixture.resource();
      assertThat(result.get(field.wireValue())).as(where).isNotNull();
      assertThat(result.get(field.wireValue()).isNull()).as(where).isTrue();
    }
  }

  @Test
  void fixturesCarryFieldsTheSpecDoesNotList() throws Exception {
    JsonNode bucket = MAPPER.readTree(UsageFixtures.page(UsageEndpoint.COMPLETIONS, Grouping.UNGROUPED).json())
        .at("/data/0");
    JsonNode costs = MAPPER.readTree(UsageFixtures.costsWithNumberAmounts().json()).at("/data/0/results/0");

    assertThat(bucket.get("start_time_iso").asText()).isEqualTo("2025-11-03T00:00:00+00:00");
    assertThat(costs.get("organization_id").asText()).startsWith("org-");
    assertThat(costs.get("project_name").asText()).isEqualTo("Support Assistant");
  }

  @Test
  void valueIsTheJsonDecodedWithAPlainObjectMapper() throws Exception {
    Fixture<UsageResponse> fixture = UsageFixtures.page(UsageEndpoint.COSTS, Grouping.GROUPED);

    assertThat(fixture.value()).isEqualTo(MAPPER.readValue(fixture.json(), UsageResponse.class));
    assertThat(fixture.name()).isEqualTo("costs.grouped.json");
    assertThat(FixturesTest.class.getResource(fixture.resource())).isNotNull();
  }

  @Test
  void emptyBucketsHaveNoResults() {
    UsageResponse page = UsageFixtures.emptyBuckets().value();

    assertThat(page.data()).hasSize(3).allMatch(b -> b.results().isEmpty());
    assertThat(page.data()).extracting(b -> b.endTime() - b.startTime()).containsOnly(3600L);
  }

  @Test
  void thePageChainLinksByCursorsAndEnds() {
    List<UsageResponse> chain = UsageFixtures.pageChain().stream().map(Fixture::value).collect(Collectors.toList());

    assertThat(chain).extracting(UsageResponse::hasMore).containsExactly(true, true, false);
    assertThat(chain.get(0).nextPage()).startsWith("page_").isNotEqualTo(chain.get(1).nextPage());
    assertThat(chain.get(2).nextPage()).isNull();
    List<Long> starts = chain.stream().flatMap(p -> p.data().stream()).map(UsageTimeBucket::startTime)
        .collect(Collectors.toList());
    assertThat(starts).hasSize(5).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void stringAmountsDecodeToTheSameMoneyAsNumberAmounts() {
    List<UsageResult> strings = results(UsageFixtures.costsWithStringAmounts().value());
    List<UsageResult> numbers = results(UsageFixtures.costsWithNumberAmounts().value());

    assertThat(strings).hasSameSizeAs(numbers);
    for (int i = 0; i < strings.size(); i++) {
      BigDecimal string = ((CostsResult) strings.get(i)).amount().value();
      BigDecimal number = ((CostsResult) numbers.get(i)).amount().value();
      assertThat(string).isEqualByComparingTo(number);
    }
    assertThat(((CostsResult) strings.get(0)).amount().value()).isEqualTo(new BigDecimal("0.0692840000000000000"));
    assertThat(UsageFixtures.costsWithStringAmounts().json()).contains("\"0E-6176\"");
  }

  @Test
  void anUnknownResultTypeKeepsItsFieldsAndDoesNotFailThePage() {
    List<UsageResult> results = results(UsageFixtures.unknownResultType().value());

    assertThat(results).hasSize(2);
    assertThat(results.get(0)).isInstanceOf(UsageCompletionsResult.class);
    UnknownUsageResult unknown = (UnknownUsageResult) results.get(1);
    assertThat(unknown.object()).isEqualTo("usagekit.test.unknown_type.result");
    assertThat(unknown.additionalProperties().get("session_seconds").decimalValue()).isEqualByComparingTo("941.5");
  }

  @Test
  void theLegacyResultFieldDecodesLikeResults() {
    UsageResponse page = UsageFixtures.legacyResultField().value();

    assertThat(page.data().get(0).results()).hasSize(1);
    assertThat(UsageFixtures.legacyResultField().json()).contains("\"result\"").doesNotContain("\"results\"");
  }

  @Test
  void errorBodiesHaveTheApisShape() {
    assertThat(UsageFixtures.errorStatuses()).containsExactly(400, 401, 403, 404, 429, 500);
    for (int status : UsageFixtures.errorStatuses()) {
      ErrorResponse error = UsageFixtures.error(status).value();
      assertThat(error.error().message()).as("%d", status).isNotBlank();
      assertThat(error.error().type()).as("%d", status).isNotBlank();
    }
    assertThat(UsageFixtures.error(400).value().error().param()).isEqualTo("limit");
    assertThat(UsageFixtures.error(401).value().error().code()).isEqualTo("invalid_api_key");
    assertThat(UsageFixtures.error(429).value().error().code()).isEqualTo("rate_limit_exceeded");
    assertThat(UsageFixtures.error(500).value().error().type()).isEqualTo("server_error");
  }

  @Test
  void anErrorStatusWithoutAFixtureIsRejectedNamingTheOnesThereAre() {
    assertThatThrownBy(() -> UsageFixtures.error(418))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[400, 401, 403, 404, 429, 500]")
        .hasMessageContaining("418");
  }

  @Test
  void everyPageFixtureDecodes() {
    assertThat(UsageFixtures.pages()).hasSize(2 * UsageEndpoint.values().length + 8)
        .allSatisfy(f -> assertThat(f.value().data()).isNotEmpty());
  }
}
