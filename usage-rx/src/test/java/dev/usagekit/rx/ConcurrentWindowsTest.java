package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sub-windows paged concurrently: how they are cut, and what they share (backoff, page budget). */
class ConcurrentWindowsTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  private final TestScheduler scheduler = new TestScheduler();
  /** Four days in pages of one bucket: four sub-windows. */
  private final UsageQuery<?> fourDays = UsageQuery.completions().startTime(T0).endTime(T0 + 4 * DAY).limit(1)
      .build();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  /** Answers every request with the one bucket of the day its start_time names; the first with a 429 if asked. */
  private void serveDays(boolean firstRateLimited, long retryAfterSeconds) {
    AtomicBoolean limited = new AtomicBoolean(firstRateLimited);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (limited.getAndSet(false)) {
          return Fixtures.status(429).setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        long start = Long.parseLong(request.getRequestUrl().queryParameter("start_time"));
        return pageResponse(Collections.singletonList(bucket((start - T0) / DAY)), null);
      }
    });
  }

  private UsageStreams streams(int concurrency) {
    return UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).concurrency(concurrency).build();
  }

  @Test
  void aRateLimitedSubWindowHoldsBackEveryOtherUntilItsRetryAfter() {
    serveDays(true, 7);

    TestSubscriber<UsageTimeBucket> subscriber = streams(2).buckets(fourDays).test();
    assertThat(server.getRequestCount()).as("the 429, and the second sub-window waiting").isEqualTo(1);

    scheduler.advanceTimeBy(6_999, TimeUnit.MILLISECONDS);
    assertThat(server.getRequestCount()).isEqualTo(1);

    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(server.getRequestCount()).isEqualTo(5);
    subscriber.assertValues(bucket(0), bucket(1), bucket(2), bucket(3)).assertComplete();
  }

  @Test
  void subWindowsAreOnePageEachCutAtUtcMultiplesOfTheWidth() {
    UsageQuery<?> query = UsageQuery.completions().startTime(T0 + 3_600).endTime(T0 + 10 * 3_600 + 5)
        .bucketWidth(BucketWidth.ONE_HOUR).limit(3).build();

    List<String> windows = new ArrayList<>();
    for (UsageQuery<?> window : Windows.split(query, T0 + DAY)) {
      windows.add(window.startTime() - T0 + ".." + (window.endTime() - T0));
    }

    assertThat(windows).containsExactly("3600..14400", "14400..25200", "25200..36000", "36000..36005");
  }

  @Test
  void aWindowThatStartsBetweenBucketBoundariesIsNotSplit() {
    UsageQuery<?> query = UsageQuery.completions().startTime(T0 + 5_000).endTime(T0 + 10 * 3_600 + 5)
        .bucketWidth(BucketWidth.ONE_HOUR).limit(3).build();

    assertThat(Windows.split(query, T0 + DAY)).containsExactly(query);
  }

  @Test
  void anOpenWindowIsCutUpToShortlyBeforeNowAndStaysOpenAfter() {
    UsageQuery<?> open = UsageQuery.completions().startTime(T0).bucketWidth(BucketWidth.ONE_HOUR).limit(2)
        .build();

    List<UsageQuery<?>> windows = new ArrayList<>();
    Windows.split(open, T0 + 5 * 3_600).forEach(windows::add);

    assertThat(windows).extracting(UsageQuery::startTime).containsExactly(T0, T0 + 7_200, T0 + 14_400);
    assertThat(windows.get(1).endTime()).isEqualTo(T0 + 14_400);
    assertThat(windows.get(2).endTime()).as("open-ended, like the sequential run").isNull();
  }

  @Test
  void theSameBucketsComeAsFromASequentialRun() {
    serveDays(false, 0);

    List<UsageTimeBucket> concurrent = streams(3).buckets(fourDays).toList().blockingGet();

    assertThat(concurrent).containsExactly(bucket(0), bucket(1), bucket(2), bucket(3));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void nothingIsFetchedBeforeDownstreamRequests() {
    serveDays(false, 0);

    TestSubscriber<UsageTimeBucket> subscriber = streams(4).buckets(fourDays).test(0);
    assertThat(server.getRequestCount()).isZero();

    subscriber.request(1);
    assertThat(server.getRequestCount()).as("4 sub-windows in flight at once").isEqualTo(4);
    subscriber.assertValuesOnly(bucket(0));
  }

  @Test
  void thePageBudgetCountsThePagesOfEverySubWindow() {
    serveDays(false, 0);
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler)
        .concurrency(2).maxPages(3).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(fourDays).test();

    UsageDecodingException error = Fixtures.error(subscriber, UsageDecodingException.class);
    assertThat(error).hasMessageContaining("budget of 3 pages");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBucketServedToTwoSubWindowsIsNotCountedTwice() {
    UsageTimeBucket straddling = UsageTimeBucket.builder().startTime(T0 + DAY / 2).endTime(T0 + DAY + DAY / 2)
        .build(); // overlaps both sub-windows, so each one's own window check lets it in
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return pageResponse(Collections.singletonList(straddling), null);
      }
    });
    UsageQuery<?> twoDays = UsageQuery.completions().startTime(T0).endTime(T0 + 2 * DAY).limit(1).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams(2).buckets(twoDays).test();

    UsageDecodingException error = Fixtures.error(subscriber, UsageDecodingException.class);
    assertThat(error).hasMessageContaining("served twice or out of order");
    subscriber.assertValueCount(1);
  }

  @Test
  void concurrencyOutsideOneToSixteenIsRefusedNamingIt() {
    UsageStreams.Builder builder = UsageStreams.builder(TestApis.synchronous(server));

    assertThatThrownBy(() -> builder.concurrency(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be between 1 and 16, was 0");
    assertThatThrownBy(() -> builder.concurrency(17)).hasMessageContaining("concurrency must be between 1 and 16");
  }
}
