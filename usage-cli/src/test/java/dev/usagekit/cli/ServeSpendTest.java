package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code serve --spend}: the limit, month-to-date and projection as Prometheus gauges, for an alert rule. */
class ServeSpendTest {

  private static double value(List<ServeTest.Sample> samples, String name, String label, String labelValue) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && (label == null || labelValue.equals(s.labels().get(label))))
        .mapToDouble(ServeTest.Sample::value).findFirst().orElse(Double.NaN);
  }

  @Test
  void demoServeWithSpendPublishesTheLimitAndAProjectionAboveTheMonthToDate() throws Exception {
    try (ServeTest.Serving serving = new ServeTest.Serving(Map.of(), "demo", "serve", "--port", "0", "--spend")) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      List<ServeTest.Sample> samples;
      while (true) {
        samples = ServeTest.samples(ServeTest.get(serving.url("/metrics")).body());
        if (!Double.isNaN(value(samples, "openai_spend_projected", "bound", "expected"))) {
          break;
        }
        assertThat(System.nanoTime()).as("the spend forecast is published").isLessThan(deadline);
        Thread.onSpinWait();
      }

      double limit = value(samples, "openai_spend_limit", null, null);
      double monthToDate = value(samples, "openai_spend_month_to_date", null, null);
      assertThat(limit).isPositive();
      assertThat(value(samples, "openai_spend_projected", "bound", "expected")).isGreaterThan(monthToDate);
      assertThat(value(samples, "openai_spend_projected", "bound", "high"))
          .isGreaterThanOrEqualTo(value(samples, "openai_spend_projected", "bound", "low"));
      assertThat(samples).anyMatch(s -> s.name().equals("openai_spend_project_limit") && !Double.isNaN(s.value()));
    }
  }

  @Test
  void withoutSpendNoSpendGaugeIsPublished() throws Exception {
    try (ServeTest.Serving serving = new ServeTest.Serving(Map.of(), "demo", "serve", "--port", "0")) {
      String metrics = ServeTest.get(serving.url("/metrics")).body();
      assertThat(metrics).doesNotContain("openai_spend_");
    }
  }
}
