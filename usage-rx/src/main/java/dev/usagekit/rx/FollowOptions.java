package dev.usagekit.rx;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * How {@link UsageStreams#follow(dev.usagekit.model.UsageQuery, FollowOptions)} polls: how often, how long a bucket
 * may still change after its end, on which scheduler, and from where a restarted stream resumes.
 *
 * <pre>{@code
 * FollowOptions options = FollowOptions.builder()
 *     .interval(Duration.ofMinutes(5))      // poll every 5 minutes
 *     .grace(Duration.ofHours(2))           // a bucket is final 2 hours after its end
 *     .resumeFrom(store.load())             // the resumeFrom() of the last update persisted, if any
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #defaults()} polls every minute with a grace period of one hour on {@link
 * Schedulers#computation()}, from the query's own start.
 */
public final class FollowOptions {
  private static final FollowOptions DEFAULTS = builder().build();

  private final Duration interval;
  private final Duration grace;
  private final @Nullable Scheduler scheduler;
  private final @Nullable Long resumeFrom;

  private FollowOptions(Builder builder) {
    this.interval = builder.interval;
    this.grace = builder.grace;
    this.scheduler = builder.scheduler;
    this.resumeFrom = builder.resumeFrom;
  }

  /**
   * Polls every minute, buckets final one hour after their end, on {@link Schedulers#computation()}.
   *
   * @return the default options
   */
  public static FollowOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The time from one poll to the next (the first poll is made at once).
   *
   * @return the poll interval
   */
  public Duration interval() {
    return interval;
  }

  /**
   * How long after its end a bucket may still change (late data): a bucket whose end is at least this long ago
   * is final, emitted one last time and never fetched again.
   *
   * @return the grace period
   */
  public Duration grace() {
    return grace;
  }

  /**
   * The scheduler the poll timer runs on and whose clock says "now".
   *
   * @return the scheduler, or null for {@link Schedulers#computation()}
   */
  public @Nullable Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The start (Unix seconds) that replaces the query's own, to resume where a previous stream left off (its last
   * {@link BucketUpdate#resumeFrom()}).
   *
   * @return the start in Unix seconds, or null to start at the query's start
   */
  public @Nullable Long resumeFrom() {
    return resumeFrom;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FollowOptions)) {
      return false;
    }
    FollowOptions that = (FollowOptions) o;
    return interval.equals(that.interval) && grace.equals(that.grace)
        && Objects.equals(scheduler, that.scheduler) && Objects.equals(resumeFrom, that.resumeFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(interval, grace, scheduler, resumeFrom);
  }

  @Override
  public String toString() {
    return "FollowOptions{interval=" + interval + ", grace=" + grace
        + (scheduler != null ? ", scheduler=" + scheduler : "")
        + (resumeFrom != null ? ", resumeFrom=" + resumeFrom : "") + "}";
  }

  /** Builds {@link FollowOptions}; starts from the {@link #defaults()}. Not thread-safe; reusable. */
  public static final class Builder {
    private Duration interval = Duration.ofMinutes(1);
    private Duration grace = Duration.ofHours(1);
    private @Nullable Scheduler scheduler;
    private @Nullable Long resumeFrom;

    Builder() {}

    /**
     * The time from one poll to the next (default 1 minute); at least one millisecond.
     *
     * @param interval the time between polls
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is shorter than one millisecond
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("interval must be at least 1 ms, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * How long after its end a bucket may still change (default 1 hour); zero makes a bucket final as soon as it
     * ends.
     *
     * @param grace how long a bucket may change after its end
     * @return this builder
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public Builder grace(Duration grace) {
      Objects.requireNonNull(grace, "grace == null");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace must not be negative, was " + grace);
      }
      this.grace = grace;
      return this;
    }

    /**
     * The scheduler the poll timer runs on, whose {@link Scheduler#now(java.util.concurrent.TimeUnit) now} decides
     * which buckets are final; {@link Schedulers#computation()} unless set. Tests pass a {@code TestScheduler}
     * (with the same one as {@link UsageStreams.Builder#scheduler(Scheduler)}, for retries) to follow in virtual
     * time.
     *
     * @param scheduler the scheduler of the poll timer and of "now"
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Resumes at {@code startTime} (Unix seconds) instead of the query's start: pass the {@link
     * BucketUpdate#resumeFrom()} of the last update a previous stream delivered.
     *
     * @param startTime where to resume, in Unix seconds
     * @return this builder
     * @throws IllegalArgumentException if {@code startTime} is negative
     */
    public Builder resumeFrom(long startTime) {
      if (startTime < 0L) {
        throw new IllegalArgumentException("resumeFrom must be Unix seconds >= 0, was " + startTime);
      }
      this.resumeFrom = startTime;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public FollowOptions build() {
      return new FollowOptions(this);
    }
  }
}
