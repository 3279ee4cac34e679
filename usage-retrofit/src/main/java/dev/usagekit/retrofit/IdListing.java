package dev.usagekit.retrofit;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * The paging the admin listings share ({@link UsageApiProjects}, {@link UsageApiUsers}, {@link
 * UsageApiProjectApiKeys}): pages of at most {@value #PAGE_SIZE} items asked for by {@code after}, the id of the last
 * item read. A listing ends on a page without {@code has_more}, on a cursor it has already sent, on a page that brings
 * no item it had not seen, or after {@code maxPages} pages; an item is emitted once. A page is read up to the
 * {@value #PAGE_SIZE} items asked for: a server that sends more has the rest asked for again on the next page.
 */
final class IdListing<P, T> {
  /** Items per page: the API's maximum for every listing. */
  static final int PAGE_SIZE = 100;

  private final int maxPages;
  private final Function<P, List<T>> data;
  private final Function<P, String> lastId;
  private final Predicate<P> hasMore;
  private final Function<T, String> id;
  private final Set<String> ids = new HashSet<>();
  private final Set<String> cursors = new HashSet<>();
  private int pages;
  private boolean lastBroughtNothingNew;

  private IdListing(int maxPages, Function<P, List<T>> data, Function<P, String> lastId, Predicate<P> hasMore,
      Function<T, String> id) {
    this.maxPages = maxPages;
    this.data = data;
    this.lastId = lastId;
    this.hasMore = hasMore;
    this.id = id;
  }

  /**
   * Every item of the listing whose page after {@code after} (null: the first) {@code fetch} asks for; {@code data},
   * {@code lastId}, {@code hasMore} and {@code id} read a page and an item. Lazy: each subscription lists anew.
   *
   * @throws IllegalArgumentException if {@code maxPages} is less than 1
   */
  static <P, T> Flowable<T> all(int maxPages, Function<String, Observable<P>> fetch, Function<P, List<T>> data,
      Function<P, String> lastId, Predicate<P> hasMore, Function<T, String> id) {
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
    }
    return Flowable.defer(() -> new IdListing<>(maxPages, data, lastId, hasMore, id).page(fetch, null));
  }

  private Flowable<T> page(Function<String, Observable<P>> fetch, @Nullable String after) {
    return fetch.apply(after)
        .singleOrError()
        .toFlowable()
        .concatMap(page -> {
          Flowable<T> fresh = Flowable.fromIterable(fresh(page));
          String next = next(page);
          return next == null ? fresh : fresh.concatWith(Flowable.defer(() -> page(fetch, next)));
        });
  }

  /** The items of {@code page} read: the first {@value #PAGE_SIZE}, however many it holds. */
  private List<T> read(P page) {
    List<T> items = data.apply(page);
    return items.size() <= PAGE_SIZE ? items : items.subList(0, PAGE_SIZE);
  }

  /** The items of {@code page} not seen before, of the first {@value #PAGE_SIZE} it holds. */
  private List<T> fresh(P page) {
    pages++;
    List<T> fresh = new ArrayList<>();
    for (T item : read(page)) {
      if (ids.add(id.apply(item))) {
        fresh.add(item);
      }
    }
    lastBroughtNothingNew = fresh.isEmpty();
    return fresh;
  }

  /** The {@code after} of the next page, or null when the listing ends. */
  private @Nullable String next(P page) {
    List<T> read = read(page);
    boolean oversized = read.size() < data.apply(page).size();
    String last = oversized ? id.apply(read.get(read.size() - 1)) : lastId.apply(page);
    if (last == null && !read.isEmpty()) {
      last = id.apply(read.get(read.size() - 1));
    }
    boolean more = hasMore.test(page) || oversized;
    if (!more || last == null || lastBroughtNothingNew || pages >= maxPages || !cursors.add(last)) {
      return null;
    }
    return last;
  }
}
