package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.buckets;
import static dev.usagekit.rx.Fixtures.completionsQuery;
import static dev.usagekit.rx.Fixtures.errorResponse;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static dev.usagekit.rx.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.ResponseTooLargeException;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries in virtual time: the API runs synchronously on the test thread and the waits on a {@link TestScheduler},
 * so "the retry happens at exactly t" is asserted by advancing the clock to just before t and to t.
 */
class RetryTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  private final TestScheduler scheduler = new TestScheduler();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private UsageStreams streams(RetryPolicy policy) {
    return UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(policy).scheduler(scheduler).build();
  }

  /** No jitter: the backoffs are exactly 1 s, 2 s, 4 s, ... */
  private static RetryPolicy.Builder exact() {
    return RetryPolicy.builder().jitter(0);
  }

  private void advanceTo(long millis) {
    scheduler.advanceTimeTo(millis, TimeUnit.MILLISECONDS);
  }

  private static final String DISCONNECTED = "<disconnected at start>";

  /** The {@code page} parameter of every request the server received, in order ("" for none). */
  private List<String> pageParameters() throws InterruptedException {
    List<String> pages = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      HttpUrl url = server.takeRequest(0, TimeUnit.SECONDS).getRequestUrl();
      if (url == null) {
        pages.add(DISCONNECTED); // the server closed the connection before reading the request
      } else {
        String page = url.queryParameter("page");
        pages.add(page == null ? "" : page);
      }
    }
    return pages;
  }

  @Test
  void tooManyRequestsWithRetryAfterWaitsExactlyThatLong() {
    server.enqueue(errorResponse(429, "requests", "rate_limit_exceeded", null, "Slow down")
        .setHeader("Retry-After", "7"));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(RetryPolicy.defaults()).buckets(completionsQuery()).test();

    advanceTo(6_999);
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertEmpty();
    advanceTo(7_000);
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertResult(Fixtures.bucket(0));
  }

  @Test
  void retryAfterIsHonouredOnServerErrorsToo() {
    server.enqueue(status(503).setHeader("Retry-After", "3"));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();

    advanceTo(2_999);
    assertThat(server.getRequestCount()).isEqualTo(1);
    advanceTo(3_000);
    subscriber.assertComplete();
  }

  @Test
  void tooManyRequestsWithoutRetryAfterBacksOffExponentially() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(429));
    }
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();

    // attempts at 0 s, 1 s, 1 + 2 = 3 s, 3 + 4 = 7 s
    long[][] countsAt = {{999, 1}, {1_000, 2}, {2_999, 2}, {3_000, 3}, {6_999, 3}, {7_000, 4}};
    for (long[] countAt : countsAt) {
      advanceTo(countAt[0]);
      assertThat(server.getRequestCount()).as("requests at %d ms", countAt[0]).isEqualTo((int) countAt[1]);
    }
    subscriber.assertComplete();
  }

  @Test
  void theBackoffIsCappedAtMaxBackoff() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(500));
    }
    server.enqueue(pageResponse(buckets(0, 1), null));
    RetryPolicy policy = exact().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(15)).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams(policy).buckets(completionsQuery()).test();

    // waits 10 s, then min(20, 15) = 15 s, 15 s, 15 s: attempts at 0, 10, 25, 40, 55 s
    long[][] countsAt = {{9_999, 1}, {10_000, 2}, {24_999, 2}, {25_000, 3}, {40_000, 4}, {54_999, 4}, {55_000, 5}};
    for (long[] countAt : countsAt) {
      advanceTo(countAt[0]);
      assertThat(server.getRequestCount()).as("requests at %d ms", countAt[0]).isEqualTo((int) countAt[1]);
    }
    subscriber.assertComplete();
  }

  @Test
  void theJitterIsSeededAndShortensTheBackoffByAtMostItsFraction() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(0, 1), null));
    RetryPolicy policy = RetryPolicy.builder().jitter(0.5).seed(42L).build();
    Random sameSeed = new Random(42L);
    long first = (long) Math.floor(1_000 * (1 - 0.5 * sameSeed.nextDouble()));
    long second = (long) Math.floor(2_000 * (1 - 0.5 * sameSeed.nextDouble()));
    assertThat(first).isBetween(500L, 1_000L);
    assertThat(second).isBetween(1_000L, 2_000L);

    TestSubscriber<UsageTimeBucket> subscriber = streams(policy).buckets(completionsQuery()).test();

    advanceTo(first - 1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    advanceTo(first);
    assertThat(server.getRequestCount()).isEqualTo(2);
    advanceTo(first + second - 1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    advanceTo(first + second);
    assertThat(server.getRequestCount()).isEqualTo(3);
    subscriber.assertComplete();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void throttlingAndServerErrorsAreRetried(int status) {
    server.enqueue(status(status));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();
    advanceTo(1_000);

    subscriber.assertResult(Fixtures.bucket(0));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 501})
  void otherStatusesFailAtOnceWithoutRetry(int status) {
    server.enqueue(status(status));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(RetryPolicy.defaults()).buckets(completionsQuery()).test();

    // failed before any virtual time passed
    assertThat(Fixtures.error(subscriber, UsageApiException.class).statusCode()).isEqualTo(status);
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void ioFailuresAreRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();
    advanceTo(3_000);

    subscriber.assertResult(Fixtures.bucket(0));
  }

  @Test
  void aRedirectLoopFailsAtOnceWithoutRetry() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(302).setHeader("Location", request.getPath());
      }
    });

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();

    UsageNetworkException failure = Fixtures.error(subscriber, UsageNetworkException.class);
    assertThat(failure.getCause()).isInstanceOf(ProtocolException.class)
        .hasMessage("Too many follow-up requests: 21");
    assertThat(failure).hasMessageContaining("not retried");
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(server.getRequestCount()).isEqualTo(21); // OkHttp's first request and its 20 follow-ups
  }

  @Test
  void aBodyPastTheSizeLimitFailsAtOnceWithoutRetry() throws Exception {
    Buffer gzipped = new Buffer();
    try (BufferedSink sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(Fixtures.json(Fixtures.page(buckets(0, 200), null)));
    }
    server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(gzipped));
    UsageApi api = UsageApiFactory.builder().adminKey("sk-admin-test").baseUrl(server.url("/v1/").toString())
        .maxResponseBytes(1_024).build();

    TestSubscriber<UsageTimeBucket> subscriber = UsageStreams.builder(api).retryPolicy(exact().build())
        .scheduler(scheduler).build().buckets(completionsQuery()).test();
    subscriber.awaitDone(30, TimeUnit.SECONDS);

    UsageNetworkException failure = Fixtures.error(subscriber, UsageNetworkException.class);
    assertThat(failure.getCause()).isInstanceOf(ResponseTooLargeException.class);
    assertThat(failure).hasMessageStartingWith("response too large, not retried: Response body exceeds the limit "
        + "of 1024 bytes");
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void noneFailsAtTheFirstRetryableError() {
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(RetryPolicy.none()).buckets(completionsQuery()).test();

    assertThat(Fixtures.error(subscriber, UsageApiException.class).statusCode()).isEqualTo(503);
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetryAfterLongerThanMaxRetryAfterFailsAtOnce() {
    server.enqueue(status(429).setHeader("Retry-After", "3600"));
    server.enqueue(pageResponse(buckets(0, 1), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(RetryPolicy.defaults()).buckets(completionsQuery()).test();

    UsageApiException e = Fixtures.error(subscriber, UsageApiException.class);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theLastFailureIsSignalledAfterMaxRetriesWithTheEarlierOnesSuppressed() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(500 + (i % 2) * 3)); // 500, 503, 500, 503
    }
    TestSubscriber<UsageTimeBucket> subscriber =
        streams(exact().maxRetries(3).build()).buckets(completionsQuery()).test();

    advanceTo(1_000 + 2_000 + 4_000 - 1);
    subscriber.assertNoErrors();
    advanceTo(1_000 + 2_000 + 4_000);

    UsageApiException e = Fixtures.error(subscriber, UsageApiException.class);
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.getSuppressed()).extracting(s -> ((UsageApiException) s).statusCode())
        .containsExactly(500, 503, 500);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void everyPageHasItsOwnRetryBudget() {
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(0, 1), "c1"));
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(1, 2), null));

    TestSubscriber<UsageTimeBucket> subscriber =
        streams(exact().maxRetries(1).build()).buckets(completionsQuery()).test();
    advanceTo(2_000);

    subscriber.assertResult(buckets(0, 2).toArray(new UsageTimeBucket[0]));
  }

  @Test
  void aRetryResumesFromTheCursorOfTheFailingPage() throws Exception {
    server.enqueue(pageResponse(buckets(0, 2), "page_2"));
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(2, 4), "page_3"));
    server.enqueue(pageResponse(buckets(4, 5), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams(exact().build()).buckets(completionsQuery()).test();
    advanceTo(1_000);

    subscriber.assertResult(buckets(0, 5).toArray(new UsageTimeBucket[0]));
    assertThat(pageParameters()).containsExactly("", "page_2", "page_2", "page_3");
  }

  @Test
  void acrossAMixOfFaultsEveryBucketIsEmittedExactlyOnceAndInOrder() throws Exception {
    // 6 pages of 3 buckets; before pages 1..6 the server fails in every way the policy retries.
    MockResponse[][] faultsBeforePage = {
        {status(429).setHeader("Retry-After", "2")},
        {status(500), new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)},
        {},
        {pageResponse(buckets(9, 12), "p5").setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY),
            status(502)},
        {status(504), status(429), status(503)},
        // DISCONNECT_AT_START acts on a new connection only: the one before closes the pooled connection.
        {new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST),
            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START)},
    };
    List<String> expectedPages = new ArrayList<>();
    for (int page = 0; page < 6; page++) {
      String cursor = page == 0 ? "" : "p" + page;
      for (MockResponse fault : faultsBeforePage[page]) {
        server.enqueue(fault);
        expectedPages.add(fault.getSocketPolicy() == SocketPolicy.DISCONNECT_AT_START ? DISCONNECTED : cursor);
      }
      server.enqueue(pageResponse(buckets(3 * page, 3 * page + 3), page < 5 ? "p" + (page + 1) : null));
      expectedPages.add(cursor);
    }
    TestSubscriber<UsageTimeBucket> subscriber = streams(RetryPolicy.builder().seed(7L).build())
        .buckets(completionsQuery()).test();

    scheduler.advanceTimeBy(10, TimeUnit.MINUTES); // runs every wait that falls due, including later ones

    subscriber.assertResult(buckets(0, 18).toArray(new UsageTimeBucket[0]));
    assertThat(pageParameters()).containsExactlyElementsOf(expectedPages);
  }

  @Test
  void aRetriedPageIsFetchedOnlyWithDemand() {
    server.enqueue(pageResponse(buckets(0, 1), "c1"));
    server.enqueue(status(503));
    server.enqueue(pageResponse(buckets(1, 2), null));
    TestSubscriber<UsageTimeBucket> subscriber =
        streams(exact().build()).buckets(completionsQuery()).test(0);

    subscriber.request(1);
    advanceTo(60_000);
    assertThat(server.getRequestCount()).isEqualTo(1);

    subscriber.request(1); // page 2 fails, waits 1 s, succeeds
    assertThat(server.getRequestCount()).isEqualTo(2);
    advanceTo(61_000);
    assertThat(server.getRequestCount()).isEqualTo(3);
    subscriber.assertResult(buckets(0, 2).toArray(new UsageTimeBucket[0]));
  }
}
