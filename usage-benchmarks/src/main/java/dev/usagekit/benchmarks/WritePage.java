package dev.usagekit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the decode benchmark's completions page to a file (for the cold-start runs) and prints page sizes. */
public final class WritePage {
  private WritePage() {}

  public static void main(String[] args) throws Exception {
    Files.write(Path.of(args[0]), Pages.completionsPage());
    DecodeBenchmark.pageSizes();
  }
}
