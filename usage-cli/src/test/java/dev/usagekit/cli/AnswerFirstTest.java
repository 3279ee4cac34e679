package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table report gives the answer first (the total, then per group), in columns a person can read. */
class AnswerFirstTest {

  @Test
  void totalAndPerGroupTotalsComeBeforeTheBuckets() {
    String out = CliRun.run(Map.of(), "demo").out();

    int total = out.indexOf("\nTotal: ");
    int perProject = out.indexOf("\nPer project_id, over the 30 buckets:");
    int perLineItem = out.indexOf("\nPer line_item, over the 30 buckets:");
    int perBoth = out.indexOf("\nPer project_id, line_item, over the 30 buckets:");
    int perBucket = out.indexOf("\nPer bucket, all groups together:");
    assertThat(total).isPositive();
    assertThat(List.of(perProject, perLineItem, perBoth, perBucket)).isSorted().allMatch(index -> index > total);
    assertThat(out).containsPattern("\nTotal: [0-9,]+\\.[0-9]{2} usd\n");
  }

  @Test
  void completionsShowTheMetricsThatAreNoPartOfAnotherAndNameTheOthers() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--group-by", "model,project_id");

    String header = run.out().lines().filter(line -> line.startsWith("model ") && line.contains(" project_id "))
        .findFirst().orElseThrow();
    assertThat(header.split("  +"))
        .containsExactly("model", "project_id", "input_tokens", "output_tokens", "num_model_requests");
    assertThat(run.out()).doesNotContain("input_cached_tokens  ")
        .contains("Not shown (--columns shows them; csv and json have every field): input_cached_tokens, ");
  }

  /** Every line the table prints (rows, titles and the notes under it) for the demo and every endpoint. */
  @Test
  void everyLineOfEveryTableOfTheDemoFitsInOneHundredAndTwentyColumns() {
    List<List<String>> runs = new java.util.ArrayList<>();
    runs.add(List.of("demo"));
    for (dev.usagekit.model.UsageEndpoint endpoint : dev.usagekit.model.UsageEndpoint.values()) {
      String command = Commands.commandName(endpoint);
      runs.add(List.of("demo", command));
      List<String> fields = new java.util.ArrayList<>();
      for (dev.usagekit.model.GroupByField field : endpoint.groupByFields()) {
        if (List.of("model", "project_id", "line_item").contains(field.wireValue())) {
          fields.add(field.wireValue());
        }
      }
      if (!fields.isEmpty()) {
        runs.add(List.of("demo", command, "--group-by", String.join(",", fields)));
      }
    }
    for (List<String> args : runs) {
      CliRun run = CliRun.run(Map.of(), args.toArray(new String[0]));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out().lines()).as(String.join(" ", args)).allMatch(line -> line.length() <= 120);
    }
  }

  @Test
  void projectsShowAsNameAndIdAndBesideOtherGroupsByTheirName() {
    String out = CliRun.run(Map.of(), "demo").out();

    assertThat(out).containsPattern("\n[A-Z][A-Za-z ]+ \\(proj_[A-Za-z0-9]+\\)  +[0-9,.]+ usd\n")
        .containsPattern("\n[A-Z][A-Za-z ]+[a-z]  +gpt-4o-2024-08-06, input  +[0-9,.]+ usd\n");
  }

  @Test
  void columnsChoosesTheMetricsAndTheirOrder() {
    CliRun run = CliRun.run(Map.of(), "demo", "completions", "--columns", "input_cached_tokens,output_tokens");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(header(run.out(), "bucket").split("  +"))
        .containsExactly("bucket", "input_cached_tokens", "output_tokens");
    assertThat(run.out()).containsPattern("\nTotal: [0-9,]+ input_cached_tokens, [0-9,]+ output_tokens\n");
  }

  @Test
  void columnsThatAreNoMetricOfTheEndpointAreRefusedNamingTheAllowedOnes() {
    CliRun run = CliRun.run(Map.of(), "demo", "embeddings", "--columns", "output_tokens");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'output_tokens' is not a metric of embeddings; allowed: input_tokens, "
        + "num_model_requests");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aLevelIsSaidToBeOne() {
    CliRun run = CliRun.run(Map.of(), "demo", "vector-stores");

    assertThat(run.out()).containsPattern("\nTotal: [0-9,]+ usage_bytes \\(latest\\), [0-9,]+ \\(peak\\)\n");
  }

  private static String header(String out, String first) {
    return out.lines().filter(line -> line.startsWith(first + " ")).findFirst().orElseThrow();
  }
}
