/**
 * RxJava 3 streams over OpenAI's organization Usage and Costs API: every page of a query as one lazy,
 * backpressured {@link io.reactivex.rxjava3.core.Flowable}, with typed errors, retries that lose and duplicate
 * nothing, and exact aggregation.
 *
 * <p>Start at {@link dev.usagekit.rx.UsageStreams}; configure retries with {@link dev.usagekit.rx.RetryPolicy};
 * failures are {@link dev.usagekit.rx.UsageException}s; {@link dev.usagekit.rx.UsageSummary} adds results up,
 * with or without Rx.
 *
 * <p>Everything is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package dev.usagekit.rx;

import javax.annotation.ParametersAreNonnullByDefault;
