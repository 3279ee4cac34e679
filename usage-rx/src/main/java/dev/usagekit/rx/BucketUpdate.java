package dev.usagekit.rx;

import dev.usagekit.model.UsageTimeBucket;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One emission of {@link UsageStreams#follow(dev.usagekit.model.UsageQuery, FollowOptions)}: a bucket that is new,
 * whose results changed, or that has just become final.
 *
 * <pre>{@code
 * streams.follow(query, options).subscribe(update -> {
 *   dashboard.put(update.bucket().startTime(), update.bucket());   // replaces the previous version of the bucket
 *   if (update.isFinal()) {
 *     store.save(update.resumeFrom());                              // resume here after a restart
 *   }
 * });
 * }</pre>
 *
 * <p>A bucket is identified by its {@link UsageTimeBucket#startTime() start}: an update replaces any earlier
 * update of the same bucket. Each bucket is emitted final exactly once, after which it is never fetched again.
 *
 * <p>Immutable.
 */
public final class BucketUpdate {
  private final UsageTimeBucket bucket;
  private final boolean isFinal;
  private final long resumeFrom;

  BucketUpdate(UsageTimeBucket bucket, boolean isFinal, long resumeFrom) {
    this.bucket = bucket;
    this.isFinal = isFinal;
    this.resumeFrom = resumeFrom;
  }

  /**
   * The bucket as the API sent it on this poll.
   *
   * @return the bucket
   */
  public UsageTimeBucket bucket() {
    return bucket;
  }

  /**
   * Whether the bucket is final: its end is at least {@link FollowOptions#grace()} ago, so it will not change
   * any more, will not be emitted again and will not be fetched again.
   *
   * @return whether the bucket is final
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * Where to resume (Unix seconds) after this update: the end of the last final bucket, which is the start of the
   * oldest bucket that may still change (the stream's start while no bucket is final). A stream started with
   * {@link FollowOptions.Builder#resumeFrom(long)} set to it misses no bucket and emits no final bucket that was
   * already emitted final before this update; it emits the buckets that were not final yet again.
   *
   * @return the resume point, in Unix seconds
   */
  public long resumeFrom() {
    return resumeFrom;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BucketUpdate)) {
      return false;
    }
    BucketUpdate that = (BucketUpdate) o;
    return isFinal == that.isFinal && resumeFrom == that.resumeFrom && bucket.equals(that.bucket);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, isFinal, resumeFrom);
  }

  @Override
  public String toString() {
    return "BucketUpdate{start=" + bucket.startTime() + ", end=" + bucket.endTime()
        + ", results=" + bucket.results().size() + (isFinal ? ", final" : "") + ", resumeFrom=" + resumeFrom + "}";
  }
}
