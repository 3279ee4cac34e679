package dev.usagekit.retrofit;

import dev.usagekit.model.User;
import dev.usagekit.model.UserListResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

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
  static final int PAGE_SIZE = 100;
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
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
    }
    return Flowable.defer(() -> {
      Listing listing = new Listing(maxPages);
      return page(api, listing, null);
    });
  }

  private static Flowable<User> page(UsageApi api, Listing listing, @Nullable String after) {
    return api.listUsers(PAGE_SIZE, after, null, Collections.<String, String>emptyMap())
        .singleOrError()
        .toFlowable()
        .concatMap(page -> {
          Flowable<User> fresh = Flowable.fromIterable(listing.fresh(page));
          String next = listing.next(page);
          return next == null ? fresh : fresh.concatWith(Flowable.defer(() -> page(api, listing, next)));
        });
  }

  /** The users of {@code page} read: the first {@value #PAGE_SIZE}, however many it holds. */
  private static List<User> read(UserListResponse page) {
    List<User> data = page.data();
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

    /** The users of {@code page} not seen before, of the first {@value #PAGE_SIZE} it holds. */
    List<User> fresh(UserListResponse page) {
      pages++;
      List<User> fresh = new ArrayList<>();
      for (User user : read(page)) {
        if (ids.add(user.id())) {
          fresh.add(user);
        }
      }
      lastBroughtNothingNew = fresh.isEmpty();
      return fresh;
    }

    /** The {@code after} of the next page, or null when the listing ends. */
    @Nullable String next(UserListResponse page) {
      List<User> read = read(page);
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
