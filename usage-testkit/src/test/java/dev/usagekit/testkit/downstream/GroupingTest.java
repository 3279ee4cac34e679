package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** group_by: sums per group, fields not grouped on are JSON null, one result per bucket without group_by. */
@ExtendWith(FakeUsageServerExtension.class)
class GroupingTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86400;

  private static List<UsageResult> results(UsageApi api, UsageQuery<?> query) {
    return UsageApiPages.fetch(api, query, null).blockingFirst().data().get(0).results();
  }

  private static void addCompletions(FakeUsageServer server) {
    server.add(NOV_1 + 100, TestData.completions().projectId("proj_a").model("gpt-4o").inputTokens(100)
        .outputTokens(10).numModelRequests(1).build());
    server.add(NOV_1 + 200, TestData.completions().projectId("proj_a").model("gpt-4o-mini").inputTokens(200)
        .outputTokens(20).numModelRequests(2).build());
    server.add(NOV_1 + 300, TestData.completions().projectId("proj_b").model("gpt-4o").inputTokens(400)
        .outputTokens(40).numModelRequests(4).build());
    server.add(NOV_1 + 400, TestData.completions().projectId("proj_a").model("gpt-4o").inputTokens(800)
        .outputTokens(80).numModelRequests(8).build());
  }

  @Test
  void withoutGroupByABucketHasOneResultSummingEverything(FakeUsageServer server, UsageApi api) {
    addCompletions(server);

    List<UsageResult> results = results(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY).build());

    assertThat(results).hasSize(1);
    UsageCompletionsResult total = (UsageCompletionsResult) results.get(0);
    assertThat(total.inputTokens()).isEqualTo(1500);
    assertThat(total.outputTokens()).isEqualTo(150);
    assertThat(total.numModelRequests()).isEqualTo(15);
    assertThat(total.projectId()).isNull();
    assertThat(total.model()).isNull();
  }

  @Test
  void aZeroAmountWithTheApisHugeScaleAddsNothingToASum(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1 + 100, TestData.costs().projectId("proj_a").amount(TestData.usd("0E-6176")).build());
    server.add(NOV_1 + 200, TestData.costs().projectId("proj_a").amount(TestData.usd("1.25")).build());
    server.add(NOV_1 + 300, TestData.costs().projectId("proj_b").amount(TestData.usd("0E-6176")).build());

    List<UsageResult> results = results(api, UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.PROJECT_ID).build());

    assertThat(results).extracting(r -> ((CostsResult) r).amount().value())
        .containsExactly(new BigDecimal("1.25"), new BigDecimal("0E-6176"));
  }

  @Test
  void groupByOneFieldSumsPerValue(FakeUsageServer server, UsageApi api) {
    addCompletions(server);

    List<UsageResult> results = results(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.PROJECT_ID).build());

    assertThat(results).extracting(r -> ((UsageCompletionsResult) r).projectId()).containsExactly("proj_a", "proj_b");
    assertThat(results).extracting(r -> ((UsageCompletionsResult) r).inputTokens()).containsExactly(1100L, 400L);
    assertThat(results).extracting(r -> ((UsageCompletionsResult) r).model()).containsOnlyNulls();
  }

  @Test
  void groupByTwoFieldsSumsPerCombination(FakeUsageServer server, UsageApi api) {
    addCompletions(server);

    List<UsageResult> results = results(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.PROJECT_ID, GroupByField.MODEL).build());

    assertThat(results).extracting(r -> {
      UsageCompletionsResult c = (UsageCompletionsResult) r;
      return c.projectId() + "/" + c.model() + "=" + c.inputTokens();
    }).containsExactly("proj_a/gpt-4o=900", "proj_a/gpt-4o-mini=200", "proj_b/gpt-4o=400");
  }

  @Test
  void fieldsNotGroupedOnAreWrittenAsJsonNull(FakeUsageServer server) {
    addCompletions(server);

    JsonNode result = Http.get(server, "organization/usage/completions?start_time=" + NOV_1 + "&end_time="
        + (NOV_1 + DAY) + "&group_by=model").json().at("/data/0/results/0");

    assertThat(result.get("model").asText()).isEqualTo("gpt-4o");
    for (String field : new String[] {"project_id", "user_id", "api_key_id", "batch", "service_tier"}) {
      assertThat(result.has(field)).as(field).isTrue();
      assertThat(result.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void everyCountOfTheResultTypeIsWrittenEvenWhenNoRecordHadIt(FakeUsageServer server) {
    server.add(NOV_1, TestData.completions().build());

    JsonNode result = Http.get(server, "organization/usage/completions?start_time=" + NOV_1)
        .json().at("/data/0/results/0");

    assertThat(result.get("input_audio_tokens").isIntegralNumber()).isTrue();
    assertThat(result.get("input_audio_tokens").asLong()).isZero();
    assertThat(result.get("output_image_tokens").asLong()).isZero();
  }

  @Test
  void groupByBatchGroupsTrueFalseAndNone(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.completions().batch(true).inputTokens(1).build());
    server.add(NOV_1, TestData.completions().batch(false).inputTokens(2).build());
    server.add(NOV_1, TestData.completions().batch(true).inputTokens(4).build());
    server.add(NOV_1, TestData.completions().inputTokens(8).build());

    List<UsageResult> results = results(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.BATCH).build());

    assertThat(results).extracting(r -> ((UsageCompletionsResult) r).batch()).containsExactly(false, true, null);
    assertThat(results).extracting(r -> ((UsageCompletionsResult) r).inputTokens()).containsExactly(2L, 5L, 8L);
  }

  @Test
  void imagesGroupBySizeAndSource(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.images().size("1024x1024").source("image.generation").images(3).build());
    server.add(NOV_1, TestData.images().size("1024x1024").source("image.edit").images(1).build());
    server.add(NOV_1, TestData.images().size("512x512").source("image.generation").images(5).build());
    server.add(NOV_1, TestData.images().size("1024x1024").source("image.generation").images(2).build());

    List<UsageResult> results = results(api, UsageQuery.images().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.SIZE).build());

    assertThat(results).extracting(r -> ((UsageImagesResult) r).size() + "=" + ((UsageImagesResult) r).images())
        .containsExactly("1024x1024=6", "512x512=5");
    assertThat(results).extracting(r -> ((UsageImagesResult) r).source()).containsOnlyNulls();
  }

  @Test
  void costsGroupedByLineItemCarryQuantityAndUnit(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.costs().lineItem("gpt-4o, input").amount(TestData.usd("0.0692840000000000000"))
        .quantity(new BigDecimal("27713")).quantityUnit("tokens").build());
    server.add(NOV_1 + 60, TestData.costs().lineItem("gpt-4o, input").amount(TestData.usd("0.01"))
        .quantity(new BigDecimal("4000")).quantityUnit("tokens").build());

    CostsResult grouped = (CostsResult) results(api, UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.LINE_ITEM).build()).get(0);
    CostsResult ungrouped = (CostsResult) results(api,
        UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + DAY).build()).get(0);

    assertThat(grouped.lineItem()).isEqualTo("gpt-4o, input");
    assertThat(grouped.amount().value()).isEqualTo(new BigDecimal("0.0792840000000000000"));
    assertThat(grouped.quantity()).isEqualByComparingTo("31713");
    assertThat(grouped.quantityUnit()).isEqualTo("tokens");
    assertThat(ungrouped.quantity()).isNull();
    assertThat(ungrouped.quantityUnit()).isNull();
    assertThat(ungrouped.amount().value()).isEqualByComparingTo("0.079284");
  }

  @Test
  void costsAmountsAreJsonNumbersAndExact(FakeUsageServer server) {
    server.add(NOV_1, TestData.costs().amount(TestData.usd("0.1")).build());
    server.add(NOV_1, TestData.costs().amount(TestData.usd("0.2")).build());

    JsonNode amount = Http.get(server, "organization/costs?start_time=" + NOV_1).json()
        .at("/data/0/results/0/amount");

    assertThat(amount.get("value").isNumber()).isTrue();
    assertThat(amount.get("value").decimalValue()).isEqualByComparingTo("0.3");
    assertThat(amount.get("currency").asText()).isEqualTo("usd");
  }

  @Test
  void resultsAreOrderedByGroupValuesWhateverTheOrderOfRecords(FakeUsageServer server, UsageApi api) {
    for (String project : new String[] {"proj_c", "proj_a", "proj_b"}) {
      server.add(NOV_1, TestData.vectorStores().projectId(project).build());
    }

    List<UsageResult> results = results(api, UsageQuery.vectorStores().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.PROJECT_ID).build());

    assertThat(results).extracting(r -> ((dev.usagekit.model.UsageVectorStoresResult) r).projectId())
        .containsExactly("proj_a", "proj_b", "proj_c");
  }

  @Test
  void everyGroupByFieldOfEveryEndpointIsAccepted(FakeUsageServer server) {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      server.add(NOV_1, TestData.result(endpoint));
      StringBuilder query = new StringBuilder(endpoint.path()).append("?start_time=").append(NOV_1);
      GroupFields.allTogether(endpoint).forEach(f -> query.append("&group_by=").append(f.wireValue()));

      Http.Reply reply = Http.get(server, query.toString());

      assertThat(reply.status()).as(endpoint.path()).isEqualTo(200);
      assertThat(reply.json().at("/data/0/results").size()).as(endpoint.path()).isEqualTo(1);
    }
  }
}
