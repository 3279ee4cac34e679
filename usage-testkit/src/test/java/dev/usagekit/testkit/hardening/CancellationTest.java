package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.hardening.FaultStack.Injection;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A subscriber that gives up while a page hangs: the call in flight is cancelled and nothing leaks. */
class CancellationTest extends HardeningTest {
  static final int PAGE = 117;

  @Test
  void cancellingWhileAPageHangsCancelsItsCallAndLeaksNothing() throws InterruptedException {
    Baseline baseline = Baseline.get();
    String cursor = baseline.cursor(PAGE);
    FaultStack stack = stack(); // OkHttp's 10 s read timeout: only the cancellation ends the call in time

    TestSubscriber<UsageTimeBucket> run = stack.start(new Injection(PAGE, Fault.noResponse(), 1));
    run.request(Long.MAX_VALUE);
    RecordedUsageRequest request;
    do {
      request = stack.server.takeRequest(60, TimeUnit.SECONDS);
      assertThat(request).as("the request for page %d", PAGE).isNotNull();
    } while (!Objects.equals(request.page(), cursor));
    run.cancel();

    assertThat(run.values()).isEqualTo(baseline.bucketsBefore(PAGE));
    run.assertNoErrors().assertNotComplete();
    assertThat(stack.server.requestCount()).isEqualTo(PAGE);
    // nothingLeaked(): the cancelled call ends (callFailed), its connection is released, no thread stays.
  }
}
