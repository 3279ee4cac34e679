package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.TestData;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 0 for a report, 3 for an API error, 4 for a network failure after the retries (4 retries, no waits). */
class ExitCodesTest {
  private FakeUsageServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
    server.add(Instant.parse("2026-11-03T10:15:00Z"), TestData.costs().projectId("proj_a").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun costs(Map<String, String> env, String... more) {
    String[] args = {"costs", "--start", "2026-11-01", "--end", "2026-11-08", "--base-url", server.url()};
    return CliRun.run(env, Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new));
  }

  private CliRun costs() {
    return costs(CliRun.key(server.adminKey()));
  }

  @Test
  void aReportExitsWith0() {
    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("total");
  }

  @Test
  void aWrongKeyExitsWith3WithTheStatusTheApiMessageAndTheRequestId() {
    CliRun run = costs(CliRun.key("sk-admin-wrong-0123456789abcdef"));

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err())
        .contains("API error: HTTP 401: Incorrect API key provided")
        .contains("(invalid_request_error/invalid_api_key)")
        .containsPattern("request id req_[0-9a-f]+")
        .contains("page 1 of organization/costs")
        .contains("check OPENAI_ADMIN_KEY");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theAdminKeyIsNeverPrinted() {
    String key = "sk-admin-wrong-0123456789abcdef";
    CliRun run = costs(CliRun.key(key));

    assertThat(run.err()).doesNotContain(key);
    assertThat(run.out()).doesNotContain(key);
  }

  @Test
  void aBadRequestExitsWith3AndNamesTheOptionBehindTheParameter() {
    server.enqueue(Fault.response(400, "application/json", "{\"error\":{\"message\":\"start_time is too far in "
        + "the past\",\"type\":\"invalid_request_error\",\"param\":\"start_time\",\"code\":null}}"));

    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("HTTP 400: start_time is too far in the past (invalid_request_error)")
        .contains("request id req_")
        .contains("the API rejected parameter start_time, set by --start");
  }

  @Test
  void aServerErrorOnEveryAttemptExitsWith3() {
    server.enqueue(Fault.serverError(500), 5);

    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("HTTP 500: The server had an error");
    assertThat(server.requestCount()).isEqualTo(5);
  }

  @Test
  void aBodyThatDoesNotDecodeExitsWith3() {
    server.enqueue(Fault.truncatedBody());

    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("the API's answer could not be read").contains("page 1");
  }

  @Test
  void aConnectionDroppedOnEveryAttemptExitsWith4() {
    server.enqueue(Fault.disconnectAfterRequest(), 5);

    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("network failure after 5 attempts").contains("organization/costs, page 1");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aFailedRunLeavesAnExistingOutputFileAsItWas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path file = dir.resolve("costs.csv");
    java.nio.file.Files.writeString(file, "yesterday's report\n");
    server.enqueue(Fault.serverError(500), 5);

    CliRun run = costs(CliRun.key(server.adminKey()), "--format", "csv", "--output", file.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(java.nio.file.Files.readString(file)).isEqualTo("yesterday's report\n");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      assertThat(files).containsExactly(file); // no partial file left beside it
    }
    CliRun again = costs(CliRun.key(server.adminKey()), "--format", "csv", "--output", file.toString());
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(java.nio.file.Files.readString(file)).startsWith("start_time,end_time,amount");
  }

  @Test
  void aBodyThatTricklesEndsAtTheCallTimeoutAndExitsWith4() {
    server.enqueue(Fault.slowBody(3, java.util.concurrent.TimeUnit.SECONDS), 5); // the server stops soon after

    CliRun run = costs(CliRun.key(server.adminKey()), "--call-timeout", "1s");

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("network failure after 5 attempts");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBodyCutShortOnEveryAttemptExitsWith4() {
    server.enqueue(Fault.disconnectDuringBody(), 5);

    CliRun run = CliRun.run(CliRun.key(server.adminKey()), "costs", "--start", "2026-11-01", "--end",
        "2026-11-08", "--format", "json", "--base-url", server.url());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
  }

  @Test
  void aRefusedConnectionExitsWith4() throws IOException {
    MockWebServer closed = new MockWebServer();
    closed.start(InetAddress.getLoopbackAddress(), 0);
    String url = closed.url("/v1/").toString();
    closed.shutdown();

    CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "costs", "--start", "0", "--base-url", url);

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("network failure after 5 attempts");
  }

  @Test
  void aFailureAfterTheFirstPageSaysTheJsonOnStdoutIsIncomplete() {
    server.enqueue(Fault.response(200, "application/json",
        "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":\"page_next\"}"));
    server.enqueue(Fault.error(403));

    CliRun run = costs(CliRun.key(server.adminKey()), "--format", "json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).isEqualTo("[");
    assertThat(run.err()).contains("HTTP 403").contains("page 2 of organization/costs")
        .contains("the report on stdout is incomplete: it stops after page 1 (the JSON array is left open)");
  }
}
