package dev.usagekit.rx;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Supplier;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The most requests one subscription to a stream makes in any minute, across all its sub-windows and retries
 * ({@link UsageStreams.Builder#maxRequestsPerMinute(int)}): a request that would be one too many waits until the
 * oldest of the last minute's requests is a minute old. Time is the scheduler's, so a {@code TestScheduler}
 * drives it. Keeps at most the times of the last {@code max} requests.
 */
final class RequestCeiling {
  private static final long MINUTE_MILLIS = 60_000L;

  private final Supplier<Scheduler> scheduler;
  private final int max;
  /** The times of the requests of the last minute, oldest first; never more than {@code max}. */
  private final ArrayDeque<Long> recent = new ArrayDeque<>();

  RequestCeiling(Supplier<Scheduler> scheduler, int max) {
    this.scheduler = scheduler;
    this.max = max;
  }

  /** Completes when one more request may be made, and counts it as made then: at once, or after a timer. */
  Completable acquire() {
    return Completable.defer(() -> {
      Scheduler on = scheduler.get();
      long now = on.now(TimeUnit.MILLISECONDS);
      long waitMillis;
      synchronized (recent) {
        while (!recent.isEmpty() && recent.peekFirst() <= now - MINUTE_MILLIS) {
          recent.pollFirst();
        }
        if (recent.size() < max) {
          recent.addLast(now);
          return Completable.complete();
        }
        waitMillis = recent.peekFirst() + MINUTE_MILLIS - now;
      }
      // Checked again when the timer fires: another sub-window may have taken the place meanwhile.
      return Completable.timer(waitMillis, TimeUnit.MILLISECONDS, on).andThen(acquire());
    });
  }
}
