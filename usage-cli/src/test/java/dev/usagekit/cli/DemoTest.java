package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo: a fake API on loopback with a synthetic organisation, with no key and no network. */
class DemoTest {
  @Test
  void demoPrintsTheCostsOfTheLast30DaysByProjectAndLineItem() {
    CliRun run = CliRun.run(Map.of(), "demo");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .startsWith("costs: 2026-10-22 00:00 to 2026-11-21 00:00 UTC, 30 buckets of 1d, "
            + "grouped by project_id, line_item (5 pages)\n")
        .contains("Per bucket, all groups together:")
        .contains("Per project_id, line_item, over the 30 buckets:")
        .containsPattern("(?m)^total +[0-9,]+\\.[0-9]{2} usd$");
  }

  @Test
  void demoSaysOnStderrThatItRunsAgainstALocalFake() {
    CliRun run = CliRun.run(Map.of(), "demo");

    assertThat(run.err())
        .contains("usage-report: demo: running against a fake of the API on http://127.0.0.1:")
        .contains("nothing leaves this machine")
        .contains("the costs of those days, grouped by project and line item");
  }

  @Test
  void demoIgnoresARealKey() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-real-key"), "demo");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).contains("demo: running against a fake");
  }

  @Test
  void demoIsTheSameOrganisationEveryTime() {
    assertThat(CliRun.run(Map.of(), "demo").out()).isEqualTo(CliRun.run(Map.of(), "demo").out());
  }

  /** A cron job without its key must fail, never store demo numbers and call it success. */
  @Test
  void withoutAKeyARealReportExitsWith2AndNeverShowsDemoData() {
    CliRun run = CliRun.run(Map.of(), "completions", "--group-by", "model", "--format", "csv");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("OPENAI_ADMIN_KEY is not set").contains("export OPENAI_ADMIN_KEY=")
        .contains("'usage-report demo completions'").doesNotContain("running against a fake");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBlankKeyIsNoKeyAndTheMessageSaysWhatTheVariableHolds() {
    CliRun blank = CliRun.run(CliRun.key("  "), "costs");
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(blank.err()).contains("OPENAI_ADMIN_KEY holds only spaces").doesNotContain("is not set");
    assertThat(blank.out()).isEmpty();

    CliRun empty = CliRun.run(CliRun.key(""), "costs");      // export OPENAI_ADMIN_KEY= (set, but empty)
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("OPENAI_ADMIN_KEY is set but empty").doesNotContain("is not set");

    CliRun serve = CliRun.run(CliRun.key(""), "serve", "--port", "0");
    assertThat(serve.exit()).isEqualTo(2);
    assertThat(serve.err()).contains("OPENAI_ADMIN_KEY is set but empty").doesNotContain("is not set");
  }

  @Test
  void demoTakesAnyEndpointWithItsOptions() {
    CliRun run = CliRun.run(Map.of(), "demo", "images", "--bucket-width", "1h", "--start", "2026-11-02",
        "--end", "2026-11-03", "--group-by", "size", "--sizes", "1024x1024", "--format", "json");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("[\n{\"object\":\"bucket\"").endsWith("\n]\n")
        .contains("\"size\":\"1024x1024\"").doesNotContain("\"size\":\"512x512\"");
  }

  @Test
  void theDemoShowsUserAndApiKeyNames() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--group-by", "user_id,api_key_id", "--format", "csv");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern(",user-[A-Za-z0-9]+,[a-z.]+@example\\.com,")
        .containsPattern(",key_[A-Za-z0-9]+,[a-z-]+,");
  }

  @Test
  void demoFormatAppliesToTheDefaultReport() {
    CliRun run = CliRun.run(Map.of(), "demo", "--format", "csv");

    assertThat(run.out())
        .startsWith("start_time,end_time,amount,currency,line_item,project_id,project_name,api_key_id,api_key_name,"
            + "quantity,quantity_unit,user_id,user_name,api_source\r\n")
        .containsPattern(",proj_[A-Za-z0-9]+,[A-Z][A-Za-z ]+,");
  }

  @Test
  void vectorStoreBytesAreALevelTotalledAsLatestAndPeakNeverSummed() {
    CliRun run = CliRun.run(Map.of(), "demo", "vector-stores");

    List<String> lines = run.out().lines().toList();
    assertThat(lines.stream().filter(line -> line.startsWith("bucket")).findFirst().orElseThrow().split("  +"))
        .containsExactly("bucket", "usage_bytes (latest)", "usage_bytes (peak)");
    assertThat(run.out()).contains("A level (usage_bytes) is not added up over time: its latest value and its peak.");
    List<long[]> buckets = lines.stream().filter(line -> line.startsWith("20")).map(DemoTest::numbers).toList();
    long[] total = numbers(lines.stream().filter(line -> line.startsWith("total")).findFirst().orElseThrow());
    long peak = buckets.stream().mapToLong(bucket -> bucket[0]).max().orElseThrow();
    assertThat(buckets).hasSize(30);
    assertThat(total).containsExactly(buckets.get(buckets.size() - 1)[0], peak);
  }

  /** The numbers of a table line, after its first cell. */
  private static long[] numbers(String line) {
    return Arrays.stream(line.trim().split(" +")).skip(1).mapToLong(n -> Long.parseLong(n.replace(",", "")))
        .toArray();
  }
}
