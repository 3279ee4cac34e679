package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
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
   * seen. Written when a page arrives, read when the next one is subscribed (possibly on another thread).
   */
  static final class State {
    private final UsageEndpoint endpoint;
    private volatile @Nullable String cursor;
    private volatile int pageNumber = 1;
    private volatile boolean done;

    State(UsageEndpoint endpoint) {
      this.endpoint = endpoint;
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
     * Moves on past {@code page}, which was fetched with the current cursor.
     *
     * @throws UsageDecodingException if the page breaks the paging protocol: {@code has_more} without a {@code
     *     next_page}, or a {@code next_page} equal to the current cursor (which would fetch the same page forever)
     */
    void advance(UsageResponse page) {
      if (!page.hasMore()) {
        done = true;
        return;
      }
      String next = page.nextPage();
      if (next == null || next.isEmpty()) {
        throw new UsageDecodingException("page has has_more=true but no next_page", null, endpoint, pageNumber,
            cursor);
      }
      if (next.equals(cursor)) {
        throw new UsageDecodingException("page has has_more=true and a next_page equal to its own cursor",
            null, endpoint, pageNumber, cursor);
      }
      cursor = next;
      pageNumber++;
    }
  }
}
