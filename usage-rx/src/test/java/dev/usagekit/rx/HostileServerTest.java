package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.buckets;
import static dev.usagekit.rx.Fixtures.completionsQuery;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that pages forever, in circles or with nothing, or serves a bucket twice or outside the window: the
 * stream ends with a {@link UsageDecodingException} naming the page and cursor, after a bounded number of
 * requests, and emits nothing it would count twice.
 */
class HostileServerTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private UsageStreams streams;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    streams = UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  private void serve(java.util.function.IntFunction<MockResponse> byRequestNumber) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return byRequestNumber.apply(requests.incrementAndGet());
      }
    });
  }

  private static UsageDecodingException failure(TestSubscriber<?> subscriber) {
    java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
    subscriber.awaitDone(30, java.util.concurrent.TimeUnit.SECONDS);
    subscriber.assertError(e -> error.compareAndSet(null, e));
    assertThat(error.get()).isInstanceOf(UsageDecodingException.class);
    return (UsageDecodingException) error.get();
  }

  @Test
  void aCursorCycleEndsTheStreamAtTheCursorSeenBefore() {
    // page 1 -> A, A -> B, B -> A ...
    serve(n -> pageResponse(buckets(n - 1, n), n % 2 == 1 ? "cursor_A" : "cursor_B"));

    UsageDecodingException e = failure(streams.buckets(completionsQuery()).test());

    assertThat(e.getMessage()).contains("cursor cycle").contains("cursor_A");
    assertThat(e.pageNumber()).isEqualTo(3);
    assertThat(e.cursor()).isEqualTo("cursor_B");
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void pagesOfNoBucketForeverEndAfterTenInARow() {
    serve(n -> pageResponse(Collections.<UsageTimeBucket>emptyList(), "cursor_" + n));

    UsageDecodingException e = failure(streams.buckets(completionsQuery()).test());

    assertThat(e.getMessage()).contains("10 pages in a row had has_more=true and no bucket");
    assertThat(e.pageNumber()).isEqualTo(10);
    assertThat(requests.get()).isEqualTo(10);
  }

  @Test
  void newCursorsForeverEndAtThePageBudget() {
    serve(n -> pageResponse(buckets(n - 1, n), "cursor_" + n));
    UsageStreams budgeted = UsageStreams.builder(TestApis.synchronous(server))
        .retryPolicy(RetryPolicy.none()).maxPages(25).build();

    TestSubscriber<UsageTimeBucket> subscriber = budgeted.buckets(completionsQuery()).test();

    UsageDecodingException e = failure(subscriber);
    assertThat(e.getMessage()).contains("budget of 25 pages");
    assertThat(e.pageNumber()).isEqualTo(25);
    assertThat(e.cursor()).isEqualTo("cursor_24");
    assertThat(requests.get()).isEqualTo(25);
  }

  @Test
  void aBucketServedOnTwoPagesFailsTheStreamAndIsNotCountedTwice() {
    serve(n -> n == 1 ? pageResponse(buckets(0, 2), "cursor_2") : pageResponse(buckets(1, 3), null));

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();

    UsageDecodingException e = failure(subscriber);
    assertThat(e.getMessage()).contains("served twice or out of order");
    assertThat(e.pageNumber()).isEqualTo(2);
    assertThat(e.cursor()).isEqualTo("cursor_2");
    subscriber.assertValueCount(2);
    requests.set(0);
    UsageSummary.summarizeBuckets(streams.buckets(completionsQuery())).test()
        .awaitDone(30, java.util.concurrent.TimeUnit.SECONDS).assertError(UsageDecodingException.class);
  }

  @Test
  void aBucketOutsideTheWindowFailsTheStream() {
    UsageQuery<?> window = UsageQuery.completions().startTime(T0).endTime(T0 + 2 * DAY).build();
    serve(n -> pageResponse(List.of(bucket(0), bucket(1), bucket(5)), null));

    UsageDecodingException e = failure(streams.buckets(window).test());

    assertThat(e.getMessage()).contains("lies outside the query's window");
  }

  @Test
  void aBucketOverlappingTheStartOfTheWindowIsKept() {
    // Costs buckets are whole days: a window from noon gets the bucket from midnight.
    UsageQuery<?> fromNoon = UsageQuery.completions().startTime(T0 + DAY / 2).endTime(T0 + 2 * DAY).build();
    serve(n -> pageResponse(List.of(bucket(0), bucket(1)), null));

    streams.buckets(fromNoon).test().awaitDone(30, java.util.concurrent.TimeUnit.SECONDS).assertNoErrors()
        .assertValueCount(2);
  }
}
