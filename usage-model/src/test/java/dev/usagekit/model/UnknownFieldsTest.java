package dev.usagekit.model;

import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Real responses carry fields the spec does not list: every value keeps them in {@code additionalProperties()},
 * reachable by name, and writes them back after its known fields.
 */
class UnknownFieldsTest {

  @Test
  void unknownFieldsOfPageBucketAndResultAreKept() {
    String json =
        """
        {"object": "page", "has_more": false, "next_page": null, "request_id": "req_1",
         "data": [{"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
                   "start_time_iso": "2024-11-01T00:00:00+00:00",
                   "end_time_iso": "2024-11-02T00:00:00+00:00",
                   "results": [{"object": "organization.usage.completions.result",
                                "input_tokens": 1, "output_tokens": 2, "num_model_requests": 3,
                                "organization_id": "org-abc", "project_name": "Default project",
                                "some_new_counter": {"nested": [1, 2]}}]}]}
        """;

    UsageResponse page = read(json, UsageResponse.class);

    assertThat(page)
        .isEqualTo(
            UsageResponse.builder()
                .hasMore(false)
                .putAdditionalProperties("request_id", TextNode.valueOf("req_1"))
                .addData(
                    UsageTimeBucket.builder()
                        .startTime(1730419200L)
                        .endTime(1730505600L)
                        .putAdditionalProperties("start_time_iso", TextNode.valueOf("2024-11-01T00:00:00+00:00"))
                        .putAdditionalProperties("end_time_iso", TextNode.valueOf("2024-11-02T00:00:00+00:00"))
                        .addResults(
                            UsageCompletionsResult.builder()
                                .inputTokens(1)
                                .outputTokens(2)
                                .numModelRequests(3)
                                .putAdditionalProperties("organization_id", TextNode.valueOf("org-abc"))
                                .putAdditionalProperties("project_name", TextNode.valueOf("Default project"))
                                .putAdditionalProperties("some_new_counter", tree("{\"nested\": [1, 2]}"))
                                .build())
                        .build())
                .build());
    UsageResult result = page.data().get(0).results().get(0);
    assertThat(result.additionalProperties().get("project_name").textValue()).isEqualTo("Default project");
    assertThat(result.additionalProperties().get("some_new_counter").get("nested").get(1).intValue()).isEqualTo(2);
    assertThat(tree(write(page))).isEqualTo(tree(json));
    assertThat(read(write(page), UsageResponse.class)).isEqualTo(page);
  }

  @Test
  void unknownFieldsOfCostsAndAmountAreKept() {
    String json =
        """
        {"object": "organization.costs.result", "organization_id": "org-abc",
         "project_name": "Default project",
         "amount": {"value": "0.0692840000000000000", "currency": "usd", "precision": 19},
         "line_item": "gpt-4o, input", "project_id": "proj_abc"}
        """;

    CostsResult result = (CostsResult) read(json, UsageResult.class);

    assertThat(result)
        .isEqualTo(
            CostsResult.builder()
                .amount(
                    CostsAmount.builder()
                        .value(new BigDecimal("0.0692840000000000000"))
                        .currency("usd")
                        .putAdditionalProperties("precision", IntNode.valueOf(19))
                        .build())
                .lineItem("gpt-4o, input")
                .projectId("proj_abc")
                .putAdditionalProperties("organization_id", TextNode.valueOf("org-abc"))
                .putAdditionalProperties("project_name", TextNode.valueOf("Default project"))
                .build());
    String written = write(result);
    assertThat(written).contains("\"amount\":{\"value\":0.0692840000000000000,\"currency\":\"usd\",\"precision\":19}");
    assertThat(read(written, UsageResult.class)).isEqualTo(result);
  }

  @Test
  void unknownFieldsOfAnErrorAreKept() {
    String json =
        """
        {"error": {"message": "Rate limit reached", "type": "requests", "param": null,
                   "code": "rate_limit_exceeded", "retry_after_ms": 20}, "status": 429}
        """;

    ErrorResponse error = read(json, ErrorResponse.class);

    assertThat(error.error().message()).isEqualTo("Rate limit reached");
    assertThat(error.error().code()).isEqualTo("rate_limit_exceeded");
    assertThat(error.error().additionalProperties()).containsOnlyKeys("retry_after_ms");
    assertThat(error.error().additionalProperties().get("retry_after_ms").intValue()).isEqualTo(20);
    assertThat(error.additionalProperties()).containsOnlyKeys("status");
    assertThat(write(error)).isEqualTo("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
        + "\"param\":null,\"code\":\"rate_limit_exceeded\",\"retry_after_ms\":20},\"status\":429}");
    assertThat(read(write(error), ErrorResponse.class)).isEqualTo(error);
  }

  @Test
  void unknownFieldsOfEveryResultTypeAreKeptAndWrittenBack() {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      String example = TestJson.resultExample(endpoint);
      String withExtras =
          example.replaceFirst("\\{", "{\"organization_id\": \"org-abc\", \"x\": {\"y\": [1.5]}, ");

      UsageResult result = read(withExtras, UsageResult.class);
      UsageResult plain = read(example, UsageResult.class);

      assertThat(result).as(endpoint.name()).isInstanceOf(endpoint.resultType()).isNotEqualTo(plain);
      assertThat(result.additionalProperties()).as(endpoint.name()).containsOnlyKeys("organization_id", "x");
      assertThat(result.additionalProperties().get("x").get("y").get(0).doubleValue()).isEqualTo(1.5);
      assertThat(ResultFields.of(result).all()).as(endpoint.name()).isEqualTo(ResultFields.of(plain).all());
      assertThat(tree(write(result))).as(endpoint.name()).isEqualTo(TestJson.treeWithoutNulls(withExtras));
      assertThat(read(write(result), UsageResult.class)).as(endpoint.name()).isEqualTo(result);
    }
  }

  @Test
  void builtValuesWriteTheirAdditionalPropertiesAfterTheKnownFields() {
    JsonNode note = TextNode.valueOf("n");
    UsageVectorStoresResult result =
        UsageVectorStoresResult.builder().usageBytes(5).putAdditionalProperties("note", note).build();

    assertThat(write(result))
        .isEqualTo("{\"object\":\"organization.usage.vector_stores.result\",\"usage_bytes\":5,\"note\":\"n\"}");
    assertThat(result.additionalProperties()).containsEntry("note", note);
  }
}
