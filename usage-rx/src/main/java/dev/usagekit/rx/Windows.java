package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * How {@link UsageStreams} splits a query's window into sub-windows paged concurrently, and what the sub-windows
 * of one subscription share: the backoff gate, the ceiling of requests a minute, the page budget and the order of what is emitted.
 */
final class Windows {
  /**
   * How far before the stream's "now" the last closed sub-window ends: the rest stays open-ended (up to the
   * server's now, as in a sequential run), so a client clock that runs ahead of the server's asks for no bucket
   * the server would not have sent.
   */
  static final long CLOCK_SKEW_SECONDS = 15 * 60;

  private Windows() {}

  /**
   * The sub-windows of {@code query}, lazily, in time order: each one page of buckets ({@code limit} buckets of
   * the width), cut at UTC multiples of the width, the API's bucket boundaries, so that each holds exactly the
   * buckets of one page of a sequential run. The last keeps the query's end, or none. A window that does not start
   * on such a boundary is not split: where the API puts the buckets of such a window is not documented, and a cut
   * in the wrong place would split a bucket in two.
   */
  static Iterable<UsageQuery<?>> split(UsageQuery<?> query, long nowSeconds) {
    long width = query.effectiveBucketWidth().seconds();
    if (Math.floorMod(query.startTime(), width) != 0) {
      return java.util.Collections.<UsageQuery<?>>singletonList(query);
    }
    long span = width * query.effectiveLimit();
    long start = query.startTime();
    Long end = query.endTime();
    long until = end != null ? end : nowSeconds - CLOCK_SKEW_SECONDS;
    long firstCut = Math.floorDiv(start, width) * width + span;
    return () -> new Iterator<UsageQuery<?>>() {
      private long from = start;
      private long cut = firstCut;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public UsageQuery<?> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        if (cut < until) {
          UsageQuery<?> window = query.withWindow(from, cut);
          from = cut;
          cut += span;
          return window;
        }
        done = true;
        return from == start ? query : query.withWindow(from, end);
      }
    };
  }

  /** What the sub-windows of one subscription share. */
  static final class Shared {
    final BackoffGate gate;
    final RequestCeiling ceiling;
    private final int maxPages;
    private final AtomicInteger pages = new AtomicInteger();
    private final UsageEndpoint endpoint;
    private long lastBucketStart = Long.MIN_VALUE;
    private long lastBucketEnd = Long.MIN_VALUE;
    private int pagesEmitted;

    Shared(BackoffGate gate, RequestCeiling ceiling, int maxPages, UsageEndpoint endpoint) {
      this.gate = gate;
      this.ceiling = ceiling;
      this.maxPages = maxPages;
      this.endpoint = endpoint;
    }

    /**
     * Counts a page about to be requested against the budget of the whole stream.
     *
     * @throws UsageDecodingException when the stream has already requested its budget of pages
     */
    void reservePage(int pageNumber, @Nullable String cursor) {
      if (pages.incrementAndGet() > maxPages) {
        throw new UsageDecodingException("the stream reached its budget of " + maxPages + " pages and the server "
            + "still has more (UsageStreams.Builder.maxPages)", null, endpoint, pageNumber, cursor);
      }
    }

    /**
     * Checks that the buckets of {@code page}, the next in emission order, all start after every bucket emitted
     * before, and no earlier than its end: across sub-windows, a bucket is never emitted twice or out of order,
     * and no time is in two buckets. (Each sub-window checks the shape of its own buckets.) Called serially.
     *
     * @throws UsageDecodingException if one does not
     */
    UsageResponse inOrder(UsageResponse page) {
      pagesEmitted++;
      for (UsageTimeBucket bucket : page.data()) {
        if (bucket.startTime() <= lastBucketStart) {
          throw new UsageDecodingException("bucket starting at " + bucket.startTime() + " comes after a bucket "
              + "starting at " + lastBucketStart + ": served twice or out of order, so it is not counted again",
              null, endpoint, pagesEmitted, null);
        }
        if (bucket.startTime() < lastBucketEnd) {
          throw new UsageDecodingException("bucket [" + bucket.startTime() + ", " + bucket.endTime() + ") overlaps "
              + "the previous bucket [" + lastBucketStart + ", " + lastBucketEnd + ") of the sub-window before: "
              + "its time would be counted twice, so it is not counted", null, endpoint, pagesEmitted, null);
        }
        lastBucketStart = bucket.startTime();
        lastBucketEnd = bucket.endTime();
      }
      return page;
    }
  }
}
