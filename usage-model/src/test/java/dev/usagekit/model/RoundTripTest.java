package dev.usagekit.model;

import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.treeWithoutNulls;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type, with every field set: it is written under the JSON names of the upstream schema,
 * decoding then encoding gives the same tree, and encoding then decoding gives an equal value.
 */
class RoundTripTest {

  static Stream<Arguments> everyTypeWithEveryField() {
    return Stream.of(
        Arguments.of(
            UsageCompletionsResult.builder()
                .inputTokens(1)
                .inputCachedTokens(2L)
                .inputCacheWriteTokens(3L)
                .inputUncachedTokens(4L)
                .outputTokens(5)
                .inputTextTokens(6L)
                .outputTextTokens(7L)
                .inputCachedTextTokens(8L)
                .inputAudioTokens(9L)
                .inputCachedAudioTokens(10L)
                .outputAudioTokens(11L)
                .inputImageTokens(12L)
                .inputCachedImageTokens(13L)
                .outputImageTokens(14L)
                .numModelRequests(15)
                .projectId("proj_1")
                .userId("user_1")
                .apiKeyId("key_1")
                .model("gpt-4o")
                .batch(true)
                .serviceTier("flex")
                .build(),
            """
            {"object": "organization.usage.completions.result",
             "input_tokens": 1, "input_cached_tokens": 2, "input_cache_write_tokens": 3,
             "input_uncached_tokens": 4, "output_tokens": 5, "input_text_tokens": 6,
             "output_text_tokens": 7, "input_cached_text_tokens": 8, "input_audio_tokens": 9,
             "input_cached_audio_tokens": 10, "output_audio_tokens": 11, "input_image_tokens": 12,
             "input_cached_image_tokens": 13, "output_image_tokens": 14, "num_model_requests": 15,
             "project_id": "proj_1", "user_id": "user_1", "api_key_id": "key_1",
             "model": "gpt-4o", "batch": true, "service_tier": "flex"}
            """),
        Arguments.of(
            UsageEmbeddingsResult.builder()
                .inputTokens(1)
                .numModelRequests(2)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .build(),
            """
            {"object": "organization.usage.embeddings.result", "input_tokens": 1,
             "num_model_requests": 2, "project_id": "p", "user_id": "u", "api_key_id": "k",
             "model": "m"}
            """),
        Arguments.of(
            UsageModerationsResult.builder()
                .inputTokens(1)
                .numModelRequests(2)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .build(),
            """
            {"object": "organization.usage.moderations.result", "input_tokens": 1,
             "num_model_requests": 2, "project_id": "p", "user_id": "u", "api_key_id": "k",
             "model": "m"}
            """),
        Arguments.of(
            UsageImagesResult.builder()
                .images(1)
                .numModelRequests(2)
                .source("image.edit")
                .size("256x256")
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .build(),
            """
            {"object": "organization.usage.images.result", "images": 1, "num_model_requests": 2,
             "source": "image.edit", "size": "256x256", "project_id": "p", "user_id": "u",
             "api_key_id": "k", "model": "m"}
            """),
        Arguments.of(
            UsageAudioSpeechesResult.builder()
                .characters(1)
                .numModelRequests(2)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .build(),
            """
            {"object": "organization.usage.audio_speeches.result", "characters": 1,
             "num_model_requests": 2, "project_id": "p", "user_id": "u", "api_key_id": "k",
             "model": "m"}
            """),
        Arguments.of(
            UsageAudioTranscriptionsResult.builder()
                .seconds(4102444800L)
                .numModelRequests(2)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .build(),
            """
            {"object": "organization.usage.audio_transcriptions.result", "seconds": 4102444800,
             "num_model_requests": 2, "project_id": "p", "user_id": "u", "api_key_id": "k",
             "model": "m"}
            """),
        Arguments.of(
            UsageVectorStoresResult.builder().usageBytes(1L << 40).projectId("p").build(),
            """
            {"object": "organization.usage.vector_stores.result", "usage_bytes": 1099511627776,
             "project_id": "p"}
            """),
        Arguments.of(
            UsageCodeInterpreterSessionsResult.builder().numSessions(1).projectId("p").build(),
            """
            {"object": "organization.usage.code_interpreter_sessions.result", "num_sessions": 1,
             "project_id": "p"}
            """),
        Arguments.of(
            UsageFileSearchCallsResult.builder()
                .numRequests(1)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .vectorStoreId("vs")
                .build(),
            """
            {"object": "organization.usage.file_searches.result", "num_requests": 1,
             "project_id": "p", "user_id": "u", "api_key_id": "k", "vector_store_id": "vs"}
            """),
        Arguments.of(
            UsageWebSearchCallsResult.builder()
                .numModelRequests(1)
                .numRequests(2)
                .projectId("p")
                .userId("u")
                .apiKeyId("k")
                .model("m")
                .contextLevel("high")
                .build(),
            """
            {"object": "organization.usage.web_searches.result", "num_model_requests": 1,
             "num_requests": 2, "project_id": "p", "user_id": "u", "api_key_id": "k",
             "model": "m", "context_level": "high"}
            """),
        Arguments.of(
            CostsResult.builder()
                .amount(
                    CostsAmount.builder()
                        .value(new BigDecimal("0.0692840000000000000"))
                        .currency("usd")
                        .build())
                .lineItem("input_tokens")
                .projectId("p")
                .apiKeyId("k")
                .quantity(new BigDecimal("1000.50"))
                .quantityUnit("1000_tokens")
                .build(),
            """
            {"object": "organization.costs.result",
             "amount": {"value": 0.0692840000000000000, "currency": "usd"},
             "line_item": "input_tokens", "project_id": "p", "api_key_id": "k",
             "quantity": 1000.50, "quantity_unit": "1000_tokens"}
            """),
        Arguments.of(
            UnknownUsageResult.builder()
                .object("organization.usage.new.result")
                .putAdditionalProperties("value", DecimalNode.valueOf(new BigDecimal("0E-6176")))
                .putAdditionalProperties("nested", tree("{\"a\": [1, null, {\"b\": \"c\"}]}"))
                .putAdditionalProperties("nothing", tree("null"))
                .build(),
            """
            {"object": "organization.usage.new.result", "value": 0E-6176,
             "nested": {"a": [1, null, {"b": "c"}]}, "nothing": null}
            """));
  }

