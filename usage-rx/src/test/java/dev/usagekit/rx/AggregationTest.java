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
    assertThat(summary.total().count("input_tokens")).isEqualTo(600);
    assertThat(summary.total().count("output_tokens")).isEqualTo(60);
    assertThat(summary.total().count("num_model_requests")).isEqualTo(6);
    assertThat(summary.total().count("images")).isZero();
    assertThat(summary.total().counts()).containsOnlyKeys(
        "input_tokens", "output_tokens", "num_model_requests");
    assertThat(summary.total().costs()).isEmpty();
  }

  @Test
  void totalsAreKeptPerModelProjectUserAndApiKey() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThat(summary.groups("model")).containsOnlyKeys("gpt-4o", "gpt-4o-mini");
    assertThat(summary.groups("model").get("gpt-4o").count("input_tokens")).isEqualTo(400);
    assertThat(summary.groups("model").get("gpt-4o-mini").count("input_tokens")).isEqualTo(200);
    assertThat(summary.groups("project_id").get("proj_a").count("output_tokens")).isEqualTo(10);
    assertThat(summary.groups("project_id").get("proj_b").count("output_tokens")).isEqualTo(50);
    assertThat(summary.groups("user_id").get("user_1").count("num_model_requests")).isEqualTo(3);
    assertThat(summary.groups("user_id").get("user_2").count("num_model_requests")).isEqualTo(3);
    assertThat(summary.groups("api_key_id").get("key_1").results()).isEqualTo(1);
    assertThat(summary.groups("api_key_id").get("key_2").results()).isEqualTo(2);
    assertThat(summary.groups("line_item")).isEmpty();
  }

  @Test
  void totalsAreKeptPerBucketInTimeOrderIncludingEmptyBuckets() {
    UsageSummary summary = UsageSummary.ofBuckets(completionsBuckets);

    assertThat(summary.byBucket().keySet()).containsExactly(T0, T0 + DAY, T0 + 2 * DAY);
    assertThat(summary.byBucket().get(T0).count("input_tokens")).isEqualTo(300);
    assertThat(summary.byBucket().get(T0 + DAY).count("input_tokens")).isEqualTo(300);
    assertThat(summary.byBucket().get(T0 + 2 * DAY).results()).isZero();
  }

  @Test
  void resultsWithoutAGroupingFieldCountOnlyInTheTotal() {
    UsageSummary summary = UsageSummary.ofResults(Collections.singletonList(
        UsageCompletionsResult.builder().inputTokens(5).outputTokens(1).numModelRequests(1).build()));

    assertThat(summary.total().count("input_tokens")).isEqualTo(5);
    assertThat(summary.groups("model")).isEmpty();
    assertThat(summary.groups("project_id")).isEmpty();
    assertThat(summary.groups("user_id")).isEmpty();
    assertThat(summary.groups("api_key_id")).isEmpty();
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

    assertThat(summary.groups("line_item").get("gpt-4o, input").cost("usd")).isEqualTo(new BigDecimal("3.75"));
    assertThat(summary.groups("line_item").get("gpt-4o, output").cost("usd")).isEqualTo(new BigDecimal("0.75"));
    assertThat(summary.groups("project_id").get("proj_a").cost("usd")).isEqualTo(new BigDecimal("2.00"));
    assertThat(summary.groups("project_id").get("proj_b").cost("usd")).isEqualTo(new BigDecimal("2.5"));
    assertThat(summary.groups("api_key_id").get("key_2").cost("usd")).isEqualTo(new BigDecimal("3.25"));
    assertThat(summary.byBucket().get(T0).cost("usd")).isEqualTo(new BigDecimal("4.50"));
    assertThat(summary.groups("model")).isEmpty();
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
    assertThat(summary.groups("line_item").get("a").costs()).containsOnlyKeys("eur", "usd");
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
    assertThat(total.count("input_tokens")).isEqualTo(30);
    assertThat(total.count("num_model_requests")).isEqualTo(1 + 2 + 3 + 4 + 5 + 9);
    assertThat(total.count("images")).isEqualTo(3);
    assertThat(total.count("characters")).isEqualTo(400);
    assertThat(total.count("seconds")).isEqualTo(50);
    assertThat(total.counts()).doesNotContainKey("usage_bytes");
    assertThat(total.latest("usage_bytes")).isEqualTo(6_000);
    assertThat(total.count("num_sessions")).isEqualTo(7);
    assertThat(total.count("num_requests")).isEqualTo(8 + 9);
  }

  private static UsageTimeBucket day(long start, UsageResult... results) {
    return UsageTimeBucket.builder().startTime(start).endTime(start + DAY).addResults(results).build();
  }

  @Test
  void aLevelIsItsLatestBucketAndPeakNeverASumOverTime() {
    List<UsageTimeBucket> days = Arrays.asList(
        day(T0,
            UsageVectorStoresResult.builder().usageBytes(100).projectId("proj_a").build(),
            UsageVectorStoresResult.builder().usageBytes(50).projectId("proj_b").build()),
        day(T0 + DAY,
            UsageVectorStoresResult.builder().usageBytes(300).projectId("proj_a").build(),
            UsageVectorStoresResult.builder().usageBytes(20).projectId("proj_b").build()),
        day(T0 + 2 * DAY,
            UsageVectorStoresResult.builder().usageBytes(200).projectId("proj_a").build()));

    UsageSummary summary = UsageSummary.ofBuckets(days);

    assertThat(summary.total().latest("usage_bytes")).isEqualTo(200);
    assertThat(summary.total().peaks()).containsEntry("usage_bytes", 320L);
    assertThat(summary.total().counts()).isEmpty();
    assertThat(summary.groups("project_id").get("proj_a").latest("usage_bytes")).isEqualTo(200);
    assertThat(summary.groups("project_id").get("proj_b").latest("usage_bytes")).isEqualTo(20);
    assertThat(summary.groups("project_id").get("proj_b").peaks()).containsEntry("usage_bytes", 50L);
    assertThat(summary.byBucket().get(T0 + DAY).latest("usage_bytes")).isEqualTo(320);
  }

  @Test
  void foldedEntriesAddCountsAndCostsAndKeepALevelsLatestAndPeakPerBucket() {
    List<UsageTimeBucket> days = Arrays.asList(
        day(T0, UsageVectorStoresResult.builder().usageBytes(100).build(),
            UsageVectorStoresResult.builder().usageBytes(50).build()),
        day(T0 + DAY, UsageVectorStoresResult.builder().usageBytes(300).build()),
        day(T0 + 2 * DAY, UsageVectorStoresResult.builder().usageBytes(200).build()),
        day(T0 + 3 * DAY, UsageVectorStoresResult.builder().usageBytes(10).build(),
            UsageVectorStoresResult.builder().usageBytes(20).build()));

    UsageSummary twoDays = UsageSummary.summarizeBuckets(Flowable.fromIterable(days),
        start -> start - Math.floorMod(start - T0, 2 * DAY)).blockingGet();

    assertThat(twoDays.byBucket()).containsOnlyKeys(T0, T0 + 2 * DAY);
    assertThat(twoDays.byBucket().get(T0).latest("usage_bytes")).isEqualTo(300);
    assertThat(twoDays.byBucket().get(T0).peaks()).containsEntry("usage_bytes", 300L);
    assertThat(twoDays.byBucket().get(T0).results()).isEqualTo(3);
    assertThat(twoDays.byBucket().get(T0 + 2 * DAY).latest("usage_bytes")).isEqualTo(30);
    assertThat(twoDays.byBucket().get(T0 + 2 * DAY).peaks()).containsEntry("usage_bytes", 200L);
    assertThat(twoDays.total()).isEqualTo(UsageSummary.ofBuckets(days).total());
    assertThat(twoDays.buckets()).isEqualTo(4);
  }

  @Test
  void foldedEntriesOfTokensAddUpToTheTotal() {
    List<UsageTimeBucket> buckets = Arrays.asList(
        bucket(0, completions("gpt-4o", "proj_a", "user_a", "key_a", 10, 1, 1)),
        bucket(1, completions("gpt-4o", "proj_a", "user_a", "key_a", 20, 2, 1)),
        bucket(2, completions("gpt-4o", "proj_b", "user_a", "key_a", 40, 4, 1)));

    UsageSummary one = UsageSummary.summarizeBuckets(Flowable.fromIterable(buckets), start -> T0).blockingGet();

    assertThat(one.byBucket()).containsOnlyKeys(T0);
    assertThat(one.byBucket().get(T0)).isEqualTo(one.total());
    assertThat(one.total().count("input_tokens")).isEqualTo(70);
  }

  @Test
  void valuesOfAGroupFieldPastTheBoundAddUpAsOther() {
    List<UsageResult> results = new java.util.ArrayList<>();
    for (int p = 0; p < UsageSummary.MAX_GROUP_VALUES + 5; p++) {
      results.add(completions("gpt-4o", String.format("proj_%05d", p), "user_a", "key_a", 1, 1, 1));
    }

    UsageSummary summary = UsageSummary.ofResults(results);

    assertThat(summary.groups("project_id")).hasSize(UsageSummary.MAX_GROUP_VALUES + 1);
    assertThat(summary.groups("project_id").get(UsageSummary.OTHER_VALUES).count("input_tokens")).isEqualTo(5);
    assertThat(summary.groups("project_id").get("proj_00000").count("input_tokens")).isEqualTo(1);
    assertThat(summary.groups("model").get("gpt-4o").count("input_tokens"))
        .isEqualTo(UsageSummary.MAX_GROUP_VALUES + 5);
  }

  @Test
  void everyCompletionsTokenCountIsTotalled() {
    UsageCompletionsResult r = UsageCompletionsResult.builder().inputTokens(1).outputTokens(2).numModelRequests(3)
        .inputCachedTokens(4L).inputCacheWriteTokens(5L).inputUncachedTokens(6L).inputTextTokens(7L)
        .outputTextTokens(8L).inputCachedTextTokens(9L).inputAudioTokens(10L).inputCachedAudioTokens(11L)
        .outputAudioTokens(12L).inputImageTokens(13L).inputCachedImageTokens(14L).outputImageTokens(15L).build();

    UsageTotals total = UsageSummary.ofResults(Arrays.asList(r, r)).total();

    assertThat(total.counts()).hasSize(15);
    assertThat(total.count("input_cached_tokens")).isEqualTo(8);
    assertThat(total.count("output_image_tokens")).isEqualTo(30);
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
    assertThat(summary.total().count("input_tokens")).isEqualTo(40);
    assertThat(summary.groups("model").get("new-model").count("num_model_requests")).isEqualTo(4);
    assertThat(summary.groups("project_id")).containsOnlyKeys("proj_n");
    assertThat(summary.groups("line_item").get("new").cost("usd")).isEqualTo(new BigDecimal("0.10"));
  }

  /** A count the API added to a known type after this release adds up under its JSON name, as above. */
  @Test
  void aCountAKnownTypeDoesNotDeclareAddsUpByItsName() throws Exception {
    String result = "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":10,"
        + "\"output_tokens\":2,\"num_model_requests\":1,\"input_audio_cached_tokens\":3,\"model\":\"m\"}";
    UsageResponse page = Fixtures.JSON.readValue("{\"object\":\"page\",\"has_more\":false,\"data\":["
        + "{\"object\":\"bucket\",\"start_time\":" + T0 + ",\"end_time\":" + (T0 + DAY) + ",\"results\":["
        + result + "," + result + "]}]}", UsageResponse.class);

    UsageSummary summary = UsageSummary.ofBuckets(page.data());

    assertThat(summary.unknownResults()).isZero();
    assertThat(summary.total().count("input_audio_cached_tokens")).isEqualTo(6);
    assertThat(summary.total().count("input_tokens")).isEqualTo(20);
    assertThat(summary.groups("model").get("m").count("input_audio_cached_tokens")).isEqualTo(6);
  }

  @Test
  void theIterableApiNeedsNoRx() {
    Iterable<UsageTimeBucket> lazy = () -> completionsBuckets.iterator(); // any Iterable, iterated once

    UsageSummary fromBuckets = UsageSummary.ofBuckets(lazy);
    UsageSummary fromResults = UsageSummary.ofResults(completionsBuckets.get(0).results());

    assertThat(fromBuckets.total().count("input_tokens")).isEqualTo(600);
    assertThat(fromResults.total().count("input_tokens")).isEqualTo(300);
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
        .isThrownBy(() -> summary.groups("model").clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> summary.total().counts().clear());
  }
}
