package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.retrofit.SecretCapture;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * usage-report never prints the admin key: each run below has a sentinel key in OPENAI_ADMIN_KEY, at every
 * {@code --http-log} level and in every format, and stdout, stderr, System.out/err, java.util.logging, the report
 * file and the toString of the objects involved are searched for the key, URL-encoded and Base64 forms included.
 */
class SecretsTest {
  private static final String[] LEVELS = {"none", "basic", "headers", "body"};

  private final String key = SecretCapture.sentinelKey();
  private FakeUsageServer server;
  private SecretCapture capture;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().adminKey(key).clock(CliRun.CLOCK).start();
    for (int day = 1; day <= 7; day++) {
      server.add(Instant.parse("2026-11-0" + day + "T10:15:00Z"), TestData.costs().projectId("proj_a").build());
    }
    capture = new SecretCapture();
  }

  @AfterEach
  void stop() {
    capture.close();
    server.close();
  }

  private CliRun run(Map<String, String> env, String... args) {
    CliRun run = CliRun.run(env, args);
    capture.add(run);
    return run;
  }

  /** Costs of a week, one day per page, against the fake server. */
  private CliRun costs(Map<String, String> env, String level, String... more) {
    String[] args = {"costs", "--start", "2026-11-01", "--end", "2026-11-08", "--limit", "1",
        "--http-log=" + level, "--base-url", server.url()};
    return run(env, Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new));
  }

  private CliRun costs(String level, String... more) {
    return costs(CliRun.key(key), level, more);
  }

  /** The HTTP log went to stderr, with the Authorization header redacted; the key went nowhere. */
  private void assertNoKeyAndTheLogWorked(String level, CliRun run, String expectedInLog) {
    capture.add(server).add(server.requests());
    capture.assertNoKey(key);
    if (level.equals("none")) {
      assertThat(run.err()).doesNotContain("--> GET");
      return;
    }
    assertThat(run.err()).contains("--> GET " + server.url() + "organization/costs?").contains(expectedInLog);
    if (!level.equals("basic")) {
      assertThat(run.err()).contains(SecretCapture.REDACTED_AUTHORIZATION);
    }
  }

  @Test
  void aReportInEveryFormatAtEveryLogLevel() throws IOException {
    for (String level : LEVELS) {
      for (OutputFormat format : OutputFormat.values()) {
        CliRun run = costs(level, "--format", format.optionValue());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isNotEmpty();
        assertNoKeyAndTheLogWorked(level, run, "<-- 200 OK");
      }
    }
    java.io.File file = java.nio.file.Files.createTempFile("usage-report", ".html").toFile();
    try {
      CliRun run = costs("headers", "--format", "html", "--output", file.getPath());
      assertThat(run.exit()).as(run.toString()).isZero();
      capture.add(new String(java.nio.file.Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8));
      capture.assertNoKey(key);
    } finally {
      file.delete();
    }
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aWrongKey(HttpLoggingInterceptor.Level level) {
    String name = level.name().toLowerCase(Locale.ROOT);
    server.setAdminKey("sk-admin-the-right-one-0123456789abcdef");

    CliRun run = costs(name);

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("HTTP 401: Incorrect API key provided");
    assertNoKeyAndTheLogWorked(name, run, "<-- 401 ");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void apiErrorsAndFailures(HttpLoggingInterceptor.Level level) {
    String name = level.name().toLowerCase(Locale.ROOT);
    server.enqueue(Fault.response(400, "application/json", "{\"error\":{\"message\":\"start_time is too far "
        + "in the past\",\"type\":\"invalid_request_error\",\"param\":\"start_time\",\"code\":null}}"));
    CliRun badRequest = costs(name);
    server.enqueue(Fault.rateLimited());
    CliRun rateLimitedOnce = costs(name);
    server.enqueue(Fault.serverError(500), 5);
    CliRun serverErrors = costs(name);
    server.enqueue(Fault.disconnectDuringBody(), 5);
    CliRun cutShort = costs(name, "--format", "json");
    server.enqueue(Fault.disconnectAfterRequest(), 5);
    CliRun dropped = costs(name);
    server.enqueue(Fault.truncatedBody());
    CliRun undecodable = costs(name);

    assertThat(badRequest.exit()).as(badRequest.toString()).isEqualTo(3);
    assertThat(rateLimitedOnce.exit()).as(rateLimitedOnce.toString()).isZero();
    assertThat(serverErrors.exit()).as(serverErrors.toString()).isEqualTo(3);
    assertThat(cutShort.exit()).as(cutShort.toString()).isEqualTo(4);
    assertThat(dropped.exit()).as(dropped.toString()).isEqualTo(4);
    assertThat(undecodable.exit()).as(undecodable.toString()).isEqualTo(3);
    assertNoKeyAndTheLogWorked(name, rateLimitedOnce, "<-- 429 ");
    assertNoKeyAndTheLogWorked(name, serverErrors, "<-- 500 ");
    assertNoKeyAndTheLogWorked(name, dropped, "<-- HTTP FAILED");
  }

  @ParameterizedTest
  @EnumSource(HttpLoggingInterceptor.Level.class)
  void aProxyThatEchoesTheKeyBack(HttpLoggingInterceptor.Level level) throws IOException {
    String name = level.name().toLowerCase(Locale.ROOT);
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start(InetAddress.getLoopbackAddress(), 0);
      proxy.enqueue(new MockResponse().setResponseCode(403).setStatus("HTTP/1.1 403 Not for " + key)
          .setHeader("Content-Type", "text/plain").setHeader("X-Echo", "Bearer " + key)
          .setBody("Proxy says no to Authorization: Bearer " + key + " ("
              + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII)) + ")"));

      CliRun run = run(CliRun.key(key), "costs", "--start", "2026-11-01", "--http-log=" + name,
          "--base-url", proxy.url("/v1/").toString());

      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).contains("HTTP 403: Proxy says no to Authorization: Bearer <redacted> (<redacted>)");
      capture.assertNoKey(key);
    }
  }

  @Test
  void theDemoAtEveryLogLevelWithAKeyInTheEnvironment() {
    for (String level : LEVELS) {
      CliRun run = run(CliRun.key(key), "demo", "--http-log", level);

      assertThat(run.exit()).as(run.toString()).isZero();
      capture.assertNoKey(key);
      assertThat(run.err()).contains(level.equals("none") ? "demo" : "--> GET http://");
      // The demo's own key (the fake's) is a secret of its own in the log.
      assertThat(run.err()).doesNotContain(FakeUsageServer.DEFAULT_ADMIN_KEY);
    }
  }

  /** Fails without reading the key before parsing: picocli's messages quoted an argument that was the key. */
  @Test
  void theKeyPastedAsAnArgumentIsNotEchoed() {
    List<CliRun> runs = new ArrayList<>();
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", key));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--admin-key=" + key));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--api-key", key));
    runs.add(run(CliRun.key(key), key, "costs"));
    runs.add(run(CliRun.key(key), "costs", "--start", key));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--project-ids", key, "--limit", key));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--http-log", key));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--base-url", "ftp://" + key + "@example/v1"));
    runs.add(run(CliRun.key(key), "costs", "--start", "2026-11-01", "--base-url", "http://example.com/" + key));
    runs.add(run(CliRun.key(" " + key + " "), "costs", "--start", "2026-11-01", key));

    for (CliRun run : runs) {
      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    }
    assertThat(runs.get(0).err()).contains("<OPENAI_ADMIN_KEY>");
    capture.assertNoKey(key);
  }

  @Test
  void badArgumentsHelpAndVersion() {
    run(CliRun.key(key), "--help");
    run(CliRun.key(key), "costs", "--help");
    run(CliRun.key(key), "demo", "--help");
    run(CliRun.key(key), "demo", "completions", "--help");
    run(CliRun.key(key), "-V");
    run(CliRun.key(key));
    run(CliRun.key(key), "costs");
    run(CliRun.key(key), "costs", "--start", "2026-11-01", "--limit", "1000", "--base-url", server.url());
    run(CliRun.key(key), "costs", "--start", "2026-11-08", "--end", "2026-11-01", "--base-url", server.url());
    CliRun badLevel = run(CliRun.key(key), "costs", "--start", "2026-11-01", "--http-log", "verbose");
    run(CliRun.key(key + "\n" + key), "costs", "--start", "2026-11-01", "--base-url", server.url());
    run(CliRun.key(key + "é"), "costs", "--start", "2026-11-01", "--base-url", server.url());
    run(Map.of(), "costs", "--start", "2026-11-01", "--base-url", server.url());

    assertThat(badLevel.exit()).isEqualTo(2);
    assertThat(badLevel.err()).contains("'verbose' is not an HTTP log level; allowed: none, basic, headers, body");
    capture.assertNoKey(key);
  }

  @Test
  void theInProcessEntryPointAndTheToolsObjects() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ReportTool tool = new ReportTool(CliRun.key(key), new PrintStream(out), new PrintStream(err), false);
    capture.add(tool).add(new PageBodies(true)).add(CliRun.NO_WAIT).add(Commands.create().getCommandSpec());
    int exit = Main.run(new String[] {"costs", "--start", "2026-11-01", "--end", "2026-11-03",
        "--http-log=headers", "--base-url", server.url()}, CliRun.key(key), new PrintStream(out, true),
        new PrintStream(err, true));
    capture.add(out.toString(StandardCharsets.UTF_8)).add(err.toString(StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(SecretCapture.REDACTED_AUTHORIZATION);
    capture.assertNoKey(key);
  }

  @Test
  void redactionCoversTheEncodedFormsOfTheKey() {
    ReportTool tool = new ReportTool(CliRun.key(key), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), false);
    tool.run(new String[] {"--help"});
    String base64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));

    assertThat(tool.redact("a " + key + " b " + base64 + " c"))
        .isEqualTo("a <OPENAI_ADMIN_KEY> b <OPENAI_ADMIN_KEY> c");
  }

  @Test
  void theCaptureSeesWhatItMustSearch() {
    CliRun run = run(CliRun.key(key), "costs", "--start", "2026-11-01", "--http-log=headers",
        "--base-url", server.url());
    System.err.println("stderr-marker");
    java.util.logging.Logger.getLogger("okhttp3.OkHttpClient").warning("jul-marker");

    assertThat(capture.all()).contains("stderr-marker", "jul-marker", SecretCapture.REDACTED_AUTHORIZATION,
        "x-request-id: req_", "/v1/organization/costs");
    assertThat(run.exit()).isZero();
    assertThat(new Throwable().getStackTrace()).isNotEmpty();
  }
}
