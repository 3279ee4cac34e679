package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageDecisionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.UsageRecord;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake serves the API as it is after 2026-08: decisions, api_source, costs by user and line item. */
@ExtendWith(FakeUsageServerExtension.class)
class ApiAfterAugust2026Test {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86400;

  private static List<UsageResult> results(UsageApi api, UsageQuery<?> query) {
    return UsageApiPages.fetch(api, query, null).blockingFirst().data().get(0).results();
  }

  @Test
  void decisionsAreServedAndGroupedByApiSource(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.decisions().apiSource("agents_api").numModelRequests(2L).build());
    server.add(NOV_1 + 60, TestData.decisions().apiSource("unlabeled").numModelRequests(3L).build());

    List<UsageResult> grouped = results(api, UsageQuery.decisions().startTime(NOV_1).endTime(NOV_1 + DAY)
        .groupBy(GroupByField.API_SOURCE).build());
    List<UsageResult> ungrouped = results(api, UsageQuery.decisions().startTime(NOV_1).endTime(NOV_1 + DAY).build());

    assertThat(grouped).extracting(r -> ((UsageDecisionsResult) r).apiSource()).containsExactly("agents_api", "unlabeled");
    assertThat(grouped).extracting(r -> ((UsageDecisionsResult) r).numModelRequests()).containsExactly(2L, 3L);
    assertThat(ungrouped).singleElement()
        .satisfies(r -> assertThat(((UsageDecisionsResult) r).apiSource()).isNull())
        .satisfies(r -> assertThat(((UsageDecisionsResult) r).numModelRequests()).isEqualTo(5L));
  }

  @Test
  void costsFilterByLineItemAndGroupByUser(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1, TestData.costs().lineItem("gpt-4o, input").userId("user_1").amount(TestData.usd("1.00")).build());
    server.add(NOV_1, TestData.costs().lineItem("gpt-4o, output").userId("user_2").amount(TestData.usd("2.00")).build());

    List<UsageResult> byUser = results(api, UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + DAY)
        .lineItems("gpt-4o, output").groupBy(GroupByField.USER_ID).build());

    assertThat(byUser).singleElement().satisfies(r -> {
      assertThat(((CostsResult) r).userId()).isEqualTo("user_2");
      assertThat(((CostsResult) r).amount().value()).isEqualByComparingTo("2.00");
    });
  }

  @Test
  void costsByUserWithProjectGroupingOrFilterIs400AsTheApiDocuments(FakeUsageServer server) {
    Http.Reply grouped = Http.get(server,
        "organization/costs?start_time=" + NOV_1 + "&group_by=user_id&group_by=project_id");
    Http.Reply filtered = Http.get(server,
        "organization/costs?start_time=" + NOV_1 + "&group_by=user_id&project_ids=proj_a");
    Http.Reply alone = Http.get(server, "organization/costs?start_time=" + NOV_1 + "&group_by=user_id");

    assertThat(grouped.status()).isEqualTo(400);
    assertThat(filtered.status()).isEqualTo(400);
    JsonNode error = grouped.json().get("error");
    assertThat(error.get("message").asText()).contains("user_id").contains("project_id");
    assertThat(error.get("param").asText()).isEqualTo("group_by");
    assertThat(alone.status()).isEqualTo(200);
  }

  @Test
  void theDemoOrganisationHasDecisionsAndAgentsApiTraffic() {
    SyntheticOrganization org = SyntheticOrganization.generate(42, Instant.parse("2026-11-01T00:00:00Z"), 7);

    Set<UsageEndpoint> endpoints = org.records().stream().map(UsageRecord::endpoint).collect(Collectors.toSet());
    Set<String> sources = org.records().stream().map(UsageRecord::result)
        .filter(r -> r instanceof UsageCompletionsResult).map(r -> ((UsageCompletionsResult) r).apiSource())
        .collect(Collectors.toSet());

    assertThat(endpoints).contains(UsageEndpoint.DECISIONS);
    assertThat(sources).containsExactlyInAnyOrder("agents_api", "unlabeled");
    assertThat(org.records()).filteredOn(r -> r.result() instanceof CostsResult)
        .anySatisfy(r -> assertThat(((CostsResult) r.result()).userId()).isNotNull());
  }
}
