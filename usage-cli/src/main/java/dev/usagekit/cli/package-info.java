/**
 * {@code usage-report}, the report tool of usagekit: one command that pages through an endpoint of
 * OpenAI's organization Usage or Costs API and prints a table, CSV or the API's own JSON.
 *
 * <p>The entry point is {@link dev.usagekit.cli.Main}; everything else is package-private.
 * Everything is non-null unless annotated {@code @Nullable}.
 */
@javax.annotation.ParametersAreNonnullByDefault
package dev.usagekit.cli;
