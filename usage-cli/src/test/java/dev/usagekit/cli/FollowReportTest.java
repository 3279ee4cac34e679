package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --follow} against the demo's fake API. A bounded run stops after a number of updates: the first poll is
 * made at once and holds the demo's 31 daily buckets (30 days and today so far), so nothing waits for a tick.
 */
class FollowReportTest {
  /** The demo's 30 days and today (2026-11-21, 09:30 by {@link CliRun#CLOCK}). */
  static final int FIRST_POLL = 31;

  private static CliRun follow(long maxUpdates, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new ReportTool(Map.of(), o, e, false).retryPolicy(CliRun.NO_WAIT).clock(CliRun.CLOCK)
          .follow(Schedulers.computation(), maxUpdates).run(args);
    }
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\r?\n"));
  }

  @Test
  void demoFollowPrintsOneLinePerBucketAndSaysWhichAreFinal() {
    CliRun run = follow(FIRST_POLL, "demo", "--follow");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<String> lines = lines(run.out());
    assertThat(lines).hasSize(FIRST_POLL);
    assertThat(lines.get(0)).startsWith("2026-10-22        final").containsPattern("[0-9.,]+ usd");
    assertThat(lines.subList(0, 30)).allMatch(line -> line.contains(" final "));
    assertThat(lines.get(30)).startsWith("2026-11-21        open ");
  }

  @Test
  void followWithJsonPrintsOneObjectPerLineWithTheBucketAndTheResumePoint() throws Exception {
    CliRun run = follow(FIRST_POLL, "demo", "costs", "--follow", "--format", "json");

    assertThat(run.exit()).as(run.toString()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> updates = new ArrayList<>();
    for (String line : lines(run.out())) {
      updates.add(mapper.readTree(line));
    }
    assertThat(updates).hasSize(FIRST_POLL);
    JsonNode last = updates.get(30);
    assertThat(last.get("final").asBoolean()).isFalse();
    assertThat(last.get("resume_from").asLong()).isEqualTo(1795219200L); // 2026-11-21T00:00:00Z
    assertThat(last.get("bucket").get("start_time").asLong()).isEqualTo(1795219200L);
    assertThat(updates.get(0).get("final").asBoolean()).isTrue();
    assertThat(updates.get(0).get("bucket").get("results").isArray()).isTrue();
  }

  @Test
  void followWithCsvPrintsAHeaderThenRowsWithFinalAndResumeFrom() {
    CliRun run = follow(FIRST_POLL, "demo", "costs", "--follow", "--format", "csv", "--group-by", "project_id");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<String> lines = lines(run.out());
    assertThat(lines.get(0)).startsWith("final,resume_from,start_time,end_time,");
    assertThat(lines.get(1)).startsWith("true,2026-10-23T00:00:00Z,2026-10-22T00:00:00Z,2026-10-23T00:00:00Z,");
    assertThat(lines.get(lines.size() - 1)).startsWith("false,2026-11-21T00:00:00Z,2026-11-21T00:00:00Z,");
  }

  @Test
  void intervalAndGraceAcceptShortFormsAndIso8601() {
    CliRun run = follow(FIRST_POLL, "demo", "costs", "--follow", "--interval", "PT30S", "--grace", "0s");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(lines(run.out())).hasSize(FIRST_POLL);
  }

  @Test
  void durationsAreReadInEveryForm() {
    assertThat(FollowReport.DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(FollowReport.DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(FollowReport.DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(FollowReport.DurationConverter.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(FollowReport.DurationConverter.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(FollowReport.DurationConverter.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void anIntervalThatIsNotADurationExitsWith2NamingTheOption() {
    CliRun run = follow(1, "demo", "costs", "--follow", "--interval", "soon");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--interval").contains("'soon' is not a duration");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anIntervalBelowOneSecondExitsWith2() {
    CliRun run = follow(1, "demo", "costs", "--follow", "--interval", "500ms");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--interval").contains("at least 1s");
  }

  @Test
  void aNegativeGraceExitsWith2NamingTheOption() {
    CliRun run = follow(1, "demo", "costs", "--follow", "--grace", "PT-1H");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--grace");
  }

  @Test
  void intervalWithoutFollowExitsWith2() {
    CliRun run = follow(1, "demo", "costs", "--interval", "5m");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Option '--interval' needs --follow");
  }

  @Test
  void followWithAnEndExitsWith2() {
    CliRun run = follow(1, "demo", "costs", "--follow", "--start", "2026-11-01", "--end", "2026-11-10");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Option '--end' cannot be used with --follow");
  }

  @Test
  void followWithAFormatThatCannotStreamExitsWith2() {
    CliRun run = follow(1, "demo", "costs", "--follow", "--format", "html");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--format").contains("allowed: table, csv, json");
  }

  @Test
  void helpListsTheFollowOptions() {
    CliRun run = follow(1, "costs", "--help");

    assertThat(run.out()).contains("--follow").contains("--interval=<duration>").contains("--grace=<duration>");
  }
}
