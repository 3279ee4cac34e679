package dev.usagekit.retrofit;

/**
 * Logging of the HTTP traffic of a {@link UsageApi}, with the admin key and other credentials redacted: set it
 * with {@link UsageApiFactory.Builder#httpLogging(Level, Logger)}.
 *
 * <pre>{@code
 * UsageApi api = UsageApiFactory.builder()
 *     .adminKey(System.getenv("OPENAI_ADMIN_KEY"))
 *     .httpLogging(HttpLogging.Level.HEADERS, message -> Log.d("usagekit", message))  // or System.err::println
 *     .build();
 * }</pre>
 *
 * <p>At {@link Level#HEADERS} a call logs, one message per line:
 *
 * <pre>
 * --&gt; GET https://api.openai.com/v1/organization/costs?start_time=1730419200
 * Authorization: &lt;redacted&gt;
 * User-Agent: usagekit/0.1.0
 * --&gt; END GET
 * &lt;-- 200 OK https://api.openai.com/v1/organization/costs?start_time=1730419200 (48 ms, request id req_6f2a...)
 * Content-Type: application/json
 * x-request-id: req_6f2a...
 * &lt;-- END HTTP
 * </pre>
 *
 * <p>What is guaranteed at every level: the values of the credential headers {@code Authorization}, {@code
 * Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code X-Api-Key} and {@code Api-Key} are logged as
 * {@value #REDACTED}; and the admin key, and its URL-encoded and Base64 forms, are replaced by {@value #REDACTED}
 * wherever else they would appear in a message (a URL, another header, a body, an exception's message). The key is
 * only ever sent in the {@code Authorization} header, so this second rule is a safety net.
 *
 * <p>The messages are those of the call as the application sees it, after the headers the factory adds: a body
 * arrives decompressed, and OkHttp's own follow-ups (redirects, retries of a failed connection) are not logged
 * separately. The logger is called on the thread that runs the call (OkHttp's dispatcher threads for the
 * {@code Observable}s of {@link UsageApi}), possibly on several threads at once.
 */
public final class HttpLogging {
  /** What a redacted value is replaced by in the log. */
  public static final String REDACTED = "<redacted>";

  /** The largest part of a body that {@link Level#BODY} logs, in bytes; the rest is left out and counted. */
  public static final int MAX_LOGGED_BODY_BYTES = 8192;

  private HttpLogging() {}

  /** How much of each call is logged. */
  public enum Level {
    /** Nothing: no logging interceptor is installed. */
    NONE,
    /**
     * One line for the request and one for the response.
     *
     * <pre>
     * --&gt; GET https://api.openai.com/v1/organization/costs?start_time=1730419200
     * &lt;-- 200 OK https://api.openai.com/v1/organization/costs?start_time=1730419200 (48 ms, 1234-byte body, request id req_6f2a...)
     * </pre>
     */
    BASIC,
    /** {@link #BASIC}, plus the request and response headers, credentials redacted. */
    HEADERS,
    /**
     * {@link #HEADERS}, plus the bodies, when they are text (JSON, XML, {@code text/*}), up to {@link
     * #MAX_LOGGED_BODY_BYTES} bytes each. The body is read ahead without being consumed, so the converter
     * still reads all of it. Reading ahead means a response whose body breaks off within its first {@link
     * #MAX_LOGGED_BODY_BYTES} bytes fails the call at once with the {@link java.io.IOException} (logged as
     * {@code <-- HTTP FAILED}), rather than while it is decoded.
     */
    BODY
  }

  /**
   * Receives the log messages: one call per line. Implementations must be thread-safe.
   *
   * <pre>{@code
   * HttpLogging.Logger toStderr = System.err::println;
   * HttpLogging.Logger toLogcat = message -> Log.d("usagekit", message);
   * HttpLogging.Logger toJul = message -> Logger.getLogger("usagekit.http").info(message);
   * }</pre>
   */
  @FunctionalInterface
  public interface Logger {
    /** Logs one line, without a line terminator. */
    void log(String message);
  }
}
