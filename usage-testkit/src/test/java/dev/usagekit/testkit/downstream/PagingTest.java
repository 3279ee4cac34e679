package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** limit defaults and maxima, has_more and next_page cursors, paging across many pages. */
class PagingTest {
  static final Instant NOW = Instant.parse("2026-11-08T00:00:00Z");
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86400;

  /** A clock that tests can move: an open window must not drift while paging. */
  static final class MovableClock extends Clock {
    volatile Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final MovableClock CLOCK = new MovableClock();

  @RegisterExtension
  static final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(server -> server.clock(CLOCK));

  /** Every page of {@code query}, following next_page; records the pages. */
  private static List<UsageResponse> all(UsageApi api, UsageQuery<?> query) {
    List<UsageResponse> pages = new ArrayList<>();
    String cursor = null;
    do {
      UsageResponse page = UsageApiPages.fetch(api, query, cursor).blockingFirst();
      pages.add(page);
      cursor = page.nextPage();
      assertThat(page.hasMore()).isEqualTo(cursor != null);
    } while (cursor != null && pages.size() < 1_000);
    return pages;
  }

  @ParameterizedTest
  @EnumSource(BucketWidth.class)
  void withoutLimitAPageHasTheDefaultNumberOfBuckets(BucketWidth width, FakeUsageServer server, UsageApi api) {
    long end = NOV_1 + 100 * DAY;
    UsageResponse page = UsageApiPages.fetch(api,
        UsageQuery.completions().startTime(NOV_1).endTime(end).bucketWidth(width).build(), null).blockingFirst();

    assertThat(page.data()).hasSize(UsageEndpoint.COMPLETIONS.defaultLimit(width));
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextPage()).startsWith("page_");
  }

  @Test
  void costsDefaultToSevenDaysAndAllowUpTo180(FakeUsageServer server, UsageApi api) {
    long end = NOV_1 + 200 * DAY;
    UsageQuery<?> byDefault = UsageQuery.costs().startTime(NOV_1).endTime(end).build();
    UsageQuery<?> max = UsageQuery.costs().startTime(NOV_1).endTime(end).limit(180).build();

    assertThat(UsageApiPages.fetch(api, byDefault, null).blockingFirst().data()).hasSize(7);
    assertThat(UsageApiPages.fetch(api, max, null).blockingFirst().data()).hasSize(180);
  }

