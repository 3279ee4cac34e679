package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A long cached window is read from its store a day at a time, as downstream asks: never whole into memory. */
class CachedWindowDemandTest {
  private static final long HOUR = 3_600L;
  private static final long DAY = 86_400L;
  private static final String BASE_URL = "https://api.openai.com/v1/";
  private static final String KEY = "sk-admin-demand";

  /** Remembers the range of every load. */
  private static final class RecordingStore implements BucketStore {
    final BucketStore delegate = BucketStore.inMemory();
    final List<long[]> loads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<UsageTimeBucket> load(CacheKey key, long startTime, long endTime) {
      loads.add(new long[] {startTime, endTime});
      return delegate.load(key, startTime, endTime);
    }

    @Override
    public void save(CacheKey key, List<UsageTimeBucket> buckets) {
      delegate.save(key, buckets);
    }
  }

  private static List<UsageTimeBucket> hours(long from, long to) {
    List<UsageTimeBucket> buckets = new ArrayList<>();
    for (long start = from; start < to; start += HOUR) {
      buckets.add(UsageTimeBucket.builder().startTime(start).endTime(start + HOUR)
          .addResults(UsageCompletionsResult.builder().inputTokens(1).outputTokens(1).numModelRequests(1).build())
          .build());
    }
    return buckets;
  }

  @Test
  void tenCachedDaysAreLoadedOneDayAtATimeAsDownstreamAsks() {
    long start = Fixtures.T0;
    UsageQuery<?> tenDays = UsageQuery.completions().startTime(start).endTime(start + 10 * DAY)
        .bucketWidth(BucketWidth.ONE_HOUR).build();
    RecordingStore store = new RecordingStore();
    List<UsageTimeBucket> all = hours(start, start + 10 * DAY);
    store.save(CacheKey.of(tenDays, BASE_URL, KEY), all);
    FakeUsageApi api = FakeUsageApi.serving(0, 1);
    UsageStreams streams = UsageStreams.builder(api.api()).retryPolicy(RetryPolicy.none())
        .scheduler(new TestScheduler(start + 100 * DAY, TimeUnit.SECONDS))
        .bucketStore(store, BASE_URL, KEY).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(tenDays).test(0);
    assertThat(store.loads).as("nothing before a request").isEmpty();

    subscriber.request(1);
    assertThat(store.loads).as("the first day").hasSize(1);
    assertThat(store.loads.get(0)).containsExactly(start, start + DAY);

    subscriber.request(24);
    assertThat(store.loads).as("the second day").hasSize(2);
    assertThat(store.loads.get(1)).containsExactly(start + DAY, start + 2 * DAY);

    subscriber.request(Long.MAX_VALUE);
    subscriber.assertComplete().assertValueSequence(all);
    assertThat(store.loads).hasSize(10);
    assertThat(api.cursors()).as("no request").isEmpty();
  }
}
