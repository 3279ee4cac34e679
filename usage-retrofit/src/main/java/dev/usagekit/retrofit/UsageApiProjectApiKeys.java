package dev.usagekit.retrofit;

import dev.usagekit.model.ProjectApiKey;
import dev.usagekit.model.ProjectApiKeyListResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

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
  static final int PAGE_SIZE = 100;
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
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
    }
    return Flowable.defer(() -> {
      Listing listing = new Listing(maxPages);
      return page(api, projectId, listing, null);
    });
  }

  private static Flowable<ProjectApiKey> page(UsageApi api, String projectId, Listing listing,
      @Nullable String after) {
    return api.listProjectApiKeys(projectId, PAGE_SIZE, after, OWNER_PROJECT_ACCESS_ANY,
        Collections.<String, String>emptyMap())
        .singleOrError()
        .toFlowable()
        .concatMap(page -> {
          Flowable<ProjectApiKey> fresh = Flowable.fromIterable(listing.fresh(page));
          String next = listing.next(page);
          return next == null ? fresh : fresh.concatWith(Flowable.defer(() -> page(api, projectId, listing, next)));
        });
  }

  /** The keys of {@code page} read: the first {@value #PAGE_SIZE}, however many it holds. */
  private static List<ProjectApiKey> read(ProjectApiKeyListResponse page) {
    List<ProjectApiKey> data = page.data();
    return data.size() <= PAGE_SIZE ? data : data.subList(0, PAGE_SIZE);
  }

  /** What one subscription has seen: ids, cursors sent, pages fetched. */
  private static final class Listing {
    private final int maxPages;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> cursors = new HashSet<>();
    private int pages;
    private boolean lastBroughtNothingNew;

    Listing(int maxPages) {
      this.maxPages = maxPages;
    }

    /** The keys of {@code page} not seen before, of the first {@value #PAGE_SIZE} it holds. */
    List<ProjectApiKey> fresh(ProjectApiKeyListResponse page) {
      pages++;
      List<ProjectApiKey> fresh = new ArrayList<>();
      for (ProjectApiKey key : read(page)) {
        if (ids.add(key.id())) {
          fresh.add(key);
        }
      }
      lastBroughtNothingNew = fresh.isEmpty();
      return fresh;
    }

    /** The {@code after} of the next page, or null when the listing ends. */
    @Nullable String next(ProjectApiKeyListResponse page) {
      List<ProjectApiKey> read = read(page);
      boolean oversized = read.size() < page.data().size();
      String last = oversized ? read.get(read.size() - 1).id() : page.lastId();
      if (last == null && !read.isEmpty()) {
        last = read.get(read.size() - 1).id();
      }
      boolean more = page.hasMore() || oversized;
      if (!more || last == null || lastBroughtNothingNew || pages >= maxPages || !cursors.add(last)) {
        return null;
      }
      return last;
    }
  }
}
