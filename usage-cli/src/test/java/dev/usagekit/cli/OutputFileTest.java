package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output} replaces its file in one step, never writing through a symlink. */
class OutputFileTest {
  @Test
  void anOutputThatIsASymlinkIsReplacedAndItsTargetLeftAlone(@TempDir Path dir) throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious\n");
    Path report = dir.resolve("report.csv");
    Files.createSymbolicLink(report, victim);

    CliRun run = CliRun.run(Map.of(), "demo", "--format", "csv", "--output", report.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.isSymbolicLink(report)).isFalse();
    assertThat(Files.readString(report)).startsWith("start_time,end_time,");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactlyInAnyOrder(victim, report);
    }
  }

  @Test
  void aNewReportIsTheOwnersOnlyAndAReplacedOneKeepsItsPermissions(@TempDir Path dir) throws Exception {
    Path fresh = dir.resolve("fresh.csv");
    Path shared = dir.resolve("shared.csv");
    Files.writeString(shared, "old\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(CliRun.run(Map.of(), "demo", "--format", "csv", "--output", fresh.toString()).exit()).isZero();
    assertThat(CliRun.run(Map.of(), "demo", "--format", "csv", "--output", shared.toString()).exit()).isZero();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-r--r--");
    assertThat(Files.readString(shared)).startsWith("start_time,end_time,");
  }
}
