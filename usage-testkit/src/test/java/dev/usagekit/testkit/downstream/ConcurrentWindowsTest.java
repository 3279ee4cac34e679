package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sub-windows paged concurrently give what a sequential run gives, bucket for bucket. */
class ConcurrentWindowsTest {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOW = START.plus(Duration.ofDays(30));
  static final SyntheticOrganization ORG = SyntheticOrganization.generate(2026, START, 30);

  static final RetryPolicy QUICK = RetryPolicy.builder()
      .maxRetries(6).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).jitter(0).build();

  @RegisterExtension
  static final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(server -> server
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .organization(ORG));

  /** Streams whose clock reads the fake's now, without retries (their waits would be in virtual time). */
  private static UsageStreams streams(UsageApi api, int concurrency) {
    return UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).concurrency(concurrency)
        .scheduler(new TestScheduler(NOW.getEpochSecond(), TimeUnit.SECONDS)).build();
  }

  @Test
  void randomWindowsOfEveryEndpointGiveTheSequentialBucketsInOrderOnce(FakeUsageServer server, UsageApi api) {
    Random random = new Random(18);
    for (int run = 0; run < 36; run++) {
      UsageEndpoint endpoint = UsageEndpoint.values()[run % UsageEndpoint.values().length];
      UsageQuery<UsageResult> query = randomQuery(random, endpoint);
      int concurrency = 2 + random.nextInt(5);

      int before = server.requestCount();
      List<UsageTimeBucket> sequential = streams(api, 1).buckets(query).toList().blockingGet();
      int sequentialRequests = server.requestCount() - before;
      List<UsageTimeBucket> concurrent = streams(api, concurrency).buckets(query).toList().blockingGet();
      int concurrentRequests = server.requestCount() - before - sequentialRequests;
      List<UsageResult> results = streams(api, concurrency).results(query).toList().blockingGet();

      assertThat(concurrent).as("run %d: %s, concurrency %d", run, query, concurrency).isEqualTo(sequential);
      assertThat(results).as("run %d", run).isEqualTo(resultsOf(sequential));
      assertThat(concurrentRequests).as("run %d: requests", run).isLessThanOrEqualTo(sequentialRequests + 1);
    }
  }

  @Test
  void anOpenWindowEndsAtTheStreamsNowAndGivesTheSequentialBuckets(UsageApi api) {
    UsageQuery<?> open = UsageQuery.completions().start(NOW.minus(Duration.ofDays(3)).plusSeconds(1234))
        .bucketWidth(BucketWidth.ONE_HOUR).limit(5).groupBy(GroupByField.MODEL).build();

    List<UsageTimeBucket> sequential = streams(api, 1).buckets(open).toList().blockingGet();
    List<UsageTimeBucket> concurrent = streams(api, 4).buckets(open).toList().blockingGet();

    assertThat(sequential).hasSize(72);
    assertThat(concurrent).isEqualTo(sequential);
  }

  @Test
  void faultsDuringConcurrentPagingLoseAndRepeatNothing(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> hourly = UsageQuery.completions().start(START).end(NOW).bucketWidth(BucketWidth.ONE_HOUR)
        .limit(24).groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).build();
    List<UsageTimeBucket> clean = streams(api, 1).buckets(hourly).toList().blockingGet();
    server.enqueue(Fault.rateLimited());
    server.enqueue(Fault.serverError(500));
    server.enqueue(Fault.disconnectDuringBody());
    server.enqueue(Fault.serverError(503));
    server.enqueue(Fault.disconnectAfterRequest());

    List<UsageTimeBucket> faulty = UsageStreams.builder(api).retryPolicy(QUICK).concurrency(4).build()
        .buckets(hourly).toList().blockingGet();

    assertThat(server.pendingFaults()).isZero();
    assertThat(faulty).isEqualTo(clean);
  }

  @Test
  void cancellingCancelsEveryCallInFlight(FakeUsageServer server) throws Exception {
    List<Call> calls = new CopyOnWriteArrayList<>();
    CountDownLatch canceledCallsFailed = new CountDownLatch(3);
    OkHttpClient client = new OkHttpClient.Builder()
        .eventListenerFactory(call -> {
          calls.add(call);
          return new EventListener() {
            @Override
            public void callFailed(Call failed, IOException e) {
              if (failed.isCanceled()) {
                canceledCallsFailed.countDown();
              }
            }
          };
        })
        .build();
    UsageApi api = UsageApiFactory.builder().client(client).adminKey(server.adminKey()).baseUrl(server.url())
        .build();
    server.enqueue(Fault.noResponse(), 3); // no page ever comes
    UsageQuery<?> daily = UsageQuery.costs().start(START).end(NOW).limit(7).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams(api, 3).buckets(daily).test();
    for (int i = 0; i < 3; i++) {
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).as("request %d in flight", i).isNotNull();
    }
    subscriber.cancel();

    assertThat(canceledCallsFailed.await(10, TimeUnit.SECONDS)).as("OkHttp reports 3 calls failed as canceled")
        .isTrue();
    assertThat(calls).hasSize(3).allMatch(Call::isCanceled);
    subscriber.assertEmpty();
  }

  private static UsageQuery<UsageResult> randomQuery(Random random, UsageEndpoint endpoint) {
    List<BucketWidth> widths = new ArrayList<>(endpoint.bucketWidths());
    widths.sort(null);
    BucketWidth width = widths.get(random.nextInt(widths.size()));
    long maxLength = width == BucketWidth.ONE_MINUTE ? 3 * 3600 : width == BucketWidth.ONE_HOUR ? 4 * 86_400L
        : 20 * 86_400L;
    long length = 1 + (long) (random.nextDouble() * maxLength);
    int fewestPerPage = (int) Math.max(1, length / width.seconds() / 25); // at most some 25 pages
    long start = START.getEpochSecond() + (random.nextBoolean() ? random.nextInt(8 * 86_400)
        : width.seconds() * random.nextInt(8));
    int limit = Math.min(endpoint.maxLimit(width), fewestPerPage + random.nextInt(40));
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(endpoint).startTime(start)
        .bucketWidth(width).limit(limit);
    if (width != BucketWidth.ONE_DAY || random.nextBoolean()) { // else open: up to now
      builder.endTime(Math.min(start + length, NOW.getEpochSecond() + 86_400));
    }
    if (!endpoint.groupByFields().isEmpty() && random.nextBoolean()) {
      builder.groupBy(endpoint.groupByFields().get(random.nextInt(endpoint.groupByFields().size())));
    }
    return builder.build();
  }

  private static List<UsageResult> resultsOf(List<UsageTimeBucket> buckets) {
    List<UsageResult> results = new ArrayList<>();
    for (UsageTimeBucket bucket : buckets) {
      results.addAll(bucket.results());
    }
    return results;
  }
}
