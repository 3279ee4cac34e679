package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The synthetic organisation: deterministic from its seed, realistic, and what the report tool's demo runs on. */
class SyntheticOrganizationTest {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final SyntheticOrganization ORG = SyntheticOrganization.generate(42, START, 30);

  @Test
  void theSameSeedGivesTheSameOrganisation() {
    SyntheticOrganization again = SyntheticOrganization.generate(42, START, 30);

    assertThat(again.records()).isEqualTo(ORG.records());
    assertThat(again.organizationId()).isEqualTo(ORG.organizationId());
    assertThat(again.projects()).extracting(SyntheticOrganization.Project::id)
        .isEqualTo(ORG.projects().stream().map(SyntheticOrganization.Project::id).toList());
  }

  @Test
  void anotherSeedGivesAnotherOrganisation() {
    SyntheticOrganization other = SyntheticOrganization.generate(43, START, 30);

    assertThat(other.records()).isNotEqualTo(ORG.records());
    assertThat(other.totalCost()).isNotEqualByComparingTo(ORG.totalCost());
  }

  @Test
  void itHasSeveralProjectsUsersKeysAndModels() {
    assertThat(ORG.projects()).hasSize(4).allMatch(p -> p.id().startsWith("proj_"));
    assertThat(ORG.users()).hasSizeGreaterThanOrEqualTo(4).allMatch(u -> u.id().startsWith("user-"));
    assertThat(ORG.apiKeys()).hasSize(8).allMatch(k -> k.id().startsWith("key_"));
    assertThat(ORG.models()).contains("gpt-4o-mini-2024-07-18", "text-embedding-3-small").hasSizeGreaterThan(5);
    assertThat(ORG.organizationId()).startsWith("org-");
  }

  @Test
  void everyEndpointHasRecordsWithinTheDays() {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      assertThat(ORG.records(endpoint)).as(endpoint.path()).isNotEmpty();
    }
    assertThat(ORG.records()).allMatch(r -> r.timestamp() >= START.getEpochSecond()
        && r.timestamp() < ORG.end().getEpochSecond());
    assertThat(ORG.end()).isEqualTo(START.plus(Duration.ofDays(30)));
  }

  @Test
  void recordsAreInTimeOrder() {
    List<Long> times = ORG.records().stream().map(UsageRecord::timestamp).toList();

    assertThat(times).isSorted();
  }

  @Test
  void weekdaysAreBusierThanWeekends() {
    Map<Boolean, Long> requests = new HashMap<>();
    for (UsageRecord record : ORG.records(UsageEndpoint.COMPLETIONS)) {
      var day = Instant.ofEpochSecond(record.timestamp()).atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
      long count = ((dev.usagekit.model.UsageCompletionsResult) record.result()).numModelRequests();
      requests.merge(day >= 6, count, Long::sum);
    }

    // 5 weekdays against 2 weekend days per week: per day, weekdays are well above weekends.
    assertThat(requests.get(false) / 5.0).isGreaterThan(2 * requests.get(true) / 2.0);
  }

  @Test
  void everyCostsRecordIsAmountInUsdWithALineItem() {
    for (UsageRecord record : ORG.records(UsageEndpoint.COSTS)) {
      CostsResult costs = (CostsResult) record.result();
      assertThat(costs.amount().currency()).isEqualTo("usd");
      assertThat(costs.amount().value()).isNotNegative();
      assertThat(costs.lineItem()).isNotBlank();
      assertThat(costs.projectId()).startsWith("proj_");
    }
    assertThat(ORG.totalCost()).isBetween(new BigDecimal("100"), new BigDecimal("100000"));
  }

  @Test
  void itRejectsANonsensicalSpan() {
    assertThatThrownBy(() -> SyntheticOrganization.generate(1, START, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
  }

  /** What the report tool's demo does: a loopback server with the organisation, a client at url(). */
  @Test
  void theDemoPagesThroughThirtyDaysOfCostsAndTheyAddUpToTheTotal() throws IOException {
    Instant now = START.plus(Duration.ofDays(30));
    try (FakeUsageServer server = FakeUsageServer.builder()
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .organization(ORG)
        .start()) {
      assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith("/v1/");
      UsageApi api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
      UsageQuery<CostsResult> query = UsageQuery.costs().start(START).groupBy(GroupByField.PROJECT_ID).build();

      List<UsageTimeBucket> buckets = new ArrayList<>();
      String cursor = null;
      do {
        UsageResponse page = UsageApiPages.fetch(api, query, cursor).blockingFirst();
        buckets.addAll(page.data());
        cursor = page.nextPage();
      } while (cursor != null);

      assertThat(buckets).hasSize(30);
      BigDecimal total = BigDecimal.ZERO;
      Set<String> projects = new HashSet<>();
      for (UsageTimeBucket bucket : buckets) {
        for (UsageResult result : bucket.results()) {
          CostsResult costs = (CostsResult) result;
          total = total.add(costs.amount().value());
          projects.add(costs.projectId());
        }
      }
      assertThat(total).isEqualByComparingTo(ORG.totalCost());
      assertThat(projects).hasSize(4);
      assertThat(server.requestCount()).isEqualTo(5);
    }
  }
}
