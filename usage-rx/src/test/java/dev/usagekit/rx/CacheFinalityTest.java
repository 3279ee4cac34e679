package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a bucket store keeps: only buckets final by the server's clock (its {@code Date} header) as well as the
 * local one, and only under the server they came from.
 */
class CacheFinalityTest {
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());
  private static final String KEY = "sk-admin-cache-finality";
  private static final long HOUR = 3_600L;
  /** The server's now: 2026-12-07T10:00:00Z. */
  private static final long SERVER_NOW = Instant.parse("2026-12-07T10:00:00Z").getEpochSecond();

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private MockWebServer server;
  private MockWebServer otherServer;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    otherServer = new MockWebServer();
    otherServer.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
    otherServer.shutdown();
  }

  private static UsageApi api(MockWebServer at) {
    return UsageApiFactory.builder().adminKey(KEY).baseUrl(at.url("/v1/").toString()).build();
  }

  private static UsageStreams streams(MockWebServer at, BucketStore store, long localNow) {
    return UsageStreams.builder(api(at)).retryPolicy(RetryPolicy.none())
        .scheduler(new TestScheduler(localNow, TimeUnit.SECONDS))
        .bucketStore(store, at.url("/v1/").toString(), KEY).build();
  }

  /** Hourly buckets from {@code from} to {@code to}, each with {@code tokens} input tokens. */
  private static List<UsageTimeBucket> hours(long from, long to, long tokens) {
    List<UsageTimeBucket> buckets = new ArrayList<>();
    for (long start = from; start < to; start += HOUR) {
      buckets.add(UsageTimeBucket.builder().startTime(start).endTime(start + HOUR)
          .addResults(UsageCompletionsResult.builder().inputTokens(tokens).outputTokens(0).numModelRequests(1)
              .build())
          .build());
    }
    return buckets;
  }

  /** The page of {@code buckets}, sent by a server whose clock reads {@code serverNow}. */
  private static MockResponse page(List<UsageTimeBucket> buckets, long serverNow) {
    return Fixtures.pageResponse(buckets, null).setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME
        .format(Instant.ofEpochSecond(serverNow).atZone(ZoneOffset.UTC)));
  }

  @Test
  void aLocalClockFiveHoursFastCachesNoBucketTheServerHasNotClosed() throws Exception {
    UsageQuery<?> lastSixHours = UsageQuery.completions().startTime(SERVER_NOW - 6 * HOUR)
        .bucketWidth(BucketWidth.ONE_HOUR).build(); // open: up to now
    // The server sends its six closed hours and the hour now open, as the API does.
    List<UsageTimeBucket> sent = hours(SERVER_NOW - 6 * HOUR, SERVER_NOW + HOUR, 1);
    server.enqueue(page(sent, SERVER_NOW));
    BucketStore store = BucketStore.inMemory();
    long fiveHoursFast = SERVER_NOW + 5 * HOUR;

    List<UsageTimeBucket> first = streams(server, store, fiveHoursFast).buckets(lastSixHours).toList()
        .blockingGet();

    assertThat(first).isEqualTo(sent);
    List<UsageTimeBucket> kept = store.load(CacheKey.of(lastSixHours, server.url("/v1/").toString(), KEY), 0,
        Long.MAX_VALUE);
    assertThat(kept).as("by the local clock, all seven are over an hour old")
        .isEqualTo(hours(SERVER_NOW - 6 * HOUR, SERVER_NOW - HOUR, 1));
    assertThat(kept).extracting(UsageTimeBucket::endTime).allMatch(end -> end <= SERVER_NOW - HOUR,
        "final by the server's clock");

    // The open hours change at the server: a second run fetches them again, and gets the new values.
    List<UsageTimeBucket> later = hours(SERVER_NOW - HOUR, SERVER_NOW + HOUR, 5);
    server.enqueue(page(later, SERVER_NOW + 60));
    List<UsageTimeBucket> second = streams(server, store, fiveHoursFast).buckets(lastSixHours).toList()
        .blockingGet();

    assertThat(second.subList(5, 7)).isEqualTo(later);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(server.takeRequest().getRequestUrl().queryParameter("start_time"))
        .isEqualTo(String.valueOf(SERVER_NOW - 6 * HOUR));
    assertThat(server.takeRequest().getRequestUrl().queryParameter("start_time"))
        .as("only the hours the server had not closed").isEqualTo(String.valueOf(SERVER_NOW - HOUR));
  }

  @Test
  void aServerClockAheadOfTheLocalOneCachesNoMoreThanTheLocalClockAllows() {
    UsageQuery<?> lastSixHours = UsageQuery.completions().startTime(SERVER_NOW - 6 * HOUR)
        .bucketWidth(BucketWidth.ONE_HOUR).build();
    server.enqueue(page(hours(SERVER_NOW - 6 * HOUR, SERVER_NOW + HOUR, 1), SERVER_NOW + 100 * HOUR));
    BucketStore store = BucketStore.inMemory();

    streams(server, store, SERVER_NOW).buckets(lastSixHours).toList().blockingGet();

    assertThat(store.load(CacheKey.of(lastSixHours, server.url("/v1/").toString(), KEY), 0, Long.MAX_VALUE))
        .isEqualTo(hours(SERVER_NOW - 6 * HOUR, SERVER_NOW - HOUR, 1));
  }

  @Test
  void anotherServersBucketsAreNeverServed() {
    UsageQuery<?> closedDay = UsageQuery.completions().startTime(SERVER_NOW - 34 * HOUR)
        .endTime(SERVER_NOW - 10 * HOUR).bucketWidth(BucketWidth.ONE_HOUR).build();
    List<UsageTimeBucket> fromFirst = hours(SERVER_NOW - 34 * HOUR, SERVER_NOW - 10 * HOUR, 1);
    List<UsageTimeBucket> fromOther = hours(SERVER_NOW - 34 * HOUR, SERVER_NOW - 10 * HOUR, 7);
    server.enqueue(page(fromFirst, SERVER_NOW));
    otherServer.enqueue(page(fromOther, SERVER_NOW));
    BucketStore store = BucketStore.inMemory(); // one store, as one --cache directory

    List<UsageTimeBucket> first = streams(server, store, SERVER_NOW).buckets(closedDay).toList().blockingGet();
    List<UsageTimeBucket> other = streams(otherServer, store, SERVER_NOW).buckets(closedDay).toList()
        .blockingGet();
    List<UsageTimeBucket> firstAgain = streams(server, store, SERVER_NOW).buckets(closedDay).toList()
        .blockingGet();

    assertThat(first).isEqualTo(fromFirst);
    assertThat(other).as("the other server's own buckets").isEqualTo(fromOther);
    assertThat(otherServer.getRequestCount()).isEqualTo(1);
    assertThat(firstAgain).isEqualTo(fromFirst);
    assertThat(server.getRequestCount()).as("the first server's day came from the store").isEqualTo(1);
  }

  @Test
  void theCacheKeyTellsServersApartButNotTheSpellingsOfOne() {
    UsageQuery<?> query = UsageQuery.costs().startTime(SERVER_NOW - 86_400L).build();

    assertThat(CacheKey.of(query, "https://api.openai.com/v1/", KEY))
        .isEqualTo(CacheKey.of(query, "HTTPS://API.openai.com:443/v1", KEY))
        .isNotEqualTo(CacheKey.of(query, "https://proxy.example.com/v1/", KEY))
        .isNotEqualTo(CacheKey.of(query, "https://api.openai.com/v2/", KEY))
        .isNotEqualTo(CacheKey.of(query, "http://127.0.0.1:8080/v1/", KEY));
    assertThat(CacheKey.of(query, "https://user:secret@proxy.example.com/v1/", KEY).toString())
        .doesNotContain("secret").doesNotContain(KEY);
  }
}
