package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * A page could not be fetched because of an I/O failure, after the retries of the {@link RetryPolicy}: the
 * connection was refused or reset, a timeout expired, or the body broke off before its end. The cause is the
 * {@link IOException} of the last attempt.
 *
 * <pre>{@code
 * try {
 *   buckets = streams.buckets(query).toList().blockingGet();
 * } catch (UsageNetworkException e) {
 *   showOffline("usage unavailable: " + e.getCause().getMessage());
 * }
 * }</pre>
 */
public final class UsageNetworkException extends UsageException {
  private static final long serialVersionUID = 1L;

  UsageNetworkException(String message, IOException cause, UsageEndpoint endpoint, int pageNumber,
      @Nullable String cursor) {
    super(message, cause, endpoint, pageNumber, cursor);
  }

  UsageNetworkException(String message, IOException cause, @Nullable UsageEndpoint endpoint, String path,
      int pageNumber, @Nullable String cursor) {
    super(message, cause, endpoint, path, pageNumber, cursor);
  }

  /** The I/O failure of the last attempt. */
  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
