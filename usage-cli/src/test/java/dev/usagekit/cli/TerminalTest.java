package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress on stderr only when stderr is a terminal; help and version on stdout. */
class TerminalTest {
  @Test
  void progressShowsPagesBucketsAndElapsedTimeWhenStderrIsATerminal() {
    CliRun run = CliRun.run(true, Map.of(), "demo", "costs", "--limit", "10");

    assertThat(run.err()).containsPattern("\rusage-report: 1 page, 10 buckets, [0-9]+\\.[0-9] s \\.\\.\\.")
        .containsPattern("\rusage-report: 3 pages, 30 buckets, [0-9]+\\.[0-9] s *\n");
  }

  @Test
  void noProgressWhenStderrIsNotATerminal() {
    CliRun run = CliRun.run(false, Map.of(), "demo", "costs", "--limit", "10");

    assertThat(run.err()).doesNotContain("\r").doesNotContain("buckets,");
  }

  @Test
  void progressNeverReachesStdout() {
    CliRun run = CliRun.run(true, Map.of(), "demo", "--format", "json");

    assertThat(run.out()).startsWith("[").doesNotContain("usage-report");
  }

  @Test
  void helpListsTheEndpointsTheKeyVariableTheDemoAndTheExitCodes() {
    CliRun run = CliRun.run(Map.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(oneLine(run.out()))
        .contains("Usage: usage-report <endpoint> --start=<time> [options]")
        .contains("completions", "audio-transcriptions", "code-interpreter-sessions", "web-search-calls", "costs")
        .contains("OPENAI_ADMIN_KEY")
        .contains("prints its costs for those 30 days")
        .contains("2 bad arguments")
        .contains("3 API error")
        .contains("4 network failure after retries");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void helpOfAnEndpointListsItsFiltersAndAllowedValues() {
    CliRun run = CliRun.run(Map.of(), "images", "--help");

    assertThat(run.exit()).isZero();
    assertThat(oneLine(run.out())).contains("--sources=<source>[,<source>...]")
        .contains("image.generation, image.edit, image.variation")
        .contains("--group-by=<field>[,<field>...]")
        .contains("project_id, user_id, api_key_id, model, size, source")
        .contains("1m: 1 to 1440 (default 60); 1h: 1 to 168 (default 24); 1d: 1 to 31 (default 7)")
        .doesNotContain("--context-levels");
  }

  @Test
  void helpOfDemoSaysWhatItPrintsWithoutAnEndpoint() {
    CliRun run = CliRun.run(Map.of(), "demo", "--help");

    assertThat(oneLine(run.out())).contains("Without an endpoint it prints the costs of those 30 days, per day, grouped by")
        .contains("usage-report demo costs --group-by=project_id,line_item");
  }

  @Test
  void versionIsPrinted() {
    CliRun run = CliRun.run(Map.of(), "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("usage-report " + Version.VERSION);
  }

  @Test
  void versionAnsweredBeforeTheCommandTreeIsWhatPicocliPrints() {
    StringWriter picocli = new StringWriter();
    Commands.create().printVersionHelp(new PrintWriter(picocli, true));

    for (String flag : new String[] {"--version", "-V"}) {
      CliRun run = CliRun.run(Map.of(), flag);

      assertThat(run.exit()).isZero();
      assertThat(run.out()).isEqualTo(picocli.toString());
      assertThat(run.err()).isEmpty();
    }
  }

  /** Help text with its line breaks and indents as single spaces. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }
}
