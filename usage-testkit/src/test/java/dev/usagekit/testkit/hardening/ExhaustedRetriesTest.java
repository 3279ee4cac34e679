package dev.usagekit.testkit.hardening;

import static dev.usagekit.testkit.hardening.FaultStack.MAX_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageException;
import dev.usagekit.rx.UsageNetworkException;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.hardening.FaultStack.Injection;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retryable faults that persist on one page longer than the policy retries: the stream fails with the typed
 * error of the last attempt after exactly maxRetries + 1 attempts at that page, having emitted exactly the pages
 * before it: no partial page, nothing twice, and no request for any later page.
 */
class ExhaustedRetriesTest extends HardeningTest {
  static final int PAGE = 117;

  @ParameterizedTest(name = "{0}")
  @EnumSource(RetryableFault.class)
  void aFaultPersistingBeyondMaxRetriesFailsThePageWithItsTypedError(RetryableFault kind) {
    Baseline baseline = Baseline.get();
    String cursor = baseline.cursor(PAGE);
    FaultStack stack = stack(b -> {}, kind.timesOut() ? FaultStack.firstCalls(MAX_RETRIES + 1, PAGE) : page -> false);

    // One more than the attempts allowed: the last one must stay unused.
    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, kind.fault, MAX_RETRIES + 2));

    run.assertNotComplete().assertError(UsageException.class);
    assertThat(run.values()).isEqualTo(baseline.bucketsBefore(PAGE));
    List<RecordedUsageRequest> attempts = stack.requestsOfPage(PAGE);
    assertThat(attempts).hasSize(MAX_RETRIES + 1).extracting(RecordedUsageRequest::status)
        .containsOnly(kind.recordedStatus());
    assertThat(stack.server.requests()).last().isEqualTo(attempts.get(MAX_RETRIES));
    assertThat(stack.server.pendingFaults()).isEqualTo(1);
    assertThat(stack.retries.delays()).containsExactly(kind.delayMillis(1), kind.delayMillis(2), kind.delayMillis(3));

    Throwable error = onlyError(run);
    kind.assertIsFailureOf(error, PAGE, cursor, attempts.get(MAX_RETRIES));
    assertThat(((UsageException) error).endpoint()).isEqualTo(UsageEndpoint.COMPLETIONS);
    Throwable[] earlier = error.getSuppressed();
    assertThat(earlier).as("the failures of the earlier attempts").hasSize(MAX_RETRIES);
    for (int i = 0; i < MAX_RETRIES; i++) {
      kind.assertIsFailureOf(earlier[i], PAGE, cursor, attempts.get(i));
    }
    RetriedFaultsTest.assertEveryOtherPageFetchedOnce(stack, List.of(PAGE), PAGE);
  }

  @Test
  void aRetryAfterLongerThanMaxRetryAfterFailsThePageAtOnce() {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack();
    long tooLong = FaultStack.POLICY.maxRetryAfter().getSeconds() + 1;

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, Fault.rateLimited(tooLong), 1));

    UsageApiException error = (UsageApiException) onlyError(run);
    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(tooLong));
    assertThat(error.pageNumber()).isEqualTo(PAGE);
    assertThat(error.getSuppressed()).isEmpty();
    assertThat(run.values()).isEqualTo(baseline.bucketsBefore(PAGE));
    assertThat(stack.requestsOfPage(PAGE)).hasSize(1);
    assertThat(stack.retries.delays()).isEmpty();
  }

  /**
   * A connection dropped before the response is retried by the policy as often as any I/O failure: exactly
   * maxRetries + 1 calls, then the typed error. OkHttp may repeat a call's request itself on a fresh connection
   * (its {@code retryOnConnectionFailure}, on by default), so the server sees more requests than calls.
   */
  @Test
  void aConnectionDroppedBeforeTheResponseFailsAfterMaxRetriesPlusOneCalls() {
    Baseline baseline = Baseline.get();
    String cursor = baseline.cursor(PAGE);
    FaultStack stack = stack();

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(PAGE, Fault.disconnectAfterRequest(), 20));

    UsageNetworkException error = (UsageNetworkException) onlyError(run);
    assertThat(error.pageNumber()).isEqualTo(PAGE);
    assertThat(error.cursor()).isEqualTo(cursor);
    assertThat(error.getSuppressed()).hasSize(MAX_RETRIES).allMatch(e -> e instanceof UsageNetworkException);
    assertThat(run.values()).isEqualTo(baseline.bucketsBefore(PAGE));
    assertThat(stack.events.callsFor(cursor)).isEqualTo(MAX_RETRIES + 1);
    assertThat(stack.requestsOfPage(PAGE)).hasSizeGreaterThanOrEqualTo(MAX_RETRIES + 1)
        .extracting(RecordedUsageRequest::status).containsOnly(0);
    assertThat(stack.retries.delays()).containsExactly(10L, 20L, 40L);
  }

  static Throwable onlyError(TestSubscriber<?> run) {
    Throwable[] error = new Throwable[1];
    run.assertError(e -> {
      error[0] = e;
      return true;
    });
    return error[0];
  }
}
