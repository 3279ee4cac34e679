package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.page;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bucket must fit the query's width and the previous bucket's end: a server that sends overlapping buckets, a
 * gap inside a page or a bucket of another width fails the stream naming page, cursor and bucket, and no time is
 * ever counted twice, paged sequentially or in concurrent sub-windows.
 */
class BucketShapeTest {
  private static final long HOUR = 3_600L;

  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  /** Four weeks of days, a week per page: four sub-windows with concurrency 4. */
  private final UsageQuery<UsageCompletionsResult> fourWeeks = UsageQuery.completions().startTime(T0)
      .endTime(T0 + 28 * DAY).limit(7).build();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  /** One day bucket with one request, so that the sum of requests counts days. */
  private static UsageTimeBucket day(long start, long end) {
    return UsageTimeBucket.builder().startTime(start).endTime(end)
        .addResults(UsageCompletionsResult.builder().inputTokens(0).outputTokens(0).numModelRequests(1).build())
        .build();
  }

  /**
   * The attack of issue 24: beside each daily bucket of the window, a bucket shifted by one hour, which overlaps
   * the next one. Pages of {@code limit} days by {@code start_time}/{@code end_time} and cursor {@code d<index>}.
   */
  private void serveDaysWithShiftedTwins() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        long start = Long.parseLong(url.queryParameter("start_time"));
        long end = Long.parseLong(url.queryParameter("end_time"));
        int limit = Integer.parseInt(url.queryParameter("limit"));
        String cursor = url.queryParameter("page");
        long from = cursor != null ? Long.parseLong(cursor.substring(1)) : start;
        List<UsageTimeBucket> data = new ArrayList<>();
        long t = from;
        for (int i = 0; i < limit && t < end; i++, t += DAY) {
          data.add(day(t, t + DAY));
          data.add(day(t + HOUR, t + DAY + HOUR));
        }
        return pageResponse(data, t < end ? "d" + t : null);
      }
    });
  }

  private UsageStreams streams(int concurrency) {
    return UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(RetryPolicy.none())
        .scheduler(new TestScheduler()).concurrency(concurrency).build();
  }

  private static void assertNoTimeCountedTwice(List<UsageTimeBucket> emitted) {
    for (int i = 1; i < emitted.size(); i++) {
      assertThat(emitted.get(i).startTime()).as("bucket %s starts after the end of the one before", i)
          .isGreaterThanOrEqualTo(emitted.get(i - 1).endTime());
    }
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void bucketsShiftedByAnHourFailTheStreamAndNoDayIsCountedTwice(int concurrency) {
    serveDaysWithShiftedTwins();

    TestSubscriber<UsageTimeBucket> subscriber = streams(concurrency).buckets(fourWeeks).test();

    UsageDecodingException e = Fixtures.error(subscriber, UsageDecodingException.class);
    assertThat(e).hasMessageContaining("bucket [" + (T0 + HOUR) + ", " + (T0 + DAY + HOUR) + ") overlaps the "
        + "previous bucket [" + T0 + ", " + (T0 + DAY) + ")");
    assertThat(e.pageNumber()).isEqualTo(1);
    assertThat(e.cursor()).isNull();
    assertNoTimeCountedTwice(subscriber.values());
    assertThat(subscriber.values()).hasSizeLessThanOrEqualTo(28);
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void theSummaryOfAnOverlappingServerIsAnErrorNotTwiceTheTotal(int concurrency) {
    serveDaysWithShiftedTwins();

    UsageSummary.summarizeBuckets(streams(concurrency).buckets(fourWeeks)).test()
        .assertError(UsageDecodingException.class).assertNoValues();
  }

  @Test
  void anOverlapOnALaterPageNamesThatPageAndItsCursor() {
    FakeUsageApi api = FakeUsageApi.of(cursor -> Observable.just(cursor == null
        ? page(Arrays.asList(bucket(0), bucket(1)), "c2")
        : page(Arrays.asList(day(T0 + DAY + HOUR, T0 + 2 * DAY + HOUR)), null)));

    TestSubscriber<UsageTimeBucket> subscriber = UsageStreams.builder(api.api()).retryPolicy(RetryPolicy.none())
        .build().buckets(Fixtures.completionsQuery()).test();

    UsageDecodingException e = Fixtures.error(subscriber, UsageDecodingException.class);
    assertThat(e).hasMessageContaining("bucket [" + (T0 + DAY + HOUR) + ", " + (T0 + 2 * DAY + HOUR)
        + ") overlaps the previous bucket");
    assertThat(e.pageNumber()).isEqualTo(2);
    assertThat(e.cursor()).isEqualTo("c2");
    subscriber.assertValues(bucket(0), bucket(1));
  }

  @Test
  void aBucketReachingIntoTheNextSubWindowFailsTheStream() {
    // Sub-window [day 0, day 1) answers with a whole day shifted by an hour: on its own it fits its window.
    FakeUsageApi api = FakeUsageApi.byWindow((startTime, cursor) -> Observable.just(page(Arrays.asList(
        startTime == T0 ? day(T0 + HOUR, T0 + DAY + HOUR) : day(startTime, startTime + DAY)), null)));
    UsageQuery<?> twoDays = UsageQuery.completions().startTime(T0).endTime(T0 + 2 * DAY).limit(1).build();

    TestSubscriber<UsageTimeBucket> subscriber = UsageStreams.builder(api.api()).retryPolicy(RetryPolicy.none())
        .concurrency(2).build().buckets(twoDays).test();

    assertThat(Fixtures.error(subscriber, UsageDecodingException.class))
        .hasMessageContaining("bucket [" + (T0 + DAY) + ", " + (T0 + 2 * DAY) + ") overlaps the previous bucket ["
            + (T0 + HOUR) + ", " + (T0 + DAY + HOUR) + ") of the sub-window before");
    assertThat(subscriber.values()).hasSize(1);
  }

  @Test
  void aGapInsideAPageFailsTheStream() {
    TestSubscriber<UsageTimeBucket> subscriber = sequential(bucket(0), bucket(2)).test();

    UsageDecodingException e = Fixtures.error(subscriber, UsageDecodingException.class);
    assertThat(e).hasMessageContaining("bucket [" + (T0 + 2 * DAY) + ", " + (T0 + 3 * DAY) + ") leaves a gap "
        + "after the previous bucket [" + T0 + ", " + (T0 + DAY) + ") on the same page");
    subscriber.assertNoValues();
  }

  @Test
  void aBucketLongerThanTheWidthFailsTheStream() {
    TestSubscriber<UsageTimeBucket> subscriber = sequential(day(T0, T0 + 2 * DAY)).test();

    assertThat(Fixtures.error(subscriber, UsageDecodingException.class))
        .hasMessageContaining("bucket [" + T0 + ", " + (T0 + 2 * DAY) + ") is 172800 s long, longer than the "
            + "query's bucket width of 86400 s");
  }

  @Test
  void aShortBucketInTheMiddleFailsTheStream() {
    TestSubscriber<UsageTimeBucket> subscriber =
        sequential(bucket(0), day(T0 + DAY, T0 + DAY + HOUR), day(T0 + DAY + HOUR, T0 + 2 * DAY + HOUR)).test();

    assertThat(Fixtures.error(subscriber, UsageDecodingException.class))
        .hasMessageContaining("follows the previous bucket [" + (T0 + DAY) + ", " + (T0 + DAY + HOUR) + "), which "
            + "is shorter than the query's bucket width");
  }

  @Test
  void aBucketThatEndsBeforeItStartsFailsTheStream() {
    assertThat(Fixtures.error(sequential(day(T0 + 2 * DAY, T0 + DAY)).test(), UsageDecodingException.class))
        .hasMessageContaining("ends before it starts");
  }

  @Test
  void bucketsClippedAtTheStartAndEndOfTheWindowAreKept() {
    // The API clips usage buckets to the window: from 06:00 on day 0 to 18:00 on day 2.
    UsageQuery<?> query = UsageQuery.completions().startTime(T0 + 6 * HOUR).endTime(T0 + 2 * DAY + 18 * HOUR)
        .build();
    List<UsageTimeBucket> clipped = Arrays.asList(day(T0 + 6 * HOUR, T0 + DAY), day(T0 + DAY, T0 + 2 * DAY),
        day(T0 + 2 * DAY, T0 + 2 * DAY + 18 * HOUR));
    FakeUsageApi api = FakeUsageApi.of(cursor -> Observable.just(page(clipped, null)));

    UsageStreams.builder(api.api()).build().buckets(query).test().assertValueSequence(clipped).assertComplete();
  }

  @Test
  void aBucketClippedAtTheServersNowEndsAnOpenWindow() {
    List<UsageTimeBucket> open = Arrays.asList(bucket(0), day(T0 + DAY, T0 + DAY + 5 * HOUR));
    FakeUsageApi api = FakeUsageApi.of(cursor -> Observable.just(page(open, null)));

    UsageStreams.builder(api.api()).build().buckets(Fixtures.completionsQuery()).test()
        .assertValueSequence(open).assertComplete();
  }

  @Test
  void theResultsOfAnOverlappingServerAreNeverCountedTwice() {
    serveDaysWithShiftedTwins();

    TestSubscriber<UsageCompletionsResult> subscriber = streams(4).results(fourWeeks).test();

    subscriber.assertError(UsageDecodingException.class);
    long requests = 0;
    for (UsageResult r : subscriber.values()) {
      requests += ((UsageCompletionsResult) r).numModelRequests();
    }
    assertThat(requests).as("days counted before the failure").isLessThanOrEqualTo(28);
  }

  /** The buckets of the completions query from {@link Fixtures#T0}, served on one page. */
  private static io.reactivex.rxjava3.core.Flowable<UsageTimeBucket> sequential(UsageTimeBucket... buckets) {
    FakeUsageApi api = FakeUsageApi.of(cursor -> Observable.just(page(Arrays.asList(buckets), null)));
    return UsageStreams.builder(api.api()).retryPolicy(RetryPolicy.none()).build()
        .buckets(Fixtures.completionsQuery());
  }
}
