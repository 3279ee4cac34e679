package dev.usagekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.SpendLimitEnforcement;
import dev.usagekit.rx.SpendForecast;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limit, month-to-date and projection as gauges, refreshed every interval, the last kept on a failure. */
class SpendMetricsTest {
  private final TestScheduler scheduler = new TestScheduler();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** 10 a day since November 20, a 250 limit, proj_a limited at 100: forecast on December 11. */
  private static SpendForecast forecast(String perDay) {
    SpendForecast.Builder builder = SpendForecast.builder(LocalDate.of(2026, 12, 11));
    for (LocalDate day = LocalDate.of(2026, 11, 20); day.isBefore(LocalDate.of(2026, 12, 11)); day = day.plusDays(1)) {
      builder.cost(day, "proj_a", "usd", new BigDecimal(perDay));
    }
    return builder.limit(limit("250")).projectLimit("proj_a", limit("100")).build();
  }

  private static SpendLimit limit(String dollars) {
    return SpendLimit.builder().object(SpendLimit.ORGANIZATION_OBJECT)
        .thresholdAmount(new BigDecimal(dollars).movePointRight(2)).currency("USD").interval("month")
        .enforcement(SpendLimitEnforcement.builder().status("enforcing").build()).build();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void theLimitMonthToDateAndProjectionArePublishedSoAnAlertCanCompareThem() throws IOException {
    try (SpendMetrics metrics = SpendMetrics.builder(Single.just(forecast("10"))).scheduler(scheduler).build()) {
      metrics.bindTo(registry);
      assertThat(gauge("openai.spend.projected", "bound", "expected")).isNaN();

      scheduler.triggerActions();

      assertThat(gauge("openai.spend.limit")).isEqualTo(250.0);
      assertThat(gauge("openai.spend.month.to.date")).isEqualTo(100.0);
      assertThat(gauge("openai.spend.projected", "bound", "expected")).isEqualTo(310.0)
          .isGreaterThan(gauge("openai.spend.limit"));
      assertThat(gauge("openai.spend.project.projected", "project_id", "proj_a")).isEqualTo(310.0);
      assertThat(gauge("openai.spend.project.limit", "project_id", "proj_a")).isEqualTo(100.0);
    }
  }

  @Test
  void aFailedForecastKeepsTheLastOneAndTheNextIntervalTriesAgain() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    Single<SpendForecast> source = Single.defer(() -> {
      int call = calls.incrementAndGet();
      return call == 2 ? Single.<SpendForecast>error(new IllegalStateException("HTTP 503"))
          : Single.just(forecast(call == 1 ? "10" : "20"));
    });
    try (SpendMetrics metrics = SpendMetrics.builder(source).interval(Duration.ofMinutes(30)).scheduler(scheduler)
        .build()) {
      metrics.bindTo(registry);
      scheduler.triggerActions();
      scheduler.advanceTimeBy(30, TimeUnit.MINUTES);

      assertThat(calls.get()).isEqualTo(2);
      assertThat(gauge("openai.spend.month.to.date")).isEqualTo(100.0);

      scheduler.advanceTimeBy(30, TimeUnit.MINUTES);
      assertThat(gauge("openai.spend.month.to.date")).isEqualTo(200.0);
    }
  }
}
