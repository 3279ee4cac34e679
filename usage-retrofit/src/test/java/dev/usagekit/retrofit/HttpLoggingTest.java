package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.usagekit.model.UsageResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.HttpException;

/**
 * What {@link UsageApiFactory.Builder#httpLogging} logs (OkHttp's {@link HttpLoggingInterceptor}, credentials
 * redacted, the key scrubbed from every line), and that it leaves the calls unchanged.
 */
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

  private UsageApi api(HttpLoggingInterceptor.Level level) {
    return UsageApiFactory.builder().adminKey(KEY).baseUrl(server.url("/v1/").toString())
        .httpLogging(level, lines::add).build();
  }

  private static MockResponse page() {
    return new MockResponse().setHeader("Content-Type", "application/json").setHeader("x-request-id", "req_123")
        .setBody(PAGE);
  }

  private static UsageResponse costs(UsageApi api) {
    return GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L).blockingFirst();
  }

  private String url() {
    return server.url("/v1/organization/costs?start_time=1730419200").toString();
  }

  @Test
  void basicLogsOneLineForTheRequestAndOneForTheResponse() {
    server.enqueue(page());

    costs(api(HttpLoggingInterceptor.Level.BASIC));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("--> GET " + url());
    assertThat(lines.get(1)).startsWith("<-- 200 OK " + url() + " (").contains(PAGE.length() + "-byte body");
  }

  @Test
  void headersLogsTheHeadersWithTheAuthorizationRedacted() {
    server.enqueue(page());

    costs(api(HttpLoggingInterceptor.Level.HEADERS));

    assertThat(lines).contains("Authorization: ██", "User-Agent: " + UsageApiFactory.USER_AGENT,
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
        .httpLogging(HttpLoggingInterceptor.Level.HEADERS, lines::add).build();

    costs(api);

    assertThat(lines).contains("Cookie: ██", "Proxy-Authorization: ██", "Set-Cookie: ██", "X-Api-Key: ██",
        "OpenAI-Organization: org_123");
    assertThat(String.join("\n", lines)).doesNotContain("s3cr3t").doesNotContain("cHJveHk6czNjcjN0")
        .doesNotContain("k3y");
    assertThat(server.takeRequest().getHeader("Cookie")).isEqualTo("session=s3cr3t-cookie");
  }

  @Test
  void bodyLogsAJsonBodyAndTheConverterStillReadsAllOfIt() {
    server.enqueue(page());

    UsageResponse response = costs(api(HttpLoggingInterceptor.Level.BODY));

    assertThat(response.hasMore()).isFalse();
    assertThat(lines).containsSubsequence("x-request-id: req_123", "", PAGE);
    assertThat(lines.get(lines.size() - 1)).startsWith("<-- END HTTP (").contains(PAGE.length() + "-byte body");
  }

  @Test
  void theKeyIsScrubbedFromEveryLineBodiesAndUrlsIncluded() {
    String base64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.US_ASCII));
    String error = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + " (" + base64 + ")\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    server.enqueue(page().setResponseCode(401).addHeader("X-Echo", "Bearer " + KEY).setBody(error));
    UsageApi api = api(HttpLoggingInterceptor.Level.BODY);

    HttpException thrown = (HttpException) catchThrowable(() -> api
        .usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of("oops", KEY)).blockingFirst());

    assertThat(thrown.code()).isEqualTo(401);
    String log = String.join("\n", lines);
    assertThat(log).doesNotContain(KEY).doesNotContain(base64)
        .contains("oops=" + UsageApiFactory.REDACTED, "X-Echo: Bearer " + UsageApiFactory.REDACTED,
            "Incorrect API key provided: <redacted> (<redacted>)");
  }

  @Test
  void bodyLogsAnErrorBodyAndRetrofitStillReadsIt() throws IOException {
    String error = "{\"error\":{\"message\":\"Invalid value\",\"type\":\"invalid_request_error\","
        + "\"param\":\"limit\",\"code\":null}}";
    server.enqueue(page().setResponseCode(400).setBody(error));

    HttpException thrown = (HttpException) catchThrowable(() -> costs(api(HttpLoggingInterceptor.Level.BODY)));

    assertThat(thrown.response().errorBody().string()).isEqualTo(error);
    assertThat(lines).contains(error, "x-request-id: req_123");
    assertThat(lines.stream().filter(line -> line.startsWith("<-- 400 "))).hasSize(1);
  }

  @Test
  void aFailedCallIsLoggedAsFailed() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    OkHttpClient noRetry = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    UsageApi api = UsageApiFactory.builder().adminKey(KEY).client(noRetry).baseUrl(server.url("/v1/").toString())
        .httpLogging(HttpLoggingInterceptor.Level.BASIC, lines::add).build();

    assertThatThrownBy(() -> costs(api)).hasCauseInstanceOf(IOException.class);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("<-- HTTP FAILED: java.io.");
  }

  @Test
  void noneLogsNothingAndInstallsNoInterceptor() {
    server.enqueue(page());

    costs(api(HttpLoggingInterceptor.Level.NONE));

    assertThat(lines).isEmpty();
    OkHttpClient client =
        UsageApiFactory.authenticated(new OkHttpClient(), KEY, HttpLoggingInterceptor.Level.NONE, lines::add);
    assertThat(client.interceptors()).noneMatch(i -> i instanceof HttpLoggingInterceptor);
  }

  @Test
  void theLoggerRunsAfterTheHeadersAreAdded() {
    OkHttpClient client =
        UsageApiFactory.authenticated(new OkHttpClient(), KEY, HttpLoggingInterceptor.Level.BASIC, lines::add);

    assertThat(client.interceptors().get(0)).hasToString("UsageApiFactory.HeadersInterceptor");
    assertThat(client.interceptors().get(1)).isInstanceOf(HttpLoggingInterceptor.class);
  }

  @Test
  void nullLevelOrLoggerIsRejected() {
    assertThatNullPointerException()
        .isThrownBy(() -> UsageApiFactory.builder().httpLogging(null, lines::add))
        .withMessage("level == null");
    assertThatNullPointerException()
        .isThrownBy(() -> UsageApiFactory.builder().httpLogging(HttpLoggingInterceptor.Level.BODY, null))
        .withMessage("logger == null");
  }
}
