package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import javax.annotation.Nullable;

/**
 * A page of a {@link UsageStreams} stream could not be had: the API answered with an error ({@link
 * UsageApiException}), the page did not decode or broke the paging protocol ({@link UsageDecodingException}), or
 * the network failed ({@link UsageNetworkException}), each after the retries of the {@link RetryPolicy}.
 *
 * <pre>{@code
 * streams.buckets(query).subscribe(bucket -> show(bucket), error -> {
 *   if (error instanceof UsageApiException && ((UsageApiException) error).statusCode() == 401) {
 *     askForAnotherKey();
 *   } else if (error instanceof UsageException) {
 *     UsageException e = (UsageException) error;
 *     log("page " + e.pageNumber() + " of " + e.path() + " failed", e);
 *   }
 * });
 * }</pre>
 *
 * <p>Every failure says which page failed: the endpoint, the page number (1 for the first page) and the cursor
 * the page was requested with. The failures of earlier attempts at the same page, if it was retried, are
 * attached as {@linkplain #getSuppressed() suppressed} exceptions. Messages never contain the admin key.
 */
public abstract class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable UsageEndpoint endpoint;
  private final String path;
  private final int pageNumber;
  private final @Nullable String cursor;

  UsageException(String message, @Nullable Throwable cause, UsageEndpoint endpoint, int pageNumber,
      @Nullable String cursor) {
    this(message, cause, endpoint, endpoint.path(), pageNumber, cursor);
  }

  /** A failure of an operation outside the endpoint table ({@code endpoint} null), such as the spend limit's. */
  UsageException(String message, @Nullable Throwable cause, @Nullable UsageEndpoint endpoint, String path,
      int pageNumber, @Nullable String cursor) {
    super(message + " (" + where(path, pageNumber, cursor) + ")", cause);
    this.endpoint = endpoint;
    this.path = path;
    this.pageNumber = pageNumber;
    this.cursor = cursor;
  }

  /**
   * The endpoint of the query whose page failed; null for an operation that is no row of the endpoint table (the
   * spend limit and spend alerts of {@link SpendStreams}): {@link #path()} names those.
   */
  public final @Nullable UsageEndpoint endpoint() {
    return endpoint;
  }

  /** The path of the operation whose page failed, without a leading slash ({@code organization/spend_limit}). */
  public final String path() {
    return path;
  }

  /** The number of the page that failed: 1 for the first page of the query, 2 for the next, and so on. */
  public final int pageNumber() {
    return pageNumber;
  }

  /**
   * The cursor the failing page was requested with (the {@code page} query parameter, which is the previous
   * page's {@code next_page}); null for the first page.
   */
  public final @Nullable String cursor() {
    return cursor;
  }

  static String where(String path, int pageNumber, @Nullable String cursor) {
    return path + ", page " + pageNumber + (cursor != null ? ", cursor " + cursor : "");
  }
}
