package dev.usagekit.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;

/**
 * Writes the demo's HTML report as of a fixed day, for {@code docs/screenshot.sh}: the README's picture shows the same
 * page whenever it is made, so CI can make it again and compare. Run with the test classes before the jar on the
 * class path: {@code java -cp usage-cli/target/test-classes:usage-cli/target/usage-report.jar
 * dev.usagekit.cli.DemoPage 2026-12-07 report.html}.
 */
public final class DemoPage {
  private DemoPage() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DemoPage <day, such as 2026-12-07> <file.html>");
      System.exit(ExitCodes.USAGE);
    }
    Instant noon = LocalDate.parse(args[0]).atTime(12, 0).toInstant(ZoneOffset.UTC);
    int exit = new ReportTool(Collections.emptyMap(), System.out, System.err, false)
        .clock(Clock.fixed(noon, ZoneOffset.UTC))
        .run(new String[] {"demo", "--format", "html", "--output", args[1]});
    System.exit(exit);
  }
}
