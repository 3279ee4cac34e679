package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start/end window, bucket alignment and clipping, costs' whole days, empty buckets. */
class WindowAndBucketsTest {
  static final Instant NOW = Instant.parse("2026-11-08T00:00:00Z");
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long HOUR = 3600;
  static final long DAY = 86400;

  @RegisterExtension
  static final FakeUsageServerExtension fake =
      FakeUsageServerExtension.configured(server -> server.clock(Clock.fixed(NOW, ZoneOffset.UTC)));

  private static UsageResponse fetch(UsageApi api, UsageQuery<?> query) {
    return UsageApiPages.fetch(api, query, null).blockingFirst();
  }

  private static List<long[]> spans(UsageResponse page) {
    return page.data().stream().map(b -> new long[] {b.startTime(), b.endTime()}).collect(Collectors.toList());
  }

  @Test
  void startIsInclusiveAndEndExclusive(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1 - 1, TestData.completions().inputTokens(1).build());
    server.add(NOV_1, TestData.completions().inputTokens(10).build());
    server.add(NOV_1 + DAY - 1, TestData.completions().inputTokens(100).build());
    server.add(NOV_1 + DAY, TestData.completions().inputTokens(1000).build());

    UsageResponse page = fetch(api, UsageQuery.completions().startTime(NOV_1).endTime(NOV_1 + DAY).build());

    assertThat(page.data()).hasSize(1);
    UsageCompletionsResult result = (UsageCompletionsResult) page.data().get(0).results().get(0);
    assertThat(result.inputTokens()).isEqualTo(110);
  }

  @Test
  void hourlyBucketsAreAlignedToTheHourAndClippedToTheWindow(FakeUsageServer server, UsageApi api) {
    long start = NOV_1 + 10 * 60;           // 00:10
    long end = NOV_1 + 2 * HOUR + 20 * 60;  // 02:20

    UsageResponse page = fetch(api, UsageQuery.completions()
        .startTime(start).endTime(end).bucketWidth(BucketWidth.ONE_HOUR).build());

    assertThat(spans(page)).containsExactly(
        new long[] {start, NOV_1 + HOUR},
        new long[] {NOV_1 + HOUR, NOV_1 + 2 * HOUR},
        new long[] {NOV_1 + 2 * HOUR, end});
  }

  @Test
  void minuteBucketsAreAlignedToTheMinute(FakeUsageServer server, UsageApi api) {
    UsageResponse page = fetch(api, UsageQuery.embeddings()
        .startTime(NOV_1 + 30).endTime(NOV_1 + 150).bucketWidth(BucketWidth.ONE_MINUTE).build());

    assertThat(spans(page)).containsExactly(
        new long[] {NOV_1 + 30, NOV_1 + 60},
        new long[] {NOV_1 + 60, NOV_1 + 120},
        new long[] {NOV_1 + 120, NOV_1 + 150});
  }

  @Test
  void dailyUsageBucketsAreUtcDaysClippedToTheWindow(FakeUsageServer server, UsageApi api) {
    long start = NOV_1 + 6 * HOUR;
    long end = NOV_1 + DAY + 6 * HOUR;

    UsageResponse page = fetch(api, UsageQuery.moderations().startTime(start).endTime(end).build());

    assertThat(spans(page)).containsExactly(
        new long[] {start, NOV_1 + DAY}, new long[] {NOV_1 + DAY, end});
  }

  @Test
  void costsBucketsAreWholeUtcDays(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1 + HOUR, TestData.costs().amount(TestData.usd("0.50")).build());

    UsageResponse page = fetch(api, UsageQuery.costs()
        .startTime(NOV_1 + 6 * HOUR).endTime(NOV_1 + DAY + 6 * HOUR).build());

    assertThat(spans(page)).containsExactly(
        new long[] {NOV_1, NOV_1 + DAY}, new long[] {NOV_1 + DAY, NOV_1 + 2 * DAY});
    assertThat(page.data().get(0).results()).hasSize(1);
  }

  @Test
  void everyBucketIsSentAndEmptyOnesHaveNoResults(FakeUsageServer server, UsageApi api) {
    server.add(NOV_1 + DAY + 5, TestData.images().build());

    UsageResponse page = fetch(api, UsageQuery.images().startTime(NOV_1).endTime(NOV_1 + 3 * DAY).build());

    assertThat(page.data()).extracting(b -> b.results().size()).containsExactly(0, 1, 0);
  }

  @Test
  void withoutEndTheWindowRunsUpToTheClocksNow(FakeUsageServer server, UsageApi api) {
    UsageResponse page = fetch(api, UsageQuery.completions()
        .startTime(NOW.getEpochSecond() - 3 * HOUR - 600).bucketWidth(BucketWidth.ONE_HOUR).build());

    List<UsageTimeBucket> buckets = page.data();
    assertThat(buckets).hasSize(4);
    assertThat(buckets.get(3).endTime()).isEqualTo(NOW.getEpochSecond());
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aWindowStartingAfterNowHasNoBuckets(FakeUsageServer server, UsageApi api) {
    UsageResponse page = fetch(api, UsageQuery.completions().startTime(NOW.getEpochSecond() + 60).build());

    assertThat(page.data()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.nextPage()).isNull();
  }

  @Test
  void resultsHaveTheEndpointsResultType(FakeUsageServer server, UsageApi api) {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      server.add(NOV_1 + HOUR, TestData.result(endpoint));
    }
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      UsageQuery<UsageResult> query = UsageQuery.builder(endpoint).startTime(NOV_1).endTime(NOV_1 + DAY).build();

      UsageResult result = fetch(api, query).data().get(0).results().get(0);

      assertThat(result).as(endpoint.path()).isInstanceOf(endpoint.resultType());
      assertThat(result.object()).isEqualTo(endpoint.resultObject());
    }
  }
}
