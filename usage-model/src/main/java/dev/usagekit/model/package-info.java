/**
 * Immutable values for every request and response of OpenAI's organization Usage and Costs API,
 * read and written by a plain {@code new ObjectMapper()} with no module to register.
 *
 * <p>Responses: {@link dev.usagekit.model.UsageResponse} (a page) holds {@link
 * dev.usagekit.model.UsageTimeBucket}s, whose results are {@link dev.usagekit.model.UsageResult}s
 * chosen by their JSON {@code object} value; errors are {@link dev.usagekit.model.ErrorResponse}.
 * Requests: {@link dev.usagekit.model.BucketWidth}, {@link dev.usagekit.model.GroupByField}, {@link
 * dev.usagekit.model.UsageFilter} and the table of endpoint facts, {@link
 * dev.usagekit.model.UsageEndpoint}.
 *
 * <p>Everything is non-null unless annotated {@code @Nullable}.
 */
@UsageStyle
@ParametersAreNonnullByDefault
package dev.usagekit.model;

import javax.annotation.ParametersAreNonnullByDefault;
