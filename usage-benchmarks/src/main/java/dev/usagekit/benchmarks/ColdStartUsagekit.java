package dev.usagekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cold start, ours: a fresh JVM reads a page file and decodes it with a plain ObjectMapper into the model. */
public final class ColdStartUsagekit {
  private ColdStartUsagekit() {}

  public static void main(String[] args) throws Exception {
    UsageResponse page = new ObjectMapper().readValue(Files.readAllBytes(Path.of(args[0])), UsageResponse.class);
    System.out.println(Totals.of(page).results());
  }
}
