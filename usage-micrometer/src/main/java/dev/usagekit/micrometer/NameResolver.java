package dev.usagekit.micrometer;

import dev.usagekit.retrofit.UsageApi;
import javax.annotation.Nullable;

/**
 * The name of an id, published by {@link UsageMetrics} as a tag beside the id's: {@code project_name} beside
 * {@code project_id}, {@code user_name} beside {@code user_id}, {@code api_key_name} beside {@code api_key_id}.
 *
 * <pre>{@code
 * UsageMetrics.builder(streams)
 *     .follow(UsageQuery.costs().start(today).groupBy(GroupByField.PROJECT_ID).build())
 *     .names(GroupByField.PROJECT_ID, NameResolver.projects(api))  // project_name="Support Assistant"
 *     .build();
 * }</pre>
 *
 * <p>Called on the thread that counts a final bucket, once per result; implementations must be thread-safe and
 * should answer from memory for ids they know. ({@link #projects} lists projects on that thread: for the first
 * bucket, and for a project it does not know, at most every ten minutes.)
 */
public interface NameResolver {
  /**
   * The name of {@code id}, or null when it has none or is not known (the tag is then empty, or the name the result
   * itself carries, such as the undocumented {@code project_name} of real costs results).
   *
   * @param id the id, such as {@code proj_abc}
   * @return its name, or null
   */
  @Nullable String name(String id);

  /**
   * The names of the organisation's projects ({@code GET /organization/projects}, every page): listed on first use,
   * and listed again when an id is not known, at most once every ten minutes. A listing that fails (a key that may
   * not list projects) is logged at {@code WARNING} on the {@code java.util.logging} logger of {@link UsageMetrics}
   * and leaves the names it had.
   *
   * @param api the API to list projects with (the same admin key as the usage)
   * @return a thread-safe resolver of project names
   * @throws NullPointerException if {@code api} is null
   */
  static NameResolver projects(UsageApi api) {
    return new ProjectListing(api, System::currentTimeMillis);
  }

  /**
   * The emails (else names) of the organisation's users ({@code GET /organization/users}, every page), for the
   * {@code user_name} tag: listed and listed again as {@link #projects} lists projects.
   *
   * @param api the API to list users with (the same admin key as the usage)
   * @return a thread-safe resolver of user names
   * @throws NullPointerException if {@code api} is null
   */
  static NameResolver users(UsageApi api) {
    return new ProjectListing(api, System::currentTimeMillis, "users", ProjectListing.USERS);
  }

  /**
   * The names of the API keys of the organisation's first 100 projects ({@code GET
   * /organization/projects/{project_id}/api_keys} for each), for the {@code api_key_name} tag: listed and listed
   * again as {@link #projects} lists projects.
   *
   * @param api the API to list projects and their keys with (the same admin key as the usage)
   * @return a thread-safe resolver of API key names
   * @throws NullPointerException if {@code api} is null
   */
  static NameResolver apiKeys(UsageApi api) {
    return new ProjectListing(api, System::currentTimeMillis, "API keys", ProjectListing.API_KEYS);
  }
}
