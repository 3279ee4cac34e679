package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.usagekit.retrofit.internal.KeyRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import retrofit2.HttpException;

/**
 * The admin key reaches no output: every flow runs with a sentinel key at every logging level, and all that it
 * could print to (the HTTP log, System.out/err, java.util.logging, exception messages and traces, toStrings) is
 * searched for the key, URL-encoded and Base64 forms included.
 */
class SecretsTest {
  private static final String PAGE_1 = "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":\"page_2\"}";
  private static final String PAGE_2 = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final String key = SecretCapture.sentinelKey();
  /** Request and Response objects as OkHttp's network layer has them, Authorization included. */
  private final List<Object> networkObjects = Collections.synchronizedList(new ArrayList<>());
  /**
   * Whether the network layer's responses are searched too: not when the server itself sends the key back, as the
   * caller's network interceptors see the response as it arrived (and the request, key included, as it left).
   */
  private boolean searchNetworkResponses = true;
  /**
   * OkHttp 4's {@code Request.toString()} prints every header, 3.14's none: a request on the wire carries the
   * {@code Authorization} header, so on OkHttp 4 the network interceptor's view of it cannot be searched.
   */
  private static final boolean REQUEST_TO_STRING_PRINTS_HEADERS = new Request.Builder().url("http://localhost/")
      .header("X-Probe", "probe").build().toString().contains("probe");
  private MockWebServer server;
  private SecretCapture capture;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    capture = new SecretCapture();
  }

  @AfterEach
  void stop() throws IOException {
    capture.close();
    server.shutdown();
  }

  private UsageApi api(HttpLoggingInterceptor.Level level) {
    OkHttpClient client = new OkHttpClient.Builder()
        .readTimeout(2, TimeUnit.SECONDS)
        .retryOnConnectionFailure(false)
        .addNetworkInterceptor(chain -> {
          Request request = chain.request();
          if (!REQUEST_TO_STRING_PRINTS_HEADERS) {
            networkObjects.add(request);
          }
          Response response = chain.proceed(request);
          if (searchNetworkResponses) {
            networkObjects.add(response);
          }
          return response;
        })
        .build();
    UsageApiFactory.Builder builder = UsageApiFactory.builder().adminKey(key).client(client)
        .baseUrl(server.url("/v1/").toString()).httpLogging(level, capture);
    capture.add(builder).add(client);
    UsageApi api = builder.build();
    capture.add(api);
    return api;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_" + status).setBody(body);
  }

  /** Calls costs with cursor {@code page}; returns the failure, after adding it and the objects seen to the capture. */
  private Throwable call(UsageApi api, String page) {
    Throwable failure = catchThrowable(
        () -> capture.add(GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L, "page", page)
            .blockingFirst()));
    if (failure != null) {
      capture.addFailure(failure);
      HttpException http = failure instanceof HttpException ? (HttpException) failure : null;
      if (http != null && http.response() != null) {
        capture.add(http.response()).add(http.response().raw()).add(http.message());
        try {
          capture.add(http.response().errorBody().string());
        } catch (IOException e) {
          capture.addFailure(e);
        }
        capture.add(http.response().headers().toMultimap());
      }
    }
    for (Object seen : networkObjects) {
      capture.add(seen);
    }
    return failure;
  }

  private void assertNoKeyAndTheLogWorked(HttpLoggingInterceptor.Level level, String expectedInLog) {
    capture.assertNoKey(key);
    String log = capture.httpLog();
    if (level == HttpLoggingInterceptor.Level.NONE) {
      assertThat(log).isEmpty();
      return;
    }
    assertThat(log).contains("--> GET " + server.url("/v1/organization/costs")).contains(expectedInLog);
    if (level != HttpLoggingInterceptor.Level.BASIC) {
      assertThat(log).contains(SecretCapture.REDACTED_AUTHORIZATION);
    }
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void pagingSuccessfully(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(200, PAGE_1));
    server.enqueue(json(200, PAGE_2));
    UsageApi api = api(level);

    assertThat(call(api, null)).isNull();
    assertThat(call(api, "page_2")).isNull();

    assertNoKeyAndTheLogWorked(level, "<-- 200 OK");
    if (level == HttpLoggingInterceptor.Level.BODY) {
      assertThat(capture.httpLog()).contains(PAGE_1).contains(PAGE_2);
    }
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aServerThatEchoesTheKeyInTheBodyHeadersAndReasonPhrase(HttpLoggingInterceptor.Level level) {
    searchNetworkResponses = false;
    String base64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + " (" + base64
        + ")\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
        .setStatus("HTTP/1.1 401 Bad key " + key)
        .addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", token=\"" + key + "\"")
        .addHeader("X-Echo", "Authorization: Bearer " + key));

    Throwable failure = call(api(level), null);

    assertThat(failure).isInstanceOf(HttpException.class);
    assertThat(((HttpException) failure).code()).isEqualTo(401);
    assertThat(failure.getMessage()).isEqualTo("HTTP 401 Bad key <redacted>");
    assertNoKeyAndTheLogWorked(level, "<-- 401 Bad key <redacted>");
    if (level == HttpLoggingInterceptor.Level.BODY) {
      assertThat(capture.httpLog()).contains("Incorrect API key provided: <redacted> (<redacted>)");
    }
  }

  @Test
  void theResponseHandedToTheApplicationCarriesTheRequestWithoutTheKey() {
    server.enqueue(json(400, "{\"error\":{\"message\":\"Invalid limit\",\"type\":\"invalid_request_error\"}}"));

    HttpException failure = (HttpException) call(api(HttpLoggingInterceptor.Level.NONE), null);

    Response raw = failure.response().raw();
    assertThat(raw.request().url().encodedPath()).isEqualTo("/v1/organization/costs");
    assertThat(raw.request().header("Authorization")).isNull();
    assertThat(raw.networkResponse()).isNull();
    assertThat(raw.priorResponse()).isNull();
    assertThat(raw.request().toString()).doesNotContain(key);
  }

  @Test
  void anEchoedKeyIsRedactedInTheErrorBodyRetrofitKeeps() throws IOException {
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}"));

    HttpException failure = (HttpException) call(api(HttpLoggingInterceptor.Level.NONE), null);

    assertThat(failure.response().errorBody()).isNotNull();
    assertThat(capture.all()).contains("{\"error\":{\"message\":\"Incorrect API key provided: <redacted>\"}}");
    capture.assertNoKey(key);
  }

  /** A server escaping the key in JSON: Jackson would decode the escapes back into the key. */
  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aKeyHiddenByJsonEscapesIsRedactedToo(HttpLoggingInterceptor.Level level) throws IOException {
    searchNetworkResponses = false;
    StringBuilder escaped = new StringBuilder();
    for (char c : key.toCharArray()) {
      escaped.append(String.format("\\u%04x", (int) c));
    }
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + escaped
        + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

    assertThat(call(api(level), null)).isInstanceOf(HttpException.class);

    // The error body the application gets (call() captured it) names no key once Jackson decodes it either.
    String body = capture.all().substring(capture.all().indexOf("{\"error\""));
    body = body.substring(0, body.indexOf("}}") + 2);
    dev.usagekit.model.ErrorResponse decoded =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, dev.usagekit.model.ErrorResponse.class);
    assertThat(decoded.error().message()).isEqualTo("Incorrect API key provided: <redacted>");
    capture.add(decoded.error().message());
    capture.assertNoKey(key);
    if (level == HttpLoggingInterceptor.Level.BODY) {
      assertThat(capture.httpLog()).contains("Incorrect API key provided: <redacted>");
    }
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void errorStatuses(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(400, "{\"error\":{\"message\":\"Invalid limit\",\"type\":\"invalid_request_error\","
        + "\"param\":\"limit\",\"code\":null}}"));
    server.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\",\"param\":null,"
        + "\"code\":\"rate_limit_exceeded\"}}").setHeader("Retry-After", "1"));
    server.enqueue(json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
        + "\"param\":null,\"code\":null}}"));
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
        .setBody("<html><body>Bad gateway</body></html>"));
    UsageApi api = api(level);

    for (int status : new int[] {400, 429, 500, 502}) {
      assertThat(call(api, null)).isInstanceOf(HttpException.class).hasMessageStartingWith("HTTP " + status);
    }

    assertNoKeyAndTheLogWorked(level, "<-- 429 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aBodyThatBreaksOffOrDoesNotDecode(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(200, PAGE_1).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(json(200, "<html>not a page</html>"));
    UsageApi api = api(level);

    assertThat(call(api, null)).isNotNull();
    assertThat(call(api, null)).isNotNull();

    assertNoKeyAndTheLogWorked(level, "<-- 200 OK");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aReadTimeoutAndARefusedConnection(HttpLoggingInterceptor.Level level) throws IOException {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(100, TimeUnit.MILLISECONDS).build();
    UsageApi api = UsageApiFactory.builder().adminKey(key).client(impatient).baseUrl(server.url("/v1/").toString())
        .httpLogging(level, capture).build();

    assertThat(call(api, null)).hasCauseInstanceOf(java.net.SocketTimeoutException.class);

    MockWebServer closed = new MockWebServer();
    closed.start();
    String refusedUrl = closed.url("/v1/").toString();
    closed.shutdown();
    UsageApi refused = UsageApiFactory.builder().adminKey(key).baseUrl(refusedUrl).httpLogging(level, capture)
        .build();
    assertThat(call(refused, null)).hasRootCauseInstanceOf(java.net.ConnectException.class);

    capture.assertNoKey(key);
    if (level != HttpLoggingInterceptor.Level.NONE) {
      assertThat(capture.httpLog()).contains("<-- HTTP FAILED: java.net.SocketTimeoutException");
    }
  }

  @Test
  void aRedirectToAnotherHostDoesNotTakeTheKeyAlong() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      other.enqueue(json(200, PAGE_2));
      // localhost and 127.0.0.1 are different hosts to OkHttp, which drops Authorization across hosts.
      String elsewhere = other.url("/v1/organization/costs").toString().replace("localhost", "127.0.0.1");
      server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere));
      UsageApi api = UsageApiFactory.builder().adminKey(key)
          .baseUrl(server.url("/v1/").toString().replace("127.0.0.1", "localhost"))
          .httpLogging(HttpLoggingInterceptor.Level.HEADERS, capture).build();

      assertThat(call(api, null)).isNull();

      RecordedRequest redirected = other.takeRequest();
      assertThat(redirected.getHeader("Authorization")).isNull();
      assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + key);
      capture.assertNoKey(key);
    }
  }

  @Test
  void configurationObjectsAndInvalidKeysSayNothingOfTheKey() {
    UsageApiFactory.Builder builder = UsageApiFactory.builder().adminKey(key);
    OkHttpClient client = UsageApiFactory.authenticated(new OkHttpClient(), key, HttpLoggingInterceptor.Level.BODY, capture);
    capture.add(builder).add(builder.build()).add(client).add(client.interceptors())
        .add(client.networkInterceptors()).add(client.hostnameVerifier()).add(new KeyRedactor(SecretCapture.REDACTED, key));
    for (String bad : new String[] {key + "\n", " " + key, key + "\u0001", key + "é", key + " " + key}) {
      capture.addFailure(catchThrowable(() -> UsageApiFactory.create(bad)));
    }
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.builder().adminKey(key + "\u007f"))
        .withMessageContaining("index " + key.length());

    assertThat(builder.toString()).isEqualTo(
        "UsageApiFactory.Builder{baseUrl=https://api.openai.com/v1/, adminKey=set, httpLogging=NONE, "
            + "callTimeout=default, maxResponseBytes=33554432}");
    capture.assertNoKey(key);
  }

  @Test
  void theCaptureSeesWhatItMustSearch() {
    System.err.println("stderr-marker");
    System.out.println("stdout-marker");
    Logger.getLogger("okhttp3.OkHttpClient").warning("jul-marker");
    capture.log("http-log-marker");
    capture.addFailure(new IllegalStateException("outer", new IOException("cause-marker")));

    assertThat(capture.all()).contains("stderr-marker", "stdout-marker", "jul-marker", "http-log-marker",
        "cause-marker");
    assertThat(catchThrowable(() -> capture.assertNoKey("sk-admin-SENTINEL-stdout-marker")))
        .isInstanceOf(AssertionError.class);
  }
}
