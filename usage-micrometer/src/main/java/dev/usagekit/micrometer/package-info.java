/**
 * Organization usage and costs as Micrometer metrics: {@link dev.usagekit.micrometer.UsageMetrics} follows chosen
 * endpoints with {@link dev.usagekit.rx.UsageStreams#follow} and publishes counters of tokens, requests and costs
 * from final buckets only, gauges of levels, and the age of the newest final bucket.
 *
 * <p>Everything is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package dev.usagekit.micrometer;

import javax.annotation.ParametersAreNonnullByDefault;
