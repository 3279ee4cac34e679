package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.SpendLimitEnforcement;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code usage-report spend} and {@code demo spend}: answer first, then projects; csv and json; options checked
 * before any work; and the inputs that must give a clear line, never an exception.
 */
class SpendCommandTest {
  /** CliRun.CLOCK's today: 2026-11-21, so the month to date is 2026-11-01 to 2026-11-20. */
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @Test
  void demoSpendAnswersFirstWithTheLimitThenMonthToDateProjectionAlertsAndProjects() {
    CliRun run = CliRun.run(Map.of(), "demo", "spend");

    assertThat(run.exit()).as(run.toString()).isEqualTo(0);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("Hard limit: ").contains(" a month, enforcing.");
    assertThat(lines.get(1)).startsWith("Month to date (2026-11-01 to 2026-11-20, complete days): ");
    assertThat(lines.get(2)).startsWith("Projected month end (2026-11-30): ").contains("90% between");
    assertThat(lines.get(3)).startsWith("Alert alert_half at ");
    assertThat(lines.get(4)).startsWith("Alert alert_most at ");
    assertThat(run.out()).contains("Projects (usd):");
    assertThat(run.out().lines().filter(line -> line.contains("(proj_") && line.matches(".*\\d{4}-\\d\\d-\\d\\d$")))
        .as("the demo's project limit is reached this month").hasSize(1);
    assertThat(run.err()).contains("demo: running against");
  }

  @Test
  void demoSpendAsCsvHasOneRowForTheOrganisationAndOnePerProject() {
    CliRun run = CliRun.run(Map.of(), "demo", "spend", "--format", "csv");

    assertThat(run.exit()).as(run.toString()).isEqualTo(0);
    List<String> rows = run.out().lines().toList();
    assertThat(rows.get(0)).isEqualTo("scope,project_id,project_name,currency,month_to_date,projected,low,high,"
        + "limit,limit_status,limit_reached_on,as_of");
    assertThat(rows.get(1)).startsWith("organization,,,usd,").contains(",enforcing,").endsWith(",2026-11-21");
    assertThat(rows.subList(2, rows.size())).isNotEmpty().allMatch(row -> row.startsWith("project,proj_"));
  }

