package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.rx.FocusRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usage-report focus} and {@code demo focus}: FOCUS CSV of the costs, options checked before any work. */
class FocusCommandTest {
  @Test
  void demoFocusWritesTheHeaderAndOneRowPerCostsResultToStdout() {
    CliRun run = CliRun.run(Map.of(), "demo", "focus");

    assertThat(run.exit()).as(run.toString()).isZero();
    String[] lines = run.out().split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", FocusRow.columns()));
    assertThat(lines.length).isGreaterThan(100);
    assertThat(lines[1]).contains(",USD,").contains(",Usage,").contains(",OpenAI,")
        .contains("T00:00:00Z").contains(",AI and Machine Learning,");
    assertThat(run.err()).contains("usage-report: demo: exporting from a fake of the API")
        .contains("usage-report: " + (lines.length - 1) + " FOCUS row(s).");
  }

  @Test
  void projectsAreNamedFromTheListing() {
    CliRun run = CliRun.run(Map.of(), "demo", "focus");

    assertThat(run.out()).contains(",Support Assistant,").contains(",Search Indexer,");
  }

  @Test
  void outputGoesToTheFileAndStdoutStaysEmpty(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("costs.focus.csv");

    CliRun run = CliRun.run(Map.of(), "demo", "focus", "--output", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("BilledCost,BillingAccountId,");
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary file left beside it
    }
  }

  @Test
  void withoutAKeyARealExportExitsWith2() {
    CliRun run = CliRun.run(Map.of(), "focus", "--start", "2026-11-01");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("OPENAI_ADMIN_KEY is not set").contains("'usage-report demo focus'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRealExportNeedsAStart() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "focus");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option '--start=<time>'");
  }

  @Test
  void groupByTakesOnlyApiKeyOrUser() {
    CliRun run = CliRun.run(Map.of(), "demo", "focus", "--group-by", "model");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'model' is not a group_by field of focus; allowed: api_key_id, user_id");
    assertThat(run.err()).doesNotContain("exporting from");
  }

  @Test
  void anOutputInAMissingDirectoryFailsBeforeTheDemoStarts(@TempDir Path dir) {
    CliRun run = CliRun.run(Map.of(), "demo", "focus", "--output", dir.resolve("no/such/dir/x.csv").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--output'").contains("does not exist")
        .doesNotContain("exporting from");
  }

  @Test
  void anEmptyWindowIsRefused() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "focus", "--start", "2026-11-02", "--end", "2026-11-01");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--end'").contains("must be after the start");
  }

  @Test
  void groupingByApiKeyFillsTheCustomColumn() {
    CliRun run = CliRun.run(Map.of(), "demo", "focus", "--group-by", "api_key_id");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().split("\r\n")[1]).contains(",key_");
  }

  /** A null amount, a currency that is no ISO 4217 code, a type this version does not know, an odd line item. */
  private static final String BAD_RESULTS = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
      + "\"start_time\":1793491200,\"end_time\":1793577600,\"results\":["
      + "{\"object\":\"organization.costs.result\",\"amount\":null,\"line_item\":\"gpt-4o, input\","
      + "\"project_id\":\"proj_a\"},"
      + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"1.5\",\"currency\":\"credits\"},"
      + "\"project_id\":\"proj_a\"},"
      + "{\"object\":\"organization.costs.v2.result\",\"amount\":{\"value\":2,\"currency\":\"usd\"}},"
      + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.25\",\"currency\":\"usd\"},"
      + "\"line_item\":\"realtime minutes (beta)\",\"project_id\":\"proj_a\",\"quantity\":3,"
      + "\"quantity_unit\":\"realtime_minutes\"}]}],"
      + "\"has_more\":false,\"next_page\":null}";

  @Test
  void resultsThatCannotBeRowsAreSkippedWithALineOnStderr() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    try {
      server.enqueue(CannedCosts.json(BAD_RESULTS));

      CliRun run = CliRun.run(CliRun.key("sk-admin-test"), "focus", "--start", "2026-11-01", "--end",
          "2026-11-02", "--no-project-names", "--base-url", server.url("/v1/").toString());

      assertThat(run.exit()).as(run.toString()).isZero();
      String[] lines = run.out().split("\r\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[1]).startsWith("0.25,").contains(",realtime minutes (beta),realtime minutes (beta),")
          .contains(",3,Realtime Minutes,");
      assertThat(run.err())
          .contains("usage-report: note: skipped a costs result of 2026-11-01T00:00:00Z (project proj_a, line item "
              + "'gpt-4o, input'): it has no amount")
          .contains("usage-report: note: skipped a costs result of 2026-11-01T00:00:00Z (project proj_a): its "
              + "currency 'credits' is not an ISO 4217 currency code")
          .contains("usage-report: note: skipped a result of 2026-11-01T00:00:00Z of type "
              + "'organization.costs.v2.result', which this version does not know as costs")
          .contains("usage-report: 1 FOCUS row(s).");
    } finally {
      server.shutdown();
    }
  }
}
