package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageDecodingException;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageRecord;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.AbstractExecutorService;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole stack against the fake: usage-rx's UsageStreams paging through the generated UsageApi, with faults
 * on the way, retried as its RetryPolicy says.
 */
class EndToEndRxTest {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOW = START.plus(Duration.ofDays(30));
  static final SyntheticOrganization ORG = SyntheticOrganization.generate(2026, START, 30);

  /** Retries at once (1 ms backoff, no jitter), so that faults cost no time. */
  static final RetryPolicy QUICK = RetryPolicy.builder()
      .maxRetries(3)
      .initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(2))
      .jitter(0)
      .build();

  /**
   * Runs OkHttp's asynchronous calls (Retrofit's RxJava 3 adapter enqueues them) on the calling thread: a page
   * is fetched by the time {@code request(n)} or a {@code TestScheduler}'s advance returns, so the tests can
   * count requests without waiting.
   */
  static final OkHttpClient DIRECT = new OkHttpClient.Builder()
      .dispatcher(new Dispatcher(new AbstractExecutorService() {
        @Override
        public void execute(Runnable command) {
          command.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
          return List.of();
        }

        @Override
        public boolean isShutdown() {
          return false;
        }

        @Override
        public boolean isTerminated() {
          return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
          return true;
        }
      }))
      .build();

  private static UsageApi directApi(FakeUsageServer server) {
    return UsageApiFactory.builder().client(DIRECT).adminKey(server.adminKey()).baseUrl(server.url()).build();
  }

  @RegisterExtension
  static final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(server -> server
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .organization(ORG));

  /** 30 days of hourly completions, grouped by model: 720 buckets in pages of 24. */
  static final UsageQuery<UsageCompletionsResult> HOURLY = UsageQuery.completions()
      .start(START)
      .end(NOW)
      .bucketWidth(BucketWidth.ONE_HOUR)
      .groupBy(GroupByField.MODEL)
      .build();

  private static long inputTokensOfRecords() {
    return ORG.records(UsageEndpoint.COMPLETIONS).stream()
        .map(UsageRecord::result)
        .mapToLong(r -> ((UsageCompletionsResult) r).inputTokens())
        .sum();
  }

  @Test
  void everyBucketOfEveryPageArrivesInOrder(FakeUsageServer server, UsageApi api) {
    List<UsageTimeBucket> buckets = UsageStreams.builder(api).retryPolicy(QUICK).build()
        .buckets(HOURLY).toList().blockingGet();

    assertThat(buckets).hasSize(720);
    assertThat(buckets).extracting(UsageTimeBucket::startTime).isSorted().doesNotHaveDuplicates();
    assertThat(server.requestCount()).isEqualTo(30);
  }

  @Test
  void resultsAcrossAllPagesAddUpToTheRecords(FakeUsageServer server, UsageApi api) {
    long tokens = UsageStreams.builder(api).retryPolicy(QUICK).build()
        .results(HOURLY)
        .map(UsageCompletionsResult::inputTokens)
        .reduce(0L, Long::sum)
        .blockingGet();

    assertThat(tokens).isEqualTo(inputTokensOfRecords());
  }

  @Test
  void faultsOnTheWayAreRetriedWithoutLosingOrRepeatingABucket(FakeUsageServer server, UsageApi api) {
    RetryPolicy patient = RetryPolicy.builder().maxRetries(6).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(2)).jitter(0).build();
    List<UsageTimeBucket> clean = UsageStreams.builder(api).retryPolicy(patient).build()
        .buckets(HOURLY).toList().blockingGet();
    server.enqueue(Fault.rateLimited());
    server.enqueue(Fault.serverError(500));
    server.enqueue(Fault.disconnectDuringBody());
    server.enqueue(Fault.serverError(503));
    server.enqueue(Fault.disconnectAfterRequest());
    int before = server.requestCount();

    List<UsageTimeBucket> survived = UsageStreams.builder(api).retryPolicy(patient).build()
        .buckets(HOURLY).toList().blockingGet();

    assertThat(survived).isEqualTo(clean);
    List<RecordedUsageRequest> requests = server.requests().subList(before, server.requestCount());
    assertThat(requests.stream().filter(r -> r.fault() != null)).hasSize(5);
    assertThat(requests).hasSizeGreaterThanOrEqualTo(30 + 5);
    // Every retry asked again for the page that failed: the first 6 requests are all the first page.
    assertThat(requests.subList(0, 6)).extracting(RecordedUsageRequest::page).containsOnlyNulls();
  }

  @Test
  void aFailedLaterPageIsFetchedAgainWithTheSameCursor(FakeUsageServer server) {
    TestScheduler time = new TestScheduler();
    UsageStreams streams = UsageStreams.builder(directApi(server)).retryPolicy(QUICK).scheduler(time).build();
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(HOURLY).test(24);
    assertThat(server.requestCount()).isEqualTo(1);
    server.enqueue(Fault.serverError(502), 2);

    subscriber.request(24);
    time.advanceTimeBy(1, TimeUnit.SECONDS);
    subscriber.assertValueCount(48);

    List<RecordedUsageRequest> requests = server.requests();
    assertThat(requests).hasSize(4);
    assertThat(requests).extracting(RecordedUsageRequest::status).containsExactly(200, 502, 502, 200);
    assertThat(requests.subList(1, 4)).extracting(RecordedUsageRequest::page).containsOnly(requests.get(1).page())
        .doesNotContainNull();
    subscriber.cancel();
  }

  @Test
  void retryAfterIsWaitedForExactly(FakeUsageServer server) {
    TestScheduler time = new TestScheduler();
    UsageStreams streams = UsageStreams.builder(directApi(server)).retryPolicy(QUICK).scheduler(time).build();
    server.enqueue(Fault.rateLimited(7));

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(UsageQuery.costs().start(START).end(NOW).build()).test();
    time.advanceTimeBy(6_999, TimeUnit.MILLISECONDS);
    int afterWaiting = server.requestCount();
    time.advanceTimeBy(1, TimeUnit.MILLISECONDS);

    assertThat(afterWaiting).isEqualTo(1);
    subscriber.assertComplete().assertValueCount(30);
    assertThat(server.requests()).extracting(RecordedUsageRequest::status).containsExactly(429, 200, 200, 200, 200, 200);
  }

  @Test
  void seededRandomFaultsAreSurvived() throws IOException {
    try (FakeUsageServer server = FakeUsageServer.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .organization(ORG)
        .randomFaults(99, 0.25)
        .start()) {
      UsageApi api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
      RetryPolicy patient = RetryPolicy.builder().maxRetries(8).initialBackoff(Duration.ofMillis(1))
          .maxBackoff(Duration.ofMillis(2)).jitter(0).build();

      long tokens = UsageStreams.builder(api).retryPolicy(patient).build()
          .results(HOURLY).map(UsageCompletionsResult::inputTokens).reduce(0L, Long::sum).blockingGet();

      assertThat(tokens).isEqualTo(inputTokensOfRecords());
      assertThat(server.requests().stream().filter(r -> r.fault() != null).count()).isPositive();
    }
  }

  @Test
  void aResponseThatNeverComesTimesOutAndIsRetried(FakeUsageServer server) {
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(500, TimeUnit.MILLISECONDS).build();
    UsageApi api = UsageApiFactory.builder().client(impatient).adminKey(server.adminKey()).baseUrl(server.url())
        .build();
    server.enqueue(Fault.noResponse());

    List<UsageTimeBucket> buckets = UsageStreams.builder(api).retryPolicy(QUICK).build()
        .buckets(UsageQuery.costs().start(START).end(NOW).limit(30).build()).toList().blockingGet();

    assertThat(buckets).hasSize(30);
    assertThat(server.requests()).extracting(RecordedUsageRequest::status).containsExactly(0, 200);
  }

  @Test
  void aWrongKeyFailsAtOnceWithTheApisErrorAndRequestId(FakeUsageServer server) {
    UsageApi api = UsageApiFactory.builder().adminKey("sk-admin-revoked-00000000000000000000")
        .baseUrl(server.url()).build();

    UsageApiException e = catchThrowableOfType(UsageApiException.class, () -> UsageStreams.builder(api)
        .retryPolicy(QUICK).build().buckets(HOURLY).blockingFirst());

    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("invalid_api_key");
    assertThat(e.requestId()).isEqualTo(server.requests().get(0).requestId());
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aPersistentServerErrorFailsAfterTheRetries(FakeUsageServer server, UsageApi api) {
    server.enqueue(Fault.serverError(503), 4);

    UsageApiException e = catchThrowableOfType(UsageApiException.class, () -> UsageStreams.builder(api)
        .retryPolicy(QUICK).build().buckets(HOURLY).blockingFirst());

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.errorType()).isEqualTo("server_error");
    assertThat(server.requestCount()).isEqualTo(4);
  }

  @Test
  void aTruncatedPageFailsAsADecodingError(FakeUsageServer server, UsageApi api) {
    server.enqueue(Fault.truncatedBody());

    UsageDecodingException e = catchThrowableOfType(UsageDecodingException.class, () -> UsageStreams.builder(api)
        .retryPolicy(QUICK).build().buckets(HOURLY).blockingFirst());

    assertThat(e.pageNumber()).isEqualTo(1);
  }
}
