package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of daily FOCUS rows of a large organisation (100 projects, 24 line items each: 876,000 rows) exports in a
 * 64 MB heap, in a JVM of its own ({@link FocusHeapMain}); the same rows collected in a list do not fit in it, so
 * the heap is the bound that matters, and the export streams.
 */
class FocusHeapTest {
  static final int DAYS = 365;
  static final int PROJECTS = 100;

  @Test
  void aYearOfALargeOrganisationExportsIn64MegabytesWhereCollectingItRunsOutOfMemory(@TempDir Path dir)
      throws Exception {
    Run streamed = run(dir, "stream");
    Run collected = run(dir, "collect");

    System.out.println("FOCUS export at -Xmx64m, " + DAYS + " days x " + PROJECTS + " projects x "
        + FocusHeapMain.MODELS.length * FocusHeapMain.KINDS.length + " line items: streamed exit " + streamed.exit
        + " (" + streamed.out.trim() + ") in " + streamed.millis + " ms; collected in a list (baseline) exit "
        + collected.exit + " in " + collected.millis + " ms");
    long rows = (long) DAYS * PROJECTS * FocusHeapMain.MODELS.length * FocusHeapMain.KINDS.length;
    assertThat(streamed.exit).as(streamed.err).isZero();
    assertThat(streamed.out).startsWith("rows=" + rows + " bytes=");
    assertThat(collected.exit).as("the baseline must not fit in 64 MB: " + collected.out).isNotZero();
    assertThat(collected.err).contains("OutOfMemoryError");
  }

  private static final class Run {
    int exit;
    String out;
    String err;
    long millis;
  }

  private static Run run(Path dir, String mode) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path out = dir.resolve(mode + ".out");
    Path err = dir.resolve(mode + ".err");
    long started = System.nanoTime();
    Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), FocusHeapMain.class.getName(), mode,
        Integer.toString(DAYS), Integer.toString(PROJECTS))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(mode + " did not end in 15 minutes");
    }
    Run run = new Run();
    run.exit = process.exitValue();
    run.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    run.out = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
    run.err = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
    return run;
  }
}
