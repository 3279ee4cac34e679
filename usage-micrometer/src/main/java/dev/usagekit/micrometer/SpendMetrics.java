package dev.usagekit.micrometer;

import dev.usagekit.model.SpendLimit;
import dev.usagekit.rx.SpendForecast;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * A Micrometer {@link MeterBinder} that publishes the month's spend as gauges: the hard limit, the month-to-date,
 * and the month-end projection with its interval ({@link SpendForecast}), for the organization and per project, so
 * that an alert can fire on "projected to cross the limit".
 *
 * <pre>{@code
 * SpendMetrics metrics = SpendMetrics.builder(Single.fromCallable(() -> forecastOfToday()))
 *     .interval(Duration.ofMinutes(30))
 *     .build();
 * metrics.bindTo(registry);            // forecasts at once, then every interval; metrics.close() stops
 * }</pre>
 *
 * <p>Gauges (Prometheus names in brackets), in the forecast's currency ({@link SpendForecast#currency()}):
 * <ul>
 *   <li>{@code openai.spend.limit} [{@code openai_spend_limit}]: the organization's hard limit, NaN when none can be
 *       compared;
 *   <li>{@code openai.spend.month.to.date} [{@code openai_spend_month_to_date}]: the month's complete days, exact
 *       to the double;
 *   <li>{@code openai.spend.projected} [{@code openai_spend_projected}] with the tag {@code bound} ({@code
 *       expected}, {@code low}, {@code high}): the month-end projection and its 90% interval;
 *   <li>{@code openai.spend.project.projected} and {@code openai.spend.project.limit} with the tag {@code
 *       project_id}: the same per project (limit NaN when the project has none).
 * </ul>
 * Before the first forecast arrives every gauge is NaN. A forecast that fails is logged (WARNING) and the last one
 * stays published; the next interval tries again.
 */
public final class SpendMetrics implements MeterBinder, Closeable {
  private static final Logger LOG = Logger.getLogger(SpendMetrics.class.getName());

  private final Single<SpendForecast> source;
  private final Duration interval;
  private final @Nullable Scheduler scheduler;
  private volatile @Nullable SpendForecast latest;
  // Guarded by this.
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final Set<String> projectsRegistered = new HashSet<>();
  private @Nullable Disposable polling;
  private boolean closed;

  private SpendMetrics(Builder builder) {
    this.source = builder.source;
    this.interval = builder.interval;
    this.scheduler = builder.scheduler;
  }

  /**
   * A builder of metrics that publish what {@code source} forecasts (subscribed to once per interval).
   *
   * @throws NullPointerException if {@code source} is null
   */
  public static Builder builder(Single<SpendForecast> source) {
    return new Builder(Objects.requireNonNull(source, "source == null"));
  }

  /** The forecast published now, or null before the first one arrived. */
  public @Nullable SpendForecast latest() {
    return latest;
  }

  /**
   * Registers the gauges in {@code registry} and starts forecasting on the first call.
   *
   * @throws NullPointerException if {@code registry} is null
   * @throws IllegalStateException if these metrics were closed
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry == null");
    if (closed) {
      throw new IllegalStateException("closed");
    }
    registries.add(registry);
    gauge(registry, "openai.spend.limit", Tags.empty(), f -> f.limit() != null ? threshold(f.limit()) : Double.NaN);
    gauge(registry, "openai.spend.month.to.date", Tags.empty(), f -> f.organization().monthToDate().doubleValue());
    gauge(registry, "openai.spend.projected", Tags.of("bound", "expected"),
        f -> f.organization().projected().doubleValue());
    gauge(registry, "openai.spend.projected", Tags.of("bound", "low"), f -> f.organization().low().doubleValue());
    gauge(registry, "openai.spend.projected", Tags.of("bound", "high"), f -> f.organization().high().doubleValue());
    for (String projectId : projectsRegistered) {
      projectGauges(registry, projectId);
    }
    if (polling == null) {
      Scheduler on = scheduler != null ? scheduler : Schedulers.computation();
      polling = Flowable.interval(0, interval.toMillis(), TimeUnit.MILLISECONDS, on)
          .onBackpressureDrop()
          .concatMapMaybe(tick -> source.toMaybe().onErrorResumeNext(e -> {
            LOG.log(Level.WARNING, "spend forecast failed, the last one stays published: " + e);
            return Maybe.empty();
          }), 1)
          .subscribe(this::publish);
    }
  }

  private synchronized void publish(SpendForecast forecast) {
    latest = forecast;
    for (String projectId : forecast.projects().keySet()) {
      if (projectsRegistered.add(projectId)) {
        for (MeterRegistry registry : registries) {
          projectGauges(registry, projectId);
        }
      }
    }
  }

  private void projectGauges(MeterRegistry registry, String projectId) {
    Tags tags = Tags.of("project_id", projectId);
    gauge(registry, "openai.spend.project.projected", tags, f -> {
      SpendForecast.Projection p = f.projects().get(projectId);
      return p != null ? p.projected().doubleValue() : Double.NaN;
    });
    gauge(registry, "openai.spend.project.limit", tags, f -> {
      SpendLimit limit = f.projectLimits().get(projectId);
      return limit != null ? threshold(limit) : Double.NaN;
    });
  }

  private void gauge(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<SpendForecast> value) {
    Gauge.builder(name, this, metrics -> {
      SpendForecast forecast = metrics.latest;
      return forecast != null ? value.applyAsDouble(forecast) : Double.NaN;
    }).tags(tags).register(registry);
  }

  private static double threshold(SpendLimit limit) {
    return limit.threshold().doubleValue();
  }

  /** Stops forecasting; the gauges stay registered and show the last forecast. */
  @Override
  public synchronized void close() {
    closed = true;
    if (polling != null) {
      polling.dispose();
    }
  }

  @Override
  public String toString() {
    return "SpendMetrics{every " + interval + ", latest=" + latest + "}";
  }

  /** Builds {@link SpendMetrics}; create one with {@link SpendMetrics#builder(Single)}. */
  public static final class Builder {
    private final Single<SpendForecast> source;
    private Duration interval = Duration.ofMinutes(30);
    private @Nullable Scheduler scheduler;

    Builder(Single<SpendForecast> source) {
      this.source = source;
    }

    /**
     * How often to forecast again (default 30 minutes; the costs behind it change by the day).
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than a second
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("interval must be at least 1s, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** The scheduler of the interval (computation by default; a {@code TestScheduler} in tests). */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /** The metrics. */
    public SpendMetrics build() {
      return new SpendMetrics(this);
    }
  }
}