  @ParameterizedTest
  @EnumSource(BucketWidth.class)
  void theMaximumLimitIsServedAndOneMoreIsA400(BucketWidth width, FakeUsageServer server) {
    int max = UsageEndpoint.EMBEDDINGS.maxLimit(width);
    String window = "organization/usage/embeddings?start_time=" + NOV_1 + "&end_time=" + (NOV_1 + 2000 * DAY)
        + "&bucket_width=" + width.wireValue();

    Http.Reply ok = Http.get(server, window + "&limit=" + max);
    Http.Reply tooMany = Http.get(server, window + "&limit=" + (max + 1));

    assertThat(ok.json().get("data").size()).isEqualTo(max);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().at("/error/param").asText()).isEqualTo("limit");
    assertThat(tooMany.json().at("/error/message").asText()).contains(String.valueOf(max));
  }

  @Test
  void aLimitOfZeroIsA400(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/costs?start_time=" + NOV_1 + "&limit=0");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/param").asText()).isEqualTo("limit");
  }

  @Test
  void pagingFollowsCursorsAcrossManyPagesWithoutGapsOrRepeats(FakeUsageServer server, UsageApi api) {
    for (int day = 0; day < 95; day++) {
      server.add(NOV_1 + day * DAY + 3600, TestData.completions().inputTokens(day + 1).build());
    }
    UsageQuery<?> query = UsageQuery.completions()
        .startTime(NOV_1).endTime(NOV_1 + 95 * DAY).limit(4).build();

    List<UsageResponse> pages = all(api, query);

    assertThat(pages).hasSize(24);
    List<UsageTimeBucket> buckets = new ArrayList<>();
    pages.forEach(p -> buckets.addAll(p.data()));
    assertThat(buckets).hasSize(95);
    for (int day = 0; day < 95; day++) {
      UsageTimeBucket bucket = buckets.get(day);
      assertThat(bucket.startTime()).isEqualTo(NOV_1 + day * DAY);
      assertThat(((UsageCompletionsResult) bucket.results().get(0)).inputTokens()).isEqualTo(day + 1);
    }
    assertThat(pages.get(23).nextPage()).isNull();
    assertThat(server.requestCount()).isEqualTo(24);
  }

  @Test
  void eachCursorIsSentBackAsThePageParameter(FakeUsageServer server, UsageApi api) throws Exception {
    UsageQuery<?> query = UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 10 * DAY).limit(4).build();

    List<UsageResponse> pages = all(api, query);

    List<RecordedUsageRequest> requests = server.requests();
    assertThat(requests).extracting(RecordedUsageRequest::page)
        .containsExactly(null, pages.get(0).nextPage(), pages.get(1).nextPage());
    assertThat(requests).extracting(r -> (Object) r.query()).containsOnly(query);
  }

  @Test
  void theLimitMayChangeBetweenPages(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> first = UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 10 * DAY).limit(3).build();
    UsageQuery<?> rest = UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 10 * DAY).limit(7).build();

    UsageResponse page1 = UsageApiPages.fetch(api, first, null).blockingFirst();
    UsageResponse page2 = UsageApiPages.fetch(api, rest, page1.nextPage()).blockingFirst();

    assertThat(page2.data()).extracting(UsageTimeBucket::startTime)
        .containsExactly(NOV_1 + 3 * DAY, NOV_1 + 4 * DAY, NOV_1 + 5 * DAY, NOV_1 + 6 * DAY, NOV_1 + 7 * DAY,
            NOV_1 + 8 * DAY, NOV_1 + 9 * DAY);
    assertThat(page2.hasMore()).isFalse();
  }

  @Test
  void aCursorReusedWithOtherParametersIsA400NamingPage(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> query = UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 10 * DAY).limit(2).build();
    String cursor = UsageApiPages.fetch(api, query, null).blockingFirst().nextPage();

    Http.Reply reply = Http.get(server,
        "organization/costs?start_time=" + NOV_1 + "&end_time=" + (NOV_1 + 10 * DAY) + "&group_by=project_id"
            + "&page=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.json().get("error");
    assertThat(error.get("param").asText()).isEqualTo("page");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void aCursorOfAnotherEndpointIsA400(FakeUsageServer server, UsageApi api) {
    String cursor = UsageApiPages.fetch(api,
        UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 10 * DAY).limit(2).build(), null)
        .blockingFirst().nextPage();

    Http.Reply reply = Http.get(server, "organization/usage/completions?start_time=" + NOV_1 + "&end_time="
        + (NOV_1 + 10 * DAY) + "&page=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/param").asText()).isEqualTo("page");
  }

  @Test
  void aGarbledCursorIsA400NamingPage(FakeUsageServer server) {
    for (String garbled : new String[] {"page_notbase64!", "AAAAAGdGxdEiJdKOAAAAAGcqsYA=", "page_AAAA", ""}) {
      Http.Reply reply = Http.get(server, "organization/costs?start_time=" + NOV_1 + "&page=" + garbled);

      assertThat(reply.status()).as(garbled).isEqualTo(400);
      assertThat(reply.json().at("/error/param").asText()).as(garbled).isEqualTo("page");
    }
  }

  @Test
  void anOpenWindowIsPinnedByTheCursorWhileTheClockMoves(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> query = UsageQuery.completions()
        .startTime(NOW.getEpochSecond() - 10 * 3600).bucketWidth(BucketWidth.ONE_HOUR).limit(6).build();
    try {
      UsageResponse first = UsageApiPages.fetch(api, query, null).blockingFirst();
      CLOCK.now = NOW.plusSeconds(5 * 3600);
      UsageResponse second = UsageApiPages.fetch(api, query, first.nextPage()).blockingFirst();

      assertThat(second.data()).hasSize(4);
      assertThat(second.data().get(3).endTime()).isEqualTo(NOW.getEpochSecond());
      assertThat(second.hasMore()).isFalse();
    } finally {
      CLOCK.now = NOW;
    }
  }
}
