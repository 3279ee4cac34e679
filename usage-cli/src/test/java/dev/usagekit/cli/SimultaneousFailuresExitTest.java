package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import io.reactivex.rxjava3.exceptions.CompositeException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sub-windows failing together with {@code --concurrency 4}: the report exits with the documented code of the
 * first failure (3 API, 4 network), never 1 "internal error" for a server's doing.
 */
class SimultaneousFailuresExitTest {
  private FakeUsageServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun fourWindows() {
    return CliRun.run(CliRun.key(server.adminKey()), "costs", "--start", "2026-11-01", "--end", "2026-11-29",
        "--limit", "7", "--concurrency", "4", "--base-url", server.url());
  }

  @Test
  void everySubWindowRateLimitedForEverExitsWith3EveryTime() {
    for (int run = 0; run < 5; run++) {
      server.enqueue(Fault.rateLimited(), 4 * 5);

      CliRun report = fourWindows();

      assertThat(report.exit()).as("run %d: %s", run, report).isEqualTo(3);
      assertThat(report.err()).as("run %d", run).contains("API error: HTTP 429").doesNotContain("internal error");
      server.clearFaults();
    }
  }

  @Test
  void everySubWindowDroppedForEverExitsWith4EveryTime() {
    for (int run = 0; run < 3; run++) {
      server.enqueue(Fault.disconnectAfterRequest(), 4 * 5);

      CliRun report = fourWindows();

      assertThat(report.exit()).as("run %d: %s", run, report).isEqualTo(4);
      assertThat(report.err()).as("run %d", run).contains("network failure").doesNotContain("internal error");
      server.clearFaults();
    }
  }

  @Test
  void theExitCodeOfFailuresCombinedByRxJavaIsTheFirstOnes() {
    IOException io = new SocketTimeoutException("timeout");
    IllegalStateException bug = new IllegalStateException("bug");

    Throwable first = ReportTool.firstOf(new CompositeException(io, bug));

    assertThat(first).isSameAs(io);
    assertThat(first.getSuppressed()).containsExactly(bug);
  }
}
