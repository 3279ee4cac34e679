package dev.usagekit.retrofit;

import dev.usagekit.model.Project;
import dev.usagekit.model.ProjectListResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.Objects;

/**
 * Every project of the organization, through the generated {@link UsageApi#listProjects} ({@code GET
 * /organization/projects}), page after page: what a report needs to show project names instead of ids.
 *
 * <pre>{@code
 * Map<String, String> names = UsageApiProjects.all(api)
 *     .toMap(Project::id, project -> project.name() != null ? project.name() : project.id())
 *     .blockingGet();
 * }</pre>
 *
 * <p>Pages of 100 are asked for with {@code after} set to the last id of the page before, while {@code has_more}
 * says there are more. Bounded under any server: the listing ends after {@code maxPages} pages, on an {@code after}
 * it has already sent, and on a page that brings no project it had not seen; a project is emitted once. A page is
 * read up to the 100 projects asked for: a server that sends more has the rest asked for again on the next page
 * ({@code after} is the last project read), so a listing brings at most {@code 100 * maxPages} projects whatever
 * the size of the server's pages (the size of one page is bounded by the client's {@link
 * UsageApiFactory.Builder#maxResponseBytes(long) maxResponseBytes}). Archived
 * projects are listed too (usage of their past is still theirs). A failure is Retrofit's ({@code HttpException}
 * with the status, for a key that may not list projects) or the I/O failure; nothing is retried.
 */
public final class UsageApiProjects {
  /** Projects per page: the API's maximum. */
  static final int PAGE_SIZE = IdListing.PAGE_SIZE;
  /** The default bound of {@link #all(UsageApi, int)}: 100 pages of 100 projects. */
  public static final int DEFAULT_MAX_PAGES = 100;

  private UsageApiProjects() {}

  /** Every project, in at most {@value #DEFAULT_MAX_PAGES} pages; see {@link #all(UsageApi, int)}. */
  public static Flowable<Project> all(UsageApi api) {
    return all(api, DEFAULT_MAX_PAGES);
  }

  /**
   * Every project, page after page, in at most {@code maxPages} pages.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Honors backpressure: projects are emitted as downstream requests them; the next page is fetched once the
   *  projects of the page before are emitted, at most one page in flight.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>Not on a particular scheduler: pages are emitted on the thread that delivers the response.</dd>
   * </dl>
   *
   * @return a cold {@code Flowable}: every subscription lists from the first page
   * @throws NullPointerException if {@code api} is null
   * @throws IllegalArgumentException if {@code maxPages} is less than 1
   */
  public static Flowable<Project> all(UsageApi api, int maxPages) {
    Objects.requireNonNull(api, "api == null");
    return IdListing.all(maxPages,
        after -> api.listProjects(PAGE_SIZE, after, Boolean.TRUE, Collections.<String, String>emptyMap()),
        ProjectListResponse::data, ProjectListResponse::lastId, ProjectListResponse::hasMore, Project::id);
  }
}
