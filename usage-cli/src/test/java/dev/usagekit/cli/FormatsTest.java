package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three formats over the same two canned pages of costs. */
class FormatsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    CannedCosts.enqueue(server);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private CliRun run(String format) {
    return CliRun.run(CliRun.key(CannedCosts.KEY), CannedCosts.args(server, format));
  }

  @Test
  void jsonIsEveryBucketOfEveryPageExactlyAsSentInOneArray() {
    CliRun run = run("json");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("[\n" + CannedCosts.BUCKET_1 + ",\n" + CannedCosts.BUCKET_2 + "\n]\n");
  }

  @Test
  void jsonKeepsStringAmountsAndUnknownFields() {
    String out = run("json").out();

    assertThat(out).contains("\"value\":\"0.0040000000000000000\"")
        .contains("\"value\": \"0E-6176\"")
        .contains("\"organization_id\":\"org-abc\"")
        .contains("\"start_time_iso\": \"2026-11-01T00:00:00+00:00\"");
  }

  @Test
  void jsonFollowsTheCursorOfEachPage() throws InterruptedException {
    run("json");

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getRequestUrl().queryParameter("page")).isNull();
    assertThat(second.getRequestUrl().queryParameter("page")).isEqualTo("page_AAAA");
    assertThat(second.getRequestUrl().queryParameterValues("group_by")).containsExactly("project_id", "line_item");
  }

  @Test
  void csvHasAHeaderAndOneRowPerResultQuotedAsRfc4180() {
    CliRun run = run("csv");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(
        "start_time,end_time,amount,currency,line_item,project_id,project_name,api_key_id,api_key_name,quantity,"
            + "quantity_unit,user_id,user_name,api_source\r\n"
            + "2026-10-31T00:00:00Z,2026-11-01T00:00:00Z,0.004,usd,\"gpt-4o, input\",proj_a,,,,,,,,\r\n"
            + "2026-10-31T00:00:00Z,2026-11-01T00:00:00Z,1.001,usd,\"say \"\"hi\"\"\",proj_b,,,,,,,,\r\n"
            + "2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,0.001,usd,\"gpt-4o, input\",proj_a,,,,,,,,\r\n"
            + "2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,0,usd,\"say \"\"hi\"\"\",proj_b,,,,,,,,\r\n");
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaksOnly() {
    assertThat(CsvReport.quote("plain")).isEqualTo("plain");
    assertThat(CsvReport.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvReport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvReport.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvReport.quote("cr\r")).isEqualTo("\"cr\r\"");
    assertThat(CsvReport.quote("")).isEmpty();
  }

  @Test
  void tableShowsEachBucketEachGroupAndTheTotalToTheCent() {
    CliRun run = run("table");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(String.join("\n",
        "costs: 2026-10-31 00:00 to 2026-11-02 00:00 UTC, 2 buckets of 1d, grouped by project_id, line_item"
            + " (2 pages)",
        "",
        "Total: 1.01 usd",
        "",
        "Per project_id, over the 2 buckets:",
        "project_id    amount",
        "----------  --------",
        "proj_b      1.00 usd",
        "proj_a      0.01 usd",
        "total       1.01 usd",
        "",
        "Per line_item, over the 2 buckets:",
        "line_item        amount",
        "-------------  --------",
        "say \"hi\"       1.00 usd",
        "gpt-4o, input  0.01 usd",
        "total          1.01 usd",
        "",
        "Per project_id, line_item, over the 2 buckets:",
        "project_id  line_item        amount",
        "----------  -------------  --------",
        "proj_b      say \"hi\"       1.00 usd",
        "proj_a      gpt-4o, input  0.01 usd",
        "total                      1.01 usd",
        "",
        "Per bucket, all groups together:",
        "bucket        amount",
        "----------  --------",
        "2026-10-31  1.01 usd",
        "2026-11-01  0.00 usd",
        "total       1.01 usd",
        "",
        "Amounts are rounded to the cent; csv and json give them exactly.",
        ""));
  }

  @Test
  void nothingButTheReportGoesToStdout() {
    CliRun run = run("csv");

    assertThat(run.out()).doesNotContain("usage-report");
    assertThat(run.err()).isEmpty();
  }
}
