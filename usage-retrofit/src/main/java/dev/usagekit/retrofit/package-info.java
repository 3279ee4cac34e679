/**
 * Retrofit bindings of the OpenAI organization Usage and Costs API.
 *
 * <p>{@link dev.usagekit.retrofit.UsageApi} is generated at build time from the usagekit OpenAPI
 * document (module {@code usage-openapi}); {@link dev.usagekit.retrofit.UsageApiFactory} builds a
 * ready instance from an admin key.
 */
@javax.annotation.ParametersAreNonnullByDefault
package dev.usagekit.retrofit;
