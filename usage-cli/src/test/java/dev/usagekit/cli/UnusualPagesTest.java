package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages with no buckets, and results of a type this version does not know. */
class UnusualPagesTest {
  private static final String EMPTY = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  private static final String UNKNOWN_TYPE = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
      + "\"start_time\":1793404800,\"end_time\":1793491200,\"results\":["
      + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1000,\"output_tokens\":200,"
      + "\"num_model_requests\":3,\"model\":\"gpt-4o\"},"
      + "{\"object\":\"organization.usage.telepathy.result\",\"thoughts\":42,\"model\":\"gpt-4o\"}]}],"
      + "\"has_more\":false,\"next_page\":null}";

  /** A completions result with a count this version does not declare: what the API may add after a release. */
  private static final String NEW_COUNT = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
      + "\"start_time\":1793404800,\"end_time\":1793491200,\"results\":["
      + "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1000,\"output_tokens\":200,"
      + "\"num_model_requests\":3,\"input_audio_cached_tokens\":3,\"model\":\"gpt-4o\"}]}],"
      + "\"has_more\":false,\"next_page\":null}";
  private static final String NOTE = "note: count(s) this version does not know on "
      + "organization.usage.completions.result: input_audio_cached_tokens; counted under their JSON names, "
      + "--format json shows them whole.";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private CliRun run(String body, String endpoint, String format) {
    server.enqueue(CannedCosts.json(body));
    return CliRun.run(CliRun.key("sk-admin-test"), endpoint, "--start", "2026-10-31", "--format", format,
        "--group-by", "model", "--base-url", server.url("/v1/").toString());
  }

  @Test
  void aReportWithoutBucketsIsAnEmptyArray() {
    assertThat(run(EMPTY, "completions", "json").out()).isEqualTo("[]\n");
  }

  @Test
  void aReportWithoutBucketsIsJustTheCsvHeader() {
    String out = run(EMPTY, "completions", "csv").out();

    assertThat(out).startsWith("start_time,end_time,input_tokens,")
        .isEqualTo("start_time,end_time," + String.join(",", CsvReport.columns(UsageEndpoint.COMPLETIONS)) + "\r\n");
    assertThat(out.lines()).hasSize(1);
  }

  @Test
  void aReportWithoutBucketsSaysSoInTheTable() {
    assertThat(run(EMPTY, "completions", "table").out())
        .isEqualTo("completions, grouped by model (1 page)\n"
            + "Nothing found: no completions usage from 2026-10-31 00:00 UTC to now.\n");
  }

  @Test
  void aResultOfAnUnknownTypeIsKeptWholeInJson() {
    CliRun run = run(UNKNOWN_TYPE, "completions", "json");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("{\"object\":\"organization.usage.telepathy.result\",\"thoughts\":42,"
        + "\"model\":\"gpt-4o\"}");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aResultOfAnUnknownTypeIsACsvRowWithTheKnownColumnsAndANote() {
    CliRun run = run(UNKNOWN_TYPE, "completions", "csv");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(3);
    assertThat(run.err()).contains("note: 1 result(s) of a type this version does not know "
        + "(organization.usage.telepathy.result)").contains("--format json shows them whole");
  }

  @Test
  void aResultOfAnUnknownTypeAddsItsNumbersToTheTable() {
    CliRun run = run(UNKNOWN_TYPE, "completions", "table");

    assertThat(run.out()).contains("thoughts").containsPattern("(?m)^gpt-4o +1,000 +200 +3 +42$");
  }

  @Test
  void aCountThisVersionDoesNotDeclareGetsItsCsvColumnAndANote() {
    CliRun run = run(NEW_COUNT, "completions", "csv");

    List<String> lines = run.out().lines().collect(Collectors.toList());
    assertThat(lines.get(0)).isEqualTo("start_time,end_time,"
        + String.join(",", CsvReport.columns(UsageEndpoint.COMPLETIONS)) + ",input_audio_cached_tokens");
    assertThat(lines.get(1)).endsWith(",3");
    assertThat(run.err()).contains(NOTE);
  }

  @Test
  void aCountThisVersionDoesNotDeclareIsCountedAndNamedInTheTable() {
    CliRun run = run(NEW_COUNT, "completions", "table");

    assertThat(run.out()).containsPattern("(?m)^gpt-4o +1,000 +200 +3 +3$")
        .containsOnlyOnce("Not known to this version (counted under their JSON names; json has them whole): "
            + "input_audio_cached_tokens.");
    assertThat(run.err()).contains(NOTE);
  }

  @Test
  void aCountThisVersionDoesNotDeclareIsNamedInHtmlAndKeptInJson() {
    CliRun html = run(NEW_COUNT, "completions", "html");
    assertThat(html.out()).containsOnlyOnce("input_audio_cached_tokens (counted under their JSON names; json has "
        + "them whole)");
    assertThat(html.err()).contains(NOTE);

    CliRun json = run(NEW_COUNT, "completions", "json");
    assertThat(json.out()).contains("\"input_audio_cached_tokens\":3");
  }

  @Test
  void mainRunIsThePublicInProcessEntryPoint() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--version"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage-report ");
  }
}
