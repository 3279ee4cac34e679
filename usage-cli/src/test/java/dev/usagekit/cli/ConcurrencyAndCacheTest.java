package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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
    try (Stream<Path> files = Files.walk(cache)) {
      List<Path> all = files.filter(Files::isRegularFile).collect(Collectors.toList());
      assertThat(all).as("a file per day").hasSize(14);
      for (Path file : all) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).doesNotContain(server.adminKey());
      }
    }
    assertThat(again.err()).doesNotContain("warning");
  }

  @Test
  void aDamagedCacheIsFetchedAgainWithOneWarning() throws IOException {
    String uncached = report("csv").out();
    report("csv", "--cache", cache.toString());
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Files.write(file, "\u001b[2J garbage".getBytes(StandardCharsets.UTF_8)); // every day's file
      }
    }
    int before = server.requestCount();

    CliRun again = report("csv", "--cache", cache.toString());

    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).isEqualTo(uncached);
    assertThat(server.requestCount() - before).as("the window fetched again").isPositive();
    assertThat(again.err().split("\n")).filteredOn(line -> line.contains("warning")).singleElement()
        .asString().contains("2026-10-01.json").doesNotContain("\u001b");
  }

  @Test
  void anotherServersCacheIsNotServed() throws IOException {
    report("csv", "--cache", cache.toString());
    try (FakeUsageServer other = FakeUsageServer.builder().organization(SyntheticOrganization.generate(8,
        Instant.parse("2026-10-01T00:00:00Z"), 14)).clock(CliRun.CLOCK).start()) {
      String[] args = {"completions", "--start", "2026-10-01", "--end", "2026-10-15", "--bucket-width", "1h",
          "--limit", "24", "--group-by", "model", "--format", "csv", "--base-url", other.url(),
          "--cache", cache.toString()};
      String otherUncached = CliRun.run(CliRun.key(other.adminKey()), Arrays.copyOf(args, args.length - 2)).out();
      int before = other.requestCount();

      CliRun run = CliRun.run(CliRun.key(server.adminKey()), args); // the first server's key, the other's URL

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(other.requestCount() - before).as("fetched from the other server").isPositive();
      assertThat(run.out()).isEqualTo(otherUncached).isNotEqualTo(report("csv").out());
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
