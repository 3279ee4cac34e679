package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --concurrency and --cache change how many requests a report takes, never the report. */
class ConcurrencyAndCacheTest {
  private static final SyntheticOrganization ORGANIZATION =
      SyntheticOrganization.generate(7, Instant.parse("2026-10-01T00:00:00Z"), 14);

  @TempDir Path cache;
  private FakeUsageServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeUsageServer.builder().organization(ORGANIZATION).clock(CliRun.CLOCK).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun report(String format, String... more) {
    String[] base = {"completions", "--start", "2026-10-01", "--end", "2026-10-15", "--bucket-width", "1h",
        "--limit", "24", "--group-by", "model", "--format", format, "--base-url", server.url()};
    String[] args = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    return CliRun.run(CliRun.key(server.adminKey()), args);
  }

  @Test
  void concurrentReportsAreTheSequentialOnes() {
    for (String format : new String[] {"table", "csv", "html"}) {
      CliRun sequential = report(format);
      CliRun concurrent = report(format, "--concurrency", "4");

      assertThat(concurrent.exit()).as(concurrent.toString()).isZero();
      assertThat(concurrent.out()).as(format).isEqualTo(sequential.out());
    }
  }

  @Test
  void aCachedReportOfAClosedWindowMakesNoRequest() throws IOException {
    String uncached = report("csv").out();
    CliRun first = report("csv", "--cache", cache.toString(), "--concurrency", "3");
    int before = server.requestCount();

    CliRun again = report("csv", "--cache", cache.toString());

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).isEqualTo(first.out()).isEqualTo(uncached);
    assertThat(server.requestCount() - before).isZero();
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> all = files.collect(Collectors.toList());
      assertThat(all).hasSize(1);
      assertThat(new String(Files.readAllBytes(all.get(0)), StandardCharsets.UTF_8))
          .doesNotContain(server.adminKey());
    }
  }

  @Test
  void aConcurrencyOutsideOneToEightIsRefusedBeforeAnyRequest() {
    for (String bad : new String[] {"0", "9", "many"}) {
      CliRun run = report("table", "--concurrency", bad);

      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("--concurrency").contains("between 1 and 8");
    }
    assertThat(server.requestCount()).isZero();
  }
}
