package dev.usagekit.rx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.ApiError;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.retrofit.ResponseTooLargeException;
import io.reactivex.rxjava3.exceptions.CompositeException;
import java.io.CharConversionException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import retrofit2.HttpException;
import retrofit2.Response;

/** Turns the failure of one page fetch into the typed {@link UsageException} that says which page failed. */
final class PageFailures {
  /** Reads error bodies; a plain mapper reads the model's values. */
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** How much of a body that is not the API's JSON error the message quotes. */
  static final int MAX_QUOTED_BODY = 200;

  private PageFailures() {}

  /**
   * The typed exception for {@code error}, thrown while fetching page {@code pageNumber} (requested with
   * {@code cursor}); errors that are neither HTTP, decoding nor I/O failures (bugs) are returned unchanged.
   */
  static Throwable toUsageException(Throwable error, UsageEndpoint endpoint, int pageNumber,
      @Nullable String cursor) {
    return toUsageException(error, endpoint, endpoint.path(), pageNumber, cursor);
  }

  /** As above, for the operation at {@code path}; {@code endpoint} null when it is no row of the table. */
  static Throwable toUsageException(Throwable error, @Nullable UsageEndpoint endpoint, String path, int pageNumber,
      @Nullable String cursor) {
    if (error instanceof UsageException) {
      return error;
    }
    if (error instanceof HttpException) {
      return apiException((HttpException) error, endpoint, path, pageNumber, cursor);
    }
    IOException ioFailure = ioFailure(error);
    if (ioFailure instanceof ResponseTooLargeException) {
      return new UsageNetworkException("response too large, not retried: " + ioFailure.getMessage(), ioFailure,
          endpoint, path, pageNumber, cursor);
    }
    if (ioFailure != null && isPermanent(ioFailure)) {
      return new UsageNetworkException("HTTP protocol failure, not retried (a redirect loop or a broken server or "
          + "proxy): " + ioFailure, ioFailure, endpoint, path, pageNumber, cursor);
    }
    if (ioFailure != null) {
      return new UsageNetworkException("I/O failure: " + ioFailure, ioFailure, endpoint, path, pageNumber, cursor);
    }
    if (error instanceof JsonProcessingException) {
      // Jackson's own text, without the location (which may quote the body).
      String detail = ((JsonProcessingException) error).getOriginalMessage();
      return new UsageDecodingException("page did not decode: " + firstLine(detail), error, endpoint, path, pageNumber,
          cursor);
    }
    if (isUndecodableText(error)) {
      return new UsageDecodingException("page did not decode: " + firstLine(error.getMessage()), error, endpoint, path,
          pageNumber, cursor);
    }
    if (error instanceof NoSuchElementException) {
      return new UsageDecodingException("response had no page (empty body)", error, endpoint, path, pageNumber, cursor);
    }
    return error;
  }

  /**
   * The first failure of {@code error}, when it is a {@link CompositeException} of failures that happened at the
   * same time (sub-windows paged concurrently), with the others attached to it as suppressed exceptions;
   * otherwise {@code error} itself. Callers get one typed {@link UsageException}, as from a sequential stream.
   */
  static Throwable firstOf(Throwable error) {
    if (!(error instanceof CompositeException)) {
      return error;
    }
    List<Throwable> failures = ((CompositeException) error).getExceptions();
    Throwable first = failures.get(0);
    for (Throwable other : failures.subList(1, failures.size())) {
      if (other != first) {
        first.addSuppressed(other);
      }
    }
    return first;
  }

