package dev.usagekit.retrofit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.retrofit.internal.KeyRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.logging.HttpLoggingInterceptor;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * Builds a ready {@link UsageApi}: Retrofit over OkHttp, with bearer authentication, the Jackson
 * converter and the RxJava 3 call adapter.
 *
 * <pre>{@code
 * UsageApi api = UsageApiFactory.create(System.getenv("OPENAI_ADMIN_KEY"));
 * UsageQuery<UsageCompletionsResult> query = UsageQuery.completions().startTime(1730419200L)
 *     .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).limit(7).build();
 * UsageResponse page = UsageApiPages.fetch(api, query, null).blockingFirst();
 *
 * // Or with your own OkHttpClient and base URL, logging the traffic (credentials redacted):
 * UsageApi api = UsageApiFactory.builder()
 *     .adminKey(adminKey)
 *     .client(sharedClient)
 *     .baseUrl("https://proxy.example.com/openai/v1")
 *     .httpLogging(HttpLoggingInterceptor.Level.BASIC, System.err::println)
 *     .build();
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer <admin key>} and, unless the request
 * already has one, {@code User-Agent: usagekit/<version>}. The headers are added by an application
 * interceptor that runs after the application interceptors of the given client, so a logging interceptor of
 * that client does not see the key; its network interceptors do (an OkHttp {@link HttpLoggingInterceptor}
 * added as one must be told to {@code redactHeader("Authorization")}; prefer {@link Builder#httpLogging}; with
 * OkHttp 4, whose {@code Request.toString()} prints every header, a network interceptor must not log the request
 * it sees). The {@code Response} a call returns (also inside a {@code HttpException}) carries the request as the
 * caller made it, without the key, and no network or prior responses.
 * Calls are asynchronous: each {@code Observable} enqueues its HTTP call on the client's OkHttp {@link
 * okhttp3.Dispatcher} when subscribed, and subscribing returns at once. The dispatcher the app configured bounds
 * them like any other call of that client ({@code maxRequests}, {@code maxRequestsPerHost}), and its threads
 * deliver the results. Any HTTP status other than 2xx is signalled as a {@link retrofit2.HttpException}.
 *
 * <p>The admin key never appears in a {@code toString()} or an exception message, nor in the log of {@link
 * Builder#httpLogging}. Should a server or proxy quote the key back (in an error body, the status line's reason
 * phrase or a header), the copy is replaced by {@value #REDACTED} before the response reaches
 * Retrofit: error bodies (status other than 2xx) are checked in full; successful bodies, which the API never
 * fills with the key, are passed on untouched.
 */
public final class UsageApiFactory {

  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";
  static final long DEFAULT_CALL_TIMEOUT_MILLIS = 60_000L;
  static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;
  /** What the admin key is replaced by wherever it would be logged or quoted back. */
  static final String REDACTED = "<redacted>";
  /** Headers whose values the HTTP log never shows (OkHttp logs them as {@code ██}). */
  static final List<String> CREDENTIAL_HEADERS = Collections.unmodifiableList(Arrays.asList(
      "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key"));
  static final String USER_AGENT = "usagekit/" + Version.VERSION;
  /** What a missing, empty or blank key's message tells the user to do. */
  static final String MISSING_KEY_HINT = "set the environment variable OPENAI_ADMIN_KEY to an OpenAI admin key "
      + "(UsageApiFactory.create(System.getenv(\"OPENAI_ADMIN_KEY\"))) or pass one to adminKey(...)";

  /** Threads of the dispatcher of a client this factory makes: named like OkHttp's, but daemon threads. */
  private static final ThreadFactory DAEMON_THREADS = new ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "usagekit OkHttp Dispatcher " + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  };

  private UsageApiFactory() {
  }

  /**
   * Returns a {@link UsageApi} for {@code https://api.openai.com/v1/} on a new {@link OkHttpClient}.
   * Apps that make other HTTP calls should share one client through {@link #builder()}. The new client runs its
   * calls on daemon threads: nothing needs closing, and a program exits when {@code main} returns.
   *
   * @param adminKey an OpenAI admin API key
   * @throws NullPointerException if {@code adminKey} is null (the message says to set {@code OPENAI_ADMIN_KEY})
   * @throws IllegalArgumentException if {@code adminKey} is empty or blank, or contains a character not allowed
   *     in an HTTP header (whitespace, a control character, non-ASCII)
   */
  public static UsageApi create(String adminKey) {
    return builder().adminKey(adminKey).build();
  }

  /** Returns a new builder; only {@link Builder#adminKey(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and builds a {@link UsageApi}. Not thread-safe; reusable. */
  public static final class Builder {
    @Nullable private String adminKey;
    @Nullable private OkHttpClient client;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpLoggingInterceptor.Level logLevel = HttpLoggingInterceptor.Level.NONE;
    private @Nullable HttpLoggingInterceptor.Logger logger;
    /** 0: the client's own call timeout if it has one, else {@link #DEFAULT_CALL_TIMEOUT_MILLIS}. */
    private long callTimeoutMillis;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    Builder() {
    }

    /**
     * Sets the OpenAI admin API key, sent as {@code Authorization: Bearer <adminKey>}. Required.
     *
     * @throws NullPointerException if {@code adminKey} is null; the message names {@code OPENAI_ADMIN_KEY}
     * @throws IllegalArgumentException if {@code adminKey} is empty or blank (the message names {@code
     *     OPENAI_ADMIN_KEY}) or contains a character not allowed in an HTTP header (whitespace, a control
     *     character, non-ASCII); the message gives the index of that character, never the key
     */
    public Builder adminKey(String adminKey) {
      if (adminKey == null) {
        throw new NullPointerException("adminKey == null: " + MISSING_KEY_HINT);
      }
      if (adminKey.trim().isEmpty()) {
        throw new IllegalArgumentException("adminKey is " + (adminKey.isEmpty() ? "empty" : "blank") + ": "
            + MISSING_KEY_HINT);
      }
      for (int i = 0; i < adminKey.length(); i++) {
        char c = adminKey.charAt(i);
        if (c <= ' ' || c >= '\u007f') {
          throw new IllegalArgumentException("adminKey must be printable ASCII without whitespace, "
              + "but has a disallowed character at index " + i + " (of " + adminKey.length() + ")");
        }
      }
      this.adminKey = adminKey;
      return this;
    }

    /**
     * Sets the OkHttp client to call through; its connection pool, dispatcher, timeouts and
     * interceptors are shared, and the client itself is not modified. The app keeps owning it: usagekit never
     * shuts it down. Default: a new {@code OkHttpClient} with OkHttp's defaults, except that its dispatcher
     * runs calls on daemon threads, so that it never keeps a JVM alive.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Sets the base URL the API paths are resolved against, such as
     * {@code "https://api.openai.com/v1/"} (the default). A missing trailing slash is added:
     * {@code ".../v1"} means {@code ".../v1/"}.
     *
     * @throws NullPointerException if {@code baseUrl} is null
     * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL, or is plain http to a
     *     host that is not loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}): the admin key must
     *     not cross a network in clear text
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException("baseUrl is not an http or https URL: " + baseUrl);
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new IllegalArgumentException("baseUrl must be https unless its host is loopback (localhost, "
            + "127.0.0.0/8, ::1), so that the admin key never crosses a network in clear text: " + baseUrl);
      }
      List<String> segments = url.pathSegments();
      if (!segments.get(segments.size() - 1).isEmpty()) {
        url = url.newBuilder().addPathSegment("").build();
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * Logs the HTTP traffic of the API at {@code level} to {@code logger} with OkHttp's {@link
     * HttpLoggingInterceptor}. Default: {@link HttpLoggingInterceptor.Level#NONE NONE}, no logging.
     *
     * <pre>{@code
     * UsageApiFactory.builder()
     *     .adminKey(adminKey)
     *     .httpLogging(HttpLoggingInterceptor.Level.HEADERS, message -> Log.d("usagekit", message))
     *     .build();
     * }</pre>
     *
     * <p>The values of the credential headers ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
     * {@code Set-Cookie}, {@code X-Api-Key}, {@code Api-Key}) are logged as {@code ██}, and the admin key, in any
     * of its forms (as is, URL-encoded, Base64), is replaced by {@value #REDACTED} in every line the logger gets:
     * URLs, headers, bodies and failures alike. The log shows the requests as sent, with the headers this factory
     * adds, and the responses decompressed; interceptors of the {@link #client(OkHttpClient) given client} run
     * before it and are not logged. At {@link HttpLoggingInterceptor.Level#BODY BODY}, OkHttp reads each body
     * into memory before handing it on (up to {@link #maxResponseBytes(long)}). The logger is called on OkHttp's
     * dispatcher threads, possibly on several at once.
     *
     * @throws NullPointerException if {@code level} or {@code logger} is null
     */
    public Builder httpLogging(HttpLoggingInterceptor.Level level, HttpLoggingInterceptor.Logger logger) {
      this.logLevel = Objects.requireNonNull(level, "level == null");
      this.logger = Objects.requireNonNull(logger, "logger == null");
      return this;
    }

    /**
     * Sets the overall deadline of each call: connecting, any redirects and retries OkHttp makes, writing the
     * request and reading the whole response body. A call past it fails with an {@link java.io.InterruptedIOException}
     * and its connection is released. Default: the {@link #client(OkHttpClient) given client}'s own {@code
     * callTimeout} if it has one, else 60 seconds, far more than a real page takes.
     *
     * <pre>{@code
     * UsageApiFactory.builder().adminKey(adminKey).callTimeout(2, TimeUnit.MINUTES).build();
     * }</pre>
     *
     * @throws NullPointerException if {@code unit} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive, or less than a millisecond
     */
    public Builder callTimeout(long timeout, TimeUnit unit) {
      Objects.requireNonNull(unit, "unit == null");
      if (timeout <= 0L) {
        throw new IllegalArgumentException("callTimeout must be positive, but is " + timeout + " " + unit);
      }
      long millis = unit.toMillis(timeout);
      if (millis == 0L) {
        throw new IllegalArgumentException("callTimeout must be at least 1 millisecond, but is " + timeout + " "
            + unit);
      }
      this.callTimeoutMillis = millis;
      return this;
    }

    /**
     * Sets the largest response body accepted, in bytes, counted after decompression (a small gzip body can
     * inflate to gigabytes). A call whose body goes past it fails with a {@link ResponseTooLargeException} as soon
     * as the byte after the limit is read; the body is never held in memory for the check. Default: 32 MiB
     * (33,554,432 bytes), about a hundred times the largest page the API sends.
     *
     * @throws IllegalArgumentException if {@code maxResponseBytes} is not positive
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes <= 0L) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, but is " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Returns a new {@link UsageApi}.
     *
     * @throws IllegalStateException if no admin key was set
     */
    public UsageApi build() {
      String key = adminKey;
      if (key == null) {
        throw new IllegalStateException("adminKey is required: call adminKey(...) before build(); "
            + MISSING_KEY_HINT);
      }
      OkHttpClient authenticated = buildClient(key);
      return new Retrofit.Builder()
          .baseUrl(baseUrl)
          .client(authenticated)
          .addConverterFactory(JacksonConverterFactory.create(new ObjectMapper()))
          // Retrofit's asynchronous adapter (each call is enqueued on the client's Dispatcher), made to signal a
          // call that fails on its callTimeout instead of dropping it as canceled.
          .addCallAdapterFactory(new DeadlineCallAdapterFactory())
          .build()
          .create(UsageApi.class);
    }

    /** The client the calls go through: the given one (or a new one) with this builder's settings. */
    OkHttpClient buildClient(String key) {
      OkHttpClient base = client != null ? client : ownClient();
      long timeout = callTimeoutMillis != 0L ? callTimeoutMillis
          : base.callTimeoutMillis() != 0 ? base.callTimeoutMillis() : DEFAULT_CALL_TIMEOUT_MILLIS;
      return authenticated(base, key, logLevel, logger).newBuilder()
          // Last of the application interceptors: it sees the body decompressed, before any other reads it.
          .addInterceptor(new ResponseSizeLimit(maxResponseBytes))
          .callTimeout(timeout, TimeUnit.MILLISECONDS)
          .build();
    }

    /**
     * The client made when none is given: OkHttp's defaults, but its {@link Dispatcher} runs calls on daemon
     * threads (OkHttp's own are not, and idle for 60 s), so that a program exits when {@code main} returns.
     */
    private static OkHttpClient ownClient() {
      ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
          new SynchronousQueue<Runnable>(), DAEMON_THREADS);
      return new OkHttpClient.Builder().dispatcher(new Dispatcher(executor)).build();
    }

    @Override
    public String toString() {
      return "UsageApiFactory.Builder{baseUrl=" + baseUrl + ", adminKey=" + (adminKey != null ? "set" : "not set")
          + ", httpLogging=" + logLevel + ", callTimeout=" + (callTimeoutMillis != 0L ? callTimeoutMillis + " ms"
          : "default") + ", maxResponseBytes=" + maxResponseBytes + "}";
    }
  }

  /**
   * {@code base} with the headers added and, since OkHttp 3.14.9 verifies non-ASCII names wrongly
   * (CVE-2021-0341), its hostname verifier wrapped so that such names are refused before it runs.
   */
  static OkHttpClient authenticated(OkHttpClient base, String key) {
    return authenticated(base, key, HttpLoggingInterceptor.Level.NONE, null);
  }

  /** {@link #authenticated(OkHttpClient, String)}, logging at {@code level} unless it is NONE. */
  static OkHttpClient authenticated(OkHttpClient base, String key, HttpLoggingInterceptor.Level level,
      @Nullable HttpLoggingInterceptor.Logger logger) {
    KeyRedactor redactor = new KeyRedactor(REDACTED, key);
    OkHttpClient.Builder builder = base.newBuilder()
        .addInterceptor(new HeadersInterceptor("Bearer " + key, redactor));
    if (level != HttpLoggingInterceptor.Level.NONE && logger != null) {
      builder.addInterceptor(logging(level, logger, redactor));
    }
    return builder
        .hostnameVerifier(new AsciiHostnameVerifier(base.hostnameVerifier()))
        .build();
  }

  /** OkHttp's logging interceptor at {@code level}, credential headers redacted, every line scrubbed of the key. */
  static HttpLoggingInterceptor logging(HttpLoggingInterceptor.Level level, HttpLoggingInterceptor.Logger logger,
      KeyRedactor redactor) {
    HttpLoggingInterceptor logging = new HttpLoggingInterceptor(new RedactingLogger(logger, redactor));
    for (String header : CREDENTIAL_HEADERS) {
      logging.redactHeader(header);
    }
    logging.setLevel(level);
    return logging;
  }

  /** Passes each line on with every form of the admin key replaced. Its toString() does not reveal the key. */
  private static final class RedactingLogger implements HttpLoggingInterceptor.Logger {
    private final HttpLoggingInterceptor.Logger delegate;
    private final KeyRedactor redactor;

    RedactingLogger(HttpLoggingInterceptor.Logger delegate, KeyRedactor redactor) {
      this.delegate = delegate;
      this.redactor = redactor;
    }

    @Override
    public void log(String message) {
      delegate.log(redactor.redact(message));
    }

    @Override
    public String toString() {
      return "UsageApiFactory.RedactingLogger";
    }
  }

  /** Whether {@code host} (as {@link HttpUrl#host()} gives it) names this machine without any lookup. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost") || host.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")
        || host.equals("::1")) {
      return true;
    }
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the Authorization and User-Agent headers, and removes any copy of the key that a response quotes back
   * (see {@link #withoutKey}). Its toString() does not reveal the key.
   */
  private static final class HeadersInterceptor implements Interceptor {
    private final String authorization;
    private final KeyRedactor redactor;

    HeadersInterceptor(String authorization, KeyRedactor redactor) {
      this.authorization = authorization;
      this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Request.Builder builder = request.newBuilder().header("Authorization", authorization);
      if (request.header("User-Agent") == null) {
        builder.header("User-Agent", USER_AGENT);
      }
      Response response = chain.proceed(builder.build());
      // The caller gets back the request as it made it: OkHttp 4 prints a request's headers in its toString().
      // The network and prior responses would hand back the request with the key, so they are left out.
      return withoutKey(response.newBuilder().request(request).networkResponse(null).priorResponse(null)
          .cacheResponse(null).build(), redactor);
    }

    @Override
    public String toString() {
      return "UsageApiFactory.HeadersInterceptor";
    }
  }

  /**
   * {@code response} with every copy of the key in its reason phrase, its headers and, when it is an error (not
   * 2xx), its body replaced by {@link #REDACTED}: an echoing proxy or server must not put the key into
   * exception messages ({@code HttpException} quotes the reason phrase, error handlers quote the body). An error
   * body is read in full here, as Retrofit would read it anyway; a successful body is left to stream.
   */
  static Response withoutKey(Response response, KeyRedactor redactor) throws IOException {
    Response.Builder copy = null;
    if (redactor.appearsIn(response.message())) {
      copy = response.newBuilder().message(redactor.redact(response.message()));
    }
    Headers headers = response.headers();
    for (int i = 0; i < headers.size(); i++) {
      if (redactor.appearsIn(headers.value(i))) {
        copy = copy != null ? copy : response.newBuilder();
        copy.headers(withoutKey(headers, redactor));
        break;
      }
    }
    ResponseBody body = response.body();
    if (!response.isSuccessful() && body != null) {
      byte[] bytes;
      try {
        bytes = body.bytes();
      } finally {
        body.close();
      }
      // ISO-8859-1 maps every byte to one char and back: bytes around the (ASCII) key stay as they were.
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      if (redactor.appearsIn(text)) {
        bytes = redactor.redact(text).getBytes(StandardCharsets.ISO_8859_1);
        copy = copy != null ? copy : response.newBuilder();
        if (response.header("Content-Length") != null) {
          copy.header("Content-Length", Integer.toString(bytes.length));
        }
      }
      copy = copy != null ? copy : response.newBuilder();
      copy.body(ResponseBody.create(body.contentType(), bytes));
    }
    return copy != null ? copy.build() : response;
  }

  /** {@code headers} with the key redacted in the values of every header that holds it, in their order. */
  private static Headers withoutKey(Headers headers, KeyRedactor redactor) {
    Headers.Builder builder = headers.newBuilder();
    for (String name : headers.names()) {
      List<String> values = headers.values(name);
      boolean holdsKey = false;
      for (String value : values) {
        holdsKey |= redactor.appearsIn(value);
      }
      if (holdsKey) {
        builder.removeAll(name);
        for (String value : values) {
          try {
            // As leniently as OkHttp read it (a response may have non-ASCII values), with the key replaced.
            builder.addUnsafeNonAscii(name, redactor.redact(value));
          } catch (IllegalArgumentException notAHeaderName) {
            break; // a name OkHttp read but would not write: leave the header out altogether
          }
        }
      }
    }
    return builder.build();
  }
}
