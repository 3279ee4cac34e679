package dev.usagekit.retrofit;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the calls of a {@link UsageApi} run: on the OkHttp client's dispatcher threads, except that a call
 * subscribed on one of those threads while it runs a call of this kind (the next page, subscribed as the previous
 * one is delivered) runs there at once instead of being handed to another thread. Paging with OkHttp's own
 * asynchronous calls paid that hand-off on every page, about a fifth of the time of 1,000 small pages over
 * loopback (usage-benchmarks, PagingBenchmark).
 *
 * <p>A caller's thread that is not such a call thread never runs a call: subscribing from an Android main thread
 * returns at once, as with Retrofit's asynchronous adapter.
 */
final class CallScheduler extends Scheduler {
  /** Set while this thread runs a call task handed to a {@link CallScheduler}'s executor. */
  private static final ThreadLocal<Boolean> ON_CALL_THREAD = new ThreadLocal<>();

  private final Scheduler executor;

  CallScheduler(Executor executor) {
    this.executor = Schedulers.from(executor);
  }

  @Override
  public Worker createWorker() {
    return executor.createWorker();
  }

  @Override
  public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
    if (delay > 0L) {
      return executor.scheduleDirect(run, delay, unit);
    }
    if (ON_CALL_THREAD.get() != null) {
      run.run();
      return Disposable.disposed();
    }
    // The one-argument form: with a delay argument, even 0, the executor scheduler passes through a timer thread.
    return executor.scheduleDirect(() -> {
      ON_CALL_THREAD.set(Boolean.TRUE);
      try {
        run.run();
      } finally {
        ON_CALL_THREAD.remove();
      }
    });
  }

  @Override
  public String toString() {
    return "UsageApiFactory.CallScheduler";
  }
}
