package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** FakeUsageServer.Builder.latency: every answer comes no sooner than the latency, and nothing else changes. */
class LatencyTest {
  private static final UsageQuery<?> DAY = UsageQuery.costs().start(Instant.parse("2026-11-01T00:00:00Z"))
      .end(Instant.parse("2026-11-02T00:00:00Z")).build();

  @Test
  void everyAnswerWaitsAtLeastTheLatency() throws Exception {
    try (FakeUsageServer slow = FakeUsageServer.builder().latency(Duration.ofMillis(300)).start();
        FakeUsageServer fast = FakeUsageServer.builder().start()) {
      long before = System.nanoTime();
      UsageResponse page = UsageApiPages.fetch(api(slow), DAY, null).blockingFirst();
      long elapsedMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
      assertThat(page).isEqualTo(UsageApiPages.fetch(api(fast), DAY, null).blockingFirst());
    }
  }

  @Test
  void aNegativeLatencyIsRefusedNamingIt() {
    assertThatThrownBy(() -> FakeUsageServer.builder().latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("latency must not be negative, was PT-0.001S");
  }

  private static UsageApi api(FakeUsageServer server) {
    return UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
  }
}