  @ParameterizedTest
  @MethodSource("everyTypeWithEveryField")
  void encodesEveryFieldUnderItsJsonName(UsageResult value, String json) {
    assertThat(tree(write(value))).isEqualTo(tree(json));
  }

  @ParameterizedTest
  @MethodSource("everyTypeWithEveryField")
  void decodesEveryField(UsageResult value, String json) {
    assertThat(read(json, UsageResult.class)).isEqualTo(value).hasSameHashCodeAs(value);
  }

  @ParameterizedTest
  @MethodSource("everyTypeWithEveryField")
  void decodingThenEncodingGivesTheSameTree(UsageResult value, String json) {
    assertThat(tree(write(read(json, UsageResult.class)))).isEqualTo(tree(json));
  }

  @ParameterizedTest
  @MethodSource("everyTypeWithEveryField")
  void encodingThenDecodingGivesAnEqualValue(UsageResult value, String json) {
    UsageResult again = read(write(value), UsageResult.class);

    assertThat(again).isEqualTo(value).hasSameHashCodeAs(value);
    assertThat(again.getClass()).isEqualTo(value.getClass());
  }

  @ParameterizedTest
  @MethodSource("everyTypeWithEveryField")
  void aPageOfEveryTypeRoundTrips(UsageResult value, String json) {
    UsageResponse page =
        UsageResponse.builder()
            .hasMore(true)
            .nextPage("page_x")
            .addData(UsageTimeBucket.builder().startTime(1).endTime(2).addResults(value).build())
            .build();

    assertThat(read(write(page), UsageResponse.class)).isEqualTo(page);
  }

  @Test
  void nullGroupingFieldsAreNotWritten() {
    UsageEmbeddingsResult result =
        UsageEmbeddingsResult.builder().inputTokens(1).numModelRequests(2).build();

    assertThat(write(result))
        .isEqualTo(
            "{\"object\":\"organization.usage.embeddings.result\","
                + "\"input_tokens\":1,\"num_model_requests\":2}");
  }

  @Test
  void lastPageWritesNextPageAsNull() {
    UsageResponse page = UsageResponse.builder().hasMore(false).build();

    assertThat(write(page))
        .isEqualTo("{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}");
  }

  @Test
  void pageIsWrittenInSpecOrder() {
    UsageResponse page =
        UsageResponse.builder()
            .hasMore(true)
            .nextPage("page_abc")
            .addData(UsageTimeBucket.builder().startTime(1).endTime(2).build())
            .build();

    assertThat(write(page))
        .isEqualTo(
            "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1,"
                + "\"end_time\":2,\"results\":[]}],\"has_more\":true,\"next_page\":\"page_abc\"}");
  }

  @Test
  void pageWithNullsDecodesThenEncodesToTheSameTreeWithoutNulls() {
    String json = TestJson.pageExample(UsageEndpoint.COSTS);

    assertThat(treeWithoutNulls(write(read(json, UsageResponse.class))))
        .isEqualTo(treeWithoutNulls(json));
  }
}
