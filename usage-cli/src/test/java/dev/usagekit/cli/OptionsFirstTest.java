package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every option is checked before any work starts; a base URL without a path means the API's /v1/ there. */
class OptionsFirstTest {
  private static final String EMPTY_PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  @Test
  void followWithAnEndFailsBeforeTheDemoStarts() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--follow", "--end", "2026-11-10");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'--end' cannot be used with --follow").doesNotContain("demo: running");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void followWithHtmlFailsBeforeTheDemoStarts() {
    CliRun run = CliRun.run(Map.of(), "demo", "costs", "--follow", "--format", "html");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("html cannot be used with --follow").doesNotContain("demo: running");
  }

  @Test
  void anOutputInAMissingDirectoryFailsBeforeTheDemoStarts(@TempDir Path dir) {
    Path file = dir.resolve("missing").resolve("costs.csv");

    CliRun run = CliRun.run(Map.of(), "demo", "--output", file.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Invalid value for option '--output'").contains("does not exist")
        .doesNotContain("demo: running");
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void anOutputInAMissingDirectorySendsNoRequest(@TempDir Path dir) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "costs", "--start", "2026-11-01",
          "--base-url", server.url("/v1/").toString(), "--output", dir.resolve("no/such.csv").toString());

      assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void aBaseUrlWithoutAPathMeansTheApisV1There() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(EMPTY_PAGE));
      server.start(InetAddress.getLoopbackAddress(), 0);
      String origin = "http://127.0.0.1:" + server.getPort();

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "costs", "--start", "2026-11-01", "--end",
          "2026-11-02", "--base-url", origin);

      RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getPath()).startsWith("/v1/organization/costs?");
      assertThat(run.exit()).as(run.toString()).isZero();
    }
  }

  @Test
  void aBaseUrlWithAPathKeepsItAndGetsItsSlash() {
    assertThat(baseUrl("https://api.openai.com")).isEqualTo("https://api.openai.com/v1/");
    assertThat(baseUrl("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/v1/");
    assertThat(baseUrl("https://proxy.example/openai/v1")).isEqualTo("https://proxy.example/openai/v1/");
    assertThat(baseUrl("https://api.openai.com/v1/")).isEqualTo("https://api.openai.com/v1/");
  }

  @Test
  void aBaseUrlWithAQueryIsRefusedWithTheFix() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "costs", "--start", "0", "--base-url",
        "https://api.openai.com/v1?x=1");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("has a query or fragment; give the base URL alone, for example "
        + "https://api.openai.com/v1/");
  }

  private static String baseUrl(String given) {
    return Arguments.baseUrl(parse("costs", "--start", "0", "--base-url", given));
  }

  private static Arguments parse(String... args) {
    picocli.CommandLine commandLine = Commands.create();
    return Arguments.from(commandLine.parseArgs(args));
  }
}
