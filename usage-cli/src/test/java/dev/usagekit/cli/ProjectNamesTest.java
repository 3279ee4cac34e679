package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
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

  /** Answers the projects listing with {@code listing}, and the costs requests with the canned pages. */
  private static void answer(MockWebServer api, java.util.function.Function<RecordedRequest, MockResponse> listing) {
    java.util.concurrent.atomic.AtomicInteger costs = new java.util.concurrent.atomic.AtomicInteger();
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith("/v1/organization/projects")) {
          return listing.apply(request);
        }
        return CannedCosts.json(costs.getAndIncrement() == 0 ? CannedCosts.PAGE_1 : CannedCosts.PAGE_2);
      }
    });
  }

  @Test
  void anOrganisationWithMoreProjectsThanTheCapKeepsTheFirstNamesAndSaysSoOnce() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      // 1,000 projects to a page whatever the limit asked, and always more; proj_a the first.
      answer(api, request -> {
        String after = request.getRequestUrl().queryParameter("after");
        int first = after == null ? 0 : Integer.parseInt(after.substring("proj_".length())) + 1;
        StringBuilder data = new StringBuilder();
        for (int i = first; i < first + 1_000; i++) {
          String id = i == 0 ? "proj_a" : String.format("proj_%07d", i);
          data.append(i == first ? "" : ",").append("{\"object\":\"organization.project\",\"id\":\"")
              .append(id).append("\",\"name\":\"Name ").append(i).append("\",\"created_at\":1700000000,"
              + "\"status\":\"active\"}");
        }
                return CannedCosts.json("{\"object\":\"list\",\"data\":[" + data + "],\"first_id\":null,\"last_id\":\""
            + String.format("proj_%07d", first + 999) + "\",\"has_more\":true}");
      });
      api.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), CannedCosts.args(api, "table"));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Name 0 (proj_a)").contains("proj_b");
      assertThat(run.err()).isEqualTo("usage-report: note: the organisation has more than 10000 projects; the "
          + "names of the first 10000 listed are shown, other projects by id (--no-project-names skips the "
          + "listing).\n");
      assertThat(api.getRequestCount() - 2).as("listing requests")
          .isLessThanOrEqualTo(ReportTool.MAX_PROJECTS / 100 + 1);
    }
  }

  @Test
  void aListingSlowerThanItsDeadlineFallsBackToIdsWithANote() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      answer(api, request -> new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
      api.start(InetAddress.getLoopbackAddress(), 0);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

      int exit = new ReportTool(CliRun.key("sk-admin-test"), new java.io.PrintStream(out, true, "UTF-8"),
          new java.io.PrintStream(err, true, "UTF-8"), false).retryPolicy(CliRun.NO_WAIT).clock(CliRun.CLOCK)
          .projectsDeadline(java.time.Duration.ofSeconds(1)).run(CannedCosts.args(api, "table"));

      assertThat(exit).as(err.toString("UTF-8")).isZero();
      assertThat(err.toString("UTF-8")).isEqualTo("usage-report: note: the projects listing took longer than 1s; "
          + "projects are shown by id (--no-project-names skips the listing).\n");
      assertThat(out.toString("UTF-8")).contains("proj_a").contains("proj_b");
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
