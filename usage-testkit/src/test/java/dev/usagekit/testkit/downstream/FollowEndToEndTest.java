package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.BucketUpdate;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UsageStreams#follow} against the fake, in virtual time: one {@link TestScheduler} is the fake's clock,
 * the poll timer and the retry waits, and calls run on the test thread ({@link EndToEndRxTest#DIRECT}), so a
 * poll has answered by the time an advance of the clock returns. Records are added while the stream runs.
 */
class FollowEndToEndTest {
  static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
  static final long HOUR = 3600L;
  static final long START = T0.getEpochSecond();

  static final UsageQuery<UsageCompletionsResult> HOURLY = UsageQuery.completions()
      .start(T0).bucketWidth(BucketWidth.ONE_HOUR).build();

  /** It is 03:30: with an hour of grace, 00:00-01:00 and 01:00-02:00 are final, 02:00 and 03:00 are not. */
  private final TestScheduler scheduler = new TestScheduler(START + 3 * HOUR + 1800, TimeUnit.SECONDS);
  private FakeUsageServer server;
  private UsageStreams streams;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().clock(new SchedulerClock(scheduler)).start();
    UsageApi api = UsageApiFactory.builder().client(EndToEndRxTest.DIRECT).adminKey(server.adminKey())
        .baseUrl(server.url()).build();
    streams = UsageStreams.builder(api).retryPolicy(RetryPolicy.builder().jitter(0).build()).scheduler(scheduler)
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FollowOptions.Builder options() {
    return FollowOptions.builder().interval(Duration.ofMinutes(1)).grace(Duration.ofHours(1)).scheduler(scheduler);
  }

  private TestSubscriber<BucketUpdate> follow(FollowOptions options) {
    TestSubscriber<BucketUpdate> subscriber = streams.follow(HOURLY, options).test();
    scheduler.triggerActions();
    return subscriber;
  }

  private void add(long secondsAfterT0, long inputTokens) {
    server.add(START + secondsAfterT0, TestData.completions().inputTokens(inputTokens).build());
  }

  private void advanceMinutes(long minutes) {
    scheduler.advanceTimeBy(minutes, TimeUnit.MINUTES);
  }

  private static long inputTokens(BucketUpdate update) {
    return update.bucket().results().stream()
        .mapToLong(r -> ((UsageCompletionsResult) r).inputTokens()).sum();
  }

  /** "120m 5 final": the bucket's start after T0 in minutes, its input tokens, and whether it is final. */
  private static List<String> describe(List<BucketUpdate> updates) {
    return updates.stream()
        .map(u -> (u.bucket().startTime() - START) / 60 + "m " + inputTokens(u) + (u.isFinal() ? " final" : ""))
        .toList();
  }

  private List<Long> requestedStarts() {
    return server.requests().stream().map(RecordedUsageRequest::query).map(q -> q.startTime() - START).toList();
  }

  @Test
  void lateDataReEmitsTheChangedBucketOnTheNextPoll() {
    add(10 * 60, 5);
    add(2 * HOUR + 10 * 60, 7);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());
    assertThat(describe(subscriber.values())).containsExactly("0m 5 final", "60m 0 final", "120m 7", "180m 0");

    add(2 * HOUR + 50 * 60, 3); // late data for 02:00-03:00, which is not final yet
    advanceMinutes(1);

    assertThat(describe(subscriber.values())).hasSize(5).endsWith("120m 10");
  }

  @Test
  void unchangedBucketsAreNotEmittedAgainAndLaterPollsStartAtTheOldestOpenBucket() {
    add(3 * HOUR + 60, 2);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    advanceMinutes(3);

    assertThat(subscriber.values()).hasSize(4);
    assertThat(requestedStarts()).containsExactly(0L, 2 * HOUR, 2 * HOUR, 2 * HOUR);
  }

  @Test
  void aBucketIsEmittedFinalOnceItsGraceHasPassedAndIsNeverRequestedAgain() {
    add(2 * HOUR + 60, 4);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    advanceMinutes(30); // 04:00: 02:00-03:00 ended an hour ago
    advanceMinutes(2);

    assertThat(describe(subscriber.values())).containsExactly(
        "0m 0 final", "60m 0 final", "120m 4", "180m 0", "120m 4 final", "240m 0");
    assertThat(requestedStarts().subList(requestedStarts().size() - 2, requestedStarts().size()))
        .containsOnly(3 * HOUR);
  }

  @Test
  void aRateLimitedPollWaitsForRetryAfterThenGoesOn() {
    add(3 * HOUR + 60, 2);
    server.enqueue(Fault.rateLimited(20));
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());
    assertThat(server.requestCount()).isEqualTo(1);

    scheduler.advanceTimeBy(19, TimeUnit.SECONDS);
    assertThat(server.requestCount()).isEqualTo(1);
    scheduler.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(server.requests()).extracting(RecordedUsageRequest::status).containsExactly(429, 200);
    assertThat(describe(subscriber.values())).containsExactly("0m 0 final", "60m 0 final", "120m 0", "180m 2");
    subscriber.assertNoErrors();
  }

  @Test
  void resumingAfterARestartMissesNoBucketAndRepeatsNoFinalOne() {
    Map<Long, Long> recorded = new TreeMap<>();
    long[][] records = {{10 * 60, 1}, {HOUR + 10 * 60, 2}, {2 * HOUR + 10 * 60, 3}, {3 * HOUR + 10 * 60, 4}};
    for (long[] r : records) {
      add(r[0], r[1]);
      recorded.merge(r[0] / HOUR, r[1], Long::sum);
    }
    List<BucketUpdate> finals = new ArrayList<>();
    TestSubscriber<BucketUpdate> first = follow(options().build());
    add(3 * HOUR + 40 * 60, 6); // arrives while the first run follows
    recorded.merge(3L, 6L, Long::sum);
    advanceMinutes(60); // 04:30
    first.cancel();
    first.values().stream().filter(BucketUpdate::isFinal).forEach(finals::add);
    long persisted = first.values().get(first.values().size() - 1).resumeFrom();

    advanceMinutes(150); // down until 07:00; usage goes on meanwhile
    add(4 * HOUR + 10 * 60, 8);
    add(5 * HOUR + 10 * 60, 9);
    recorded.merge(4L, 8L, Long::sum);
    recorded.merge(5L, 9L, Long::sum);
    TestSubscriber<BucketUpdate> second = follow(options().resumeFrom(persisted).build());
    second.values().stream().filter(BucketUpdate::isFinal).forEach(finals::add);

    assertThat(persisted).isEqualTo(START + 3 * HOUR);
    assertThat(finals).extracting(u -> (u.bucket().startTime() - START) / HOUR)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L); // contiguous, each once
    assertThat(finals).extracting(FollowEndToEndTest::inputTokens)
        .containsExactly(recorded.get(0L), recorded.get(1L), recorded.get(2L), recorded.get(3L), recorded.get(4L),
            recorded.get(5L));
    assertThat(requestedStarts().get(requestedStarts().size() - 1)).isEqualTo(3 * HOUR);
  }

  /** The fake's clock: the test scheduler's virtual time. */
  static final class SchedulerClock extends Clock {
    private final TestScheduler scheduler;

    SchedulerClock(TestScheduler scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }
  }
}
