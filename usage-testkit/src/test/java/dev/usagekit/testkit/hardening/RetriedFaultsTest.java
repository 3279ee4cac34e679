package dev.usagekit.testkit.hardening;

import static dev.usagekit.testkit.hardening.FaultStack.MAX_RETRIES;
import static dev.usagekit.testkit.hardening.FaultStack.PAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.hardening.FaultStack.Injection;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retryable faults, injected no more often in a row than the policy retries: the 200-page stream still emits
 * every bucket exactly once and in order, each faulted page fetched again with the same cursor, after the wait
 * the policy asked for.
 */
class RetriedFaultsTest extends HardeningTest {
  static final int MIDDLE = 117;

  @ParameterizedTest(name = "{0}")
  @EnumSource(RetryableFault.class)
  void maxRetriesFaultsInARowOnAMiddlePageLoseAndRepeatNothing(RetryableFault kind) {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack(b -> {}, kind.timesOut() ? FaultStack.firstCalls(MAX_RETRIES, MIDDLE) : page -> false);

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(MIDDLE, kind.fault, MAX_RETRIES));

    run.assertNoErrors().assertComplete();
    assertThat(run.values()).isEqualTo(baseline.buckets());
    List<RecordedUsageRequest> attempts = stack.requestsOfPage(MIDDLE);
    assertThat(attempts).extracting(RecordedUsageRequest::status)
        .containsExactly(kind.recordedStatus(), kind.recordedStatus(), kind.recordedStatus(), 200);
    assertThat(stack.retries.delays()).containsExactly(kind.delayMillis(1), kind.delayMillis(2), kind.delayMillis(3));
    assertEveryOtherPageFetchedOnce(stack, List.of(MIDDLE));
    assertThat(stack.server.pendingFaults()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(RetryableFault.class)
  void aSingleFaultOnTheFirstAndOnTheLastPageIsRetriedFromTheSameCursor(RetryableFault kind) {
    Baseline baseline = Baseline.get();
    FaultStack stack = stack(b -> {}, kind.timesOut() ? FaultStack.firstCalls(1, 1, PAGES) : page -> false);

    TestSubscriber<UsageTimeBucket> run = stack.run(new Injection(1, kind.fault, 1),
        new Injection(PAGES, kind.fault, 1));

    run.assertNoErrors().assertComplete();
    assertThat(run.values()).isEqualTo(baseline.buckets());
    assertThat(stack.requestsOfPage(1)).extracting(RecordedUsageRequest::status)
        .containsExactly(kind.recordedStatus(), 200);
    assertThat(stack.requestsOfPage(PAGES)).extracting(RecordedUsageRequest::status)
        .containsExactly(kind.recordedStatus(), 200);
    assertThat(stack.retries.delays()).containsExactly(kind.delayMillis(1), kind.delayMillis(1));
    assertEveryOtherPageFetchedOnce(stack, List.of(1, PAGES));
  }

  /**
   * The server saw the pages in order, each exactly once but the faulted ones, with the cursors of the
   * fault-free run, and the stack made one call per request.
   */
  static void assertEveryOtherPageFetchedOnce(FaultStack stack, List<Integer> faulted) {
    assertEveryOtherPageFetchedOnce(stack, faulted, PAGES);
  }

  /** The same, for a stream that stopped after page {@code last}. */
  static void assertEveryOtherPageFetchedOnce(FaultStack stack, List<Integer> faulted, int last) {
    Baseline baseline = Baseline.get();
    List<Integer> pages = stack.server.requests().stream().map(r -> baseline.pageOf(r.page()))
        .collect(Collectors.toList());
    assertThat(pages).as("pages in the order requested").isSorted().doesNotContain(0);
    List<Integer> once = IntStream.rangeClosed(1, last).boxed().filter(p -> !faulted.contains(p))
        .collect(Collectors.toList());
    List<Integer> fetchedOnce = new ArrayList<>(once);
    fetchedOnce.removeIf(p -> Collections.frequency(pages, p) != 1);
    assertThat(fetchedOnce).isEqualTo(once);
    assertThat(pages).allMatch(p -> p <= last);
    assertThat(stack.events.callCount()).as("OkHttp calls").isEqualTo(stack.server.requestCount());
  }
}
