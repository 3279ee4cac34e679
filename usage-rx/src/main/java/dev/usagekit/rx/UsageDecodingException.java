package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import javax.annotation.Nullable;

/**
 * A page arrived (HTTP 2xx) but could not be used: its body is not a valid page (the cause is then the
 * decoder's exception, for instance a Jackson {@code JsonProcessingException}), or it breaks the paging
 * protocol in a way that would make the stream run forever or count wrong (the cause is then null): {@code
 * has_more} true without a {@code next_page}; a {@code next_page} this stream already fetched (a cursor
 * cycle); ten pages in a row with {@code has_more} and no bucket; more pages than {@link
 * UsageStreams.Builder#maxPages(int)}; a bucket served twice, out of order or outside the query's window
 * (failing rather than dropping it: a report must not be silently short either). The message says which, and
 * the exception names the page number and cursor.
 *
 * <pre>{@code
 * try {
 *   buckets = streams.buckets(query).toList().blockingGet();
 * } catch (UsageDecodingException e) {
 *   log("page " + e.pageNumber() + " (cursor " + e.cursor() + ") is malformed", e.getCause());
 * }
 * }</pre>
 *
 * <p>Not retried: the same request would get the same body.
 */
public final class UsageDecodingException extends UsageException {
  private static final long serialVersionUID = 1L;

  UsageDecodingException(String message, @Nullable Throwable cause, UsageEndpoint endpoint, int pageNumber,
      @Nullable String cursor) {
    super(message, cause, endpoint, pageNumber, cursor);
  }

  UsageDecodingException(String message, @Nullable Throwable cause, @Nullable UsageEndpoint endpoint, String path,
      int pageNumber, @Nullable String cursor) {
    super(message, cause, endpoint, path, pageNumber, cursor);
  }
}
