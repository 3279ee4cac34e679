package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * The API answered a page with an HTTP error status, after any retries: 4xx or 5xx, with the API's error
 * ({@code {"error":{"message","type","param","code"}}}) when the body held one.
 *
 * <pre>{@code
 * try {
 *   buckets = streams.buckets(query).toList().blockingGet();
 * } catch (UsageApiException e) {
 *   if (e.statusCode() == 429 && e.retryAfter() != null) {
 *     scheduleAgainIn(e.retryAfter());
 *   }
 *   log(e.errorType() + "/" + e.errorCode() + ": " + e.errorMessage() + ", request " + e.requestId());
 * }
 * }</pre>
 *
 * <p>The error fields are null when the body was not the API's JSON error (a proxy's HTML page, an empty
 * body); the message then quotes the start of the body. Neither holds the admin key: a {@code UsageApi} of
 * {@code UsageApiFactory} replaces any copy of the key that a server or proxy sends back, and this exception
 * keeps no reference to the HTTP response (nor, through it, to the request and its {@code Authorization}
 * header).
 */
public final class UsageApiException extends UsageException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final @Nullable String errorType;
  private final @Nullable String errorCode;
  private final @Nullable String param;
  private final @Nullable String errorMessage;
  private final @Nullable String requestId;
  private final @Nullable Duration retryAfter;

  UsageApiException(String message, UsageEndpoint endpoint, int pageNumber, @Nullable String cursor,
      int statusCode, @Nullable String errorType, @Nullable String errorCode, @Nullable String param,
      @Nullable String errorMessage, @Nullable String requestId, @Nullable Duration retryAfter) {
    this(message, endpoint, endpoint.path(), pageNumber, cursor, statusCode, errorType, errorCode, param,
        errorMessage, requestId, retryAfter);
  }

  UsageApiException(String message, @Nullable UsageEndpoint endpoint, String path, int pageNumber,
      @Nullable String cursor, int statusCode, @Nullable String errorType, @Nullable String errorCode,
      @Nullable String param, @Nullable String errorMessage, @Nullable String requestId,
      @Nullable Duration retryAfter) {
    super(message, null, endpoint, path, pageNumber, cursor);
    this.statusCode = statusCode;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.param = param;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status code, such as 400, 401, 429 or 503. */
  public int statusCode() {
    return statusCode;
  }

  /** The API error's {@code type}, such as {@code "invalid_request_error"}; null without a JSON error body. */
  public @Nullable String errorType() {
    return errorType;
  }

  /** The API error's {@code code}, such as {@code "rate_limit_exceeded"}; often null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** The API error's {@code param}: the request parameter the error is about; often null. */
  public @Nullable String param() {
    return param;
  }

  /** The API error's human-readable {@code message}; null without a JSON error body. */
  public @Nullable String errorMessage() {
    return errorMessage;
  }

  /** The response's {@code x-request-id} header, to quote to OpenAI support; null if absent. */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * How long the server asked to wait before retrying ({@code Retry-After}, given in seconds or as an HTTP
   * date); null if the response did not say. Never negative.
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
