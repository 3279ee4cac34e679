package dev.usagekit.testkit.hardening;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The retry scheduler of a scenario: it records every delay it is asked for (in milliseconds) and runs the task
 * at once on its own executor, so that retries cost no real time while their waits can still be asserted.
 */
final class RecordingScheduler extends Scheduler {
  private final Scheduler immediate;
  private final List<Long> delays = new ArrayList<>();

  RecordingScheduler(ExecutorService executor) {
    this.immediate = Schedulers.from(executor);
  }

  /** The delays asked for so far, in milliseconds, in order. */
  synchronized List<Long> delays() {
    return List.copyOf(delays);
  }

  private synchronized void record(long delay, TimeUnit unit) {
    delays.add(unit.toMillis(delay));
  }

  @Override
  public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
    record(delay, unit);
    return immediate.scheduleDirect(run);
  }

  @Override
  public Worker createWorker() {
    Worker worker = immediate.createWorker();
    return new Worker() {
      @Override
      public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
        record(delay, unit);
        return worker.schedule(run);
      }

      @Override
      public void dispose() {
        worker.dispose();
      }

      @Override
      public boolean isDisposed() {
        return worker.isDisposed();
      }
    };
  }
}
