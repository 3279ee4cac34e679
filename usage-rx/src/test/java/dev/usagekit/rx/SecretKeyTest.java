package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.retrofit.SecretCapture;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin key reaches no output of a page stream: realistic flows (paging, 401, 400, 429 then success, 500 on
 * every attempt, a body cut short, a body that does not decode, a read timeout, invalid parameters) run through
 * the real Retrofit and Rx stack with a sentinel key, at every HTTP logging level, and everything they could print
 * to (the HTTP log, System.out/err, java.util.logging, undeliverable Rx errors, every exception's message, toString
 * and stack trace with causes and suppressed, the toString of every configuration object) is searched for the key,
 * URL-encoded and Base64 forms included.
 */
class SecretKeyTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins(); // fails the test on an undeliverable error

  private static final String PAGE_1 = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":"
      + "1730419200,\"end_time\":1730505600,\"results\":[]}],\"has_more\":true,\"next_page\":\"page_2\"}";
  private static final String PAGE_2 = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":"
      + "1730505600,\"end_time\":1730592000,\"results\":[]}],\"has_more\":false,\"next_page\":null}";
  /** Two retries at once: three attempts at a page, no waiting. */
  private static final RetryPolicy NO_WAIT = RetryPolicy.builder().maxRetries(2).initialBackoff(Duration.ZERO)
      .maxBackoff(Duration.ZERO).minRetryAfter(Duration.ZERO).jitter(0).build();

  private final String key = SecretCapture.sentinelKey();
  private final MockWebServer server = new MockWebServer();
  private SecretCapture capture;

  @BeforeEach
  void start() throws IOException {
    server.start();
    capture = new SecretCapture();
  }

  @AfterEach
  void stop() throws IOException {
    capture.close();
    server.shutdown();
  }

  private UsageStreams streams(HttpLoggingInterceptor.Level level, OkHttpClient client) {
    UsageApiFactory.Builder factory = UsageApiFactory.builder().adminKey(key).client(client)
        .baseUrl(server.url("/v1/").toString()).httpLogging(level, capture);
    UsageApi api = factory.build();
    UsageStreams.Builder builder = UsageStreams.builder(api).retryPolicy(NO_WAIT);
    UsageStreams streams = builder.build();
    capture.add(factory).add(api).add(builder).add(streams).add(NO_WAIT).add(RetryPolicy.defaults());
    return streams;
  }

  private UsageStreams streams(HttpLoggingInterceptor.Level level) {
    return streams(level, new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_" + status).setBody(body);
  }

  private static MockResponse error(int status, String type, String message) {
    return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,"
        + "\"code\":null}}");
  }

  /** All pages of a costs query; the failure, if any, after adding it to the capture. */
  private Throwable run(UsageStreams streams) {
    UsageQuery<?> query = UsageQuery.costs().startTime(1730419200L).limit(1).build();
    capture.add(query);
    Throwable failure = catchThrowable(() -> {
      for (UsageResponse page : streams.pages(query).blockingIterable()) {
        capture.add(page);
      }
    });
    if (failure != null) {
      capture.addFailure(failure);
      if (failure instanceof UsageApiException) {
        UsageApiException api = (UsageApiException) failure;
        capture.add(api.errorMessage()).add(api.errorType()).add(api.errorCode()).add(api.param())
            .add(api.requestId()).add(api.retryAfter()).add(api.cursor()).add(api.endpoint());
      }
    }
    return failure;
  }

  private void assertNoKeyAndTheLogWorked(HttpLoggingInterceptor.Level level, String... expectedInLog) {
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
  void pagingThroughTwoPages(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(200, PAGE_1));
    server.enqueue(json(200, PAGE_2));

    assertThat(run(streams(level))).isNull();

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertNoKeyAndTheLogWorked(level, "page=page_2", "<-- 200 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aWrongKey(HttpLoggingInterceptor.Level level) {
    // As the API answers: the key quoted, but never whole.
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-ad****" + key.substring(
        key.length() - 4) + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

    Throwable failure = run(streams(level));

    assertThat(failure).isInstanceOf(UsageApiException.class).hasMessageContaining("HTTP 401")
        .hasMessageContaining("request id req_401");
    assertNoKeyAndTheLogWorked(level, "<-- 401 ");
  }

  /** Fails without the factory's redaction of responses: the exception quoted the body, key and all. */
  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aProxyThatEchoesTheRequestBack(HttpLoggingInterceptor.Level level) {
    server.enqueue(new MockResponse().setResponseCode(403).setStatus("HTTP/1.1 403 Forbidden for Bearer " + key)
        .setHeader("Content-Type", "text/plain").setHeader("x-request-id", "req_403")
        .setHeader("X-Echo-Authorization", "Bearer " + key)
        .setBody("Access denied.\nGET /v1/organization/costs\nAuthorization: Bearer " + key + "\n"));

    Throwable failure = run(streams(level));

    assertThat(failure).isInstanceOf(UsageApiException.class)
        .hasMessageContaining("HTTP 403: Access denied. GET /v1/organization/costs Authorization: Bearer "
            + SecretCapture.REDACTED);
    assertNoKeyAndTheLogWorked(level, "<-- 403 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aBadRequest(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(400, "{\"error\":{\"message\":\"Invalid value for limit\",\"type\":\"invalid_request_error\","
        + "\"param\":\"limit\",\"code\":\"invalid_value\"}}"));

    assertThat(run(streams(level))).isInstanceOf(UsageApiException.class).hasMessageContaining("(param limit)");

    assertNoKeyAndTheLogWorked(level, "<-- 400 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aRateLimitThenSuccess(HttpLoggingInterceptor.Level level) {
    server.enqueue(error(429, "requests", "Rate limit reached").setHeader("Retry-After", "0"));
    server.enqueue(json(200, PAGE_2));

    assertThat(run(streams(level))).isNull();

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertNoKeyAndTheLogWorked(level, "<-- 429 ", "<-- 200 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aServerErrorOnEveryAttempt(HttpLoggingInterceptor.Level level) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(error(500, "server_error", "The server had an error"));
    }

    Throwable failure = run(streams(level));

    assertThat(failure).isInstanceOf(UsageApiException.class);
    assertThat(failure.getSuppressed()).hasSize(2);
    assertNoKeyAndTheLogWorked(level, "<-- 500 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aBodyCutShortOnEveryAttempt(HttpLoggingInterceptor.Level level) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, PAGE_1).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    }

    assertThat(run(streams(level))).isInstanceOf(UsageNetworkException.class);

    assertNoKeyAndTheLogWorked(level, "<-- 200 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aBodyThatDoesNotDecode(HttpLoggingInterceptor.Level level) {
    server.enqueue(json(200, "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":\"soon\"}]}"));

    assertThat(run(streams(level))).isInstanceOf(UsageDecodingException.class).hasCauseInstanceOf(IOException.class);

    assertNoKeyAndTheLogWorked(level, "<-- 200 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aReadTimeoutOnEveryAttempt(HttpLoggingInterceptor.Level level) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    OkHttpClient impatient = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .readTimeout(100, TimeUnit.MILLISECONDS).build();

    Throwable failure = run(streams(level, impatient));

    assertThat(failure).isInstanceOf(UsageNetworkException.class);
    assertThat(failure.getSuppressed()).hasSize(2);
    capture.assertNoKey(key);
    if (level != HttpLoggingInterceptor.Level.NONE) {
      assertThat(capture.httpLog()).contains("<-- HTTP FAILED: java.net.SocketTimeoutException");
    }
  }

  @Test
  void invalidParametersAndAnInvalidKey() {
    capture.addFailure(catchThrowable(() -> UsageQuery.costs().startTime(1730419200L).limit(1000).build()));
    capture.addFailure(catchThrowable(() -> UsageStreams.builder(null)));
    capture.addFailure(catchThrowable(() -> UsageApiFactory.create(key + "\n")));
    capture.addFailure(catchThrowable(() -> UsageApiFactory.create(" " + key)));

    assertThat(capture.all()).contains("limit");
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
