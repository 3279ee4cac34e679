package dev.usagekit.micrometer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.micrometer.ResumeStore;
import dev.usagekit.micrometer.UsageMetrics;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.testkit.FakeUsageServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/** The README's Spring Boot snippet is the code of {@link UsageMetricsConfiguration}, and it builds. */
class ReadmeSnippetTest {
  private static final Path README = Paths.get("..", "README.md");
  private static final Path SOURCE =
      Paths.get("src/test/java/dev/usagekit/micrometer/spring/UsageMetricsConfiguration.java");

  @Test
  void theReadmeShowsThisConfigurationVerbatim() throws Exception {
    List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    String snippet = lines.subList(lines.indexOf("// README-BEGIN") + 1, lines.indexOf("// README-END")).stream()
        .collect(Collectors.joining("\n"));

    assertThat(new String(Files.readAllBytes(README), StandardCharsets.UTF_8)).contains(snippet);
  }

  @Test
  void theConfigurationBuildsMetricsOfCompletionsAndCostsWithoutARequest() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.start()) {
      ResumeStore nothingSaved = new ResumeStore() {
        @Override
        public @Nullable Long load(UsageEndpoint endpoint) {
          return null;
        }

        @Override
        public void save(UsageEndpoint endpoint, long resumeFrom) {}
      };
      UsageMetrics metrics = new UsageMetricsConfiguration().openAiUsageMetrics(
          UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build(), nothingSaved);

      assertThat(metrics).hasToString(
          "UsageMetrics{endpoints=[completions, costs], tags=[line_item, model, project_id]}");
      assertThat(server.requestCount()).isZero();
    }
  }
}