  /**
   * The I/O failure behind {@code error}, if any: {@code error} itself when it is an {@link IOException} other
   * than a decoding error, or the first such cause of a decoding error (Jackson wraps the I/O failures of the
   * stream it reads, such as a body that breaks off, in its own exceptions). Null for decoding errors proper.
   */
  static @Nullable IOException ioFailure(Throwable error) {
    if (!(error instanceof IOException)) {
      return null;
    }
    Throwable t = error;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof IOException && !(t instanceof JsonProcessingException) && !isUndecodableText(t)) {
        return (IOException) t;
      }
    }
    return null;
  }

  /**
   * Whether the same request would fail the same way: a body past the size limit ({@link
   * ResponseTooLargeException}), or a {@link ProtocolException} such as OkHttp's {@code "Too many follow-up
   * requests: 21"} (a redirect loop) or a malformed status line or chunk. The exception among those is a body that
   * broke off before its declared end ({@code "unexpected end of stream"}), a transient failure like a reset.
   */
  static boolean isPermanent(IOException failure) {
    if (failure instanceof ResponseTooLargeException) {
      return true;
    }
    return failure instanceof ProtocolException && !"unexpected end of stream".equals(failure.getMessage());
  }

  /**
   * Whether {@code error} says the bytes are text in no encoding JSON allows (Jackson detects the encoding from the
   * first bytes and throws a plain {@link CharConversionException} for, say, UTF-32 in an odd byte order): the
   * same bytes would fail again, so this is a decoding error, not an I/O failure to retry.
   */
  private static boolean isUndecodableText(Throwable error) {
    return error instanceof CharConversionException || error instanceof CharacterCodingException;
  }

  static UsageApiException apiException(HttpException http, UsageEndpoint endpoint, int pageNumber,
      @Nullable String cursor) {
    return apiException(http, endpoint, endpoint.path(), pageNumber, cursor);
  }

  static UsageApiException apiException(HttpException http, @Nullable UsageEndpoint endpoint, String path,
      int pageNumber, @Nullable String cursor) {
    int status = http.code();
    Response<?> response = http.response();
    Headers headers = response != null ? response.headers() : new Headers.Builder().build();
    String requestId = headers.get("x-request-id");
    long receivedAt = response != null ? response.raw().receivedResponseAtMillis() : 0L;
    if (receivedAt <= 0L) {
      receivedAt = System.currentTimeMillis(); // a response built by hand, not received
    }
    Duration retryAfter = retryAfter(headers, receivedAt);
    String body = response != null ? bodyText(response.errorBody()) : "";
    ApiError error = parseError(body);

    StringBuilder message = new StringBuilder("HTTP ").append(status);
    if (error != null) {
      message.append(' ').append(error.type());
      if (error.code() != null) {
        message.append('/').append(error.code());
      }
      if (error.param() != null) {
        message.append(" (param ").append(error.param()).append(')');
      }
      message.append(": ").append(error.message());
    } else if (!body.isEmpty()) {
      message.append(": ").append(quote(body));
    }
    if (requestId != null) {
      message.append("; request id ").append(requestId);
    }
    if (retryAfter != null) {
      message.append("; retry after ").append(retryAfter.getSeconds()).append(" s");
    }
    return new UsageApiException(message.toString(), endpoint, path, pageNumber, cursor, status,
        error != null ? error.type() : null, error != null ? error.code() : null,
        error != null ? error.param() : null, error != null ? error.message() : null, requestId, retryAfter);
  }

  /**
   * {@code Retry-After} as a duration: delta-seconds ({@code "7"}), or an HTTP date measured from the response's
   * {@code Date} header (the server's clock) or else from when the response arrived. Null when absent or
   * unreadable; a date in the past is zero.
   */
  static @Nullable Duration retryAfter(Headers headers, long receivedAtMillis) {
    String value = headers.get("Retry-After");
    if (value == null) {
      return null;
    }
    value = value.trim();
    if (!value.isEmpty() && isDigits(value)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLarge) {
        return null;
      }
    }
    // OkHttp's lenient HTTP-date parser (RFC 1123, RFC 850, asctime), reached through its public API.
    Date date;
    try {
      date = Headers.of("Retry-After", value).getDate("Retry-After");
    } catch (IllegalArgumentException notAHeaderValue) { // characters OkHttp accepts leniently in responses only
      return null;
    }
    if (date == null) {
      return null;
    }
    Date now = headers.getDate("Date");
    long nowMillis = now != null ? now.getTime() : receivedAtMillis;
    return Duration.ofMillis(Math.max(0L, date.getTime() - nowMillis));
  }

  private static boolean isDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String bodyText(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try {
      return body.string(); // Retrofit has buffered error bodies in memory
    } catch (IOException e) {
      return "";
    } finally {
      body.close();
    }
  }

  private static @Nullable ApiError parseError(String body) {
    if (body.isEmpty()) {
      return null;
    }
    try {
      ErrorResponse response = MAPPER.readValue(body, ErrorResponse.class);
      return response != null ? response.error() : null;
    } catch (IOException | RuntimeException notTheApiError) {
      return null;
    }
  }

  private static String quote(String body) {
    String collapsed = body.replaceAll("\\s+", " ").trim();
    return collapsed.length() <= MAX_QUOTED_BODY
        ? collapsed
        : collapsed.substring(0, MAX_QUOTED_BODY) + "...";
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
