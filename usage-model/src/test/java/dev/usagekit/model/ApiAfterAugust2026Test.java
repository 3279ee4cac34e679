package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static dev.usagekit.model.TestJson.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The changes after the upstream document (openai-node 7.9.0 to 7.41.0): responses from before them decode and
 * encode exactly as before, responses with them decode the new fields and write them back unchanged.
 */
class ApiAfterAugust2026Test {
  private static final String OLD_COMPLETIONS =
      """
      {"object":"organization.usage.completions.result","input_tokens":10,"input_cache_write_tokens":4,
       "output_tokens":20,"num_model_requests":1,"model":"gpt-4o"}
      """;
  private static final String NEW_COMPLETIONS =
      """
      {"object":"organization.usage.completions.result","input_tokens":10,"input_cache_write_tokens":4,
       "input_cache_write_12h_tokens":1,"input_cache_write_30m_tokens":3,"output_tokens":20,
       "num_model_requests":1,"model":"gpt-4o","api_source":"agents_api"}
      """;

  @Test
  void aCompletionsResultFromBeforeTheChangesHasNoNewFieldsAndWritesNone() throws Exception {
    UsageCompletionsResult result = (UsageCompletionsResult) read(OLD_COMPLETIONS, UsageResult.class);

    assertThat(result.inputCacheWrite12hTokens()).isNull();
    assertThat(result.inputCacheWrite30mTokens()).isNull();
    assertThat(result.apiSource()).isNull();
    assertThat(result.additionalProperties()).isEmpty();
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(result))).isEqualTo(MAPPER.readTree(OLD_COMPLETIONS));
  }

  @Test
  void aCompletionsResultWithTheNewFieldsDecodesThemAndWritesThemBackUnchanged() throws Exception {
    UsageCompletionsResult result = (UsageCompletionsResult) read(NEW_COMPLETIONS, UsageResult.class);

    assertThat(result.inputCacheWrite12hTokens()).isEqualTo(1L);
    assertThat(result.inputCacheWrite30mTokens()).isEqualTo(3L);
    assertThat(result.apiSource()).isEqualTo("agents_api");
    assertThat(result.additionalProperties()).isEmpty();
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(result))).isEqualTo(MAPPER.readTree(NEW_COMPLETIONS));
  }

  @Test
  void aNullThirtyMinuteCountReadsAsNull() {
    String json = NEW_COMPLETIONS.replace("\"input_cache_write_30m_tokens\":3", "\"input_cache_write_30m_tokens\":null");

    assertThat(((UsageCompletionsResult) read(json, UsageResult.class)).inputCacheWrite30mTokens()).isNull();
  }

  @Test
  void anApiSourceThisReleaseDoesNotKnowIsKeptAsItIs() {
    String json = NEW_COMPLETIONS.replace("agents_api", "realtime_api");

    assertThat(((UsageCompletionsResult) read(json, UsageResult.class)).apiSource()).isEqualTo("realtime_api");
  }

  /** As the spec and the SDK (since 7.33.0): input_tokens, output_tokens and num_model_requests are required. */
  @Test
  void decisionsResultsRequireTheirThreeCountsAndNoOther() throws Exception {
    String json = "{\"object\":\"organization.usage.decisions.result\",\"input_tokens\":10,\"output_tokens\":4,"
        + "\"num_model_requests\":2,\"api_source\":\"unlabeled\",\"batch\":true}";

    UsageDecisionsResult result = (UsageDecisionsResult) read(json, UsageResult.class);

    assertThat(result.numModelRequests()).isEqualTo(2L);
    assertThat(result.inputTokens()).isEqualTo(10L);
    assertThat(result.inputCachedTokens()).isNull();
    assertThat(result.batch()).isTrue();
    assertThat(result.apiSource()).isEqualTo("unlabeled");
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(result))).isEqualTo(MAPPER.readTree(json));
    assertThat(ResultFields.of(result).metrics()).extracting(ResultField::name)
        .contains("input_tokens", "input_cache_write_12h_tokens", "input_cache_write_30m_tokens", "num_model_requests");
    assertThatThrownBy(() -> MAPPER.readValue(json.replace("\"input_tokens\":10,", ""), UsageResult.class))
        .hasMessageContaining("input_tokens");
  }

  @Test
  void costsByUserAndApiSourceDecode() throws Exception {
    String json = "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.5\",\"currency\":\"usd\"},"
        + "\"user_id\":\"user_1\",\"api_source\":\"agents_api\"}";

    CostsResult result = (CostsResult) read(json, UsageResult.class);

    assertThat(result.userId()).isEqualTo("user_1");
    assertThat(result.apiSource()).isEqualTo("agents_api");
    JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(result));
    assertThat(written.get("user_id").asText()).isEqualTo("user_1");
    assertThat(written.get("api_source").asText()).isEqualTo("agents_api");
  }

  @Test
  void theNewQueryParametersReachTheWire() {
    UsageQuery<CostsResult> costs = UsageQuery.costs().startTime(1).lineItems("gpt-4o, input")
        .groupBy(GroupByField.USER_ID, GroupByField.API_SOURCE).build();
    UsageQuery<UsageDecisionsResult> decisions = UsageQuery.decisions().startTime(1).batch(true)
        .groupBy(GroupByField.API_SOURCE).build();

    assertThat(costs.toQueryParameters(null)).containsEntry("line_items", java.util.List.of("gpt-4o, input"))
        .containsEntry("group_by", java.util.List.of("user_id", "api_source"));
    assertThat(decisions.toQueryParameters(null)).containsEntry("batch", java.util.List.of("true"))
        .containsEntry("group_by", java.util.List.of("api_source"));
    assertThat(decisions.resultType()).isEqualTo(UsageDecisionsResult.class);
  }
}
