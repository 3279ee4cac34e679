package dev.usagekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UsageMetrics} against the testkit's fake in virtual time. It is 03:30 on T0's day: with an hour of grace,
 * the hourly buckets 00:00 and 01:00 are final, 02:00 and 03:00 are not.
 */
class UsageMetricsTest {
  static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
  static final long START = T0.getEpochSecond();
  static final long HOUR = 3600L;

  static final UsageQuery<UsageCompletionsResult> HOURLY = UsageQuery.completions()
      .start(T0).bucketWidth(BucketWidth.ONE_HOUR).groupBy(GroupByField.MODEL).build();

  private VirtualTimeFake fake;
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private @Nullable UsageMetrics metrics;

  @BeforeEach
  void start() throws IOException {
    fake = new VirtualTimeFake(T0.plusSeconds(3 * HOUR + 1800));
  }

  @AfterEach
  void stop() {
    if (metrics != null) {
      metrics.close();
    }
    fake.close();
  }

  private FollowOptions options() {
    return FollowOptions.builder().interval(Duration.ofMinutes(1)).grace(Duration.ofHours(1))
        .scheduler(fake.scheduler).build();
  }

  private UsageMetrics.Builder builder() {
    return UsageMetrics.builder(fake.streams).options(options());
  }

  private UsageMetrics bind(UsageMetrics.Builder builder, MeterRegistry registry) {
    UsageMetrics bound = builder.build();
    bound.bindTo(registry);
    fake.scheduler.triggerActions();
    return bound;
  }

  private void completions(long secondsAfterT0, String model, long inputTokens, long requests) {
    fake.server.add(START + secondsAfterT0,
        TestData.completions().model(model).inputTokens(inputTokens).numModelRequests(requests).build());
  }

  private static double counter(MeterRegistry registry, String name, String... tags) {
    FunctionCounter counter = registry.find(name).tags(tags).functionCounter();
    assertThat(counter).as(name + " " + String.join(",", tags)).isNotNull();
    return counter.count();
  }

  /** The aggregator's totals of the final buckets: every bucket from T0 up to {@code end}. */
  private UsageSummary finalSummary(UsageQuery<?> query, long end) {
    return UsageSummary.summarizeBuckets(fake.streams.buckets(query.withWindow(START, end))).blockingGet();
  }

  @Test
  void countsOnlyFinalBucketsAndAddsLateDataWhenTheBucketBecomesFinal() {
    completions(10 * 60, "gpt-4o", 5, 1);
    completions(2 * HOUR + 10 * 60, "gpt-4o", 7, 2);
    metrics = bind(builder().follow(HOURLY), registry);

    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(5.0);
    assertThat(counter(registry, "openai.usage.model_requests", "model", "gpt-4o")).isEqualTo(1.0);

    completions(2 * HOUR + 50 * 60, "gpt-4o", 3, 1); // late data for 02:00-03:00, not final yet
    fake.advanceMinutes(1);
    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(5.0);

    fake.advanceMinutes(30); // 04:01: 02:00-03:00 is final, with its late data
    UsageTotals exact = finalSummary(HOURLY, START + 3 * HOUR).groups("model").get("gpt-4o");
    assertThat(exact.count("input_tokens")).isEqualTo(15L);
    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o"))
        .isEqualTo((double) exact.count("input_tokens"));
    assertThat(counter(registry, "openai.usage.model_requests", "model", "gpt-4o"))
        .isEqualTo((double) exact.count("num_model_requests"));
    assertThat(counter(registry, "openai.usage.buckets", "endpoint", "completions")).isEqualTo(3.0);
  }

