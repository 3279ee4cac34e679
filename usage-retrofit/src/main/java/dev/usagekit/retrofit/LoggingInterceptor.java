package dev.usagekit.retrofit;

import dev.usagekit.retrofit.internal.KeyRedactor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Logs each call at a {@link HttpLogging.Level} other than NONE, in the manner of OkHttp's {@code
 * HttpLoggingInterceptor}, with the credential headers redacted by name and the admin key redacted wherever
 * else it would appear. Installed by {@link UsageApiFactory} after the interceptor that adds the headers, so it
 * logs the request as sent. Its {@code toString()} does not reveal the key.
 */
final class LoggingInterceptor implements Interceptor {
  /** Headers whose values are never logged (lower case). */
  static final Set<String> CREDENTIAL_HEADERS = new HashSet<>(Arrays.asList(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"));

  private final HttpLogging.Level level;
  private final HttpLogging.Logger logger;
  private final KeyRedactor redactor;

  LoggingInterceptor(HttpLogging.Level level, HttpLogging.Logger logger, KeyRedactor redactor) {
    this.level = level;
    this.logger = logger;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean headers = level == HttpLogging.Level.HEADERS || level == HttpLogging.Level.BODY;
    boolean bodies = level == HttpLogging.Level.BODY;

    RequestBody requestBody = request.body();
    StringBuilder start = new StringBuilder("--> ").append(request.method()).append(' ').append(request.url());
    if (!headers && requestBody != null) {
      start.append(" (").append(size(requestBody.contentLength())).append(" body)");
    }
    log(start.toString());
    if (headers) {
      if (requestBody != null) {
        MediaType type = requestBody.contentType();
        if (type != null && request.header("Content-Type") == null) {
          log("Content-Type: " + type);
        }
        if (requestBody.contentLength() != -1 && request.header("Content-Length") == null) {
          log("Content-Length: " + requestBody.contentLength());
        }
      }
      logHeaders(request.headers());
      if (!bodies || requestBody == null) {
        log("--> END " + request.method());
      } else {
        logRequestBody(request, requestBody);
      }
    }

    long startNs = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log("<-- HTTP FAILED: " + e);
      throw e;
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

    ResponseBody body = response.body();
    long contentLength = body != null ? body.contentLength() : 0L;
    String requestId = response.header("x-request-id");
    StringBuilder end = new StringBuilder("<-- ").append(response.code());
    if (!response.message().isEmpty()) {
      end.append(' ').append(response.message());
    }
    end.append(' ').append(response.request().url()).append(" (").append(tookMs).append(" ms");
    if (!headers) {
      end.append(", ").append(size(contentLength)).append(" body");
    }
    end.append(", request id ").append(requestId != null ? requestId : "(none)").append(')');
    log(end.toString());
    if (headers) {
      logHeaders(response.headers());
      if (!bodies || body == null) {
        log("<-- END HTTP");
      } else {
        logResponseBody(response, body);
      }
    }
    return response;
  }

  private void logHeaders(Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      boolean credential = CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT));
      log(name + ": " + (credential ? HttpLogging.REDACTED : headers.value(i)));
    }
  }

  private void logRequestBody(Request request, RequestBody body) throws IOException {
    if (bodyEncoded(request.headers())) {
      log("--> END " + request.method() + " (encoded body omitted)");
    } else if (body.isDuplex() || body.isOneShot()) {
      log("--> END " + request.method() + " (" + (body.isDuplex() ? "duplex" : "one-shot") + " body omitted)");
    } else {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      long size = buffer.size();
      if (!isText(body.contentType(), buffer)) {
        log("--> END " + request.method() + " (binary " + size + "-byte body omitted)");
        return;
      }
      logText(buffer, size, body.contentType());
      log("--> END " + request.method() + " (" + size + "-byte body)");
    }
  }

  private void logResponseBody(Response response, ResponseBody body) throws IOException {
    if (bodyEncoded(response.headers())) {
      log("<-- END HTTP (encoded body omitted)");
      return;
    }
    ResponseBody peeked;
    try {
      // Reads ahead into the body's own buffer without consuming it: the converter still gets every byte.
      peeked = response.peekBody(HttpLogging.MAX_LOGGED_BODY_BYTES + 1L);
    } catch (IOException e) {
      log("<-- HTTP FAILED: reading the body: " + e);
      throw e;
    }
    Buffer buffer = new Buffer();
    buffer.writeAll(peeked.source());
    long known = body.contentLength();
    if (buffer.size() == 0) {
      log("<-- END HTTP (0-byte body)");
      return;
    }
    if (!isText(body.contentType(), buffer)) {
      log("<-- END HTTP (binary " + size(known) + " body omitted)");
      return;
    }
    long logged = Math.min(buffer.size(), HttpLogging.MAX_LOGGED_BODY_BYTES);
    logText(buffer, logged, body.contentType());
    if (buffer.size() > HttpLogging.MAX_LOGGED_BODY_BYTES) {
      log("<-- END HTTP (" + size(known) + " body, only its first " + logged + " bytes logged)");
    } else {
      log("<-- END HTTP (" + buffer.size() + "-byte body)");
    }
  }

  /** Logs the first {@code count} bytes of {@code buffer}, line by line, and an empty line before them. */
  private void logText(Buffer buffer, long count, @Nullable MediaType type) throws EOFException {
    Charset charset = type != null ? type.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
    if (charset == null) {
      charset = StandardCharsets.UTF_8;
    }
    String text = buffer.clone().readString(Math.min(count, buffer.size()), charset);
    log("");
    for (String line : text.split("\r?\n", -1)) {
      log(line);
    }
  }

  private void log(String message) {
    logger.log(redactor.redact(message));
  }

  private static String size(long contentLength) {
    return contentLength != -1 ? contentLength + "-byte" : "unknown-length";
  }

  private static boolean bodyEncoded(Headers headers) {
    String encoding = headers.get("Content-Encoding");
    // OkHttp removes Content-Encoding when it decompresses transparently: a body that still has one is compressed.
    return encoding != null && !encoding.equalsIgnoreCase("identity");
  }

  /**
   * Whether a body is text worth logging: JSON, XML, form data, JavaScript or {@code text/*} by its media type;
   * without a media type, when its first characters are text.
   */
  static boolean isText(@Nullable MediaType type, Buffer buffer) {
    if (type == null) {
      return isProbablyUtf8Text(buffer);
    }
    String subtype = type.subtype().toLowerCase(Locale.ROOT);
    return type.type().equalsIgnoreCase("text")
        || subtype.equals("json") || subtype.endsWith("+json")
        || subtype.equals("xml") || subtype.endsWith("+xml")
        || subtype.equals("x-www-form-urlencoded") || subtype.equals("javascript");
  }

  /** Whether the first 16 code points of {@code buffer} are UTF-8 text without control characters. */
  static boolean isProbablyUtf8Text(Buffer buffer) {
    try {
      Buffer prefix = new Buffer();
      buffer.copyTo(prefix, 0, Math.min(buffer.size(), 64));
      for (int i = 0; i < 16 && !prefix.exhausted(); i++) {
        int codePoint = prefix.readUtf8CodePoint();
        if (Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)) {
          return false;
        }
        if (codePoint == 0xfffd) {
          return false;
        }
      }
      return true;
    } catch (EOFException truncatedUtf8) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "UsageApiFactory.LoggingInterceptor(" + level + ")";
  }
}
