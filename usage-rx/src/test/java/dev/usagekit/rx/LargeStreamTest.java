package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApiPages;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subscribers.DefaultSubscriber;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Long streams run in constant memory and constant stack: nothing accumulates or nests per page. */
class LargeStreamTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  /** Requests one bucket at a time, from within onNext, and keeps nothing it receives. */
  private abstract static class OneAtATime extends DefaultSubscriber<UsageTimeBucket> {
    long received;
    boolean completed;
    Throwable error;

    @Override
    protected void onStart() {
      request(1);
    }

    @Override
    public void onNext(UsageTimeBucket bucket) {
      received++;
      onBucket(bucket);
      request(1);
    }

    abstract void onBucket(UsageTimeBucket bucket);

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  @Test
  void aThousandPageStreamCompletesWithoutRetainingPastPages() {
    int pages = 1_000;
    List<WeakReference<UsageResponse>> served = new ArrayList<>();
    FakeUsageApi serving = FakeUsageApi.serving(pages, 1);
    UsageQuery<?> completions = UsageQuery.completions().startTime(Fixtures.T0).build();
    FakeUsageApi fake = FakeUsageApi.of(cursor -> UsageApiPages.fetch(serving.api(), completions, cursor)
        .doOnNext(page -> served.add(new WeakReference<>(page))));
    long[] retainedAtLastPage = {-1};
    OneAtATime subscriber = new OneAtATime() {
      @Override
      void onBucket(UsageTimeBucket bucket) {
        if (received == pages) { // the last page is being emitted: every earlier page is garbage by now
          System.gc();
          retainedAtLastPage[0] = served.subList(0, pages - 1).stream().filter(ref -> ref.get() != null).count();
        }
      }
    };

    UsageStreams.create(fake.api()).buckets(Fixtures.completionsQuery()).subscribe(subscriber);

    assertThat(subscriber.error).isNull();
    assertThat(subscriber.completed).isTrue();
    assertThat(subscriber.received).isEqualTo(pages);
    assertThat(fake.requestCount()).isEqualTo(pages);
    assertThat(retainedAtLastPage[0]).as("earlier pages still reachable while the stream runs").isZero();
  }

  @Test
  void theStackDoesNotGrowWithThePageCount() {
    int pages = 20_000;
    int[] depthAtFirst = new int[1];
    int[] deepest = new int[1];
    OneAtATime subscriber = new OneAtATime() {
      @Override
      void onBucket(UsageTimeBucket bucket) {
        int depth = Thread.currentThread().getStackTrace().length;
        if (received == 1) {
          depthAtFirst[0] = depth;
        }
        deepest[0] = Math.max(deepest[0], depth);
      }
    };

    // As fast as the fake answers: no ceiling on requests a minute (UsageStreams.Builder.maxRequestsPerMinute).
    UsageStreams.builder(FakeUsageApi.serving(pages, 1).api()).maxRequestsPerMinute(Integer.MAX_VALUE).build()
        .buckets(Fixtures.completionsQuery())
        .subscribe(subscriber);

    assertThat(subscriber.completed).isTrue();
    assertThat(subscriber.received).isEqualTo(pages);
    // Every page is subscribed from the same loop (repeatUntil's trampoline): the depth at the 20,000th page is
    // the depth at the first. A pipeline that nested per page would be thousands of frames deeper, or overflow.
    assertThat(deepest[0] - depthAtFirst[0]).as("stack growth over %d pages", pages).isLessThan(10);
  }

  @Test
  void blockingSubscribeOverAThousandPagesSeesEveryBucketInOrder() {
    long[] next = {0};
    UsageStreams.create(FakeUsageApi.of(cursor -> {
      long from = cursor == null ? 0 : Long.parseLong(cursor);
      return Observable.just(Fixtures.page(Fixtures.buckets(from, from + 2), from + 2 < 2_000 ? "" + (from + 2) : null));
    }).api()).buckets(Fixtures.completionsQuery()).blockingSubscribe(bucket -> {
      assertThat(bucket.startTime()).isEqualTo(Fixtures.T0 + next[0] * Fixtures.DAY);
      next[0]++;
    });

    assertThat(next[0]).isEqualTo(2_000);
  }
}
