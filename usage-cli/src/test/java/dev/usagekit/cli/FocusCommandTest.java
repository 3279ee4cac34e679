package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.rx.FocusRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
