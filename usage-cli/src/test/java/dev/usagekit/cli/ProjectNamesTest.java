package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Projects show by name where known: from one listing per run, or from the results; ids when neither says. */
class ProjectNamesTest {
  private FakeUsageServer server;

  @BeforeEach
  void startServer() throws Exception {
    // Results without the undocumented project_name: the names can only come from the listing.
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).undocumentedFields(false).start();
    server.projectName("proj_a", "Checkout").projectName("proj_b", "Search");
    server.add(Instant.parse("2026-11-01T10:00:00Z"),
        TestData.costs().projectId("proj_a").amount(TestData.usd("2.50")).build());
    server.add(Instant.parse("2026-11-01T11:00:00Z"),
        TestData.costs().projectId("proj_b").amount(TestData.usd("1.25")).build());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void theTableShowsNameAndIdFromOneListing() {
    CliRun run = report("table");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Checkout (proj_a)").contains("Search (proj_b)");
    assertThat(server.requests().stream().map(RecordedUsageRequest::path)
        .filter(path -> path.endsWith("/organization/projects"))).hasSize(1);
  }

  @Test
  void csvHasTheNameBesideTheId() {
    CliRun run = report("csv");

    assertThat(run.out()).contains(",proj_a,Checkout,").contains(",proj_b,Search,");
  }

  @Test
  void noProjectNamesSkipsTheListing() {
    CliRun run = report("table", "--no-project-names");

    assertThat(run.out()).doesNotContain("Checkout").contains("proj_a");
    assertThat(server.requests()).noneMatch(request -> request.path().endsWith("/organization/projects"));
  }

  @Test
  void aKeyThatMayNotListProjectsFallsBackToIdsWithANote() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      api.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
          .setBody("{\"error\":{\"message\":\"Insufficient permissions\",\"type\":\"invalid_request_error\"}}"));
      api.enqueue(CannedCosts.json(CannedCosts.PAGE_1));
      api.enqueue(CannedCosts.json(CannedCosts.PAGE_2));
      api.start(InetAddress.getLoopbackAddress(), 0);
      String[] args = CannedCosts.args(api, "table");

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), args);

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.err()).isEqualTo("usage-report: note: this key may not list projects (HTTP 403); projects are "
          + "shown by id (--no-project-names skips the listing).\n");
      assertThat(run.out()).contains("proj_a").contains("proj_b");
      assertThat(api.takeRequest(30, TimeUnit.SECONDS).getPath()).startsWith("/v1/organization/projects?");
    }
  }

  private CliRun report(String format, String... more) {
    String[] args = {"costs", "--start", "2026-11-01", "--end", "2026-11-02", "--group-by", "project_id",
        "--format", format, "--base-url", server.url()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), all);
  }
}
