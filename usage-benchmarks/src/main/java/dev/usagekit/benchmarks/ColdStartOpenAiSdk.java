package dev.usagekit.benchmarks;

import com.openai.core.ObjectMappers;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cold start, the official SDK: a fresh JVM reads a page file and decodes (and validates) it with the SDK. */
public final class ColdStartOpenAiSdk {
  private ColdStartOpenAiSdk() {}

  public static void main(String[] args) throws Exception {
    UsageCompletionsResponse page = ObjectMappers.jsonMapper()
        .readValue(Files.readAllBytes(Path.of(args[0])), UsageCompletionsResponse.class)
        .validate();
    System.out.println(Totals.of(page).results());
  }
}
