package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every filter of every endpoint keeps only the matching records. */
@ExtendWith(FakeUsageServerExtension.class)
class FiltersTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86400;

  static Stream<Arguments> listFilters() {
    List<Arguments> arguments = new ArrayList<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      for (UsageFilter filter : endpoint.filters()) {
        if (!filter.isBoolean()) {
          arguments.add(Arguments.of(endpoint, filter));
        }
      }
    }
    return arguments.stream();
  }

  /** Two values a filter accepts: allowed ones where the filter restricts them. */
  private static String[] valuesOf(UsageFilter filter) {
    if (!filter.allowedValues().isEmpty()) {
      return filter.allowedValues().stream().limit(2).toArray(String[]::new);
    }
    return new String[] {"wanted_1", "other_2"};
  }

  /** A result of {@code endpoint} with {@code field} set to {@code value} (through JSON, for any endpoint). */
  private static UsageResult resultWith(UsageEndpoint endpoint, String field, String value) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(TestData.result(endpoint));
    json.put(field, value);
    return mapper.treeToValue(json, UsageResult.class);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("listFilters")
  void aListFilterKeepsOnlyRecordsWithOneOfItsValues(UsageEndpoint endpoint, UsageFilter filter,
      FakeUsageServer server) throws Exception {
    String field = filter.wireValue().substring(0, filter.wireValue().length() - 1);
    String[] values = valuesOf(filter);
    server.add(NOV_1, resultWith(endpoint, field, values[0]));
    server.add(NOV_1, resultWith(endpoint, field, values[1]));
    server.add(NOV_1, TestData.result(endpoint));

    Http.Reply reply = Http.get(server, endpoint.path() + "?start_time=" + NOV_1 + "&end_time=" + (NOV_1 + DAY)
        + "&" + filter.wireValue() + "=" + values[0] + "&group_by=" + field);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/data/0/results").size()).isEqualTo(1);
    assertThat(reply.json().at("/data/0/results/0/" + field).asText()).isEqualTo(values[0]);
  }

  @Test
  void severalValuesOfAFilterAreAlternatives(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.completions().model("gpt-4o").inputTokens(1).build());
    server.add(NOV_1, TestData.completions().model("gpt-4o-mini").inputTokens(2).build());
    server.add(NOV_1, TestData.completions().model("o3-mini").inputTokens(4).build());

    UsageCompletionsResult result = (UsageCompletionsResult) UsageApiPages.fetch(api, UsageQuery.completions()
        .startTime(NOV_1).endTime(NOV_1 + DAY).models("gpt-4o", "o3-mini").build(), null)
        .blockingFirst().data().get(0).results().get(0);

    assertThat(result.inputTokens()).isEqualTo(5);
  }

  @Test
  void filtersCombineWithEachOther(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.webSearchCalls().projectId("proj_a").contextLevel("high").numRequests(1).build());
    server.add(NOV_1, TestData.webSearchCalls().projectId("proj_a").contextLevel("low").numRequests(2).build());
    server.add(NOV_1, TestData.webSearchCalls().projectId("proj_b").contextLevel("high").numRequests(4).build());

    UsageWebSearchCallsResult result = (UsageWebSearchCallsResult) UsageApiPages.fetch(api, UsageQuery
        .webSearchCalls().startTime(NOV_1).endTime(NOV_1 + DAY).projectIds("proj_a").contextLevels("high")
        .build(), null).blockingFirst().data().get(0).results().get(0);

    assertThat(result.numRequests()).isEqualTo(1);
  }

  @Test
  void batchFilterKeepsBatchOrNonBatchUsage(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.completions().batch(true).inputTokens(1).build());
    server.add(NOV_1, TestData.completions().batch(false).inputTokens(2).build());
    server.add(NOV_1, TestData.completions().inputTokens(4).build());

    long batch = tokens(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY).batch(true).build());
    long nonBatch = tokens(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY).batch(false).build());

    assertThat(batch).isEqualTo(1);
    assertThat(nonBatch).isEqualTo(2);
  }

  @Test
  void aFilterMatchingNothingLeavesEmptyBuckets(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.costs().projectId("proj_a").build());

    List<?> results = UsageApiPages.fetch(api, UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + DAY)
        .projectIds("proj_z").build(), null).blockingFirst().data().get(0).results();

    assertThat(results).isEmpty();
  }

  @Test
  void costsFilterByApiKey(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.costs().apiKeyId("key_a").amount(TestData.usd("1")).build());
    server.add(NOV_1, TestData.costs().apiKeyId("key_b").amount(TestData.usd("2")).build());

    CostsResult result = (CostsResult) UsageApiPages.fetch(api, UsageQuery.costs().startTime(NOV_1)
        .endTime(NOV_1 + DAY).apiKeyIds("key_b").build(), null).blockingFirst().data().get(0).results().get(0);

    assertThat(result.amount().value()).isEqualByComparingTo("2");
  }

  @Test
  void aFilterTheEndpointDoesNotHaveIsA400NamingIt(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/usage/vector_stores?start_time=" + NOV_1 + "&models=gpt-4o");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/param").asText()).isEqualTo("models");
  }

  @Test
  void aValueOutsideAnEnumeratedFilterIsA400NamingIt(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/usage/images?start_time=" + NOV_1 + "&sizes=2048x2048");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/param").asText()).isEqualTo("sizes");
    assertThat(reply.json().at("/error/message").asText()).contains("1024x1024");
  }

  private static long tokens(UsageApi api, UsageQuery<?> query) {
    return ((UsageCompletionsResult) UsageApiPages.fetch(api, query, null).blockingFirst().data().get(0).results()
        .get(0)).inputTokens();
  }
}
