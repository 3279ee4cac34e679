package dev.usagekit.testkit.hardening;

import static dev.usagekit.testkit.hardening.FaultStack.MAX_RETRIES;
import static dev.usagekit.testkit.hardening.FaultStack.PAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageDecodingException;
import dev.usagekit.rx.UsageException;
import dev.usagekit.rx.UsageNetworkException;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import javax.annotation.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mixes of faults across the 200-page stream. Whatever the mix, the stream either emits exactly the
 * fault-free buckets, or fails with the typed error of the page where the faults won, having emitted exactly the
 * fault-free pages before it. Each run is checked request by request against what the retry policy must have
 * done: which cursor each request carried, which failures were retried after which wait, and where it gave up.
 * A failing seed is in the test's name and in the assertion message: rerun that seed alone to reproduce it.
 */
class SeededFaultMixTest extends HardeningTest {
  static final Fault RETRY_AFTER = Fault.rateLimited(1);
  static final List<Fault> RETRYABLE = List.of(Fault.rateLimited(), RETRY_AFTER, Fault.serverError(500),
      Fault.serverError(502), Fault.serverError(503), Fault.serverError(504), Fault.disconnectDuringBody());
  static final List<Fault> FATAL = List.of(Fault.truncatedBody(), Fault.expiredCursor(), Fault.error(400));

  static LongStream retryableSeeds() {
    return LongStream.rangeClosed(1, 10);
  }

  static LongStream anySeeds() {
    return LongStream.rangeClosed(11, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("retryableSeeds")
  void retryableFaultsAtRandomNeverLoseNorRepeatABucket(long seed) {
    FaultStack stack = stack(b -> b.randomFaults(seed, 0.3, RETRYABLE.toArray(new Fault[0])), page -> false);

    checkAgainstPolicy(seed, stack, stack.run());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("anySeeds")
  void anyFaultsAtRandomEndInTheBaselineOrInATypedFailureAfterItsPrefix(long seed) {
    // Retryable faults five times as likely as each fatal one: some seeds get through, others fail early or late.
    List<Fault> choices = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      choices.addAll(RETRYABLE);
    }
    choices.addAll(FATAL);
    choices.add(Fault.garbledNextPage());
    FaultStack stack = stack(b -> b.randomFaults(seed, 0.05, choices.toArray(new Fault[0])), page -> false);

    checkAgainstPolicy(seed, stack, stack.run());
  }

  private static void checkAgainstPolicy(long seed, FaultStack stack, TestSubscriber<UsageTimeBucket> run) {
    try {
      replay(stack, run);
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + " (" + stack.server.requestCount() + " requests, faults "
          + faultsOf(stack) + "): " + e.getMessage(), e);
    }
  }

  /** Walks through the requests the server saw and checks each against what the stream had to do. */
  private static void replay(FaultStack stack, TestSubscriber<UsageTimeBucket> run) {
    Baseline baseline = Baseline.get();
    List<RecordedUsageRequest> requests = stack.server.requests();
    List<Long> delays = new ArrayList<>();
    int page = 1;
    @Nullable String cursor = baseline.cursor(1);
    int attempts = 0;
    RecordedUsageRequest last = null;
    boolean failed = false;
    for (RecordedUsageRequest request : requests) {
      assertThat(failed).as("a request after the stream gave up: %s", request).isFalse();
      assertThat(request.page()).as("cursor of request %s for page %d", request, page).isEqualTo(cursor);
      last = request;
      attempts++;
      Fault fault = request.fault();
      boolean garbled = Fault.garbledNextPage().equals(fault);
      if (request.status() == 200 && (fault == null || garbled)) {
        page++;
        cursor = page > PAGES ? null : baseline.cursor(page) + (garbled ? "~" : "");
        attempts = 0;
      } else if (fault != null && RETRYABLE.contains(fault) && attempts <= MAX_RETRIES) {
        delays.add(RETRY_AFTER.equals(fault) ? 1000L : 10L << (attempts - 1));
      } else {
        failed = true; // a fault that is not retried, or one retry too many
      }
    }
    assertThat(stack.retries.delays()).as("waits before retries").isEqualTo(delays);
    assertThat(stack.events.callCount()).as("OkHttp calls").isEqualTo(requests.size());
    if (!failed) {
      run.assertNoErrors().assertComplete();
      assertThat(page).isEqualTo(PAGES + 1);
      assertThat(run.values()).isEqualTo(baseline.buckets());
      return;
    }
    Throwable error = ExhaustedRetriesTest.onlyError(run);
    assertThat(run.values()).as("buckets before the failed page %d", page).isEqualTo(baseline.bucketsBefore(page));
    assertThat(error).isInstanceOf(UsageException.class);
    UsageException usage = (UsageException) error;
    assertThat(usage.pageNumber()).isEqualTo(page);
    assertThat(usage.cursor()).isEqualTo(cursor);
    assertThat(error.getSuppressed()).as("earlier attempts at page %d", page).hasSize(attempts - 1);
    Fault fault = last.fault();
    if (Fault.disconnectDuringBody().equals(fault)) {
      assertThat(error).isInstanceOf(UsageNetworkException.class);
    } else if (Fault.truncatedBody().equals(fault)) {
      assertThat(error).isInstanceOf(UsageDecodingException.class);
    } else {
      assertThat(error).isInstanceOf(UsageApiException.class);
      assertThat(((UsageApiException) error).statusCode()).isEqualTo(last.status());
      assertThat(((UsageApiException) error).requestId()).isEqualTo(last.requestId());
    }
  }

  private static String faultsOf(FaultStack stack) {
    StringBuilder faults = new StringBuilder();
    for (RecordedUsageRequest request : stack.server.requests()) {
      if (request.fault() != null || request.status() != 200) {
        faults.append(" #").append(request.sequence()).append(' ')
            .append(Objects.toString(request.fault(), "HTTP " + request.status()));
      }
    }
    return faults.toString();
  }
}
