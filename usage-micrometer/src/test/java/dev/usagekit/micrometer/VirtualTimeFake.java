package dev.usagekit.micrometer;

import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The fake API in virtual time: one {@link TestScheduler} is the fake's clock, the poll timer and the retry waits,
 * and HTTP calls run on the calling thread, so a poll has answered by the time an advance of the clock returns.
 */
final class VirtualTimeFake implements Closeable {
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

  final TestScheduler scheduler;
  final FakeUsageServer server;
  final UsageStreams streams;
  final UsageApi api;

  VirtualTimeFake(Instant now) throws IOException {
    scheduler = new TestScheduler(now.toEpochMilli(), TimeUnit.MILLISECONDS);
    server = FakeUsageServer.builder().clock(new SchedulerClock(scheduler)).start();
    api = UsageApiFactory.builder().client(DIRECT).adminKey(server.adminKey()).baseUrl(server.url())
        .build();
    streams = UsageStreams.builder(api)
        .retryPolicy(RetryPolicy.builder().jitter(0).maxRetries(2).build())
        .scheduler(scheduler)
        .build();
  }

  void advanceMinutes(long minutes) {
    scheduler.advanceTimeBy(minutes, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    server.close();
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