  @Test
  void demoSpendAsJsonHasTheLimitProjectionAlertsAndProjects() throws Exception {
    CliRun run = CliRun.run(Map.of(), "demo", "spend", "--format", "json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("limit").get("object").textValue()).isEqualTo(SpendLimit.ORGANIZATION_OBJECT);
    assertThat(json.get("organization").get("projected").decimalValue())
        .isGreaterThanOrEqualTo(json.get("organization").get("month_to_date").decimalValue());
    assertThat(json.get("alerts")).hasSize(2);
    assertThat(json.get("projects").size()).isGreaterThan(1);
    assertThat(json.get("notes")).isEmpty();
  }

  @Test
  void demoSpendAsHtmlDrawsTheBurnChartWithTheActualDaysTheProjectionAndTheLimit() {
    CliRun run = CliRun.run(Map.of(), "demo", "spend", "--format", "html");

    assertThat(run.exit()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("<svg class=\"chart\"")
        .contains("<polyline class=\"actual\"").contains("<polyline class=\"projected\"")
        .contains("<line class=\"limit\"").contains("Hard limit: ").doesNotContain("{{");
    // One point per complete day of the month (20) and per remaining day (10).
    assertThat(run.out().split("<circle class=\"actual\"", -1)).hasSize(21);
    assertThat(run.out().split("<circle class=\"projected\"", -1)).hasSize(11);
  }

  @Test
  void aFormatSpendCannotRenderIsRefusedBeforeAnyWork() {
    CliRun run = CliRun.run(Map.of(), "demo", "spend", "--format", "xml");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'xml' is not a format of spend; allowed: table, csv, json, html")
        .doesNotContain("demo: running against");
  }

  @Test
  void aBadHistoryLengthIsRefusedBeforeAnyWork() {
    CliRun run = CliRun.run(Map.of(), "demo", "spend", "--history-days", "0");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(SpendCommand.HISTORY_DAYS).contains("from 1 to 90")
        .doesNotContain("demo: running against");
  }

  @Test
  void withoutAKeyItSaysSoAndPointsAtTheDemo() {
    CliRun run = CliRun.run(Map.of(), "spend");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(Commands.ADMIN_KEY_VARIABLE + " is not set").contains("demo spend");
  }

  // --- bad input: a clear line each, never an exception ----------------------------------------------------

  private static SpendLimit limit(String dollars, String currency, String interval) {
    return SpendLimit.builder().object(SpendLimit.ORGANIZATION_OBJECT)
        .thresholdAmount(new BigDecimal(dollars).movePointRight(2)).currency(currency).interval(interval)
        .enforcement(SpendLimitEnforcement.builder().status(SpendLimitEnforcement.ENFORCING).build()).build();
  }


  private static CliRun spend(FakeUsageServer server, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "spend";
    args[1] = "--base-url";
    args[2] = server.url();
    System.arraycopy(more, 0, args, 3, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), args);
  }

  private static void daily(FakeUsageServer server, LocalDate from, String projectId, String perDay) {
    for (LocalDate day = from; day.isBefore(TODAY); day = day.plusDays(1)) {
      Instant noon = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
      server.add(noon, TestData.costs().amount(CostsAmount.builder().value(new BigDecimal(perDay)).currency("usd")
          .build()).projectId(projectId).build());
    }
  }

  @Test
  void noLimitSetIsALineNotAnError() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().clock(CliRun.CLOCK).start()) {
      server.projectName("proj_a", "Alpha");
      daily(server, LocalDate.of(2026, 11, 1), "proj_a", "10");

      CliRun run = spend(server);

      assertThat(run.exit()).as(run.toString()).isEqualTo(0);
      assertThat(run.out().lines().findFirst()).hasValue("Hard limit: none set.");
      assertThat(run.out()).contains("Alpha (proj_a)").contains("200.00 usd");
    }
  }

  @Test
  void aLimitInAnotherCurrencyIsNotComparedAndSaysSo() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().clock(CliRun.CLOCK)
        .spendLimit(limit("100", "EUR", "month")).start()) {
      daily(server, LocalDate.of(2026, 11, 1), "proj_a", "10");

      CliRun run = spend(server);

      assertThat(run.exit()).as(run.toString()).isEqualTo(0);
      assertThat(run.out().lines().findFirst()).hasValue("Hard limit: not compared (see the notes).");
      assertThat(run.out()).contains("Note: the organization's hard limit is in EUR and the costs are in usd: "
          + "not compared");
    }
  }

  @Test
  void aLimitOverAnotherIntervalThanTheMonthIsNotComparedAndSaysSo() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().clock(CliRun.CLOCK)
        .spendLimit(limit("100", "USD", "week")).start()) {
      daily(server, LocalDate.of(2026, 11, 1), "proj_a", "10");

      CliRun run = spend(server);

      assertThat(run.exit()).as(run.toString()).isEqualTo(0);
      assertThat(run.out()).contains("Note: the organization's hard limit is per week, not per month");
    }
  }

  @Test
  void aMonthWithNoCostsYetSaysSoAndIsProjectedFromTheDaysBefore() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().clock(CliRun.CLOCK)
        .spendLimit(limit("100", "USD", "month")).start()) {
      for (LocalDate day = LocalDate.of(2026, 10, 25); day.isBefore(LocalDate.of(2026, 11, 1)); day = day.plusDays(1)) {
        server.add(day.atTime(12, 0).toInstant(ZoneOffset.UTC), TestData.costs().projectId("proj_a").build());
      }

      CliRun run = spend(server, "--history-days=30");

      assertThat(run.exit()).as(run.toString()).isEqualTo(0);
      assertThat(run.out()).contains("0.00 usd (no costs yet this month)");
      assertThat(run.out().lines().findFirst()).hasValue("Hard limit: 100.00 usd a month, enforcing. "
          + "Not reached this month at the current rate.");
    }
  }

  @Test
  void aProjectDeletedMidMonthIsShownByIdAndSaysSo() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().clock(CliRun.CLOCK).start()) {
      server.projectName("proj_a", "Alpha");
      daily(server, LocalDate.of(2026, 11, 1), "proj_a", "10");
      for (LocalDate day = LocalDate.of(2026, 11, 1); day.isBefore(LocalDate.of(2026, 11, 10)); day = day.plusDays(1)) {
        server.add(day.atTime(12, 0).toInstant(ZoneOffset.UTC), TestData.costs().projectId("proj_gone").build());
      }

      CliRun run = spend(server);

      assertThat(run.exit()).as(run.toString()).isEqualTo(0);
      assertThat(run.out()).contains("proj_gone (not listed: deleted?)");
    }
  }
}
