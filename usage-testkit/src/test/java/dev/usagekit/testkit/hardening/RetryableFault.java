package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageException;
import dev.usagekit.rx.UsageNetworkException;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/** The faults that {@link dev.usagekit.rx.RetryPolicy} retries, and the typed error each ends in when it persists. */
enum RetryableFault {
  RATE_LIMITED(Fault.rateLimited(), 429, "requests", "rate_limit_exceeded",
      "Rate limit reached for requests to the usage API. Please try again later.", null),
  RATE_LIMITED_WITH_RETRY_AFTER(Fault.rateLimited(7), 429, "requests", "rate_limit_exceeded",
      "Rate limit reached for requests to the usage API. Please try again later.", Duration.ofSeconds(7)),
  INTERNAL_SERVER_ERROR(Fault.serverError(500), 500, "server_error", null,
      "The server had an error while processing your request. Sorry about that!", null),
  BAD_GATEWAY(Fault.serverError(502), 502, "server_error", null, "Bad gateway.", null),
  SERVICE_UNAVAILABLE(Fault.serverError(503), 503, "server_error", null,
      "The server is overloaded or not ready yet.", null),
  GATEWAY_TIMEOUT(Fault.serverError(504), 504, "server_error", null, "Gateway timeout.", null),
  /** A proxy's own error page: no API error to read, so the error fields stay null. */
  BAD_GATEWAY_HTML_PAGE(Fault.response(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
      502, null, null, null, null),
  /** Status and headers, then half the body, then the connection closes. */
  DISCONNECT_DURING_BODY(Fault.disconnectDuringBody()),
  /** No answer at all: the read timeout expires waiting for the status line. */
  NO_RESPONSE(Fault.noResponse()),
  /** Status and headers at once, the body later than the read timeout. */
  BODY_SLOWER_THAN_READ_TIMEOUT(Fault.slowBody(5 * FaultStack.SHORT_READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));

  final Fault fault;
  /** The HTTP status, 0 for I/O failures. */
  final int status;
  final @Nullable String errorType;
  final @Nullable String errorCode;
  final @Nullable String errorMessage;
  final @Nullable Duration retryAfter;

  RetryableFault(Fault fault, int status, @Nullable String errorType, @Nullable String errorCode,
      @Nullable String errorMessage, @Nullable Duration retryAfter) {
    this.fault = fault;
    this.status = status;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.retryAfter = retryAfter;
  }

  RetryableFault(Fault fault) {
    this(fault, 0, null, null, null, null);
  }

  /** Whether the fault needs the read timeout to expire (and so a short one). */
  boolean timesOut() {
    return this == NO_RESPONSE || this == BODY_SLOWER_THAN_READ_TIMEOUT;
  }

  /** The wait the policy asks for before retry {@code retry} (1 for the first): Retry-After, else the backoff. */
  long delayMillis(int retry) {
    return retryAfter != null ? retryAfter.toMillis() : 10L << (retry - 1);
  }

  /** What the server records as the status of a request this fault answered: 0 when no status was sent. */
  int recordedStatus() {
    return this == NO_RESPONSE ? 0 : status == 0 ? 200 : status;
  }

  /**
   * Checks that {@code error}, the failure of an attempt at page {@code page} answered as {@code request}, is
   * the typed exception this fault must give.
   */
  void assertIsFailureOf(Throwable error, int page, @Nullable String cursor, RecordedUsageRequest request) {
    assertThat(error).isInstanceOf(status == 0 ? UsageNetworkException.class : UsageApiException.class);
    UsageException usage = (UsageException) error;
    assertThat(usage.pageNumber()).isEqualTo(page);
    assertThat(usage.cursor()).isEqualTo(cursor);
    if (status == 0) {
      UsageNetworkException network = (UsageNetworkException) error;
      if (timesOut()) {
        assertThat(network.getCause()).isInstanceOf(SocketTimeoutException.class);
      } else {
        assertThat(network.getCause()).isNotInstanceOf(SocketTimeoutException.class);
      }
    } else {
      UsageApiException api = (UsageApiException) error;
      assertThat(api.statusCode()).isEqualTo(status);
      assertThat(api.errorType()).isEqualTo(errorType);
      assertThat(api.errorCode()).isEqualTo(errorCode);
      assertThat(api.errorMessage()).isEqualTo(errorMessage);
      assertThat(api.param()).isNull();
      assertThat(api.requestId()).isEqualTo(request.requestId());
      assertThat(api.retryAfter()).isEqualTo(retryAfter);
      assertThat(api.getMessage()).startsWith(errorType != null
          ? "HTTP " + status + " " + errorType
          : "HTTP " + status + ": <html><body><h1>502 Bad Gateway</h1></body></html>; request id "
              + request.requestId());
    }
  }
}
