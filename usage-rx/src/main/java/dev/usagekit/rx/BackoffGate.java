package dev.usagekit.rx;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wait that one rate-limited page imposes on every page of the same subscription: a 429 closes the gate for
 * its {@code Retry-After} (or backoff), and no page of the subscription is requested before it opens again. Time
 * is the scheduler's, so a {@code TestScheduler} drives it.
 */
final class BackoffGate {
  private final Supplier<Scheduler> scheduler;
  /** When the gate opens, in the scheduler's milliseconds; in the past while open. */
  private final AtomicLong opensAt = new AtomicLong(Long.MIN_VALUE);

  BackoffGate(Supplier<Scheduler> scheduler) {
    this.scheduler = scheduler;
  }

  /** Keeps the gate closed for at least {@code delayMillis} from now. */
  void closeFor(long delayMillis) throws Throwable {
    long until = scheduler.get().now(TimeUnit.MILLISECONDS) + delayMillis;
    opensAt.accumulateAndGet(until, Math::max);
  }

  /** Completes when the gate is open: at once, or after a timer on the scheduler. */
  Completable awaitOpen() {
    return Completable.defer(() -> {
      Scheduler on = scheduler.get();
      long opens = opensAt.get();
      long now = on.now(TimeUnit.MILLISECONDS);
      return opens > now ? Completable.timer(opens - now, TimeUnit.MILLISECONDS, on) : Completable.complete();
    });
  }
}
