package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A window or filters that match nothing say so in one line, and the machine formats stay machine-readable. */
class NothingFoundTest {
  private static final String LINE = "Nothing found: no completions usage from 2026-10-22 00:00 UTC to 2026-11-21 "
      + "00:00 UTC matching models=gpt-4o. Model names are matched exactly, as the API reports them (for example "
      + "gpt-4o-2024-08-06, not gpt-4o)";

  @Test
  void aModelFilterThatMatchesNothingSaysNamesAreMatchedExactly() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--models", "gpt-4o");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("Per bucket").doesNotContain("total");
    assertThat(run.out().lines()).allMatch(line -> line.length() <= TableReport.WIDTH);  // wrapped like all prose
    assertThat(run.out().replace('\n', ' ')).contains(" " + LINE);
  }

  @Test
  void csvIsTheHeaderAloneAndStderrSaysWhy() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--models", "gpt-4o", "--format", "csv");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(1).allMatch(line -> line.startsWith("start_time,end_time,"));
    assertThat(run.err()).contains("usage-report: " + LINE);
  }

  @Test
  void jsonIsAnArrayOfEmptyBucketsAndStderrSaysWhy() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--models", "gpt-4o", "--format", "json");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("[").doesNotContain("organization.usage.completions.result");
    assertThat(run.err()).contains("usage-report: " + LINE);
  }

  @Test
  void aWindowWithResultsSaysNothingOfTheKind() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--format", "csv");

    assertThat(run.err()).doesNotContain("Nothing found");
  }
}
