package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API keys show by name where the report groups by api_key_id: each listed project's keys listed once per run,
 * bounded as the projects listing; by id, with one note, when the key may not list them.
 */
class ApiKeyNamesTest {
  private FakeUsageServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
    server.projectName("proj_a", "Checkout").projectName("proj_b", "Search");
    server.apiKeyName("proj_a", "key_a", "checkout-prod").apiKeyName("proj_b", "key_b", "search-batch");
    server.add(Instant.parse("2026-11-01T10:00:00Z"),
        TestData.completions().projectId("proj_a").apiKeyId("key_a").build());
    server.add(Instant.parse("2026-11-01T11:00:00Z"),
        TestData.completions().projectId("proj_b").apiKeyId("key_b").build());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void theTableShowsNameAndIdWithEachProjectsKeysListedOnce() {
    CliRun run = report("table");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("checkout-prod (key_a)").contains("search-batch (key_b)");
    assertThat(run.err()).doesNotContain("note");
    assertThat(server.requests()).filteredOn(request -> request.path().endsWith("/api_keys"))
        .extracting(request -> request.path().replaceAll(".*/projects/", "").replace("/api_keys", ""))
        .containsExactlyInAnyOrder("proj_a", "proj_b");
  }

  @Test
  void csvHasAnApiKeyNameColumnBesideTheId() {
    CliRun run = report("csv");

    String header = run.out().substring(0, run.out().indexOf('\r'));
    assertThat(header).contains(",api_key_id,api_key_name,");
    assertThat(run.out()).contains(",key_a,checkout-prod,").contains(",key_b,search-batch,");
  }

  @Test
  void aProjectIdsFilterListsTheKeysOfThoseProjectsOnly() {
    CliRun run = report("table", "--project-ids", "proj_b");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("search-batch (key_b)");
    assertThat(server.requests()).filteredOn(request -> request.path().endsWith("/api_keys")).hasSize(1);
    assertThat(server.requests()).noneMatch(request -> request.path().endsWith("/organization/projects"));
  }

  @Test
  void aKeyThatMayNotListApiKeysFallsBackToIdsWithOneNote() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      answer(api, 1, request -> new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
          .setBody("{\"error\":{\"message\":\"Insufficient permissions\",\"type\":\"invalid_request_error\"}}"));
      api.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), args(api));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.err()).isEqualTo("usage-report: note: this key may not list API keys (HTTP 403); API keys are "
          + "shown by id (--no-project-names skips the listing).\n");
      assertThat(run.out()).contains("key_a");
    }
  }

  @Test
  void theKeysOfAtMostMaxKeyProjectsProjectsAreListed() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      AtomicInteger keyListings = new AtomicInteger();
      answer(api, 1_000, request -> {
        keyListings.incrementAndGet();
        String project = request.getPath().replaceAll(".*/projects/", "").replaceAll("/api_keys.*", "");
        String id = project.equals("proj_0000000") ? "key_a" : "key_of_" + project;
        return CannedCosts.json("{\"object\":\"list\",\"data\":[{\"object\":\"organization.project.api_key\","
            + "\"name\":\"name of " + id + "\",\"created_at\":1700000000,\"id\":\"" + id + "\"}],"
            + "\"first_id\":\"" + id + "\",\"last_id\":\"" + id + "\",\"has_more\":false}");
      });
      api.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), args(api));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("name of key_a (key_a)");
      assertThat(keyListings.get()).isEqualTo(ReportTool.MAX_KEY_PROJECTS);
    }
  }

  /**
   * Answers the projects listing with {@code projects} projects on one page, each project's keys listing with
   * {@code keys}, and the usage requests with one page of two keys.
   */
  private static void answer(MockWebServer api, int projects,
      java.util.function.Function<RecordedRequest, MockResponse> keys) {
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().contains("/api_keys")) {
          return keys.apply(request);
        }
        if (request.getPath().startsWith("/v1/organization/projects")) {
          StringBuilder data = new StringBuilder();
          for (int i = 0; i < projects; i++) {
            data.append(i == 0 ? "" : ",").append("{\"object\":\"organization.project\",\"id\":\"")
                .append(String.format("proj_%07d", i)).append("\",\"name\":\"P\",\"created_at\":1700000000}");
          }
          return CannedCosts.json("{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":false}");
        }
        return CannedCosts.json("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1761955200,"
            + "\"end_time\":1762041600,\"results\":["
            + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":10,\"output_tokens\":1,"
            + "\"num_model_requests\":1,\"api_key_id\":\"key_a\"},"
            + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":5,\"output_tokens\":1,"
            + "\"num_model_requests\":1,\"api_key_id\":\"key_b\"}]}],\"has_more\":false,\"next_page\":null}");
      }
    });
  }

  private static String[] args(MockWebServer api) {
    return new String[] {"completions", "--start", "2025-11-01", "--end", "2025-11-02", "--group-by", "api_key_id",
        "--base-url", api.url("/v1/").toString()};
  }

  private CliRun report(String format, String... more) {
    String[] args = {"completions", "--start", "2026-11-01", "--end", "2026-11-02", "--group-by", "api_key_id",
        "--format", format, "--base-url", server.url()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), all);
  }
}
