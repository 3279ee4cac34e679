package dev.usagekit.retrofit;

import dev.usagekit.model.ProjectApiKey;
import dev.usagekit.model.ProjectApiKeyListResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.Objects;

/**
 * Every API key of one project, through the generated {@link UsageApi#listProjectApiKeys} ({@code GET
 * /organization/projects/{project_id}/api_keys}, {@code owner_project_access=any}: every enabled key), page after
 * page: what a report needs to show key names instead of the {@code api_key_id} of usage results.
 *
 * <pre>{@code
 * Map<String, String> names = UsageApiProjectApiKeys.all(api, "proj_abc")
 *     .toMap(ProjectApiKey::id, key -> key.name() != null ? key.name() : key.id())
 *     .blockingGet();
 * }</pre>
 *
 * <p>Bounded as {@link UsageApiProjects} bounds the projects listing: pages of 100 asked for with {@code after} set to
 * the last id of the page before, while {@code has_more} says there are more; the listing ends after {@code
 * maxPages} pages, on an {@code after} it has already sent, and on a page that brings no key it had not seen; a
 * key is emitted once, and a page is read up to the 100 keys asked for. A failure is Retrofit's ({@code
 * HttpException} with the status, for a key that may not list them) or the I/O failure; nothing is retried.
 */
public final class UsageApiProjectApiKeys {
  /** Keys per page: the API's maximum. */
  static final int PAGE_SIZE = IdListing.PAGE_SIZE;
  /** The default bound of {@link #all(UsageApi, String, int)}: 100 pages of 100 keys. */
  public static final int DEFAULT_MAX_PAGES = 100;
  /** Every enabled key, whether or not its owner still has access to the project (usage of the past is its). */
  private static final String OWNER_PROJECT_ACCESS_ANY = "any";

  private UsageApiProjectApiKeys() {}

  /** Every key of project {@code projectId}, in at most {@value #DEFAULT_MAX_PAGES} pages. */
  public static Flowable<ProjectApiKey> all(UsageApi api, String projectId) {
    return all(api, projectId, DEFAULT_MAX_PAGES);
  }

  /**
   * Every key of project {@code projectId}, page after page, in at most {@code maxPages} pages.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Honors backpressure: keys are emitted as downstream requests them; the next page is fetched once the
   *  keys of the page before are emitted, at most one page in flight.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>Not on a particular scheduler: pages are emitted on the thread that delivers the response.</dd>
   * </dl>
   *
   * @return a cold {@code Flowable}: every subscription lists from the first page
   * @throws NullPointerException if {@code api} or {@code projectId} is null
   * @throws IllegalArgumentException if {@code maxPages} is less than 1
   */
  public static Flowable<ProjectApiKey> all(UsageApi api, String projectId, int maxPages) {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(projectId, "projectId == null");
    return IdListing.all(maxPages,
        after -> api.listProjectApiKeys(projectId, PAGE_SIZE, after, OWNER_PROJECT_ACCESS_ANY,
            Collections.<String, String>emptyMap()),
        ProjectApiKeyListResponse::data, ProjectApiKeyListResponse::lastId, ProjectApiKeyListResponse::hasMore,
        ProjectApiKey::id);
  }
}
