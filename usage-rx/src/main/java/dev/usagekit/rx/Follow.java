package dev.usagekit.rx;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The polling pipeline of {@link UsageStreams#follow}: ticks of {@code interval}, missed ticks dropped, one poll
 * at a time ({@code concatMap}), each poll the {@link UsageStreams#buckets buckets} of the window from the oldest
 * bucket that is not final yet, turned into updates by a per-subscription {@link State}.
 */
final class Follow {
  private Follow() {}

  static Flowable<BucketUpdate> updates(UsageStreams streams, UsageQuery<?> query, FollowOptions options,
      Scheduler scheduler) {
    long start = options.resumeFrom() != null ? options.resumeFrom() : query.startTime();
    long widthSeconds = query.effectiveBucketWidth().seconds();
    long graceSeconds = options.grace().getSeconds();
    long intervalMillis = options.interval().toMillis();
    return Flowable.defer(() -> {
      State state = new State(start, widthSeconds, graceSeconds);
      return Flowable.interval(0L, intervalMillis, TimeUnit.MILLISECONDS, scheduler)
          // Ticks that come while a poll runs or waits for demand coalesce into the one concatMap holds.
          .onBackpressureDrop()
          .concatMap(tick -> Paging.lazy(() -> poll(streams, query, state, scheduler)), 1);
    });
  }

  /** One poll: fetches every page of the window [cursor, now) and emits what changed. */
  private static Flowable<BucketUpdate> poll(UsageStreams streams, UsageQuery<?> query, State state,
      Scheduler scheduler) {
    return Flowable.defer(() -> {
      // "Now" as the request is made: a bucket is final only if it was past its grace period when asked for.
      long now = scheduler.now(TimeUnit.SECONDS);
      UsageQuery<?> window = query.withWindow(state.cursor, null);
      return streams.sequentialBuckets(window).toList().flattenAsFlowable(buckets -> state.updates(buckets, now));
    });
  }

  /** What one subscription has seen: where the non-final buckets start and their last emitted results. */
  static final class State {
    private final long widthSeconds;
    private final long graceSeconds;
    /** The start of the oldest bucket that is not final: the end of the last final bucket. */
    long cursor;
    /** The results last emitted for each bucket that is not final yet, by start time. */
    private final Map<Long, List<UsageResult>> emitted = new HashMap<>();

    State(long cursor, long widthSeconds, long graceSeconds) {
      this.cursor = cursor;
      this.widthSeconds = widthSeconds;
      this.graceSeconds = graceSeconds;
    }

    /**
     * The updates of one poll's {@code buckets} (in time order) at {@code now}: the buckets that are final (a
     * prefix: ends only grow), then the others whose results differ from the ones last emitted.
     */
    List<BucketUpdate> updates(List<UsageTimeBucket> buckets, long now) {
      List<BucketUpdate> updates = new ArrayList<>();
      boolean finalSoFar = true;
      for (UsageTimeBucket bucket : buckets) {
        if (bucket.endTime() <= cursor && bucket.startTime() < cursor) {
          continue; // already final (cannot happen with a well-behaved API: the window starts at the cursor)
        }
        boolean isFinal = finalSoFar && fullEnd(bucket) <= now - graceSeconds;
        finalSoFar = isFinal;
        if (isFinal) {
          emitted.remove(bucket.startTime());
          cursor = Math.max(cursor, bucket.endTime());
          updates.add(new BucketUpdate(bucket, true, cursor));
        } else if (!bucket.results().equals(emitted.get(bucket.startTime()))) {
          emitted.put(bucket.startTime(), bucket.results());
          updates.add(new BucketUpdate(bucket, false, cursor));
        }
      }
      // Forget buckets that ended before the cursor but were not returned again (none with a well-behaved API).
      for (Iterator<Long> starts = emitted.keySet().iterator(); starts.hasNext(); ) {
        if (starts.next() < cursor) {
          starts.remove();
        }
      }
      return updates;
    }

    /**
     * Where the bucket ends once it is complete: the API clips the newest bucket of an open window at the
     * current time, so a bucket counts as at least one width long. (A first bucket clipped at the window's start
     * therefore becomes final a little late, never early.)
     */
    private long fullEnd(UsageTimeBucket bucket) {
      return Math.max(bucket.endTime(), bucket.startTime() + widthSeconds);
    }
  }
}
