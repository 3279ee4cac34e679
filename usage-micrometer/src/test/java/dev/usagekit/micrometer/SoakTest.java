package dev.usagekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.rx.BucketUpdate;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The soak of issue 24: {@link UsageMetrics} and a plain {@link UsageStreams#follow} subscription follow hourly
 * completions for 30 simulated days of one-minute polls, in virtual time, against an in-process ledger ({@link
 * LedgerApi}) that gets late data every few minutes, 429s (some with {@code Retry-After: 0}) and runs of 503 (some
 * longer than the retries, so that polls fail), and both are restarted every 3 days from where they had counted.
 * Every final bucket is counted exactly once (the counters add up to the ledger's truth), and heap, threads and
 * meters stay flat. The figures are printed.
 */
class SoakTest {
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  static final long START = T0.getEpochSecond();
  static final long HOUR = 3_600L;
  static final int DAYS = 30;
  static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "o3", "gpt-5"};

  static final UsageQuery<UsageCompletionsResult> HOURLY = UsageQuery.completions().startTime(START)
      .bucketWidth(BucketWidth.ONE_HOUR).groupBy(GroupByField.MODEL).build();

  private final TestScheduler scheduler = new TestScheduler(START, TimeUnit.SECONDS);
  private final Random random = new Random(24);
  private final Map<UsageEndpoint, Long> saved = new ConcurrentHashMap<>();
  private final List<Throwable> undeliverable = new ArrayList<>();
  private Level logLevel;

  @BeforeEach
  void quiet() {
    RxJavaPlugins.reset();
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    Logger log = Logger.getLogger(UsageMetrics.class.getName());
    logLevel = log.getLevel();
    log.setLevel(Level.OFF); // a warning per failed poll: hundreds of lines
  }

  @AfterEach
  void reset() {
    RxJavaPlugins.reset();
    Logger.getLogger(UsageMetrics.class.getName()).setLevel(logLevel);
  }

  /** What a plain follow subscription counted: input tokens of final buckets, and where it resumes. */
  private static final class Follower {
    final AtomicLong tokens = new AtomicLong();
    final AtomicLong buckets = new AtomicLong();
    final Map<Long, Long> byBucket = new java.util.TreeMap<>();
    volatile long resumeFrom = START;
    long failedPolls;

    Flowable<BucketUpdate> follow(UsageStreams streams, TestScheduler scheduler) {
      return Flowable.defer(() -> streams.follow(HOURLY, options(scheduler).resumeFrom(resumeFrom).build()))
          .filter(BucketUpdate::isFinal)
          .doOnNext(update -> {
            for (UsageResult result : update.bucket().results()) {
              tokens.addAndGet(((UsageCompletionsResult) result).inputTokens());
            }
            buckets.incrementAndGet();
            long sum = 0;
            for (UsageResult result : update.bucket().results()) {
              sum += ((UsageCompletionsResult) result).inputTokens();
            }
            byBucket.merge(update.bucket().startTime(), sum, Long::sum);
            resumeFrom = update.resumeFrom();
          })
          .retryWhen(failures -> failures.concatMap(e -> {
            failedPolls++;
            return Flowable.timer(1, TimeUnit.MINUTES, scheduler);
          }));
    }
  }

  /** Polls every minute, final an hour after a bucket's end, in virtual time. */
  private static FollowOptions.Builder options(TestScheduler scheduler) {
    return FollowOptions.builder().interval(Duration.ofMinutes(1)).grace(Duration.ofHours(1)).scheduler(scheduler);
  }

  private static double sumOf(MeterRegistry registry, String name) {
    return registry.find(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void thirtyDaysOfOneMinutePollsCountEveryBucketOnceWithFlatHeapAndThreads() {
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long began = System.nanoTime();
    long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    LedgerApi ledger = new LedgerApi(scheduler);
    RetryPolicy policy = RetryPolicy.builder().maxRetries(3).seed(24).build();
    UsageStreams streams = UsageStreams.builder(ledger.api()).retryPolicy(policy).scheduler(scheduler).build();
    FollowOptions.Builder options = options(scheduler);
    ResumeStore store = new UsageMetricsTest.MapStore(saved);

    List<MeterRegistry> registries = new ArrayList<>();
    MeterRegistry registry = new SimpleMeterRegistry();
    registries.add(registry);
    UsageMetrics metrics = UsageMetrics.builder(streams).options(options.build()).follow(HOURLY)
        .resumeStore(store).build();
    metrics.bindTo(registry);
    Follower follower = new Follower();
    Disposable following = follower.follow(streams, scheduler).subscribe();

    long heapAtDay1 = 0;
    int metersAtDay1 = 0;
    int restarts = 0;
    long minutes = DAYS * 24 * 60L;
    for (long minute = 1; minute <= minutes; minute++) {
      long now = scheduler.now(TimeUnit.SECONDS);
      if (minute % 7 == 0) { // late data: up to 40 minutes old, so its bucket is not final yet (grace 1 h)
        long at = Math.max(START, now - random.nextInt(40 * 60)); // never before the query's start
        ledger.add(at, MODELS[random.nextInt(MODELS.length)], 1 + random.nextInt(1000));
      }
      if (minute % 397 == 0) {
        ledger.fail(429, random.nextBoolean() ? 0 : 1 + random.nextInt(20), 1 + random.nextInt(3));
      }
      if (minute % 661 == 0) { // 503s; a run of 8 outlasts the 3 retries of one poll
        ledger.fail(503, 0, random.nextBoolean() ? 2 : 8);
      }
      if (minute % (3 * 24 * 60) == 0 && minute < minutes) { // a restart every 3 days, down for 17 minutes
        metrics.close();
        following.dispose();
        scheduler.advanceTimeBy(17, TimeUnit.MINUTES);
        registry = new SimpleMeterRegistry();
        registries.add(registry);
        metrics = UsageMetrics.builder(streams).options(options.build()).follow(HOURLY).resumeStore(store).build();
        metrics.bindTo(registry);
        following = follower.follow(streams, scheduler).subscribe();
        restarts++;
      }
      scheduler.advanceTimeBy(1, TimeUnit.MINUTES);
      if (minute == 24 * 60) {
        heapAtDay1 = usedHeapAfterGc();
        metersAtDay1 = registry.getMeters().size();
      }
    }
    long heapAtDay30 = usedHeapAfterGc();
    int metersAtDay30 = registry.getMeters().size();
    metrics.close();
    following.dispose();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

    long resumePoint = saved.get(UsageEndpoint.COMPLETIONS);
    long truth = ledger.inputTokensBefore(resumePoint);
    double counted = 0;
    double buckets = 0;
    double errors = 0;
    for (MeterRegistry r : registries) { // counters are totals since each start: a restart's add up
      counted += r.find("openai.usage.tokens").tag("type", "input").functionCounters().stream()
          .mapToDouble(FunctionCounter::count).sum();
      buckets += sumOf(r, "openai.usage.buckets");
      errors += sumOf(r, "openai.usage.errors");
    }
    long followerTruth = ledger.inputTokensBefore(follower.resumeFrom);
    double seconds = (System.nanoTime() - began) / 1e9;
    double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;
    System.out.printf(Locale.ROOT, "soak: %d days of 1-minute polls in %.1f s (%.1f s of CPU): %d requests (%d "
            + "answered 429, %d 503), %d records of late data, %d restarts%n", DAYS, seconds, cpuSeconds,
        ledger.requests, ledger.rateLimited,
        ledger.serverErrors, ledger.records(), restarts);
    System.out.printf(Locale.ROOT, "soak: binder counted %.0f input tokens in %.0f buckets, ledger truth %d in %d "
            + "buckets; %.0f failed polls%n", counted, buckets, truth, (resumePoint - START) / HOUR, errors);
    System.out.printf(Locale.ROOT, "soak: follow counted %d input tokens in %d buckets, ledger truth %d in %d "
            + "buckets; %d failed polls%n", follower.tokens.get(), follower.buckets.get(), followerTruth,
        (follower.resumeFrom - START) / HOUR, follower.failedPolls);
    System.out.printf(Locale.ROOT, "soak: heap after GC %.1f MB at day 1, %.1f MB at day 30; threads %d before, "
            + "%d after; meters %d at day 1, %d at day 30%n", heapAtDay1 / 1e6, heapAtDay30 / 1e6, threadsBefore,
        threadsAfter, metersAtDay1, metersAtDay30);

    int shown = 0;
    for (Map.Entry<Long, Long> e : follower.byBucket.entrySet()) {
      long hour = e.getKey();
      long expected = ledger.inputTokensBefore(hour + HOUR) - ledger.inputTokensBefore(hour);
      if (expected != e.getValue() && shown++ < 5) {
        System.out.println("soak: bucket " + hour + " counted " + e.getValue() + ", ledger " + expected + ": "
            + ledger.describe(hour, hour + HOUR));
      }
    }
    assertThat(resumePoint).as("counted up to the last final hour").isGreaterThanOrEqualTo(
        START + (DAYS * 24 - 2) * HOUR);
    assertThat(counted).as("every final bucket counted once, across %d restarts", restarts)
        .isEqualTo((double) truth);
    assertThat(buckets).isEqualTo((double) ((resumePoint - START) / HOUR));
    assertThat(follower.tokens.get()).isEqualTo(followerTruth);
    assertThat(follower.buckets.get()).isEqualTo((follower.resumeFrom - START) / HOUR);
    assertThat(follower.resumeFrom).isGreaterThanOrEqualTo(START + (DAYS * 24 - 2) * HOUR);
    assertThat(ledger.rateLimited).isPositive();
    assertThat(ledger.serverErrors).isPositive();
    assertThat(errors + follower.failedPolls).as("some polls outlasted their retries").isPositive();
    assertThat(metersAtDay30).as("meters").isEqualTo(metersAtDay1);
    assertThat(heapAtDay30 - heapAtDay1).as("heap growth over 29 days, bytes").isLessThan(16L << 20);
    assertThat(threadsAfter).as("threads").isLessThanOrEqualTo(threadsBefore);
    assertThat(undeliverable).isEmpty();
  }
}
