package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.buckets;
import static dev.usagekit.rx.Fixtures.completionsQuery;
import static dev.usagekit.rx.Fixtures.errorResponse;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApiFactory;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every failure of a page becomes a typed {@link UsageException} that says which page failed and why. */
class ErrorMappingTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  private final TestScheduler scheduler = new TestScheduler();
  private UsageStreams noRetries;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    noRetries = UsageStreams.builder(TestApis.synchronous(server)).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private static <T extends Throwable> T error(TestSubscriber<?> subscriber, Class<T> type) {
    return Fixtures.error(subscriber, type);
  }

  @Test
  void anHttpErrorCarriesStatusErrorFieldsRequestIdAndPage() {
    server.enqueue(errorResponse(400, "invalid_request_error", "invalid_value", "bucket_width",
        "Invalid value for bucket_width").setHeader("x-request-id", "req_400"));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorType()).isEqualTo("invalid_request_error");
    assertThat(e.errorCode()).isEqualTo("invalid_value");
    assertThat(e.param()).isEqualTo("bucket_width");
    assertThat(e.errorMessage()).isEqualTo("Invalid value for bucket_width");
    assertThat(e.requestId()).isEqualTo("req_400");
    assertThat(e.retryAfter()).isNull();
    assertThat(e.endpoint()).isEqualTo(UsageEndpoint.COMPLETIONS);
    assertThat(e.pageNumber()).isEqualTo(1);
    assertThat(e.cursor()).isNull();
    assertThat(e).hasMessage("HTTP 400 invalid_request_error/invalid_value (param bucket_width): "
        + "Invalid value for bucket_width; request id req_400 (organization/usage/completions, page 1)");
  }

  @Test
  void anErrorOnALaterPageNamesThatPageAndItsCursor() {
    server.enqueue(pageResponse(buckets(0, 1), "page_2"));
    server.enqueue(errorResponse(404, "invalid_request_error", null, null, "Not found"));
    UsageQuery<?> costs = UsageQuery.costs().startTime(Fixtures.T0).build();

    UsageApiException e = error(noRetries.buckets(costs).test(), UsageApiException.class);

    assertThat(e.endpoint()).isEqualTo(UsageEndpoint.COSTS);
    assertThat(e.pageNumber()).isEqualTo(2);
    assertThat(e.cursor()).isEqualTo("page_2");
    assertThat(e.getMessage()).endsWith("(organization/costs, page 2, cursor page_2)");
  }

  @Test
  void retryAfterInSecondsIsKept() {
    server.enqueue(errorResponse(429, "requests", "rate_limit_exceeded", null, "Slow down")
        .setHeader("Retry-After", "17"));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded");
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    assertThat(e.getMessage()).contains("retry after 17 s");
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheResponsesDate() {
    server.enqueue(errorResponse(503, "server_error", null, null, "Overloaded")
        .setHeader("Date", "Sun, 22 Nov 2026 10:00:00 GMT")
        .setHeader("Retry-After", "Sun, 22 Nov 2026 10:01:30 GMT"));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void anUnreadableRetryAfterIsIgnored() {
    server.enqueue(errorResponse(429, "requests", null, null, "Slow down").setHeader("Retry-After", "soon"));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.retryAfter()).isNull();
  }

  @Test
  void aBodyThatIsNotTheApisErrorIsQuotedAndLeavesTheErrorFieldsNull() {
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
        .setBody("<html>\n  <body>Bad   gateway</body>\n</html>"));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.errorType()).isNull();
    assertThat(e.errorCode()).isNull();
    assertThat(e.param()).isNull();
    assertThat(e.errorMessage()).isNull();
    assertThat(e.requestId()).isNull();
    assertThat(e).hasMessage(
        "HTTP 502: <html> <body>Bad gateway</body> </html> (organization/usage/completions, page 1)");
  }

  @Test
  void aLongNonJsonBodyIsQuotedShort() {
    char[] body = new char[5000];
    Arrays.fill(body, 'x');
    server.enqueue(new MockResponse().setResponseCode(500).setBody(new String(body)));

    UsageApiException e = error(noRetries.buckets(completionsQuery()).test(), UsageApiException.class);

    assertThat(e.getMessage()).hasSizeLessThan(300).contains("xxx...");
  }

  @Test
  void brokenJsonOnAPageIsADecodingErrorNamingThePageAndIsNotRetried() {
    server.enqueue(pageResponse(buckets(0, 1), "page_2"));
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":\"yesterday\"}]"));
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    UsageDecodingException e = error(subscriber, UsageDecodingException.class);
    assertThat(e.pageNumber()).isEqualTo(2);
    assertThat(e.cursor()).isEqualTo("page_2");
    assertThat(e.endpoint()).isEqualTo(UsageEndpoint.COMPLETIONS);
    assertThat(e.getCause()).isInstanceOf(JsonProcessingException.class);
    assertThat(e.getMessage()).startsWith("page did not decode: ")
        .endsWith("(organization/usage/completions, page 2, cursor page_2)");
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValueCount(1);
  }

  @Test
  void bytesInNoJsonEncodingAreADecodingErrorAndAreNotRetried() {
    // Jackson reads 00 02 00 00 as UTF-32 in an unsupported byte order and throws a plain CharConversionException.
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody(new okio.Buffer().write(new byte[] {0, 2, 0, 0})));
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    UsageDecodingException e = error(subscriber, UsageDecodingException.class);
    assertThat(e.getCause()).isInstanceOf(java.io.CharConversionException.class);
    assertThat(e.getMessage()).startsWith("page did not decode: ");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPageThatIsJsonNullIsADecodingErrorAndIsNotRetried() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("null"));
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    UsageDecodingException e = error(subscriber, UsageDecodingException.class);
    assertThat(e.getMessage()).startsWith("response had no page");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hasMoreWithoutNextPageIsADecodingErrorNotAnEndlessLoop() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":null}"));

    UsageDecodingException e = error(noRetries.buckets(completionsQuery()).test(), UsageDecodingException.class);

    assertThat(e).hasMessage("page has has_more=true but no next_page (organization/usage/completions, page 1)");
    assertThat(e.getCause()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNextPageEqualToTheCursorIsADecodingErrorNotAnEndlessLoop() {
    server.enqueue(pageResponse(buckets(0, 1), "page_2"));
    server.enqueue(pageResponse(buckets(1, 2), "page_2"));

    TestSubscriber<UsageTimeBucket> subscriber = noRetries.buckets(completionsQuery()).test();

    UsageDecodingException e = error(subscriber, UsageDecodingException.class);
    assertThat(e.pageNumber()).isEqualTo(2);
    assertThat(e.cursor()).isEqualTo("page_2");
    assertThat(e.getMessage()).contains("a next_page that this stream already fetched (a cursor cycle)");
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValueCount(1); // the buckets of the looping page are not emitted
  }

  @Test
  void anIoFailureAfterTheRetriesIsANetworkErrorWithTheEarlierFailuresSuppressed() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server))
        .retryPolicy(RetryPolicy.builder().maxRetries(2).build()).scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    UsageNetworkException e = error(subscriber, UsageNetworkException.class);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.getSuppressed()).hasSize(2).allMatch(s -> s instanceof UsageNetworkException);
    assertThat(e.pageNumber()).isEqualTo(1);
    assertThat(e.getMessage()).startsWith("I/O failure: ");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBodyThatBreaksOffIsANetworkFailureAndIsRetried() {
    server.enqueue(pageResponse(buckets(0, 3), null).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(pageResponse(buckets(0, 3), null));
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    scheduler.advanceTimeBy(1, TimeUnit.MINUTES);

    subscriber.assertResult(buckets(0, 3).toArray(new UsageTimeBucket[0]));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTruncatedBodyWithoutRetriesIsANetworkError() {
    server.enqueue(pageResponse(buckets(0, 3), null).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    UsageNetworkException e = error(noRetries.buckets(completionsQuery()).test(), UsageNetworkException.class);

    assertThat(e.getCause()).isNotInstanceOf(JsonProcessingException.class);
  }

  @Test
  void errorsNeverContainTheAdminKey() throws Exception {
    String key = "sk-admin-0123456789abcdef";
    server.enqueue(errorResponse(401, "invalid_request_error", "invalid_api_key", null,
        "Incorrect API key provided: sk-admi*********cdef."));
    UsageStreams streams = UsageStreams.builder(UsageApiFactory.builder()
            .adminKey(key).baseUrl(server.url("/v1/").toString()).build())
        .retryPolicy(RetryPolicy.none()).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    assertThat(subscriber.await(10, TimeUnit.SECONDS)).isTrue();

    UsageApiException e = error(subscriber, UsageApiException.class);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + key);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.toString()).doesNotContain(key);
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(key).doesNotContain("Bearer");
  }
}
