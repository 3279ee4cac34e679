package dev.usagekit.rx;

import static dev.usagekit.rx.LiveUsageApi.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link UsageStreams#follow} in virtual time against an in-memory API whose data grows while the stream runs:
 * the clock, the poll timer and the retry waits are one {@link TestScheduler}.
 */
class FollowTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  /** 2026-11-22T00:00:00Z. */
  static final long T0 = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond();
  static final long MINUTE = 60L;

  /** Starts at 03:30: buckets 00-01 and 01-02 are past a one-hour grace, 02-03 and 03-03:30 are not. */
  private final TestScheduler scheduler = new TestScheduler(T0 + 3 * HOUR + 30 * MINUTE, TimeUnit.SECONDS);
  private final LiveUsageApi live = new LiveUsageApi(scheduler);

  static final UsageQuery<UsageCompletionsResult> HOURLY = UsageQuery.completions()
      .startTime(T0).bucketWidth(BucketWidth.ONE_HOUR).build();

  private UsageStreams streams(RetryPolicy policy) {
    return UsageStreams.builder(live.api()).retryPolicy(policy).scheduler(scheduler).build();
  }

  private FollowOptions.Builder options() {
    return FollowOptions.builder().interval(Duration.ofMinutes(1)).grace(Duration.ofHours(1)).scheduler(scheduler);
  }

  private TestSubscriber<BucketUpdate> follow(FollowOptions options) {
    TestSubscriber<BucketUpdate> subscriber = streams(RetryPolicy.none()).follow(HOURLY, options).test();
    scheduler.triggerActions();
    return subscriber;
  }

  private void advanceMinutes(long minutes) {
    scheduler.advanceTimeBy(minutes, TimeUnit.MINUTES);
  }

  private static List<String> describe(List<BucketUpdate> updates) {
    return updates.stream()
        .map(u -> (u.bucket().startTime() - T0) / 60 + "m"
            + (u.bucket().results().isEmpty() ? " empty"
                : " " + ((UsageCompletionsResult) u.bucket().results().get(0)).inputTokens())
            + (u.isFinal() ? " final" : "") + " resume " + (u.resumeFrom() - T0) / 60 + "m")
        .toList();
  }

  @Test
  void firstPollEmitsEveryBucketOfTheWindowAndMarksThoseBeyondTheGraceFinal() {
    live.add(T0 + 10, 5).add(T0 + HOUR + 10, 7).add(T0 + 3 * HOUR + 10, 9);

    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    assertThat(describe(subscriber.values())).containsExactly(
        "0m 5 final resume 60m",
        "60m 7 final resume 120m",
        "120m empty resume 120m",
        "180m 9 resume 120m");
    assertThat(live.starts()).containsExactly(T0);
  }

  @Test
  void laterPollsFetchOnlyFromTheOldestBucketThatIsNotFinal() {
    follow(options().build());

    advanceMinutes(2);

    assertThat(live.starts()).containsExactly(T0, T0 + 2 * HOUR, T0 + 2 * HOUR);
  }

  @Test
  void anUnchangedBucketIsNotEmittedAgain() {
    live.add(T0 + 3 * HOUR + 10, 9);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    advanceMinutes(5);

    assertThat(subscriber.values()).hasSize(4);
    assertThat(live.calls()).hasSize(6);
  }

  @Test
  void aBucketWhoseResultsChangedIsEmittedAgain() {
    live.add(T0 + 3 * HOUR + 10, 9);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    live.add(T0 + 2 * HOUR + 20, 4).add(T0 + 3 * HOUR + 20, 1); // late data for 02:00, more for 03:00
    advanceMinutes(1);

    assertThat(describe(subscriber.values()).subList(4, 6)).containsExactly(
        "120m 4 resume 120m",
        "180m 10 resume 120m");
  }

  @Test
  void aBucketBecomesFinalOnceItsEndIsAGracePeriodAgoAndIsNeverFetchedAgain() {
    live.add(T0 + 2 * HOUR + 10, 3);
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    advanceMinutes(29); // 03:59: 02:00-03:00 ended 59 minutes ago
    assertThat(subscriber.values()).hasSize(4);
    advanceMinutes(1); // 04:00

    assertThat(describe(subscriber.values()).subList(4, subscriber.values().size()))
        .containsExactly("120m 3 final resume 180m");
    advanceMinutes(1);
    assertThat(live.starts().get(live.starts().size() - 1)).isEqualTo(T0 + 3 * HOUR);
  }

  @Test
  void theNewestBucketClippedAtNowIsNotFinalBeforeItsWholeWidthAndGraceHavePassed() {
    TestSubscriber<BucketUpdate> subscriber = follow(options().grace(Duration.ZERO).build());

    // 03:00-03:30 came clipped at now; with no grace it is final at 04:00, not before.
    assertThat(subscriber.values().get(subscriber.values().size() - 1).isFinal()).isFalse();
    advanceMinutes(29);
    assertThat(subscriber.values()).allMatch(u -> u.bucket().startTime() < T0 + 3 * HOUR || !u.isFinal());
    advanceMinutes(1);
    assertThat(describe(subscriber.values())).contains("180m empty final resume 240m");
  }

  @Test
  void resumingFromTheLastResumePointEmitsNoFinalBucketTwiceAndMissesNone() {
    live.add(T0 + 10, 1).add(T0 + HOUR + 10, 2).add(T0 + 2 * HOUR + 10, 3).add(T0 + 3 * HOUR + 10, 4);
    TestSubscriber<BucketUpdate> first = follow(options().build());
    advanceMinutes(30); // 04:00: 02:00-03:00 final
    first.cancel();
    long resumeFrom = first.values().get(first.values().size() - 1).resumeFrom();

    advanceMinutes(120); // the process is down until 06:00
    live.add(T0 + 4 * HOUR + 10, 5);
    TestSubscriber<BucketUpdate> second = follow(options().resumeFrom(resumeFrom).build());

    assertThat(resumeFrom).isEqualTo(T0 + 3 * HOUR);
    assertThat(describe(first.values())).filteredOn(s -> s.contains("final"))
        .containsExactly("0m 1 final resume 60m", "60m 2 final resume 120m", "120m 3 final resume 180m");
    assertThat(describe(second.values())).containsExactly(
        "180m 4 final resume 240m",
        "240m 5 final resume 300m",
        "300m empty resume 300m");
    assertThat(live.starts().get(live.starts().size() - 1)).isEqualTo(T0 + 3 * HOUR);
  }

  @Test
  void aSlowConsumerMakesNoRequestUntilItAsksAndMissedTicksCoalesceIntoOnePoll() {
    live.add(T0 + 3 * HOUR + 10, 9);
    TestSubscriber<BucketUpdate> subscriber =
        streams(RetryPolicy.none()).follow(HOURLY, options().build()).test(0);

    advanceMinutes(10);
    assertThat(live.calls()).isEmpty();

    subscriber.request(3);
    assertThat(live.calls()).hasSize(1);
    assertThat(subscriber.values()).hasSize(3);
    live.add(T0 + 3 * HOUR + 20, 1);
    advanceMinutes(10); // the first poll still holds one update: no other poll
    assertThat(live.calls()).hasSize(1);

    subscriber.request(10); // the last update of the first poll, then one poll for the ten ticks missed
    assertThat(live.calls()).hasSize(2);
    assertThat(describe(subscriber.values()).subList(3, 5))
        .containsExactly("180m 9 resume 120m", "180m 10 resume 120m");
  }

  @Test
  void aRateLimitedPollWaitsForRetryAfterWhileTicksAreDroppedAndNeverOverlaps() {
    live.add(T0 + 3 * HOUR + 10, 9);
    live.fail(LiveUsageApi.rateLimited(90));
    TestSubscriber<BucketUpdate> subscriber =
        streams(RetryPolicy.builder().maxRetries(1).build()).follow(HOURLY, options().build()).test();
    scheduler.triggerActions();
    assertThat(live.calls()).hasSize(1);

    scheduler.advanceTimeBy(89, TimeUnit.SECONDS); // a tick comes during the wait: no request
    assertThat(live.calls()).hasSize(1);
    assertThat(subscriber.values()).isEmpty();
    scheduler.advanceTimeBy(1, TimeUnit.SECONDS); // the retry, then one poll for the ticks missed

    assertThat(live.calls()).hasSize(3);
    assertThat(subscriber.values()).hasSize(4);
    subscriber.assertNoErrors();
  }

  @Test
  void aPollThatStillFailsEndsTheStreamWithAUsageException() {
    live.fail(LiveUsageApi.rateLimited(1));
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());

    UsageApiException error = Fixtures.error(subscriber, UsageApiException.class);
    assertThat(error.statusCode()).isEqualTo(429);
  }

  @Test
  void cancellingStopsPolling() {
    TestSubscriber<BucketUpdate> subscriber = follow(options().build());
    subscriber.cancel();

    advanceMinutes(10);

    assertThat(live.calls()).hasSize(1);
  }

  @Test
  void everyPageOfTheWindowIsFetchedInOrder() {
    UsageQuery<UsageCompletionsResult> twoPerPage = UsageQuery.completions()
        .startTime(T0).bucketWidth(BucketWidth.ONE_HOUR).limit(2).build();
    TestSubscriber<BucketUpdate> subscriber =
        streams(RetryPolicy.none()).follow(twoPerPage, options().build()).test();
    scheduler.triggerActions();

    assertThat(live.calls()).extracting(LiveUsageApi.Call::page).containsExactly("", "2");
    assertThat(subscriber.values()).extracting(u -> u.bucket().startTime())
        .containsExactly(T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR);
  }

  @Test
  void aQueryWithAnEndCannotBeFollowed() {
    UsageQuery<UsageCompletionsResult> closed = UsageQuery.completions().startTime(T0).endTime(T0 + HOUR).build();

    assertThatThrownBy(() -> streams(RetryPolicy.none()).follow(closed, FollowOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end_time");
  }

  @Test
  void optionsRejectAnIntervalBelowOneMillisecondAndANegativeGrace() {
    assertThatThrownBy(() -> FollowOptions.builder().interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> FollowOptions.builder().grace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    assertThatThrownBy(() -> FollowOptions.builder().resumeFrom(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resumeFrom");
  }

  @Test
  void defaultsPollEveryMinuteWithAnHourOfGrace() {
    assertThat(FollowOptions.defaults().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(FollowOptions.defaults().grace()).isEqualTo(Duration.ofHours(1));
    assertThat(FollowOptions.defaults().scheduler()).isNull();
    assertThat(FollowOptions.defaults().resumeFrom()).isNull();
  }
}
