package dev.usagekit.testkit;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A failure that a {@link FakeUsageServer} answers one request with, instead of (or on top of) its normal
 * response: rate limits, server errors, dropped connections, broken bodies and slow responses.
 *
 * <pre>{@code
 * server.enqueue(Fault.rateLimited(1));                        // the next request gets 429, Retry-After: 1
 * server.enqueue(UsageEndpoint.COSTS, Fault.serverError(503)); // the next costs request gets 503
 * server.enqueue(Fault.disconnectDuringBody(), 2);             // the two requests after that lose their connection
 * }</pre>
 *
 * <p>Error faults ({@link #rateLimited()}, {@link #serverError(int)}, {@link #error(int)}) replace the response
 * with the API's error body, {@code x-request-id} included. The others act on the response the server would
 * have sent (a page, or an error such as 401): {@link #truncatedBody()} cuts its JSON short with status 200,
 * {@link #disconnectDuringBody()} closes the connection halfway through it, {@link #slowHeaders} and
 * {@link #slowBody} delay it, {@link #garbledNextPage()} hands out a cursor that the next request is refused
 * with, {@link #overlappingBuckets()} sends every bucket twice, the copy shifted into the next one. Faults are values: one instance can be enqueued any number of times.
 */
public final class Fault {
  enum Kind {
    ERROR,
    DISCONNECT_AFTER_REQUEST,
    DISCONNECT_DURING_BODY,
    NO_RESPONSE,
    TRUNCATED_BODY,
    SLOW_HEADERS,
    SLOW_BODY,
    GARBLED_NEXT_PAGE,
    OVERLAPPING_BUCKETS
  }

  final Kind kind;
  final int status;
  final @Nullable String body;
  final String contentType;
  final @Nullable Long retryAfterSeconds;
  final long delayMillis;
  private final String description;

  private Fault(
      Kind kind,
      int status,
      @Nullable String body,
      String contentType,
      @Nullable Long retryAfterSeconds,
      long delayMillis,
      String description) {
    this.kind = kind;
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    this.retryAfterSeconds = retryAfterSeconds;
    this.delayMillis = delayMillis;
    this.description = description;
  }

  /** 429 with the API's rate limit error body and no {@code Retry-After} header. */
  public static Fault rateLimited() {
    return new Fault(Kind.ERROR, 429, ApiErrors.forStatus(429), FakeUsageApi.JSON, null, 0,
        "rateLimited()");
  }

  /**
   * 429 with the API's rate limit error body and {@code Retry-After: retryAfterSeconds}.
   *
   * @throws IllegalArgumentException if {@code retryAfterSeconds} is less than 1 (the spec's minimum)
   */
  public static Fault rateLimited(long retryAfterSeconds) {
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retryAfterSeconds must be >= 1, was " + retryAfterSeconds);
    }
    return new Fault(Kind.ERROR, 429, ApiErrors.forStatus(429), FakeUsageApi.JSON, retryAfterSeconds, 0,
        "rateLimited(" + retryAfterSeconds + ")");
  }

  /**
   * A 5xx status with the API's server error body ({@code "type": "server_error"}).
   *
   * @throws IllegalArgumentException if {@code status} is not between 500 and 599
   */
  public static Fault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be between 500 and 599, was " + status);
    }
    return new Fault(Kind.ERROR, status, ApiErrors.forStatus(status), FakeUsageApi.JSON, null, 0,
        "serverError(" + status + ")");
  }

  /**
   * Any error status with the body the API sends for it: 400, 401, 403, 404, 429 and 5xx have the bodies of
   * {@link UsageFixtures#error(int)}'s kind; other statuses a generic one of the same shape.
   *
   * @throws IllegalArgumentException if {@code status} is not between 400 and 599
   */
  public static Fault error(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be between 400 and 599, was " + status);
    }
    return new Fault(Kind.ERROR, status, ApiErrors.forStatus(status), FakeUsageApi.JSON, null, 0,
        "error(" + status + ")");
  }

  /**
   * Any status with any body, for what the API's own error format does not cover: an HTML page from a
   * gateway, an empty body, a 200 with JSON of the wrong shape.
   *
   * @throws IllegalArgumentException if {@code status} is not between 100 and 599
   */
  public static Fault response(int status, String contentType, String body) {
    Objects.requireNonNull(contentType, "contentType == null");
    Objects.requireNonNull(body, "body == null");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
    }
    return new Fault(Kind.ERROR, status, body, contentType, null, 0,
        "response(" + status + ", " + contentType + ")");
  }

  /**
   * 400 with the error the API sends for a {@code page} cursor it no longer accepts ({@code "type":
   * "invalid_request_error"}, {@code "param": "page"}), as when a client pages on with a cursor that has expired.
   * Meant for a request that carries a cursor (any page after the first); the fake's own cursors never expire.
   */
  public static Fault expiredCursor() {
    return new Fault(Kind.ERROR, 400, ApiErrors.invalidCursor("it has expired"), FakeUsageApi.JSON, null, 0,
        "expiredCursor()");
  }

  /**
   * The normal response, but with a {@code next_page} that this server never issued (the real cursor with a
   * character appended that is not Base64): the request for the following page, made with that cursor, gets the
   * server's own 400 for an invalid cursor ({@code "param": "page"}). A response without a {@code next_page} (the
   * last page, an error) is sent unchanged.
   */
  public static Fault garbledNextPage() {
    return new Fault(Kind.GARBLED_NEXT_PAGE, 0, null, FakeUsageApi.JSON, null, 0, "garbledNextPage()");
  }

  /**
   * The normal page, but beside each bucket a copy of it shifted by half its length, which overlaps the bucket
   * after it: a hostile or broken server whose buckets, added up, would count the same time twice. A client must
   * refuse the page (usage-rx fails the stream with a {@code UsageDecodingException} naming the bucket), not count
   * it. An error response or a page without buckets is sent unchanged.
   */
  public static Fault overlappingBuckets() {
    return new Fault(Kind.OVERLAPPING_BUCKETS, 0, null, FakeUsageApi.JSON, null, 0, "overlappingBuckets()");
  }

  /** The server reads the request, then closes the connection without answering. */
  public static Fault disconnectAfterRequest() {
    return new Fault(Kind.DISCONNECT_AFTER_REQUEST, 0, null, FakeUsageApi.JSON, null, 0,
        "disconnectAfterRequest()");
  }

  /** The server sends the status, headers and about half of the body, then closes the connection. */
  public static Fault disconnectDuringBody() {
    return new Fault(Kind.DISCONNECT_DURING_BODY, 0, null, FakeUsageApi.JSON, null, 0,
        "disconnectDuringBody()");
  }

  /**
   * The server reads the request and never answers, keeping the connection open until the client gives up
   * (a read timeout) or the server shuts down. Unlike a long {@link #slowHeaders delay}, it holds no server
   * thread asleep, so closing the server stays fast.
   */
  public static Fault noResponse() {
    return new Fault(Kind.NO_RESPONSE, 0, null, FakeUsageApi.JSON, null, 0, "noResponse()");
  }

  /**
   * Status 200 with the page's JSON cut off halfway (the {@code Content-Length} matches what is sent): the
   * connection completes normally, but the body does not parse.
   */
  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 200, null, FakeUsageApi.JSON, null, 0, "truncatedBody()");
  }

  /** The normal response, its status line and headers sent only after {@code delay}. */
  public static Fault slowHeaders(long delay, TimeUnit unit) {
    long millis = delayMillis(delay, unit);
    return new Fault(Kind.SLOW_HEADERS, 0, null, FakeUsageApi.JSON, null, millis,
        "slowHeaders(" + millis + " ms)");
  }

  /** The normal response, its headers sent at once and its body only after {@code delay}. */
  public static Fault slowBody(long delay, TimeUnit unit) {
    long millis = delayMillis(delay, unit);
    return new Fault(Kind.SLOW_BODY, 0, null, FakeUsageApi.JSON, null, millis,
        "slowBody(" + millis + " ms)");
  }

  /** The HTTP status this fault answers with, or 0 when it keeps the normal response's status. */
  public int status() {
    return status;
  }

  private static long delayMillis(long delay, TimeUnit unit) {
    Objects.requireNonNull(unit, "unit == null");
    if (delay < 0) {
      throw new IllegalArgumentException("delay must be >= 0, was " + delay);
    }
    return unit.toMillis(delay);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault that = (Fault) o;
    return kind == that.kind
        && status == that.status
        && Objects.equals(body, that.body)
        && contentType.equals(that.contentType)
        && Objects.equals(retryAfterSeconds, that.retryAfterSeconds)
        && delayMillis == that.delayMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, body, contentType, retryAfterSeconds, delayMillis);
  }

  @Override
  public String toString() {
    return "Fault." + description;
  }
}
