package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.buckets;
import static dev.usagekit.rx.Fixtures.completionsQuery;
import static dev.usagekit.rx.Fixtures.page;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.SingleSubject;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Demand drives the paging, as in Retrofit's FlowableTest: no request without demand, one page per unmet demand,
 * one request at a time. The API runs synchronously on the test thread, so request counts hold right after each
 * {@code request(n)}.
 */
class PagingDemandTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  private UsageStreams streams;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    streams = UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  @Test
  void creatingAStreamMakesNoRequest() {
    streams.buckets(completionsQuery());
    streams.results(completionsQuery());
    streams.pages(completionsQuery());

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void subscribingWithoutDemandMakesNoRequest() {
    server.enqueue(pageResponse(buckets(0, 1), "c1"));

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test(0);

    subscriber.assertNoValues().assertNotComplete().assertNoErrors();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void requestingOneBucketMakesExactlyOneRequestWhenEveryPageHoldsOneBucketAndHasMore() {
    server.enqueue(pageResponse(buckets(0, 1), "c1"));
    server.enqueue(pageResponse(buckets(1, 2), "c2"));
    server.enqueue(pageResponse(buckets(2, 3), "c3"));
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test(0);

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertValuesOnly(bucket(0));

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValuesOnly(bucket(0), bucket(1));
  }

  @Test
  void nextPageIsFetchedOnlyWhenDemandExceedsTheBufferedBuckets() {
    server.enqueue(pageResponse(buckets(0, 3), "c1"));
    server.enqueue(pageResponse(buckets(3, 6), null));
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test(0);

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertValueCount(1);

    subscriber.request(2); // served from the buffered page
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertValueCount(3).assertNotComplete();

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValueCount(4);

    subscriber.request(Long.MAX_VALUE);
    subscriber.assertResult(buckets(0, 6).toArray(new UsageTimeBucket[0]));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void followsNextPageWithTheSameQueryUntilHasMoreIsFalse() throws Exception {
    server.enqueue(pageResponse(buckets(0, 2), "page_2"));
    server.enqueue(pageResponse(buckets(2, 4), "page_3"));
    server.enqueue(pageResponse(buckets(4, 5), null));
    UsageQuery<?> query = UsageQuery.completions().startTime(T0).endTime(T0 + 5 * Fixtures.DAY)
        .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).limit(2).build();

    streams.buckets(query).test().assertResult(buckets(0, 5).toArray(new UsageTimeBucket[0]));

    List<HttpUrl> urls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      urls.add(server.takeRequest(0, TimeUnit.SECONDS).getRequestUrl());
    }
    assertThat(urls).extracting(url -> url.queryParameter("page"))
        .containsExactly(null, "page_2", "page_3");
    for (HttpUrl url : urls) {
      assertThat(url.encodedPath()).isEqualTo("/v1/organization/usage/completions");
      assertThat(url.queryParameter("start_time")).isEqualTo(Long.toString(T0));
      assertThat(url.queryParameter("end_time")).isEqualTo(Long.toString(T0 + 5 * Fixtures.DAY));
      assertThat(url.queryParameterValues("group_by")).containsExactly("model", "project_id");
      assertThat(url.queryParameter("limit")).isEqualTo("2");
    }
  }

  @Test
  void anEmptyPageWithHasMoreIsFollowedWithTheSameDemand() {
    server.enqueue(pageResponse(Collections.emptyList(), "c1"));
    server.enqueue(pageResponse(buckets(0, 1), null));
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test(0);

    subscriber.request(1);

    subscriber.assertResult(bucket(0));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void pagesFetchesOnePagePerRequestedItem() {
    server.enqueue(pageResponse(buckets(0, 3), "c1"));
    server.enqueue(pageResponse(buckets(3, 6), null));
    TestSubscriber<UsageResponse> subscriber = streams.pages(completionsQuery()).test(0);
    assertThat(server.getRequestCount()).isZero();

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertValuesOnly(page(buckets(0, 3), "c1"));

    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertResult(page(buckets(0, 3), "c1"), page(buckets(3, 6), null));
  }

  @Test
  void resultsFetchesTheNextPageOnlyWhenDemandExceedsTheBufferedResults() {
    server.enqueue(pageResponse(buckets(0, 2), "c1"));
    server.enqueue(pageResponse(buckets(2, 4), null));
    TestSubscriber<?> subscriber = streams.results(completionsQuery()).test(0);
    assertThat(server.getRequestCount()).isZero();

    subscriber.request(2);
    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.request(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValueCount(3);
  }

  @Test
  void everySubscriptionStartsFromTheFirstPage() throws Exception {
    server.enqueue(pageResponse(buckets(0, 1), null));
    server.enqueue(pageResponse(buckets(0, 1), null));
    Flowable<UsageTimeBucket> stream = streams.buckets(completionsQuery());

    stream.test().assertResult(bucket(0));
    stream.test().assertResult(bucket(0));

    assertThat(server.takeRequest(0, TimeUnit.SECONDS).getRequestUrl().queryParameter("page")).isNull();
    assertThat(server.takeRequest(0, TimeUnit.SECONDS).getRequestUrl().queryParameter("page")).isNull();
  }

  @Test
  void atMostOneRequestIsInFlightEvenUnderUnboundedDemand() {
    // Each page is answered only when the test says so; a page is in flight from its subscription to its answer.
    List<SingleSubject<UsageResponse>> pending = new ArrayList<>();
    AtomicInteger overlaps = new AtomicInteger();
    FakeUsageApi fake = FakeUsageApi.of(cursor -> {
      if (pending.stream().anyMatch(earlier -> !earlier.hasValue())) {
        overlaps.incrementAndGet();
      }
      SingleSubject<UsageResponse> answer = SingleSubject.create();
      pending.add(answer);
      return answer.toObservable();
    });
    TestSubscriber<UsageTimeBucket> subscriber =
        UsageStreams.create(fake.api()).buckets(completionsQuery()).test(); // Long.MAX_VALUE

    for (int i = 0; i < 5; i++) {
      assertThat(pending).hasSize(i + 1); // the next page is requested only once the previous one arrived
      pending.get(i).onSuccess(page(buckets(2 * i, 2 * i + 2), i < 4 ? "c" + (i + 1) : null));
    }

    subscriber.assertResult(buckets(0, 10).toArray(new UsageTimeBucket[0]));
    assertThat(overlaps).hasValue(0);
    assertThat(fake.cursors()).containsExactly("", "c1", "c2", "c3", "c4");
  }

  @Test
  void requestsRecordedByTheServerCarryNoPageParameterOnlyOnTheFirstPage() throws Exception {
    server.enqueue(pageResponse(buckets(0, 1), "cursor with spaces/and+signs"));
    server.enqueue(pageResponse(buckets(1, 2), null));

    streams.buckets(completionsQuery()).test().assertValueCount(2).assertComplete();

    server.takeRequest(0, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(0, TimeUnit.SECONDS);
    assertThat(second.getRequestUrl().queryParameter("page")).isEqualTo("cursor with spaces/and+signs");
  }

  @Test
  void aQueryIsNotStreamedWithoutIt() {
    assertThatNullPointerException()
        .isThrownBy(() -> streams.buckets(null)).withMessage("query == null");
    assertThatNullPointerException()
        .isThrownBy(() -> UsageStreams.create(null)).withMessage("api == null");
  }

  @Test
  void noPageIsSubscribedWithoutDemand() {
    // The stream never subscribes to a page Observable it does not need: a fake that fails on subscription
    // makes no difference while there is no demand.
    FakeUsageApi fake = FakeUsageApi.of(cursor -> Observable.error(new AssertionError("fetched " + cursor)));

    UsageStreams.create(fake.api()).buckets(completionsQuery()).test(0).assertEmpty();

    assertThat(fake.requestCount()).isZero();
  }
}
