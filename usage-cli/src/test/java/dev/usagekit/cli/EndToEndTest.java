package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the fake server with a synthetic organisation: rate limits, server errors and dropped
 * connections on the way are retried, and the report is the same as without them.
 */
class EndToEndTest {
  private static final SyntheticOrganization ORGANIZATION =
      SyntheticOrganization.generate(7, Instant.parse("2026-10-01T00:00:00Z"), 14);

  private FakeUsageServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().organization(ORGANIZATION).clock(CliRun.CLOCK).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The report of the organisation's 14 days. */
  private CliRun report(String endpoint, String format, String... more) {
    String[] base = {endpoint, "--start", "2026-10-01", "--end", "2026-10-15", "--format", format,
        "--base-url", server.url()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), args);
  }

  private void faults() {
    server.enqueue(Fault.rateLimited());
    server.enqueue(Fault.serverError(500));
    server.enqueue(Fault.disconnectDuringBody());
    server.enqueue(Fault.serverError(503));
  }

  @Test
  void faultsOnTheWayStillGiveTheFullJsonReport() {
    String clean = report("costs", "json", "--limit", "3", "--group-by", "project_id,line_item").out();
    int cleanRequests = server.requestCount();
    faults();

    CliRun faulted = report("costs", "json", "--limit", "3", "--group-by", "project_id,line_item");

    assertThat(faulted.exit()).as(faulted.toString()).isZero();
    assertThat(faulted.out()).isEqualTo(clean);
    assertThat(cleanRequests).isEqualTo(5); // 14 days, 3 per page
    assertThat(server.requestCount()).isEqualTo(2 * cleanRequests + 4);
  }

  @Test
  void faultsOnTheWayStillGiveTheFullTable() {
    String clean = report("completions", "table", "--group-by", "model", "--bucket-width", "1h", "--limit", "48").out();
    faults();

    CliRun faulted = report("completions", "table", "--group-by", "model", "--bucket-width", "1h", "--limit", "48");

    assertThat(faulted.exit()).as(faulted.toString()).isZero();
    assertThat(faulted.out()).isEqualTo(clean).contains("336 buckets of 1h").contains("(7 pages)");
  }

  @Test
  void faultsOnTheWayStillGiveTheFullCsv() {
    String clean = report("images", "csv", "--limit", "3", "--group-by", "size").out();
    faults();

    CliRun faulted = report("images", "csv", "--limit", "3", "--group-by", "size");

    assertThat(faulted.exit()).as(faulted.toString()).isZero();
    assertThat(faulted.out()).isEqualTo(clean);
  }

  @Test
  void aRateLimitsRetryAfterIsWaitedForAndTheReportCompletes() {
    String clean = report("costs", "csv", "--limit", "7").out();
    server.enqueue(Fault.rateLimited(1));

    CliRun limited = report("costs", "csv", "--limit", "7");

    assertThat(limited.exit()).as(limited.toString()).isZero();
    assertThat(limited.out()).isEqualTo(clean);
  }

  @Test
  void theTableTotalIsTheOrganisationsTotalCostToTheCent() {
    CliRun run = report("costs", "table", "--group-by", "line_item");

    BigDecimal cents = ORGANIZATION.totalCost().setScale(2, RoundingMode.HALF_UP);
    assertThat(cents.signum()).isPositive();
    assertThat(run.out()).containsPattern("(?m)^total +" + Pattern.quote(grouped(cents)) + " usd$");
  }

  @Test
  void csvHasOneRowPerResultOfEveryPage() {
    CliRun run = report("costs", "csv", "--group-by", "project_id");

    long results = run.out().lines().skip(1).count();
    assertThat(results).isGreaterThan(14).isEqualTo(jsonResults("costs", "--group-by", "project_id"));
  }

  @Test
  void everyEndpointReportsInEveryFormat() {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      for (String format : new String[] {"table", "csv", "json"}) {
        CliRun run = report(Commands.commandName(endpoint), format);
        assertThat(run.exit()).as(endpoint + " " + format + "\n" + run).isZero();
        assertThat(run.out()).as(endpoint + " " + format).isNotBlank();
      }
    }
  }

  private long jsonResults(String endpoint, String... more) {
    String json = report(endpoint, "json", more).out();
    return json.split("\"object\":\"organization\\.").length - 1;
  }

  /** 1234.50 as people write it: 1,234.50. */
  private static String grouped(BigDecimal cents) {
    return String.format(Locale.ROOT, "%,.2f", cents);
  }
}
