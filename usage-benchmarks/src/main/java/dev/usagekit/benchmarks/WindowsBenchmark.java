package dev.usagekit.benchmarks;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.BucketStore;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a user waits for: 90 days of hourly completions grouped by model (2,160 buckets, 13 pages of 168) from a
 * FakeUsageServer that answers each request after {@code latencyMillis}, as a distant API does. Single shot:
 * each op is one whole report. {@code fetch} pages with {@code concurrency} 1 (sequential, the baseline), 2 or
 * 4; {@code cacheCold} fetches sequentially into an empty {@link BucketStore}; {@code cacheWarm} reads the same
 * window again from a store that holds it (no request). Each op returns the number of buckets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WindowsBenchmark {
  static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant END = START.plus(Duration.ofDays(90));

  @Param({"250"})
  public long latencyMillis;

  @Param({"1", "2", "4"})
  public int concurrency;

  private FakeUsageServer server;
  private UsageApi api;
  private UsageQuery<?> query;
  private BucketStore warm;
  private BucketStore cold;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = FakeUsageServer.builder()
        .organization(SyntheticOrganization.generate(18, START, 90))
        .clock(Clock.fixed(END, ZoneOffset.UTC))
        .latency(Duration.ofMillis(latencyMillis))
        .start();
    api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
    query = UsageQuery.completions().start(START).end(END).bucketWidth(BucketWidth.ONE_HOUR).limit(168)
        .groupBy(GroupByField.MODEL).build();
    warm = BucketStore.inMemory();
    long buckets = streams(1, warm).buckets(query).count().blockingGet();
    if (buckets != 2160) {
      throw new IllegalStateException("expected 2160 buckets, got " + buckets);
    }
  }

  @Setup(Level.Invocation)
  public void emptyStore() {
    cold = BucketStore.inMemory();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  private UsageStreams streams(int concurrency, BucketStore store) {
    UsageStreams.Builder builder = UsageStreams.builder(api).concurrency(concurrency);
    if (store != null) {
      builder.bucketStore(store, server.url(), server.adminKey());
    }
    return builder.build();
  }

  @Benchmark
  public long fetch() {
    return streams(concurrency, null).buckets(query).count().blockingGet();
  }

  @Benchmark
  public long cacheCold() {
    return streams(concurrency, cold).buckets(query).count().blockingGet();
  }

  @Benchmark
  public long cacheWarm() {
    int before = server.requestCount();
    long buckets = streams(concurrency, warm).buckets(query).count().blockingGet();
    if (server.requestCount() != before) {
      throw new IllegalStateException("a warm cache made " + (server.requestCount() - before) + " requests");
    }
    return buckets;
  }
}
