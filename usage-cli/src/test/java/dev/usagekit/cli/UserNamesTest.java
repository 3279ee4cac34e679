package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users show by email where the report groups by user_id: from one users listing per run, bounded as the projects
 * listing; by id, with one note, when the key may not list them.
 */
class UserNamesTest {
  private FakeUsageServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
    server.userEmail("user_a", "ada@example.com").userEmail("user_b", "bob@example.com");
    server.add(Instant.parse("2026-11-01T10:00:00Z"), TestData.completions().userId("user_a").build());
    server.add(Instant.parse("2026-11-01T11:00:00Z"), TestData.completions().userId("user_b").build());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void theTableShowsEmailAndIdFromOneListing() {
    CliRun run = report("table");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ada@example.com (user_a)").contains("bob@example.com (user_b)");
    assertThat(run.err()).doesNotContain("note");
    assertThat(server.requests().stream().map(RecordedUsageRequest::path)
        .filter(path -> path.endsWith("/organization/users"))).hasSize(1);
  }

  @Test
  void csvHasAUserNameColumnBesideTheId() {
    CliRun run = report("csv");

    String header = run.out().substring(0, run.out().indexOf('\r'));
    assertThat(header).contains(",user_id,user_name");
    assertThat(run.out()).contains(",user_a,ada@example.com").contains(",user_b,bob@example.com");
  }

  @Test
  void htmlShowsEmailAndId() {
    CliRun run = report("html");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ada@example.com (user_a)");
  }

  @Test
  void usersAreNotListedWhenTheReportDoesNotGroupByUser() {
    CliRun run = CliRun.run(CliRun.key(server.adminKey()), "completions", "--start", "2026-11-01", "--end",
        "2026-11-02", "--group-by", "model", "--base-url", server.url());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(server.requests()).noneMatch(request -> request.path().endsWith("/organization/users"));
  }

  @Test
  void noProjectNamesSkipsTheUsersListingToo() {
    CliRun run = report("table", "--no-project-names");

    assertThat(run.out()).doesNotContain("ada@example.com").contains("user_a");
    assertThat(server.requests()).noneMatch(request -> request.path().endsWith("/organization/users"));
  }

  @Test
  void aKeyThatMayNotListUsersFallsBackToIdsWithOneNote() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      answer(api, request -> new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
          .setBody("{\"error\":{\"message\":\"Insufficient permissions\",\"type\":\"invalid_request_error\"}}"));
      api.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), args(api, "table"));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.err()).isEqualTo("usage-report: note: this key may not list users (HTTP 403); users are "
          + "shown by id (--no-project-names skips the listing).\n");
      assertThat(run.out()).contains("user_a").doesNotContain("@");
    }
  }

  @Test
  void anOrganisationWithMoreUsersThanTheCapKeepsTheFirstNamesAndSaysSoOnce() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      AtomicInteger listed = new AtomicInteger();
      // 1,000 users to a page whatever the limit asked, and always more; user_a the first.
      answer(api, request -> {
        listed.incrementAndGet();
        String after = request.getRequestUrl().queryParameter("after");
        int first = after == null ? 0 : Integer.parseInt(after.substring("user_".length())) + 1;
        StringBuilder data = new StringBuilder();
        for (int i = first; i < first + 1_000; i++) {
          String id = i == 0 ? "user_a" : String.format("user_%07d", i);
          data.append(i == first ? "" : ",").append("{\"object\":\"organization.user\",\"id\":\"").append(id)
              .append("\",\"email\":\"u").append(i).append("@example.com\",\"added_at\":1700000000}");
        }
        return CannedCosts.json("{\"object\":\"list\",\"data\":[" + data + "],\"first_id\":null,\"last_id\":\""
            + String.format("user_%07d", first + 999) + "\",\"has_more\":true}");
      });
      api.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), args(api, "table"));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("u0@example.com (user_a)").contains("user_b");
      assertThat(run.err()).isEqualTo("usage-report: note: the organisation has more than 10000 users; the "
          + "names of the first 10000 listed are shown, other users by id (--no-project-names skips the "
          + "listing).\n");
      assertThat(listed.get()).as("listing requests").isLessThanOrEqualTo(ReportTool.MAX_PROJECTS / 100 + 1);
    }
  }

  /** Answers the users listing with {@code listing}, and the usage requests with one page of two users. */
  private static void answer(MockWebServer api, Function<RecordedRequest, MockResponse> listing) {
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith("/v1/organization/users")) {
          return listing.apply(request);
        }
        return CannedCosts.json("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1761955200,"
            + "\"end_time\":1762041600,\"results\":["
            + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":10,\"output_tokens\":1,"
            + "\"num_model_requests\":1,\"user_id\":\"user_a\"},"
            + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":5,\"output_tokens\":1,"
            + "\"num_model_requests\":1,\"user_id\":\"user_b\"}]}],\"has_more\":false,\"next_page\":null}");
      }
    });
  }

  private static String[] args(MockWebServer api, String format) {
    return new String[] {"completions", "--start", "2025-11-01", "--end", "2025-11-02", "--group-by", "user_id",
        "--format", format, "--base-url", api.url("/v1/").toString()};
  }

  private CliRun report(String format, String... more) {
    String[] args = {"completions", "--start", "2026-11-01", "--end", "2026-11-02", "--group-by", "user_id",
        "--format", format, "--base-url", server.url()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), all);
  }
}
