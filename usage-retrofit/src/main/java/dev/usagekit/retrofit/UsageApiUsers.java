package dev.usagekit.retrofit;

import dev.usagekit.model.User;
import dev.usagekit.model.UserListResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.Objects;

/**
 * Every user of the organization, through the generated {@link UsageApi#listUsers} ({@code GET
 * /organization/users}), page after page: what a report needs to show user names or emails instead of ids.
 *
 * <pre>{@code
 * Map<String, String> names = UsageApiUsers.all(api)
 *     .toMap(User::id, user -> user.email() != null ? user.email() : user.id())
 *     .blockingGet();
 * }</pre>
 *
 * <p>Pages of 100 are asked for with {@code after} set to the last id of the page before, while {@code has_more}
 * says there are more. Bounded under any server: the listing ends after {@code maxPages} pages, on an {@code after}
 * it has already sent, and on a page that brings no user it had not seen; a user is emitted once. A page is
 * read up to the 100 users asked for: a server that sends more has the rest asked for again on the next page
 * ({@code after} is the last user read), so a listing brings at most {@code 100 * maxPages} users whatever
 * the size of the server's pages (the size of one page is bounded by the client's {@link
 * UsageApiFactory.Builder#maxResponseBytes(long) maxResponseBytes}), as {@link UsageApiProjects} bounds the projects
 * listing. A failure is Retrofit's ({@code HttpException}
 * with the status, for a key that may not list users) or the I/O failure; nothing is retried.
 */
public final class UsageApiUsers {
  /** Users per page: the API's maximum. */
  static final int PAGE_SIZE = IdListing.PAGE_SIZE;
  /** The default bound of {@link #all(UsageApi, int)}: 100 pages of 100 users. */
  public static final int DEFAULT_MAX_PAGES = 100;

  private UsageApiUsers() {}

  /** Every user, in at most {@value #DEFAULT_MAX_PAGES} pages; see {@link #all(UsageApi, int)}. */
  public static Flowable<User> all(UsageApi api) {
    return all(api, DEFAULT_MAX_PAGES);
  }

  /**
   * Every user, page after page, in at most {@code maxPages} pages.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Honors backpressure: users are emitted as downstream requests them; the next page is fetched once the
   *  users of the page before are emitted, at most one page in flight.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>Not on a particular scheduler: pages are emitted on the thread that delivers the response.</dd>
   * </dl>
   *
   * @return a cold {@code Flowable}: every subscription lists from the first page
   * @throws NullPointerException if {@code api} is null
   * @throws IllegalArgumentException if {@code maxPages} is less than 1
   */
  public static Flowable<User> all(UsageApi api, int maxPages) {
    Objects.requireNonNull(api, "api == null");
    return IdListing.all(maxPages,
        after -> api.listUsers(PAGE_SIZE, after, null, Collections.<String, String>emptyMap()),
        UserListResponse::data, UserListResponse::lastId, UserListResponse::hasMore, User::id);
  }
}
