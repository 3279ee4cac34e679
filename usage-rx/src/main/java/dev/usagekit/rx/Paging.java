package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import java.util.HashSet;
import java.util.Set;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.functions.Supplier;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import javax.annotation.Nullable;
import org.reactivestreams.Publisher;

/** The two pieces the paging pipeline of {@link UsageStreams} is built from. */
final class Paging {
  private Paging() {}

  /**
   * {@code source}, subscribed only once downstream has requested at least one item.
   *
   * <p>Flattening and repeating operators subscribe their next inner source as soon as the previous one
   * completes, whatever the downstream demand, and a page's {@code Single} makes its HTTP call when subscribed.
   * This gate holds the subscription back until the first {@code request(n)} reaches it: {@code
   * delaySubscription} subscribes to the gate at once but to {@code source} only when the gate completes, and
   * keeps the requests made meanwhile for {@code source}. A new gate is made for every subscriber.
   */
  static <T> Flowable<T> lazy(Supplier<? extends Publisher<? extends T>> source) {
    return Flowable.defer(() -> {
      CompletableSubject gate = CompletableSubject.create();
      return Flowable.<T>defer(source)
          .delaySubscription(gate.<T>toFlowable())
          .doOnRequest(n -> gate.onComplete());
    });
  }

  /**
   * Where one subscription to a stream is: the page to fetch next, its cursor, and whether the last page was
   * seen; and what it takes to end under any server: the cursors already fetched, the start of the last bucket
   * emitted, how many pages in a row brought no bucket. Written when a page arrives, read when the next one is
   * subscribed (possibly on another thread).
   */
  static final class State {
    /** Pages in a row with {@code has_more} but no bucket before the stream gives up. */
    static final int MAX_EMPTY_PAGES_IN_A_ROW = 10;

    private final UsageEndpoint endpoint;
    private final long windowStart;
    private final @Nullable Long windowEnd;
    private final int maxPages;
    private final Set<String> fetched = new HashSet<>();
    private volatile @Nullable String cursor;
    private volatile int pageNumber = 1;
    private volatile boolean done;
    private final long width;
    private long lastBucketStart = Long.MIN_VALUE;
    private long lastBucketEnd = Long.MIN_VALUE;
    /** The last bucket emitted was shorter than the width and not the window's first: no bucket may follow it. */
    private boolean lastWasClipped;
    private int emptyPagesInARow;

    State(UsageQuery<?> query, int maxPages) {
      this.endpoint = query.endpoint();
      this.windowStart = query.startTime();
      this.windowEnd = query.endTime();
      this.width = query.effectiveBucketWidth().seconds();
      this.maxPages = maxPages;
    }

    /** The cursor of the page to fetch next; null for the first page. */
    @Nullable String cursor() {
      return cursor;
    }

    /** The number of the page to fetch next, 1 for the first. */
    int pageNumber() {
      return pageNumber;
    }

    /** Whether the last page ({@code has_more} false) has arrived. */
    boolean isDone() {
      return done;
    }

    /**
     * Checks {@code page}, fetched with the current cursor, and moves on past it. Nothing of a page that fails
     * a check is emitted.
     *
     * @throws UsageDecodingException if the page breaks the paging protocol or would make the stream count
     *     wrong or run forever: {@code has_more} without a {@code next_page}; a {@code next_page} already fetched
     *     by this stream (a cursor cycle); a bucket that starts no later than one already emitted (served twice,
     *     or out of order), lies wholly outside the query's window, or does not fit the query's bucket width and
     *     the previous bucket's end ({@link #checkShape}); more than {@value #MAX_EMPTY_PAGES_IN_A_ROW}
     *     pages in a row with {@code has_more} and no bucket; more pages than the stream's page budget
     */
    void advance(UsageResponse page) {
      boolean firstOfPage = true;
      for (UsageTimeBucket bucket : page.data()) {
        if (bucket.startTime() <= lastBucketStart) {
          throw failure("bucket starting at " + bucket.startTime() + " comes after a bucket starting at "
              + lastBucketStart + ": served twice or out of order, so it is not counted again");
        }
        if (bucket.endTime() <= windowStart || (windowEnd != null && bucket.startTime() >= windowEnd)) {
          throw failure("bucket [" + bucket.startTime() + ", " + bucket.endTime() + ") lies outside the query's "
              + "window [" + windowStart + ", " + (windowEnd != null ? windowEnd : "now") + ")");
        }
        checkShape(bucket, firstOfPage);
        firstOfPage = false;
        lastBucketStart = bucket.startTime();
        lastBucketEnd = bucket.endTime();
      }
      if (cursor != null) {
        fetched.add(cursor);
      }
      if (!page.hasMore()) {
        done = true;
        return;
      }
      String next = page.nextPage();
      if (next == null || next.isEmpty()) {
        throw failure("page has has_more=true but no next_page");
      }
      if (next.equals(cursor) || fetched.contains(next)) {
        throw failure("page has has_more=true and a next_page that this stream already fetched (a cursor "
            + "cycle): " + next);
      }
      emptyPagesInARow = page.data().isEmpty() ? emptyPagesInARow + 1 : 0;
      if (emptyPagesInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
        throw failure(emptyPagesInARow + " pages in a row had has_more=true and no bucket");
      }
      if (pageNumber >= maxPages) {
        throw failure("the stream reached its budget of " + maxPages + " pages and the server still has more "
            + "(UsageStreams.Builder.maxPages)");
      }
      cursor = next;
      pageNumber++;
    }

    /**
     * Checks that {@code bucket}, the next one after the last bucket emitted, has the shape the API gives buckets,
     * so that no time is counted twice: it is not empty and at most one bucket width long; it does not start
     * before the previous bucket's end (an overlap); on the same page, it starts exactly there (a gap inside a
     * page: the API sends every bucket of the window, empty ones too). A bucket shorter than the width is a
     * bucket clipped by the window: the first (from the window's start) or the last (at the window's end, or at
     * the server's now for an open window); no bucket may follow a clipped one that is not the first.
     */
    private void checkShape(UsageTimeBucket bucket, boolean firstOfPage) {
      long start = bucket.startTime();
      long end = bucket.endTime();
      String shown = "bucket [" + start + ", " + end + ")";
      if (end <= start) {
        throw failure(shown + " ends before it starts: not a bucket of the query");
      }
      if (end - start > width) {
        throw failure(shown + " is " + (end - start) + " s long, longer than the query's bucket width of " + width
            + " s: it overlaps its neighbours, so it is not counted");
      }
      if (lastBucketEnd != Long.MIN_VALUE) {
        String previous = "the previous bucket [" + lastBucketStart + ", " + lastBucketEnd + ")";
        if (start < lastBucketEnd) {
          throw failure(shown + " overlaps " + previous + ": its time would be counted twice, so it is not "
              + "counted");
        }
        if (!firstOfPage && start > lastBucketEnd) {
          throw failure(shown + " leaves a gap after " + previous + " on the same page: the API sends every "
              + "bucket of the window, so the page is broken");
        }
        if (lastWasClipped) {
          throw failure(shown + " follows " + previous + ", which is shorter than the query's bucket width of "
              + width + " s: only the window's first and last buckets are clipped");
        }
      }
      lastWasClipped = end - start < width && start != windowStart;
    }

    private UsageDecodingException failure(String message) {
      return new UsageDecodingException(message, null, endpoint, pageNumber, cursor);
    }
  }
}
