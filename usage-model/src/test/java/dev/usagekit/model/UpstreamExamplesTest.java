package dev.usagekit.model;

import static dev.usagekit.model.TestJson.pageExample;
import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.resultExample;
import static dev.usagekit.model.TestJson.treeWithoutNulls;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every upstream example decodes to the right type with the right values, and round-trips: each
 * operation's response example (a page) and each result schema's example, read from the spec through
 * ProjectSpec (openapi.yaml keeps upstream's x-oaiMeta examples verbatim, and has usagekit's for what upstream
 * lacks), so that a new operation needs no copy under test resources.
 */
class UpstreamExamplesTest {

  // ---- every example, for every endpoint of the table ----

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void pageExampleDecodesToTheEndpointsResultType(UsageEndpoint endpoint) {
    UsageResponse page = read(pageExample(endpoint), UsageResponse.class);

    assertThat(page.data()).hasSize(1);
    UsageTimeBucket bucket = page.data().get(0);
    assertThat(bucket.startTime()).isEqualTo(1730419200L);
    assertThat(bucket.endTime()).isEqualTo(1730505600L);
    assertThat(bucket.results()).singleElement().isExactlyInstanceOf(implementationOf(endpoint));
    assertThat(bucket.results().get(0)).isInstanceOf(endpoint.resultType());
    assertThat(bucket.results().get(0).object()).isEqualTo(endpoint.resultObject());
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void resultExampleDecodesToTheEndpointsResultType(UsageEndpoint endpoint) {
    UsageResult result = read(resultExample(endpoint), UsageResult.class);

    assertThat(result).isInstanceOf(endpoint.resultType());
    assertThat(result.object()).isEqualTo(endpoint.resultObject());
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void resultExampleDecodesAsItsOwnType(UsageEndpoint endpoint) {
    UsageResult result = read(resultExample(endpoint), endpoint.resultType());

    assertThat(result).isEqualTo(read(resultExample(endpoint), UsageResult.class));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void pageExampleEncodesToTheSameTree(UsageEndpoint endpoint) {
    String json = pageExample(endpoint);

    String encoded = write(read(json, UsageResponse.class));

    assertThat(treeWithoutNulls(encoded)).isEqualTo(treeWithoutNulls(json));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void resultExampleEncodesToTheSameTree(UsageEndpoint endpoint) {
    String json = resultExample(endpoint);

    String encoded = write(read(json, UsageResult.class));

    assertThat(treeWithoutNulls(encoded)).isEqualTo(treeWithoutNulls(json));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void pageExampleEncodedThenDecodedIsEqual(UsageEndpoint endpoint) {
    UsageResponse page = read(pageExample(endpoint), UsageResponse.class);

    UsageResponse again = read(write(page), UsageResponse.class);

    assertThat(again).isEqualTo(page).hasSameHashCodeAs(page);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void resultExampleEncodedThenDecodedIsEqual(UsageEndpoint endpoint) {
    UsageResult result = read(resultExample(endpoint), UsageResult.class);

    UsageResult again = read(write(result), UsageResult.class);

    assertThat(again).isEqualTo(result).hasSameHashCodeAs(result);
  }

  private static Class<?> implementationOf(UsageEndpoint endpoint) {
    try {
      return Class.forName("dev.usagekit.model.Immutable" + endpoint.resultType().getSimpleName());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  // ---- the values of each page example ----

  @Test
  void completionsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.COMPLETIONS), UsageResponse.class);

    assertThat(page.object()).isEqualTo("page");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextPage()).isEqualTo("page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=");
    assertThat(page.data().get(0).object()).isEqualTo("bucket");
    assertThat(onlyResult(page))
        .isEqualTo(
            UsageCompletionsResult.builder()
                .inputTokens(1000)
                .inputCachedTokens(400L)
                .inputCacheWriteTokens(100L)
                .inputUncachedTokens(500L)
                .outputTokens(500)
                .inputTextTokens(400L)
                .outputTextTokens(400L)
                .inputCachedTextTokens(300L)
                .inputAudioTokens(50L)
                .inputCachedAudioTokens(50L)
                .outputAudioTokens(50L)
                .inputImageTokens(50L)
                .inputCachedImageTokens(50L)
                .outputImageTokens(50L)
                .numModelRequests(5)
                .build());
  }

  @Test
  void completionsPageResultHasNullGroupingFields() {
    UsageCompletionsResult result =
        (UsageCompletionsResult)
            onlyResult(read(pageExample(UsageEndpoint.COMPLETIONS), UsageResponse.class));

    assertThat(result.inputTokens()).isEqualTo(1000L);
    assertThat(result.projectId()).isNull();
    assertThat(result.userId()).isNull();
    assertThat(result.apiKeyId()).isNull();
    assertThat(result.model()).isNull();
    assertThat(result.batch()).isNull();
    assertThat(result.serviceTier()).isNull();
  }

  @Test
  void embeddingsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.EMBEDDINGS), UsageResponse.class);

    assertThat(page.hasMore()).isFalse();
    assertThat(page.nextPage()).isNull();
    assertThat(onlyResult(page))
        .isEqualTo(UsageEmbeddingsResult.builder().inputTokens(16).numModelRequests(2).build());
  }

  @Test
  void moderationsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.MODERATIONS), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageModerationsResult.builder().inputTokens(16).numModelRequests(2).build());
  }

  @Test
  void imagesPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.IMAGES), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageImagesResult.builder().images(2).numModelRequests(2).build());
  }

  @Test
  void audioSpeechesPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.AUDIO_SPEECHES), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageAudioSpeechesResult.builder().characters(45).numModelRequests(1).build());
  }

  @Test
  void audioTranscriptionsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.AUDIO_TRANSCRIPTIONS), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(
            UsageAudioTranscriptionsResult.builder().seconds(20).numModelRequests(1).build());
  }

  @Test
  void vectorStoresPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.VECTOR_STORES), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageVectorStoresResult.builder().usageBytes(1024).build());
  }

  @Test
  void codeInterpreterSessionsPage() {
    UsageResponse page =
        read(pageExample(UsageEndpoint.CODE_INTERPRETER_SESSIONS), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageCodeInterpreterSessionsResult.builder().numSessions(1).build());
  }

  @Test
  void fileSearchCallsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.FILE_SEARCH_CALLS), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageFileSearchCallsResult.builder().numRequests(2).build());
  }

  @Test
  void webSearchCallsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.WEB_SEARCH_CALLS), UsageResponse.class);

    assertThat(onlyResult(page))
        .isEqualTo(UsageWebSearchCallsResult.builder().numModelRequests(2).numRequests(2).build());
  }

  @Test
  void costsPage() {
    UsageResponse page = read(pageExample(UsageEndpoint.COSTS), UsageResponse.class);

    CostsResult result = (CostsResult) onlyResult(page);
    assertThat(result.amount()).isNotNull();
    assertThat(result.amount().value()).isEqualTo(new BigDecimal("0.06"));
    assertThat(result.amount().currency()).isEqualTo("usd");
    assertThat(result)
        .isEqualTo(
            CostsResult.builder()
                .amount(CostsAmount.builder().value(new BigDecimal("0.06")).currency("usd").build())
                .build());
  }

  private static UsageResult onlyResult(UsageResponse page) {
    assertThat(page.data()).hasSize(1);
    assertThat(page.data().get(0).results()).hasSize(1);
    return page.data().get(0).results().get(0);
  }

  // ---- the values of each result schema example ----

  @Test
  void completionsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.COMPLETIONS), UsageResult.class))
        .isEqualTo(
            UsageCompletionsResult.builder()
                .inputTokens(5000)
                .inputCachedTokens(1800L)
                .inputCacheWriteTokens(200L)
                .inputUncachedTokens(3000L)
                .outputTokens(1000)
                .inputTextTokens(2500L)
                .outputTextTokens(800L)
                .inputCachedTextTokens(1500L)
                .inputAudioTokens(300L)
                .inputCachedAudioTokens(100L)
                .outputAudioTokens(100L)
                .inputImageTokens(200L)
                .inputCachedImageTokens(200L)
                .outputImageTokens(100L)
                .numModelRequests(5)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("gpt-4o-mini-2024-07-18")
                .batch(false)
                .serviceTier("default")
                .build());
  }

  @Test
  void embeddingsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.EMBEDDINGS), UsageResult.class))
        .isEqualTo(
            UsageEmbeddingsResult.builder()
                .inputTokens(20)
                .numModelRequests(2)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("text-embedding-ada-002-v2")
                .build());
  }

  @Test
  void moderationsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.MODERATIONS), UsageResult.class))
        .isEqualTo(
            UsageModerationsResult.builder()
                .inputTokens(20)
                .numModelRequests(2)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("text-moderation")
                .build());
  }

  @Test
  void imagesResultExample() {
    assertThat(read(resultExample(UsageEndpoint.IMAGES), UsageResult.class))
        .isEqualTo(
            UsageImagesResult.builder()
                .images(2)
                .numModelRequests(2)
                .size("1024x1024")
                .source("image.generation")
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("dall-e-3")
                .build());
  }

  @Test
  void audioSpeechesResultExample() {
    assertThat(read(resultExample(UsageEndpoint.AUDIO_SPEECHES), UsageResult.class))
        .isEqualTo(
            UsageAudioSpeechesResult.builder()
                .characters(45)
                .numModelRequests(1)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("tts-1")
                .build());
  }

  @Test
  void audioTranscriptionsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.AUDIO_TRANSCRIPTIONS), UsageResult.class))
        .isEqualTo(
            UsageAudioTranscriptionsResult.builder()
                .seconds(10)
                .numModelRequests(1)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("tts-1")
                .build());
  }

  @Test
  void vectorStoresResultExample() {
    assertThat(read(resultExample(UsageEndpoint.VECTOR_STORES), UsageResult.class))
        .isEqualTo(
            UsageVectorStoresResult.builder().usageBytes(1024).projectId("proj_abc").build());
  }

  @Test
  void codeInterpreterSessionsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.CODE_INTERPRETER_SESSIONS), UsageResult.class))
        .isEqualTo(
            UsageCodeInterpreterSessionsResult.builder()
                .numSessions(1)
                .projectId("proj_abc")
                .build());
  }

  @Test
  void fileSearchCallsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.FILE_SEARCH_CALLS), UsageResult.class))
        .isEqualTo(
            UsageFileSearchCallsResult.builder()
                .numRequests(2)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .vectorStoreId("vs_abc")
                .build());
  }

  @Test
  void webSearchCallsResultExample() {
    assertThat(read(resultExample(UsageEndpoint.WEB_SEARCH_CALLS), UsageResult.class))
        .isEqualTo(
            UsageWebSearchCallsResult.builder()
                .numModelRequests(2)
                .numRequests(2)
                .projectId("proj_abc")
                .userId("user-abc")
                .apiKeyId("key_abc")
                .model("gpt-4o-mini-2024-07-18")
                .contextLevel("medium")
                .build());
  }

  @Test
  void costsResultExample() {
    CostsResult result = (CostsResult) read(resultExample(UsageEndpoint.COSTS), UsageResult.class);

    assertThat(result.amount().value()).isEqualTo(new BigDecimal("0.06"));
    assertThat(result.quantity()).isEqualTo(new BigDecimal("10000"));
    assertThat(result)
        .isEqualTo(
            CostsResult.builder()
                .amount(CostsAmount.builder().value(new BigDecimal("0.06")).currency("usd").build())
                .lineItem("input_tokens")
                .projectId("proj_abc")
                .quantity(new BigDecimal("10000"))
                .quantityUnit("tokens")
                .build());
    assertThat(result.apiKeyId()).isNull();
  }
}