  @Test
  void aRestartResumesFromTheStoreAndCountsNoBucketTwice() {
    Map<UsageEndpoint, Long> saved = new ConcurrentHashMap<>();
    ResumeStore store = new MapStore(saved);
    completions(10 * 60, "gpt-4o", 1, 1);
    completions(HOUR + 10 * 60, "gpt-4o", 2, 1);
    completions(2 * HOUR + 10 * 60, "gpt-4o", 3, 1);
    UsageMetrics first = bind(builder().follow(HOURLY).resumeStore(store), registry);
    fake.advanceMinutes(31); // 04:01
    double firstCount = counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o");
    first.close();
    assertThat(saved).containsEntry(UsageEndpoint.COMPLETIONS, START + 3 * HOUR);

    fake.advanceMinutes(120); // down until 06:01; usage goes on
    completions(3 * HOUR + 10 * 60, "gpt-4o", 4, 1);
    completions(4 * HOUR + 10 * 60, "gpt-4o", 5, 1);
    MeterRegistry afterRestart = new SimpleMeterRegistry();
    metrics = bind(builder().follow(HOURLY).resumeStore(store), afterRestart);
    double secondCount = counter(afterRestart, "openai.usage.tokens", "type", "input", "model", "gpt-4o");

    long exact = finalSummary(HOURLY, START + 5 * HOUR).groups("model").get("gpt-4o").count("input_tokens");
    assertThat(firstCount).isEqualTo(6.0);
    assertThat(secondCount).isEqualTo(9.0);
    assertThat(firstCount + secondCount).isEqualTo((double) exact);
    assertThat(saved).containsEntry(UsageEndpoint.COMPLETIONS, START + 5 * HOUR);
  }

  @Test
  void aRateLimitedPollWaitsForRetryAfterAndCountsOnce() {
    completions(10 * 60, "gpt-4o", 5, 1);
    fake.server.enqueue(Fault.rateLimited(20));
    metrics = bind(builder().follow(HOURLY), registry);
    assertThat(registry.find("openai.usage.tokens").functionCounter()).isNull();

    fake.scheduler.advanceTimeBy(20, TimeUnit.SECONDS);

    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(5.0);
    assertThat(counter(registry, "openai.usage.errors", "endpoint", "completions")).isZero();
  }

  @Test
  void aPollThatFailsAfterRetriesIsCountedAsAnErrorAndFollowingGoesOnFromTheResumePoint() {
    completions(10 * 60, "gpt-4o", 5, 1);
    metrics = bind(builder().follow(HOURLY), registry);
    fake.server.enqueue(Fault.serverError(503), 3); // the first try and both retries of the next poll
    completions(HOUR + 20 * 60, "gpt-4o", 2, 1);   // late data for 01:00, final already: never fetched again
    completions(2 * HOUR + 20 * 60, "gpt-4o", 4, 1);
    fake.advanceMinutes(1);                           // the poll at 03:31 gets a 503
    fake.scheduler.advanceTimeBy(3, TimeUnit.SECONDS); // and after 1 s and 2 s of backoff two more
    assertThat(fake.server.requests()).extracting(RecordedUsageRequest::status).containsExactly(200, 503, 503, 503);
    assertThat(counter(registry, "openai.usage.errors", "endpoint", "completions")).isEqualTo(1.0);

    fake.advanceMinutes(40); // 04:11: following went on; 02:00-03:00 is final

    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(9.0);
    assertThat(counter(registry, "openai.usage.buckets", "endpoint", "completions")).isEqualTo(3.0);
  }

  @Test
  void aBucketWhoseResumePointCannotBeSavedIsNotCountedUntilItIs() {
    AtomicBoolean failing = new AtomicBoolean(true);
    Map<UsageEndpoint, Long> saved = new ConcurrentHashMap<>();
    ResumeStore flaky = new MapStore(saved) {
      @Override
      public void save(UsageEndpoint endpoint, long resumeFrom) {
        if (failing.get()) {
          throw new IllegalStateException("disk full");
        }
        super.save(endpoint, resumeFrom);
      }
    };
    completions(10 * 60, "gpt-4o", 5, 1);
    metrics = bind(builder().follow(HOURLY).resumeStore(flaky), registry);
    assertThat(registry.find("openai.usage.tokens").functionCounter()).isNull();
    assertThat(counter(registry, "openai.usage.errors", "endpoint", "completions")).isEqualTo(1.0);

    failing.set(false);
    fake.advanceMinutes(1);

    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(5.0);
    assertThat(saved).containsEntry(UsageEndpoint.COMPLETIONS, START + 2 * HOUR);
  }

