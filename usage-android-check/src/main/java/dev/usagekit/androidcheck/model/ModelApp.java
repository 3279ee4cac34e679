package dev.usagekit.androidcheck.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.io.File;
import java.io.IOException;

/**
 * A tiny app on usage-model alone: decodes a page read from a file with Jackson and prints its results' types.
 * Measures what usage-model (with Jackson) costs an app that does its own HTTP.
 *
 * <p>Arguments: the page's file.
 */
public final class ModelApp {
  private ModelApp() {}

  public static void main(String[] args) throws IOException {
    UsageResponse page = new ObjectMapper().readValue(new File(args[0]), UsageResponse.class);
    StringBuilder out = new StringBuilder("buckets=").append(page.data().size());
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        out.append(' ').append(result.object());
      }
    }
    System.out.println(out);
  }
}
