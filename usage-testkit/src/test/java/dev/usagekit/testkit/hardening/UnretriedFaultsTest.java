package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageDecodingException;
import dev.usagekit.rx.UsageException;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.hardening.FaultStack.Injection;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults that the same request would meet again: a page that does not decode and a cursor the API refuses fail
 * the stream at the first attempt, with the typed error, after exactly the pages before.
 */
class UnretriedFaultsTest extends HardeningTest {
  static final int PAGE = 117;

  @Test
  void aTruncatedPageFailsAtOnceAsADecodingErrorNamingPageAndCursor() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, Fault.truncatedBody(), 2));

    UsageDecodingException error = (UsageDecodingException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.cursor()).isEqualTo(baseline.cursor(PAGE));
    assertThat(error.getCause()).isInstanceOf(JsonProcessingException.class);
    assertThat(stack.requestsOfPage(PAGE)).extracting(RecordedUsageRequest::status).containsExactly(200);
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(strings = {"", "[]", "{}", "{\"object\":\"page\",\"data\":7}", "<html>Welcome</html>", "null"})
  void aPageOfTheWrongShapeFailsAtOnceAsADecodingError(String body) {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();

    TestSubscriber<UsageTimeBucket> run =
        stack.run(new Injection(PAGE, Fault.response(200, "application/json", body), 2));

    UsageDecodingException error = (UsageDecodingException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.cursor()).isEqualTo(baseline.cursor(PAGE));
  }

  @Test
  void aPageWithHasMoreButNoNextPageFailsAtOnceAsAProtocolError() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();
    String body = "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":null}";

    TestSubscriber<UsageTimeBucket> run =
        stack.run(new Injection(PAGE, Fault.response(200, "application/json", body), 1));

    UsageDecodingException error = (UsageDecodingException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.cursor()).isEqualTo(baseline.cursor(PAGE));
    assertThat(error.getMessage()).startsWith("page has has_more=true but no next_page");
  }

  @Test
  void aPageWhoseNextPageIsItsOwnCursorFailsAtOnceInsteadOfPagingForever() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();
    String body = "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":\""
        + baseline.cursor(PAGE) + "\"}";

    TestSubscriber<UsageTimeBucket> run =
        stack.run(new Injection(PAGE, Fault.response(200, "application/json", body), 1));

    UsageDecodingException error = (UsageDecodingException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.getMessage()).startsWith("page has has_more=true and a next_page that this stream already fetched");
  }

  @Test
  void anExpiredCursorFailsAtOnceWithTheApisErrorOnParamPage() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, Fault.expiredCursor(), 2));

    UsageApiException error = (UsageApiException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.errorType()).isEqualTo("invalid_request_error");
    assertThat(error.param()).isEqualTo("page");
    assertThat(error.errorMessage()).startsWith("Invalid page cursor: it has expired.");
    assertThat(error.cursor()).isEqualTo(baseline.cursor(PAGE));
    assertThat(error.requestId()).isEqualTo(stack.requestsOfPage(PAGE).get(0).requestId());
  }

  @Test
  void anInvalidCursorFromTheServerFailsTheNextPageAtOnce() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();

    // Page PAGE - 1 arrives whole, with a next_page the server then refuses.
    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE - 1, Fault.garbledNextPage(), 1));

    UsageApiException error = (UsageApiException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("page");
    assertThat(error.errorMessage()).startsWith("Invalid page cursor: not a next_page value of this API.");
    assertThat(error.cursor()).isEqualTo(baseline.cursor(PAGE) + "~");
    RecordedUsageRequest refused = stack.server.requests().get(PAGE - 1);
    assertThat(refused.page()).isEqualTo(error.cursor());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(stack.server.requestCount()).isEqualTo(PAGE);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void aClientErrorFailsAtOnce(int status) {
    FaultStack stack = stack();

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, Fault.error(status), 2));

    UsageApiException error = (UsageApiException) assertFailedAtOnce(stack, run, PAGE);
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.errorType()).isEqualTo("invalid_request_error");
  }

  /**
   * The stream failed on page {@code page} at the first attempt: it emitted the pages before, requested no
   * later page, waited for no retry, and left the second fault enqueued for it unused.
   */
  static Throwable assertFailedAtOnce(FaultStack stack, TestSubscriber<UsageTimeBucket> run, int page) {
    Throwable error = ExhaustedRetriesTest.onlyError(run);
    assertThat(run.values()).isEqualTo(Baseline.get().bucketsBefore(page));
    assertThat(error.getSuppressed()).isEmpty();
    assertThat(((UsageException) error).pageNumber()).isEqualTo(page);
    assertThat(stack.server.requestCount()).isEqualTo(page);
    assertThat(stack.retries.delays()).isEmpty();
    assertThat(stack.events.callCount()).isEqualTo(page);
    return error;
  }
}
