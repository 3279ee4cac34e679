package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.HttpException;

/** What {@link UsageApiFactory.Builder#httpLogging} logs at each level, and that it leaves the calls unchanged. */
class HttpLoggingTest {
  private static final String KEY = "sk-admin-logging-0123456789abcdef";
  private static final String PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  private UsageApi api(HttpLogging.Level level) {
    return UsageApiFactory.builder().adminKey(KEY).baseUrl(server.url("/v1/").toString())
        .httpLogging(level, lines::add).build();
  }

  private static MockResponse page() {
    return new MockResponse().setHeader("Content-Type", "application/json").setHeader("x-request-id", "req_123")
        .setBody(PAGE);
  }

  private static UsageResponse costs(UsageApi api) {
    return api.usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of()).blockingFirst();
  }

  private String url() {
    return server.url("/v1/organization/costs?start_time=1730419200").toString();
  }

  @Test
  void basicLogsOneLineForTheRequestAndOneWithTheRequestIdForTheResponse() {
    server.enqueue(page());

    costs(api(HttpLogging.Level.BASIC));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("--> GET " + url());
    assertThat(lines.get(1)).startsWith("<-- 200 OK " + url() + " (")
        .endsWith(" ms, " + PAGE.length() + "-byte body, request id req_123)");
  }

  @Test
  void headersLogsTheHeadersWithTheAuthorizationRedacted() {
    server.enqueue(page());

    costs(api(HttpLogging.Level.HEADERS));

    assertThat(lines).contains("Authorization: <redacted>", "User-Agent: " + UsageApiFactory.USER_AGENT,
        "--> END GET", "Content-Type: application/json", "x-request-id: req_123", "<-- END HTTP");
    assertThat(String.join("\n", lines)).doesNotContain(KEY).doesNotContain(PAGE);
  }

  @Test
  void everyCredentialHeaderIsRedactedWhoeverSetIt() throws InterruptedException {
    server.enqueue(page().addHeader("Set-Cookie", "session=s3cr3t-session").addHeader("X-Api-Key", "k3y"));
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Cookie", "session=s3cr3t-cookie")
            .header("Proxy-Authorization", "Basic cHJveHk6czNjcjN0")
            .header("OpenAI-Organization", "org_123")
            .build()))
        .build();
    UsageApi api = UsageApiFactory.builder().adminKey(KEY).client(client).baseUrl(server.url("/v1/").toString())
        .httpLogging(HttpLogging.Level.HEADERS, lines::add).build();

    costs(api);

    assertThat(lines).contains("Cookie: <redacted>", "Proxy-Authorization: <redacted>", "Set-Cookie: <redacted>",
        "X-Api-Key: <redacted>", "OpenAI-Organization: org_123");
    assertThat(String.join("\n", lines)).doesNotContain("s3cr3t").doesNotContain("cHJveHk6czNjcjN0")
        .doesNotContain("k3y");
    assertThat(server.takeRequest().getHeader("Cookie")).isEqualTo("session=s3cr3t-cookie");
  }

  @Test
  void bodyLogsAJsonBodyAndTheConverterStillReadsAllOfIt() {
    server.enqueue(page());

    UsageResponse response = costs(api(HttpLogging.Level.BODY));

    assertThat(response.hasMore()).isFalse();
    assertThat(lines).containsSubsequence("x-request-id: req_123", "", PAGE,
        "<-- END HTTP (" + PAGE.length() + "-byte body)");
  }

  @Test
  void bodyLogsOnlyTheFirstBytesOfALargeBody() {
    StringBuilder big = new StringBuilder("{\"object\":\"page\",\"data\":[");
    while (big.length() < 3 * HttpLogging.MAX_LOGGED_BODY_BYTES) {
      big.append("{\"object\":\"bucket\",\"start_time\":1730419200,\"end_time\":1730505600,\"results\":[]},");
    }
    big.setLength(big.length() - 1);
    big.append("],\"has_more\":false,\"next_page\":null}");
    server.enqueue(page().setBody(big.toString()));

    UsageResponse response = costs(api(HttpLogging.Level.BODY));

    assertThat(response.data()).isNotEmpty();
    String body = lines.get(lines.indexOf("") + 1);
    assertThat(body).hasSize(HttpLogging.MAX_LOGGED_BODY_BYTES).isEqualTo(big.substring(0,
        HttpLogging.MAX_LOGGED_BODY_BYTES));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("<-- END HTTP (" + big.length()
        + "-byte body, only its first " + HttpLogging.MAX_LOGGED_BODY_BYTES + " bytes logged)");
  }

  @Test
  void bodyLeavesOutABinaryBody() {
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "application/octet-stream")
        .setBody(new Buffer().write(new byte[] {0, 1, 2, 3, (byte) 0xff})));

    assertThatThrownBy(() -> costs(api(HttpLogging.Level.BODY))).isInstanceOf(HttpException.class);

    assertThat(lines.get(lines.size() - 1)).isEqualTo("<-- END HTTP (binary 5-byte body omitted)");
  }

  @Test
  void bodyLogsAnErrorBodyAndRetrofitStillReadsIt() throws IOException {
    String error = "{\"error\":{\"message\":\"Invalid value\",\"type\":\"invalid_request_error\","
        + "\"param\":\"limit\",\"code\":null}}";
    server.enqueue(page().setResponseCode(400).setBody(error));

    HttpException thrown = (HttpException) org.assertj.core.api.Assertions.catchThrowable(
        () -> costs(api(HttpLogging.Level.BODY)));

    assertThat(thrown.response().errorBody().string()).isEqualTo(error);
    assertThat(lines).contains("<-- END HTTP (" + error.length() + "-byte body)", error);
    assertThat(lines.stream().filter(line -> line.startsWith("<-- 400 "))).singleElement().asString()
        .endsWith("request id req_123)");
  }

  @Test
  void aFailedCallIsLoggedAsFailed() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    OkHttpClient noRetry = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    UsageApi api = UsageApiFactory.builder().adminKey(KEY).client(noRetry).baseUrl(server.url("/v1/").toString())
        .httpLogging(HttpLogging.Level.BASIC, lines::add).build();

    assertThatThrownBy(() -> costs(api)).hasCauseInstanceOf(IOException.class);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("<-- HTTP FAILED: java.io.");
  }

  @Test
  void noneLogsNothingAndInstallsNoInterceptor() {
    server.enqueue(page());

    costs(api(HttpLogging.Level.NONE));

    assertThat(lines).isEmpty();
    OkHttpClient client = UsageApiFactory.authenticated(new OkHttpClient(), KEY, HttpLogging.Level.NONE, lines::add);
    assertThat(client.interceptors()).hasSize(1);
  }

  @Test
  void theLoggerRunsAfterTheHeadersAreAdded() {
    OkHttpClient client = UsageApiFactory.authenticated(new OkHttpClient(), KEY, HttpLogging.Level.BASIC, lines::add);

    assertThat(client.interceptors()).hasSize(2);
    assertThat(client.interceptors().get(1)).hasToString("UsageApiFactory.LoggingInterceptor(BASIC)");
  }

  @Test
  void nullLevelOrLoggerIsRejected() {
    assertThatNullPointerException()
        .isThrownBy(() -> UsageApiFactory.builder().httpLogging(null, lines::add))
        .withMessage("level == null");
    assertThatNullPointerException()
        .isThrownBy(() -> UsageApiFactory.builder().httpLogging(HttpLogging.Level.BODY, null))
        .withMessage("logger == null");
  }

  @Test
  void bodiesWithoutAMediaTypeAreLoggedOnlyWhenTheyLookLikeText() {
    assertThat(LoggingInterceptor.isText(null, new Buffer().writeUtf8("{\"a\": \"é\"}"))).isTrue();
    assertThat(LoggingInterceptor.isText(null, new Buffer().write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0})))
        .isFalse();
    assertThat(LoggingInterceptor.isText(okhttp3.MediaType.get("application/problem+json"), new Buffer())).isTrue();
    assertThat(LoggingInterceptor.isText(okhttp3.MediaType.get("text/html; charset=utf-8"), new Buffer())).isTrue();
    assertThat(LoggingInterceptor.isText(okhttp3.MediaType.get("image/png"), new Buffer())).isFalse();
  }
}