  @Test
  void lagIsTheAgeOfTheNewestFinalBucket() {
    metrics = bind(builder().follow(HOURLY), registry);
    TimeGauge lag = registry.find("openai.usage.lag").tags("endpoint", "completions").timeGauge();

    assertThat(lag.value(TimeUnit.SECONDS)).isEqualTo(3600.0 + 1800.0); // 03:30 - 02:00
    fake.advanceMinutes(31);
    assertThat(lag.value(TimeUnit.SECONDS)).isEqualTo(3600.0 + 60.0);   // 04:01 - 03:00
  }

  @Test
  void levelsAreGaugesOfTheNewestFinalBucketNeverSums() {
    UsageQuery<UsageVectorStoresResult> query = UsageQuery.vectorStores()
        .start(T0).bucketWidth(BucketWidth.ONE_HOUR).groupBy(GroupByField.PROJECT_ID).build();
    fake.server.add(START + 60, TestData.vectorStores().projectId("proj_a").usageBytes(1000).build());
    fake.server.add(START + HOUR + 60, TestData.vectorStores().projectId("proj_a").usageBytes(1500).build());
    metrics = bind(builder().follow(query), registry);

    Gauge bytes = registry.find("openai.usage.bytes").tags("project_id", "proj_a").gauge();
    assertThat(bytes).isNotNull();
    assertThat(registry.find("openai.usage.bytes").functionCounter()).isNull();
    long latest = finalSummary(query, START + 2 * HOUR).groups("project_id").get("proj_a").latest("usage_bytes");
    assertThat(bytes.value()).isEqualTo(1500.0).isEqualTo((double) latest);
  }

  @Test
  void costsArePublishedPerCurrencyProjectAndLineItemFromExactSums() throws IOException {
    fake.close();
    fake = new VirtualTimeFake(T0.plusSeconds(3 * 24 * HOUR + 2 * HOUR)); // day 3, 02:00: days 0-2 are final
    UsageQuery<CostsResult> query = UsageQuery.costs().start(T0)
        .groupBy(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM).build();
    String[] amounts = {"0.1", "0.2", "0.0692840000000000000", "0", "1234567.000000001"};
    for (int day = 0; day < 3; day++) {
      for (String amount : amounts) {
        fake.server.add(START + day * 24 * HOUR + 600, TestData.costs().projectId("proj_a")
            .lineItem("gpt-4o, input").amount(TestData.usd(amount)).build());
      }
    }
    metrics = bind(builder().follow(query), registry);

    BigDecimal exact = finalSummary(query, START + 3 * 24 * HOUR).groups("project_id").get("proj_a").cost("usd");
    assertThat(exact).isEqualByComparingTo("3703702.107852003");
    assertThat(counter(registry, "openai.costs.amount",
        "endpoint", "costs", "currency", "usd", "project_id", "proj_a", "line_item", "gpt-4o, input"))
        .isEqualTo(exact.doubleValue());
  }

  @Test
  void tagValuesPastTheBoundAreFoldedIntoOtherAndCounted() {
    completions(10 * 60, "model-a", 1, 1);
    completions(10 * 60, "model-b", 2, 1);
    completions(10 * 60, "model-c", 4, 1);
    completions(HOUR + 10 * 60, "model-d", 8, 1);
    metrics = bind(builder().follow(HOURLY).maxTagValues(2), registry);

    assertThat(registry.find("openai.usage.tokens").tag("type", "input").functionCounters())
        .extracting(c -> c.getId().getTag("model"))
        .containsExactlyInAnyOrder("model-a", "model-b", "other");
    assertThat(counter(registry, "openai.usage.tokens", "type", "input", "model", "other")).isEqualTo(12.0);
    assertThat(counter(registry, "openai.usage.folded", "endpoint", "completions", "tag", "model"))
        .isEqualTo(2.0);
  }

