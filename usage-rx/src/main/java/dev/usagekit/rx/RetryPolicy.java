package dev.usagekit.rx;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.functions.Supplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.reactivestreams.Publisher;

/**
 * When and how long a {@link UsageStreams} stream waits before fetching a failed page again.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxRetries(6)
 *     .initialBackoff(Duration.ofMillis(500))
 *     .maxBackoff(Duration.ofSeconds(20))
 *     .build();
 * UsageStreams streams = UsageStreams.builder(api).retryPolicy(policy).build();
 *
 * UsageStreams noRetries = UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).build();
 * }</pre>
 *
 * <p><b>What is retried:</b> HTTP 429, 500, 502, 503 and 504, and I/O failures (connection refused or reset,
 * timeouts, a body that breaks off). Other statuses (400, 401, 403, 404, ...) and bodies that do not decode fail
 * at once, and so do the I/O failures that the same request would meet again, as a {@link UsageNetworkException}
 * saying "not retried": a {@link java.net.ProtocolException} (a redirect loop, OkHttp's {@code "Too many follow-up
 * requests"}; a malformed response) and a body past the client's size limit ({@code
 * dev.usagekit.retrofit.ResponseTooLargeException}). A retry fetches the same page again, with the same cursor, so the stream neither skips nor repeats a
 * bucket. Each page has its own budget of {@link #maxRetries()} retries. An attempt is one call of the {@code
 * UsageApi}: below it, OkHttp may send a call's request once more on a fresh connection when a pooled connection
 * fails before any response arrives (its {@code retryOnConnectionFailure}, on by default), so the server can see
 * more requests than attempts.
 *
 * <p><b>How long it waits:</b> the response's {@code Retry-After}, exactly, when it has one (if that is longer
 * than {@link #maxRetryAfter()}, the page fails at once instead, with {@link UsageApiException#retryAfter()} set;
 * if it is shorter than {@link #minRetryAfter()}, such as {@code Retry-After: 0}, the wait is that minimum
 * lengthened by a random fraction of up to {@link #jitter()} of itself, so that a server cannot make a stream
 * retry at once, over and over, and clients told to retry together do not); otherwise an exponential backoff: retry {@code n} (1, 2, ...) waits {@code min(maxBackoff, initialBackoff *
 * multiplier^(n-1))}, shortened by a random fraction of up to {@link #jitter()} of itself, so that clients that
 * failed together do not retry together. The wait never exceeds {@code maxBackoff}. Set a {@link
 * Builder#seed(long) seed} to make the jitter reproducible.
 *
 * <p><b>Defaults</b> ({@link #defaults()}): 4 retries (5 attempts per page), initial backoff 1 s, multiplier 2,
 * maximum backoff 30 s, jitter 0.2, shortest wait for a {@code Retry-After} 1 s, longest honoured {@code
 * Retry-After} 120 s, unseeded. That is waits of about
 * 1, 2, 4 and 8 s, some 15 s in all, before a page fails.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxRetries(0).build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration minRetryAfter;
  private final Duration maxRetryAfter;
  private final @Nullable Long seed;

  private RetryPolicy(Builder builder) {
    this.maxRetries = builder.maxRetries;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.multiplier = builder.multiplier;
    this.jitter = builder.jitter;
    this.minRetryAfter = builder.minRetryAfter;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.seed = builder.seed;
  }

  /**
   * The default policy: 4 retries, backoff from 1 s doubling up to 30 s, jitter 0.2, Retry-After from 1 s up to
   * 120 s.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** No retries: the first failure of any page fails the stream. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many times a failed page is fetched again before the stream fails; 0 means never. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The wait before the first retry, when the response gave no {@code Retry-After}. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest backoff between two attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The factor by which the backoff grows from one retry to the next. */
  public double multiplier() {
    return multiplier;
  }

  /** The largest fraction (0 to 1) by which a backoff is randomly shortened. */
  public double jitter() {
    return jitter;
  }

  /**
   * The shortest wait before a retry that a response's {@code Retry-After} can ask for; a shorter one (such as
   * {@code Retry-After: 0}) waits this long, lengthened by a random fraction of up to {@link #jitter()}.
   */
  public Duration minRetryAfter() {
    return minRetryAfter;
  }

  /** The longest {@code Retry-After} that is waited for; a longer one fails the page at once. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The seed of the jitter, or null when the jitter is not reproducible. */
  public @Nullable Long seed() {
    return seed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) o;
    return maxRetries == that.maxRetries
        && initialBackoff.equals(that.initialBackoff)
        && maxBackoff.equals(that.maxBackoff)
        && Double.compare(multiplier, that.multiplier) == 0
        && Double.compare(jitter, that.jitter) == 0
        && minRetryAfter.equals(that.minRetryAfter)
        && maxRetryAfter.equals(that.maxRetryAfter)
        && Objects.equals(seed, that.seed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, initialBackoff, maxBackoff, multiplier, jitter, minRetryAfter, maxRetryAfter,
        seed);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter
        + ", minRetryAfter=" + minRetryAfter + ", maxRetryAfter=" + maxRetryAfter + (seed != null ? ", seed=" + seed : "") + "}";
  }

  /** The random source of one stream subscription: seeded ones replay the same jitter on every subscription. */
  Random newRandom() {
    return seed != null ? new Random(seed) : new Random();
  }

  /** Whether an HTTP status is worth another attempt. */
  static boolean isRetryableStatus(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * The wait in milliseconds before retry number {@code retry} (1 for the first retry) of a page that failed
   * with {@code failure}, or -1 if the page must fail now.
   */
  long delayMillis(int retry, Throwable failure, Random random) {
    if (retry > maxRetries) {
      return -1L;
    }
    if (failure instanceof UsageNetworkException) {
      return PageFailures.isPermanent(((UsageNetworkException) failure).getCause()) ? -1L
          : backoffMillis(retry, random);
    }
    if (failure instanceof UsageApiException) {
      UsageApiException api = (UsageApiException) failure;
      if (!isRetryableStatus(api.statusCode())) {
        return -1L;
      }
      Duration retryAfter = api.retryAfter();
      if (retryAfter != null) {
        if (retryAfter.compareTo(maxRetryAfter) > 0) {
          return -1L;
        }
        if (retryAfter.compareTo(minRetryAfter) < 0) {
          // Never at once: the floor, lengthened by jitter so that clients told "0" do not all come back together.
          return (long) Math.floor(minRetryAfter.toMillis() * (1.0 + jitter * random.nextDouble()));
        }
        return retryAfter.toMillis();
      }
      return backoffMillis(retry, random);
    }
    return -1L; // decoding errors and bugs: the same request would fail the same way
  }

  /** The exponential backoff before retry number {@code retry}, with jitter, capped by {@link #maxBackoff}. */
  long backoffMillis(int retry, Random random) {
    double base = initialBackoff.toMillis() * Math.pow(multiplier, retry - 1);
    double capped = Math.min(base, (double) maxBackoff.toMillis());
    double jittered = capped * (1.0 - jitter * random.nextDouble());
    return (long) Math.floor(jittered);
  }

  /**
   * The {@code retryWhen} handler of one page: waits on {@code scheduler} between attempts and, when the page
   * gives up, signals the last failure with the earlier ones attached as suppressed exceptions.
   */
  Function<Flowable<Throwable>, Publisher<?>> retryHandler(Supplier<Scheduler> scheduler, Random random) {
    return retryHandler(scheduler, random, null);
  }

  /**
   * As {@link #retryHandler(Supplier, Random)}, and a 429 also closes {@code gate} for as long as this page waits,
   * so that the other pages fetched alongside wait as well.
   */
  Function<Flowable<Throwable>, Publisher<?>> retryHandler(Supplier<Scheduler> scheduler, Random random,
      @Nullable BackoffGate gate) {
    return errors -> {
      List<Throwable> earlier = new ArrayList<>();
      return errors.concatMap(error -> {
        long delay = delayMillis(earlier.size() + 1, error, random);
        if (delay < 0L) {
          for (Throwable e : earlier) {
            if (e != error) {
              error.addSuppressed(e);
            }
          }
          return Flowable.error(error);
        }
        earlier.add(error);
        if (gate != null && error instanceof UsageApiException && ((UsageApiException) error).statusCode() == 429) {
          gate.closeFor(delay);
        }
        return Flowable.timer(delay, TimeUnit.MILLISECONDS, scheduler.get());
      });
    };
  }

  /** Builds a {@link RetryPolicy}; starts from the {@link #defaults()}. Not thread-safe. */
  public static final class Builder {
    private int maxRetries = 4;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double multiplier = 2.0;
    private double jitter = 0.2;
    private Duration minRetryAfter = Duration.ofSeconds(1);
    private Duration maxRetryAfter = Duration.ofSeconds(120);
    private @Nullable Long seed;

    Builder() {}

    /**
     * How many times a failed page is fetched again before the stream fails (default 4); 0 turns retries off.
     *
     * @throws IllegalArgumentException if {@code maxRetries} is negative
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The wait before the first retry when the response gave no {@code Retry-After} (default 1 s).
     *
     * @throws IllegalArgumentException if {@code initialBackoff} is negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * The longest backoff between two attempts (default 30 s); must not be less than the initial backoff.
     *
     * @throws IllegalArgumentException if {@code maxBackoff} is negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * The factor by which the backoff grows from one retry to the next (default 2); 1 keeps it constant.
     *
     * @throws IllegalArgumentException if {@code multiplier} is less than 1 or not finite
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * The largest fraction by which each backoff is randomly shortened (default 0.2): 0 for exact, predictable
     * waits, up to 1 for "full jitter".
     *
     * @throws IllegalArgumentException if {@code jitter} is not between 0 and 1
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * The shortest wait a response's {@code Retry-After} can ask for (default 1 s): a shorter one, such as {@code
     * Retry-After: 0}, waits this long, lengthened by a random fraction of up to the {@link #jitter(double)
     * jitter}. It bounds how fast a server can make a stream retry; {@link Duration#ZERO} takes the server at its
     * word (for tests).
     *
     * @throws IllegalArgumentException if {@code minRetryAfter} is negative
     */
    public Builder minRetryAfter(Duration minRetryAfter) {
      this.minRetryAfter = nonNegative(minRetryAfter, "minRetryAfter");
      return this;
    }

    /**
     * The longest {@code Retry-After} that is waited for (default 120 s); a response asking for more fails the
     * page at once, with {@link UsageApiException#retryAfter()} telling how long the server asked for.
     *
     * @throws IllegalArgumentException if {@code maxRetryAfter} is negative
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Makes the jitter reproducible: every subscription to a stream draws its jitter from a new {@code
     * java.util.Random} with this seed. Unseeded by default.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if {@code maxBackoff} is less than {@code initialBackoff}, or {@code
     *     maxRetryAfter} less than {@code minRetryAfter}
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be less than initialBackoff ("
            + initialBackoff + ")");
      }
      if (maxRetryAfter.compareTo(minRetryAfter) < 0) {
        throw new IllegalArgumentException("maxRetryAfter (" + maxRetryAfter + ") must not be less than "
            + "minRetryAfter (" + minRetryAfter + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name + " == null");
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + duration);
      }
      return duration;
    }
  }
}
