package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import javax.annotation.Nullable;

/**
 * A page arrived (HTTP 2xx) but could not be used: its body is not a valid page (the cause is then the
 * decoder's exception, for instance a Jackson {@code JsonProcessingException}), or it breaks the paging
 * protocol ({@code has_more} true without a {@code next_page}, or a {@code next_page} equal to the cursor the
 * page was requested with, which would page forever; the cause is then null).
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
}
