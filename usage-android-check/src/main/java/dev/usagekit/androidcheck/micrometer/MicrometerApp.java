package dev.usagekit.androidcheck.micrometer;

import dev.usagekit.micrometer.UsageMetrics;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A tiny app on usage-micrometer: follows costs as Micrometer meters in a {@link SimpleMeterRegistry}. Measures what
 * usage-micrometer (with usage-rx and micrometer-core) costs an app.
 *
 * <p>Arguments: base URL, admin key, start time (Unix seconds).
 */
public final class MicrometerApp {
  private MicrometerApp() {}

  public static void main(String[] args) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    UsageMetrics metrics = UsageMetrics.builder(UsageStreams.create(
            UsageApiFactory.builder().adminKey(args[1]).baseUrl(args[0]).build()))
        .follow(UsageQuery.costs().startTime(Long.parseLong(args[2])).build())
        .build();
    metrics.bindTo(registry);
    metrics.close();
    System.out.println("meters=" + registry.getMeters().size());
  }
}
