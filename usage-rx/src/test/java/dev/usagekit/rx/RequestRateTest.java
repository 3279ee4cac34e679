package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How fast a server can make a stream send requests, in virtual time: a {@code Retry-After} shorter than the
 * floor (such as 0) waits the floor with jitter, and no subscription makes more than its ceiling of requests in
 * any minute, across all its sub-windows.
 */
class RequestRateTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  private final TestScheduler scheduler = new TestScheduler();

  private static UsageApiException http(int status, Duration retryAfter) {
    return new UsageApiException("HTTP " + status, dev.usagekit.model.UsageEndpoint.COMPLETIONS, 1, null, status,
        null, null, null, null, null, retryAfter);
  }

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  /** Every request: 429 with {@code Retry-After: 0}. */
  private void rateLimitWithRetryAfterZeroForever() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return Fixtures.status(429).setHeader("Retry-After", "0");
      }
    });
  }

  @Test
  void retryAfterZeroWaitsTheOneSecondFloor() {
    rateLimitWithRetryAfterZeroForever();
    RetryPolicy policy = RetryPolicy.builder().jitter(0).build();
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(policy)
        .scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(Fixtures.completionsQuery()).test();
    assertThat(server.getRequestCount()).isEqualTo(1);

    scheduler.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    assertThat(server.getRequestCount()).as("not at once, whatever Retry-After says").isEqualTo(1);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(server.getRequestCount()).isEqualTo(2);

    scheduler.advanceTimeBy(3, TimeUnit.SECONDS);
    assertThat(server.getRequestCount()).as("4 retries, a second apart").isEqualTo(5);
    assertThat(Fixtures.error(subscriber, UsageApiException.class).statusCode()).isEqualTo(429);
  }

  @Test
  void theFloorIsLengthenedByJitterNeverShortened() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0.2).build();
    Random random = new Random(7);

    for (int i = 0; i < 1_000; i++) {
      UsageApiException zero = http(429, Duration.ZERO);
      assertThat(policy.delayMillis(1, zero, random)).isBetween(1_000L, 1_200L);
    }
    assertThat(policy.delayMillis(1, http(429, Duration.ofSeconds(3)), random))
        .as("a Retry-After above the floor is honoured exactly").isEqualTo(3_000L);
  }

  @Test
  void theFloorIsConfigurableAndNotAboveTheLongestRetryAfter() {
    RetryPolicy none = RetryPolicy.builder().minRetryAfter(Duration.ZERO).build();
    assertThat(none.delayMillis(1, http(429, Duration.ZERO), new Random())).isZero();
    assertThat(RetryPolicy.defaults().minRetryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder()
        .minRetryAfter(Duration.ofSeconds(10)).maxRetryAfter(Duration.ofSeconds(5)).build())
        .withMessage("maxRetryAfter (PT5S) must not be less than minRetryAfter (PT10S)");
  }

  @Test
  void aSequentialStreamMakesAtMostTheCeilingOfRequestsInAnyMinute() {
    FakeUsageApi fake = FakeUsageApi.serving(1_000, 1);
    UsageStreams streams = UsageStreams.builder(fake.api()).scheduler(scheduler).maxRequestsPerMinute(10).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(Fixtures.completionsQuery()).test();
    assertThat(fake.requestCount()).isEqualTo(10);

    scheduler.advanceTimeBy(59_999, TimeUnit.MILLISECONDS);
    assertThat(fake.requestCount()).isEqualTo(10);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(fake.requestCount()).isEqualTo(20);
    subscriber.assertValueCount(20).assertNotComplete();
  }

  @Test
  void theCeilingHoldsAcrossAllSubWindowsAndTheirRetries() {
    AtomicInteger requests = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (requests.incrementAndGet() % 2 == 1) {
          return Fixtures.status(500); // every other request fails and is retried
        }
        long start = Long.parseLong(request.getRequestUrl().queryParameter("start_time"));
        return pageResponse(Collections.singletonList(bucket((start - T0) / DAY)), null);
      }
    });
    UsageQuery<?> fortyDays = UsageQuery.completions().startTime(T0).endTime(T0 + 40 * DAY).limit(1).build();
    RetryPolicy noBackoff = RetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(noBackoff)
        .scheduler(scheduler).concurrency(4).maxRequestsPerMinute(12).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(fortyDays).test();
    scheduler.triggerActions();
    assertThat(server.getRequestCount()).isEqualTo(12);

    for (int minute = 1; minute <= 5; minute++) {
      scheduler.advanceTimeBy(1, TimeUnit.MINUTES);
      assertThat(server.getRequestCount()).as("after minute %d", minute).isEqualTo(12 * (minute + 1));
    }
    scheduler.advanceTimeBy(1, TimeUnit.MINUTES);
    subscriber.assertValueCount(40).assertComplete();
    assertThat(server.getRequestCount()).isEqualTo(80);
  }

  @Test
  void theCeilingIsAtLeastOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageStreams.builder(FakeUsageApi.serving(1, 1).api()).maxRequestsPerMinute(0))
        .withMessage("maxRequestsPerMinute must be >= 1, was 0");
    assertThat(UsageStreams.Builder.DEFAULT_MAX_REQUESTS_PER_MINUTE).isEqualTo(1_200);
  }
}
