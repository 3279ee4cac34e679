package dev.usagekit.model;

import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link UsageTimeBucket}: times, results, and the pre-2026 name {@code result}. */
class TimeBucketTest {
  private static final UsageTimeBucket BUCKET =
      UsageTimeBucket.builder()
          .startTime(1730419200L)
          .endTime(1730505600L)
          .addResults(UsageVectorStoresResult.builder().usageBytes(1024).build())
          .build();

  @Test
  void resultsAreReadUnderTheirName() {
    String json =
        """
        {"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
         "results": [{"object": "organization.usage.vector_stores.result", "usage_bytes": 1024}]}
        """;

    assertThat(read(json, UsageTimeBucket.class)).isEqualTo(BUCKET);
  }

  @Test
  void resultsAreReadUnderTheOldNameResult() {
    String json =
        """
        {"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
         "result": [{"object": "organization.usage.vector_stores.result", "usage_bytes": 1024}]}
        """;

    assertThat(read(json, UsageTimeBucket.class)).isEqualTo(BUCKET);
  }

  @Test
  void resultsAreWrittenUnderTheCurrentName() {
    assertThat(tree(write(BUCKET)))
        .isEqualTo(
            tree(
                """
                {"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
                 "results": [{"object": "organization.usage.vector_stores.result",
                              "usage_bytes": 1024}]}
                """));
  }

  @Test
  void timesBeyondTheIntRangeAreKept() {
    String json =
        "{\"object\": \"bucket\", \"start_time\": 4102444800, \"end_time\": 9223372036854775807,"
            + " \"results\": []}";

    UsageTimeBucket bucket = read(json, UsageTimeBucket.class);

    assertThat(bucket.startTime()).isEqualTo(4102444800L);
    assertThat(bucket.endTime()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void emptyResultsAreKept() {
    String json = "{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 2, \"results\": []}";

    UsageTimeBucket bucket = read(json, UsageTimeBucket.class);

    assertThat(bucket.results()).isEmpty();
    assertThat(tree(write(bucket))).isEqualTo(tree(json));
  }

  @Test
  void bucketOfAPreviousSpecDecodesInAPage() {
    String json =
        """
        {"object": "page", "has_more": false, "next_page": null,
         "data": [{"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
                   "result": [{"object": "organization.usage.vector_stores.result",
                               "usage_bytes": 1024}]}]}
        """;

    assertThat(read(json, UsageResponse.class).data()).containsExactly(BUCKET);
  }
}