  @Test
  void everyDataMeterOfANameHasTheSameTagKeysAcrossEndpoints() {
    completions(10 * 60, "gpt-4o", 5, 1);
    fake.server.add(START + 600, TestData.embeddings().model("text-embedding-3-small").inputTokens(9).build());
    UsageQuery<?> embeddings = UsageQuery.embeddings().start(T0).bucketWidth(BucketWidth.ONE_HOUR)
        .groupBy(GroupByField.PROJECT_ID).build();
    metrics = bind(builder().follow(HOURLY).follow(embeddings), registry);

    assertThat(registry.find("openai.usage.tokens").tag("type", "input").functionCounters()).hasSize(2)
        .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey())
            .containsExactly("endpoint", "model", "project_id", "type"));
    assertThat(counter(registry, "openai.usage.tokens", "endpoint", "embeddings", "model", "", "type", "input"))
        .isEqualTo(9.0);
  }

  @Test
  void aSecondRegistryGetsTheSameValues() {
    completions(10 * 60, "gpt-4o", 5, 1);
    metrics = bind(builder().follow(HOURLY), registry);
    MeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(second);

    assertThat(counter(second, "openai.usage.tokens", "type", "input", "model", "gpt-4o")).isEqualTo(5.0);
    assertThat(fake.server.requestCount()).isEqualTo(1);
  }

  @Test
  void invalidConfigurationFailsBeforeAnyRequest() {
    UsageMetrics.Builder builder = UsageMetrics.builder(fake.streams);
    assertThatThrownBy(() -> builder.follow(UsageQuery.completions().start(T0).end(T0.plusSeconds(HOUR)).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end_time");
    builder.follow(HOURLY);
    assertThatThrownBy(() -> builder.follow(UsageQuery.completions().start(T0).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followed already");
    assertThatThrownBy(() -> builder.maxTagValues(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTagValues must be >= 1, was 0");
    assertThatThrownBy(() -> builder.options(FollowOptions.builder().resumeFrom(START).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resumeFrom");
    assertThatThrownBy(() -> UsageMetrics.builder(fake.streams).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("follow(query)");
    assertThat(fake.server.requestCount()).isZero();
  }

  @Test
  void meterNamesComeFromTheJsonNamesOfTheMetrics() {
    assertThat(UsageMetrics.counterName("input_cached_tokens")).isEqualTo("openai.usage.tokens");
    assertThat(UsageMetrics.tokenType("input_cached_tokens")).isEqualTo("input_cached");
    assertThat(UsageMetrics.counterName("num_model_requests")).isEqualTo("openai.usage.model_requests");
    assertThat(UsageMetrics.counterName("characters")).isEqualTo("openai.usage.characters");
    assertThat(UsageMetrics.gaugeName("usage_bytes")).isEqualTo("openai.usage.bytes");
    assertThat(UsageMetrics.counterName("Weird-Name")).isEqualTo("openai.usage.weird_name");
  }

  @Test
  void everyMeterHasADescriptionForPrometheusHelp() {
    completions(10 * 60, "gpt-4o", 5, 1);
    fake.server.add(START + 600, TestData.vectorStores().projectId("proj_a").usageBytes(1000).build());
    UsageQuery<UsageVectorStoresResult> stores = UsageQuery.vectorStores()
        .start(T0).bucketWidth(BucketWidth.ONE_HOUR).groupBy(GroupByField.PROJECT_ID).build();
    metrics = bind(builder().follow(HOURLY).follow(stores).maxTagValues(1), registry);
    completions(2 * HOUR + 10 * 60, "gpt-4o-mini", 5, 1); // folded into "other" once final
    fake.advanceMinutes(60);

    assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
        .contains("openai.usage.tokens", "openai.usage.model_requests", "openai.usage.bytes", "openai.usage.lag",
            "openai.usage.buckets", "openai.usage.errors", "openai.usage.folded");
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getDescription()).as(m.getId().toString()).isNotBlank());
  }

  @Test
  void aSeriesIsExportedOnceItsValueIsNotZero() {
    fake.server.add(START + 600, TestData.completions().model("gpt-4o").inputTokens(5).outputTokens(0)
        .inputCachedTokens(0L).inputAudioTokens(0L).numModelRequests(1).build());
    fake.server.add(START + HOUR + 600, TestData.completions().model("gpt-4o").inputTokens(5).outputTokens(7)
        .inputCachedTokens(0L).inputAudioTokens(0L).numModelRequests(1).build());
    metrics = bind(builder().follow(HOURLY), registry);

    assertThat(registry.find("openai.usage.tokens").functionCounters()).extracting(c -> c.getId().getTag("type"))
        .containsExactlyInAnyOrder("input", "output");   // cached and audio tokens: zero in every bucket so far
    assertThat(counter(registry, "openai.usage.tokens", "type", "output", "model", "gpt-4o")).isEqualTo(7.0);
    assertThat(counter(registry, "openai.usage.errors", "endpoint", "completions")).isZero(); // from the start
    MeterRegistry late = new SimpleMeterRegistry();
    metrics.bindTo(late);
    assertThat(late.find("openai.usage.tokens").functionCounters()).hasSize(2);
  }

  @Test
  void aNameTagStandsBesideTheIdTagWithTheResolversNameOrTheResultsOwn() throws IOException {
    fake.close();
    fake = new VirtualTimeFake(T0.plusSeconds(24 * HOUR + 2 * HOUR));
    fake.server.projectName("proj_b", "Carried Name");  // results grouped by project_id carry project_name
    for (String project : new String[] {"proj_a", "proj_b", "proj_c", "proj_d"}) {
      fake.server.add(START + 600, TestData.costs().projectId(project).amount(TestData.usd("1.5")).build());
    }
    UsageQuery<CostsResult> query = UsageQuery.costs().start(T0).groupBy(GroupByField.PROJECT_ID).build();
    Map<String, String> listed = Map.of("proj_a", "Search Indexer");
    metrics = bind(builder().follow(query).maxTagValues(3).names(GroupByField.PROJECT_ID, listed::get), registry);

    assertThat(registry.find("openai.costs.amount").functionCounters())
        .extracting(c -> c.getId().getTag("project_id") + "=" + c.getId().getTag("project_name"))
        .containsExactlyInAnyOrder("proj_a=Search Indexer", "proj_b=Carried Name", "proj_c=", "other=other");
    assertThatThrownBy(() -> builder().names(GroupByField.MODEL, listed::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project_id, user_id, api_key_id");
  }

  @Test
  void projectNamesComeFromTheListingWhichIsAskedAgainForAnUnknownIdAtMostEveryTenMinutes() {
    fake.server.projectName("proj_a", "Search Indexer");
    long[] now = {0L};
    ProjectListing names = new ProjectListing(fake.api, () -> now[0]);

    assertThat(names.name("proj_a")).isEqualTo("Search Indexer");
    assertThat(names.name("proj_new")).isNull();
    int listings = fake.server.requestCount();
    fake.server.projectName("proj_new", "Created Later");
    assertThat(names.name("proj_new")).isNull();                   // listed a moment ago: not again
    assertThat(fake.server.requestCount()).isEqualTo(listings);
    now[0] += ProjectListing.RELIST_AFTER_MILLIS;
    assertThat(names.name("proj_new")).isEqualTo("Created Later");
    assertThat(names.name("proj_a")).isEqualTo("Search Indexer");
  }

  @Test
  void userAndApiKeyNamesComeFromTheirListings() {
    fake.server.userEmail("user_a", "ada@example.com");
    fake.server.projectName("proj_a", "Checkout").apiKeyName("proj_a", "key_a", "checkout-prod");

    assertThat(NameResolver.users(fake.api).name("user_a")).isEqualTo("ada@example.com");
    assertThat(NameResolver.apiKeys(fake.api).name("key_a")).isEqualTo("checkout-prod");
    assertThat(NameResolver.apiKeys(fake.api).name("key_unknown")).isNull();
  }

  /** A resume store in a map. */
  static class MapStore implements ResumeStore {
    private final Map<UsageEndpoint, Long> saved;

    MapStore(Map<UsageEndpoint, Long> saved) {
      this.saved = saved;
    }

    @Override
    public @Nullable Long load(UsageEndpoint endpoint) {
      return saved.get(endpoint);
    }

    @Override
    public void save(UsageEndpoint endpoint, long resumeFrom) {
      saved.put(endpoint, resumeFrom);
    }
  }
}
