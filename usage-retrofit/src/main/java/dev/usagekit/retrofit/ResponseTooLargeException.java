package dev.usagekit.retrofit;

import java.io.IOException;

/**
 * A response body went past the limit of {@link UsageApiFactory.Builder#maxResponseBytes(long)}, counted after
 * decompression. The call fails with it as soon as the first byte beyond the limit is read, or at once when the
 * body's declared length is already beyond it. Retrying does not help: the same request brings the same body.
 *
 * <pre>{@code
 * try {
 *   page = UsageApiPages.fetch(api, query, null).blockingFirst();
 * } catch (RuntimeException e) {
 *   if (e.getCause() instanceof ResponseTooLargeException) {
 *     // ask for smaller pages (limit), or raise maxResponseBytes
 *   }
 * }
 * }</pre>
 */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;
  private final long bytesRead;

  ResponseTooLargeException(long limit, long bytesRead, long declaredLength) {
    super(declaredLength > limit
        ? "Response body of " + declaredLength + " bytes (Content-Length) exceeds the limit of " + limit
            + " bytes; raise it with UsageApiFactory.Builder.maxResponseBytes(long)"
        : "Response body exceeds the limit of " + limit + " bytes after decompression (read " + bytesRead
            + " bytes); raise it with UsageApiFactory.Builder.maxResponseBytes(long)");
    this.limit = limit;
    this.bytesRead = bytesRead;
  }

  /** The limit, in bytes, that the body went past. */
  public long limit() {
    return limit;
  }

  /** How many bytes of the body (decompressed) were read when the call failed: 0 if its declared length failed it. */
  public long bytesRead() {
    return bytesRead;
  }
}
