package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageAudioSpeechesResult;
import dev.usagekit.model.UsageAudioTranscriptionsResult;
import dev.usagekit.model.UsageCodeInterpreterSessionsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEmbeddingsResult;
import dev.usagekit.model.UsageFileSearchCallsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageModerationsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AggregationTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private static UsageCompletionsResult completions(String model, String project, String user, String apiKey,
      long input, long output, long requests) {
    return UsageCompletionsResult.builder().model(model).projectId(project).userId(user).apiKeyId(apiKey)
        .inputTokens(input).outputTokens(output).numModelRequests(requests).build();
  }

  private static UsageTimeBucket bucket(long day, UsageResult... results) {
    return UsageTimeBucket.builder().startTime(T0 + day * DAY).endTime(T0 + (day + 1) * DAY)
        .addResults(results).build();
  }

  /** A costs page as the API sends it: amounts as JSON numbers or strings. */
  private static UsageResponse costsPage(String... results) throws JsonProcessingException {
    return Fixtures.JSON.readValue("{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
        + "{\"object\":\"bucket\",\"start_time\":" + T0 + ",\"end_time\":" + (T0 + DAY) + ",\"results\":["
        + String.join(",", results) + "]}]}", UsageResponse.class);
  }

  private static String cost(String value, String currency, String lineItem, String project, String apiKey) {
    return "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":" + value + ",\"currency\":\""
        + currency + "\"},\"line_item\":\"" + lineItem + "\",\"project_id\":\"" + project + "\",\"api_key_id\":\""
        + apiKey + "\"}";
  }

  private final List<UsageTimeBucket> completionsBuckets = Arrays.asList(
      bucket(0,
          completions("gpt-4o", "proj_a", "user_1", "key_1", 100, 10, 1),
          completions("gpt-4o-mini", "proj_b", "user_1", "key_2", 200, 20, 2)),
      bucket(1,
          completions("gpt-4o", "proj_b", "user_2", "key_2", 300, 30, 3)),
      bucket(2));

  @Test
  void tokensAndRequestsAreTotalledOverall() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThat(summary.buckets()).isEqualTo(3);
    assertThat(summary.total().results()).isEqualTo(3);
    assertThat(summary.total().get(UsageMetric.INPUT_TOKENS)).isEqualTo(600);
    assertThat(summary.total().get(UsageMetric.OUTPUT_TOKENS)).isEqualTo(60);
    assertThat(summary.total().get(UsageMetric.NUM_MODEL_REQUESTS)).isEqualTo(6);
    assertThat(summary.total().get(UsageMetric.IMAGES)).isZero();
    assertThat(summary.total().counts()).containsOnlyKeys(
        UsageMetric.INPUT_TOKENS, UsageMetric.OUTPUT_TOKENS, UsageMetric.NUM_MODEL_REQUESTS);
    assertThat(summary.total().costs()).isEmpty();
  }

  @Test
  void totalsAreKeptPerModelProjectUserAndApiKey() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThat(summary.byModel()).containsOnlyKeys("gpt-4o", "gpt-4o-mini");
    assertThat(summary.byModel().get("gpt-4o").get(UsageMetric.INPUT_TOKENS)).isEqualTo(400);
    assertThat(summary.byModel().get("gpt-4o-mini").get(UsageMetric.INPUT_TOKENS)).isEqualTo(200);
    assertThat(summary.byProject().get("proj_a").get(UsageMetric.OUTPUT_TOKENS)).isEqualTo(10);
    assertThat(summary.byProject().get("proj_b").get(UsageMetric.OUTPUT_TOKENS)).isEqualTo(50);
    assertThat(summary.byUser().get("user_1").get(UsageMetric.NUM_MODEL_REQUESTS)).isEqualTo(3);
    assertThat(summary.byUser().get("user_2").get(UsageMetric.NUM_MODEL_REQUESTS)).isEqualTo(3);
    assertThat(summary.byApiKey().get("key_1").results()).isEqualTo(1);
    assertThat(summary.byApiKey().get("key_2").results()).isEqualTo(2);
    assertThat(summary.byLineItem()).isEmpty();
  }

  @Test
  void totalsAreKeptPerBucketInTimeOrderIncludingEmptyBuckets() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThat(summary.byBucket().keySet()).containsExactly(T0, T0 + DAY, T0 + 2 * DAY);
    assertThat(summary.byBucket().get(T0).get(UsageMetric.INPUT_TOKENS)).isEqualTo(300);
    assertThat(summary.byBucket().get(T0 + DAY).get(UsageMetric.INPUT_TOKENS)).isEqualTo(300);
    assertThat(summary.byBucket().get(T0 + 2 * DAY).results()).isZero();
  }

  @Test
  void resultsWithoutAGroupingFieldCountOnlyInTheTotal() {
    UsageSummary summary = UsageSummary.ofResults(Collections.singletonList(
        UsageCompletionsResult.builder().inputTokens(5).outputTokens(1).numModelRequests(1).build()));

    assertThat(summary.total().get(UsageMetric.INPUT_TOKENS)).isEqualTo(5);
    assertThat(summary.byModel()).isEmpty();
    assertThat(summary.byProject()).isEmpty();
    assertThat(summary.byUser()).isEmpty();
    assertThat(summary.byApiKey()).isEmpty();
    assertThat(summary.byBucket()).isEmpty();
  }

  @Test
  void costsAddUpExactlyInBigDecimal() throws Exception {
    UsageResponse page = costsPage(
        cost("\"0.0692840000000000000\"", "usd", "gpt-4o, input", "proj_a", "key_1"),
        cost("0.06", "usd", "gpt-4o, output", "proj_a", "key_1"),
        cost("\"0E-6176\"", "usd", "gpt-4o, output", "proj_a", "key_1"));

    UsageTotals total = UsageSummary.ofBuckets(page.data()).total();

    assertThat(total.cost("usd")).isEqualTo(new BigDecimal("0.1292840000000000000")); // value and scale
    assertThat(total.cost("USD")).isEqualTo(new BigDecimal("0.1292840000000000000"));
    assertThat(total.costs()).containsOnlyKeys("usd");
    assertThat(total.cost("eur")).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void zeroAmountsAddNeitherValueNorTheirHugeScale() throws Exception {
    UsageResponse page = costsPage(
        cost("\"0E-6176\"", "usd", "a", "proj_a", "key_1"),
        cost("\"0E-6176\"", "eur", "a", "proj_a", "key_1"),
        cost("0.50", "eur", "a", "proj_a", "key_1"));

    UsageTotals total = UsageSummary.ofBuckets(page.data()).total();

    assertThat(total.costs()).containsExactly(
        Map.entry("eur", new BigDecimal("0.50")), Map.entry("usd", BigDecimal.ZERO));
  }

  @Test
  void manySmallCostsDoNotDriftAsDoublesWould() {
    CostsResult tenth = CostsResult.builder()
        .amount(CostsAmount.builder().value(new BigDecimal("0.1")).currency("usd").build()).build();

    UsageSummary summary = UsageSummary.ofResults(Collections.nCopies(1_000, tenth));

    assertThat(summary.total().cost("usd")).isEqualTo(new BigDecimal("100.0"));
  }

  @Test
  void costsAreKeptPerLineItemProjectApiKeyAndBucket() throws Exception {
    UsageResponse page = costsPage(
        cost("1.25", "usd", "gpt-4o, input", "proj_a", "key_1"),
        cost("0.75", "usd", "gpt-4o, output", "proj_a", "key_2"),
        cost("\"2.5\"", "usd", "gpt-4o, input", "proj_b", "key_2"));

    UsageSummary summary = UsageSummary.ofBuckets(page.data());

    assertThat(summary.byLineItem().get("gpt-4o, input").cost("usd")).isEqualTo(new BigDecimal("3.75"));
    assertThat(summary.byLineItem().get("gpt-4o, output").cost("usd")).isEqualTo(new BigDecimal("0.75"));
    assertThat(summary.byProject().get("proj_a").cost("usd")).isEqualTo(new BigDecimal("2.00"));
    assertThat(summary.byProject().get("proj_b").cost("usd")).isEqualTo(new BigDecimal("2.5"));
    assertThat(summary.byApiKey().get("key_2").cost("usd")).isEqualTo(new BigDecimal("3.25"));
    assertThat(summary.byBucket().get(T0).cost("usd")).isEqualTo(new BigDecimal("4.50"));
    assertThat(summary.byModel()).isEmpty();
  }

  @Test
  void mixedCurrenciesAreKeptApart() throws Exception {
    UsageResponse page = costsPage(
        cost("1.10", "usd", "a", "proj_a", "key_1"),
        cost("2.20", "eur", "a", "proj_a", "key_1"),
        cost("3.30", "USD", "a", "proj_a", "key_1"));

    UsageSummary summary = UsageSummary.ofBuckets(page.data());

    assertThat(summary.total().costs()).containsExactly(
        Map.entry("eur", new BigDecimal("2.20")), Map.entry("usd", new BigDecimal("4.40")));
    assertThat(summary.byLineItem().get("a").costs()).containsOnlyKeys("eur", "usd");
  }

  @Test
  void everyEndpointsCountsAreTotalled() {
    List<UsageResult> results = Arrays.asList(
        UsageEmbeddingsResult.builder().inputTokens(10).numModelRequests(1).model("emb").build(),
        UsageModerationsResult.builder().inputTokens(20).numModelRequests(2).model("mod").build(),
        UsageImagesResult.builder().images(3).numModelRequests(3).model("img").build(),
        UsageAudioSpeechesResult.builder().characters(400).numModelRequests(4).model("tts").build(),
        UsageAudioTranscriptionsResult.builder().seconds(50).numModelRequests(5).model("stt").build(),
        UsageVectorStoresResult.builder().usageBytes(6_000).projectId("proj_v").build(),
        UsageCodeInterpreterSessionsResult.builder().numSessions(7).projectId("proj_c").build(),
        UsageFileSearchCallsResult.builder().numRequests(8).apiKeyId("key_f").build(),
        UsageWebSearchCallsResult.builder().numModelRequests(9).numRequests(9).model("web").build());

    UsageTotals total = UsageSummary.ofResults(results).total();

    assertThat(total.results()).isEqualTo(9);
    assertThat(total.get(UsageMetric.INPUT_TOKENS)).isEqualTo(30);
    assertThat(total.get(UsageMetric.NUM_MODEL_REQUESTS)).isEqualTo(1 + 2 + 3 + 4 + 5 + 9);
    assertThat(total.get(UsageMetric.IMAGES)).isEqualTo(3);
    assertThat(total.get(UsageMetric.CHARACTERS)).isEqualTo(400);
    assertThat(total.get(UsageMetric.SECONDS)).isEqualTo(50);
    assertThat(total.get(UsageMetric.USAGE_BYTES)).isEqualTo(6_000);
    assertThat(total.get(UsageMetric.NUM_SESSIONS)).isEqualTo(7);
    assertThat(total.get(UsageMetric.NUM_REQUESTS)).isEqualTo(8 + 9);
  }

  @Test
  void everyCompletionsTokenCountIsTotalled() {
    UsageCompletionsResult r = UsageCompletionsResult.builder().inputTokens(1).outputTokens(2).numModelRequests(3)
        .inputCachedTokens(4L).inputCacheWriteTokens(5L).inputUncachedTokens(6L).inputTextTokens(7L)
        .outputTextTokens(8L).inputCachedTextTokens(9L).inputAudioTokens(10L).inputCachedAudioTokens(11L)
        .outputAudioTokens(12L).inputImageTokens(13L).inputCachedImageTokens(14L).outputImageTokens(15L).build();

    UsageTotals total = UsageSummary.ofResults(Arrays.asList(r, r)).total();

    assertThat(total.counts()).hasSize(15);
    assertThat(total.get(UsageMetric.INPUT_CACHED_TOKENS)).isEqualTo(8);
    assertThat(total.get(UsageMetric.OUTPUT_IMAGE_TOKENS)).isEqualTo(30);
  }

  @Test
  void resultsOfUnknownTypesAreCountedFromTheirFields() throws Exception {
    UsageResponse page = Fixtures.JSON.readValue("{\"object\":\"page\",\"has_more\":false,\"data\":["
        + "{\"object\":\"bucket\",\"start_time\":" + T0 + ",\"end_time\":" + (T0 + DAY) + ",\"results\":["
        + "{\"object\":\"organization.usage.new_thing.result\",\"num_model_requests\":4,\"input_tokens\":40,"
        + "\"model\":\"new-model\",\"project_id\":\"proj_n\",\"flavour\":\"x\"},"
        + "{\"object\":\"organization.new_costs.result\",\"amount\":{\"value\":\"0.10\",\"currency\":\"usd\"},"
        + "\"line_item\":\"new\"}"
        + "]}]}", UsageResponse.class);

    UsageSummary summary = UsageSummary.ofBuckets(page.data());

    assertThat(summary.unknownResults()).isEqualTo(2);
    assertThat(summary.total().get(UsageMetric.INPUT_TOKENS)).isEqualTo(40);
    assertThat(summary.byModel().get("new-model").get(UsageMetric.NUM_MODEL_REQUESTS)).isEqualTo(4);
    assertThat(summary.byProject()).containsOnlyKeys("proj_n");
    assertThat(summary.byLineItem().get("new").cost("usd")).isEqualTo(new BigDecimal("0.10"));
  }

  @Test
  void theIterableApiNeedsNoRx() {
    Iterable<UsageTimeBucket> lazy = () -> completionsBuckets.iterator(); // any Iterable, iterated once

    UsageSummary fromBuckets = UsageSummary.ofBuckets(lazy);
    UsageSummary fromResults = UsageSummary.ofResults(completionsBuckets.get(0).results());

    assertThat(fromBuckets.total().get(UsageMetric.INPUT_TOKENS)).isEqualTo(600);
    assertThat(fromResults.total().get(UsageMetric.INPUT_TOKENS)).isEqualTo(300);
    assertThat(fromResults.buckets()).isZero();
  }

  @Test
  void summarizingAStreamEqualsSummarizingItsBuckets() {
    FakeUsageApi fake = FakeUsageApi.of(cursor -> Observable.just(cursor == null
        ? Fixtures.page(completionsBuckets.subList(0, 2), "c2")
        : Fixtures.page(completionsBuckets.subList(2, 3), null)));
    UsageStreams streams = UsageStreams.create(fake.api());

    UsageSummary fromStream = UsageSummary.summarizeBuckets(streams.buckets(Fixtures.completionsQuery()))
        .blockingGet();
    UsageSummary fromResults = UsageSummary.summarizeResults(streams.results(Fixtures.completionsQuery()))
        .blockingGet();

    assertThat(fromStream).isEqualTo(UsageSummary.ofBuckets(completionsBuckets));
    assertThat(fromResults.total()).isEqualTo(fromStream.total());
    assertThat(fromResults.byBucket()).isEmpty();
  }

  @Test
  void aStreamErrorFailsTheSummary() {
    UsageSummary.summarizeBuckets(Flowable.error(new IllegalStateException("boom")))
        .test().assertError(IllegalStateException.class);
  }

  @Test
  void anOverflowingSumFailsInsteadOfWrapping() {
    UsageCompletionsResult huge = UsageCompletionsResult.builder().inputTokens(Long.MAX_VALUE).outputTokens(0)
        .numModelRequests(1).build();

    assertThatExceptionOfType(ArithmeticException.class)
        .isThrownBy(() -> UsageSummary.ofResults(Arrays.asList(huge, huge)));
  }

  @Test
  void nullInputsAreRejected() {
    assertThatNullPointerException().isThrownBy(() -> UsageSummary.ofBuckets(null)).withMessage("buckets == null");
    assertThatNullPointerException().isThrownBy(() -> UsageSummary.ofResults(Arrays.asList((UsageResult) null)))
        .withMessage("results contains null");
  }

  @Test
  void summariesAreImmutable() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> summary.byModel().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> summary.total().counts().clear());
  }
}
