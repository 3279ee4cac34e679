package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries are said on stderr on a terminal or with --verbose: what, which attempt, when; piped, nothing. */
class RetriesVisibleTest {
  private FakeUsageServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
    server.enqueue(Fault.serverError(503));
    server.enqueue(Fault.rateLimited());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void verboseSaysWhatIsRetriedWhichAttemptAndWhen() {
    CliRun run = report(false, "--verbose");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains("usage-report: HTTP 503 from organization/costs; retry 1 of 4 in up to 0.0 s\n")
        .contains("usage-report: HTTP 429 from organization/costs; retry 2 of 4 in up to 0.0 s\n");
  }

  @Test
  void aTerminalSeesRetriesWithoutAsking() {
    CliRun run = CliRun.run(true, CliRun.key(server.adminKey()), "costs", "--start", "2026-11-01", "--end",
        "2026-11-02", "--base-url", server.url());

    assertThat(run.err()).contains("HTTP 503 from organization/costs; retry 1 of 4");
  }

  @Test
  void pipedWithoutVerboseSaysNothingOfRetries() {
    CliRun run = report(false);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("retry");
  }

  private CliRun report(boolean interactive, String... more) {
    String[] args = {"costs", "--start", "2026-11-01", "--end", "2026-11-02", "--format", "csv", "--base-url",
        server.url()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(interactive, CliRun.key(server.adminKey()), all);
  }
}
