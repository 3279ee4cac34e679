package dev.usagekit.model;

import static dev.usagekit.model.TestJson.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Real responses carry fields the spec does not list: they are ignored at every level. */
class UnknownFieldsTest {

  @Test
  void unknownFieldsOfPageBucketAndResultAreIgnored() {
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
                .addData(
                    UsageTimeBucket.builder()
                        .startTime(1730419200L)
                        .endTime(1730505600L)
                        .addResults(
                            UsageCompletionsResult.builder()
                                .inputTokens(1)
                                .outputTokens(2)
                                .numModelRequests(3)
                                .build())
                        .build())
                .build());
  }

  @Test
  void unknownFieldsOfCostsAndAmountAreIgnored() {
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
                        .build())
                .lineItem("gpt-4o, input")
                .projectId("proj_abc")
                .build());
  }

  @Test
  void unknownFieldsOfAnErrorAreIgnored() {
    String json =
        """
        {"error": {"message": "Rate limit reached", "type": "requests", "param": null,
                   "code": "rate_limit_exceeded", "retry_after_ms": 20}, "status": 429}
        """;

    ErrorResponse error = read(json, ErrorResponse.class);

    assertThat(error.error().message()).isEqualTo("Rate limit reached");
    assertThat(error.error().code()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void unknownFieldsOfEveryResultTypeAreIgnored() {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      String example = TestJson.resultExample(endpoint);
      String withExtras =
          example.replaceFirst("\\{", "{\"organization_id\": \"org-abc\", \"x\": {\"y\": [1.5]}, ");

      assertThat(read(withExtras, UsageResult.class))
          .as(endpoint.name())
          .isEqualTo(read(example, UsageResult.class));
    }
  }
}
