package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.GroupByField;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server text with terminal escapes, line breaks or spreadsheet formulas is shown, never acted on. */
class HostileTextTest {
  private static final char ESC = 0x1b;
  private FakeUsageServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().clock(CliRun.CLOCK).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun costs(String... more) {
    String[] args = {"costs", "--start", "2026-11-01", "--end", "2026-11-08", "--group-by",
        GroupByField.LINE_ITEM.wireValue(), "--base-url", server.url()};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(CliRun.key(server.adminKey()), all);
  }

  @Test
  void anErrorMessageWithEscapesAndLineBreaksIsPrintedVisiblyOnOneLine() {
    server.enqueue(Fault.response(400, "application/json", "{\"error\":{\"message\":\"bad\\u001b[2J\\r\\n"
        + "usage-report: everything is fine\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));

    CliRun run = costs();

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).doesNotContain(String.valueOf(ESC)).doesNotContain("\r")
        .contains("bad\\u001b[2J\\u000d\\u000ausage-report: everything is fine");
    assertThat(run.err().lines()).noneMatch(line -> line.startsWith("usage-report: everything is fine"));
  }

  @Test
  void tableCellsShowControlCharactersVisibly() {
    server.add(Instant.parse("2026-11-02T10:00:00Z"),
        TestData.costs().lineItem("red" + ESC + "]0;owned" + (char) 7 + " text").build());

    CliRun run = costs();

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).doesNotContain(String.valueOf(ESC)).contains("red\\u001b]0;owned\\u0007 text");
  }

  @Test
  void csvCellsThatWouldRunAsFormulasAreNeutralisedButNumbersAreNot() {
    server.add(Instant.parse("2026-11-02T10:00:00Z"),
        TestData.costs().lineItem("=HYPERLINK(\"http://x\")").amount(TestData.usd("-1.5")).build());
    server.add(Instant.parse("2026-11-03T10:00:00Z"), TestData.costs().lineItem("@SUM(A1)").build());

    CliRun run = costs("--format", "csv");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",").contains(",'@SUM(A1),")
        .contains(",-1.5,usd,");
  }

  @Test
  void csvCellsShowControlAndBidiCharactersVisiblyAsTheTableDoes() {
    String hostile = "red" + ESC + "]0;owned" + (char) 7 + " te" + (char) 0 + "xt\u202egnp.exe\r\nforged,row";
    server.add(Instant.parse("2026-11-02T10:00:00Z"), TestData.costs().lineItem(hostile).build());

    CliRun csv = costs("--format", "csv");
    CliRun table = costs();

    assertThat(csv.exit()).as(csv.toString()).isZero();
    String shown = "red\\u001b]0;owned\\u0007 te\\u0000xt\\u202egnp.exe\\u000d\\u000aforged,row";
    assertThat(table.out()).contains("red\\u001b]0;owned\\u0007");
    assertThat(csv.out()).contains(",\"" + shown + "\",");
    for (char c : new char[] {ESC, 7, 0, 0x202e}) {
      assertThat(csv.out()).as("U+%04x", (int) c).doesNotContain(String.valueOf(c));
    }
    assertThat(csv.out().split("\r\n")).as("one header and one row").hasSize(2);
  }
}
