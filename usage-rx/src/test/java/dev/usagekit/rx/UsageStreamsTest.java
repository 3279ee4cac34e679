package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApiFactory;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsageStreamsTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private static final UsageCompletionsResult COMPLETIONS = UsageCompletionsResult.builder()
      .inputTokens(1).outputTokens(2).numModelRequests(3).model("gpt-4o").build();
  private static final CostsResult COSTS = CostsResult.builder()
      .amount(CostsAmount.builder().value(new BigDecimal("0.06")).currency("usd").build()).lineItem("x").build();
  private static final UnknownUsageResult UNKNOWN = UnknownUsageResult.builder()
      .object("organization.usage.new_thing.result").build();

  private static UsageStreams streamsServing(UsageResult... results) {
    UsageTimeBucket bucket = UsageTimeBucket.builder().startTime(T0).endTime(T0 + Fixtures.DAY)
        .addResults(results).build();
    UsageResponse page = Fixtures.page(Collections.singletonList(bucket), null);
    return UsageStreams.create(FakeUsageApi.of(cursor -> Observable.just(page)).api());
  }

  @Test
  void resultsOfACompletionsQueryAreTypedAsCompletions() {
    Flowable<UsageCompletionsResult> results = streamsServing(COMPLETIONS).results(Fixtures.completionsQuery());

    assertThat(results.blockingFirst().inputTokens()).isEqualTo(1);
  }

  @Test
  void resultsOfACostsQueryAreTypedAsCosts() {
    Flowable<CostsResult> results = streamsServing(COSTS).results(UsageQuery.costs().startTime(T0).build());

    assertThat(results.blockingFirst().amount().value()).isEqualTo(new BigDecimal("0.06"));
  }

  @Test
  void typedResultsLeaveOutResultsOfOtherTypes() {
    UsageStreams streams = streamsServing(UNKNOWN, COMPLETIONS, UNKNOWN);

    streams.results(Fixtures.completionsQuery()).test().assertResult(COMPLETIONS);
  }

  @Test
  void aQueryForAnyEndpointStreamsEveryResultIncludingUnknownOnes() {
    UsageStreams streams = streamsServing(UNKNOWN, COMPLETIONS);
    UsageQuery<UsageResult> query = UsageQuery.builder(UsageEndpoint.COMPLETIONS).startTime(T0).build();

    streams.results(query).test().assertResult(UNKNOWN, COMPLETIONS);
  }

  @Test
  void bucketsKeepEveryResult() {
    List<UsageResult> results = streamsServing(UNKNOWN, COMPLETIONS).buckets(Fixtures.completionsQuery())
        .blockingFirst().results();

    assertThat(results).containsExactly(UNKNOWN, COMPLETIONS);
  }

  @Test
  void streamsOverUsageApiFactoryReachTheRightEndpointWithTheAdminKey() throws Exception {
    MockWebServer server = new MockWebServer();
    server.enqueue(Fixtures.pageResponse(Fixtures.buckets(0, 2), "next_1"));
    server.enqueue(Fixtures.pageResponse(Fixtures.buckets(2, 3), null));
    try {
      UsageStreams streams = UsageStreams.create(UsageApiFactory.builder().adminKey("sk-admin-test")
          .baseUrl(server.url("/v1/").toString()).build());
      UsageQuery<CostsResult> query = UsageQuery.costs().startTime(T0).groupBy(GroupByField.LINE_ITEM)
          .limit(2).build();

      TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(query).test();

      assertThat(subscriber.await(10, TimeUnit.SECONDS)).isTrue();
      subscriber.assertResult(Fixtures.buckets(0, 3).toArray(new UsageTimeBucket[0]));
      RecordedRequest first = server.takeRequest();
      assertThat(first.getHeader("Authorization")).isEqualTo("Bearer sk-admin-test");
      assertThat(first.getRequestUrl().encodedPath()).isEqualTo("/v1/organization/costs");
      assertThat(first.getRequestUrl().queryParameterValues("group_by")).containsExactly("line_item");
      assertThat(server.takeRequest().getRequestUrl().queryParameter("page")).isEqualTo("next_1");
    } finally {
      server.shutdown();
    }
  }

  @Test
  void theBuilderSetsTheRetryPolicyAndRejectsNulls() {
    FakeUsageApi fake = FakeUsageApi.serving(0, 1);

    assertThat(UsageStreams.create(fake.api()).retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(UsageStreams.builder(fake.api()).retryPolicy(RetryPolicy.none()).build().retryPolicy())
        .isSameAs(RetryPolicy.none());
    assertThatNullPointerException().isThrownBy(() -> UsageStreams.builder(fake.api()).retryPolicy(null))
        .withMessage("retryPolicy == null");
    assertThatNullPointerException().isThrownBy(() -> UsageStreams.builder(fake.api()).scheduler(null))
        .withMessage("scheduler == null");
    assertThatNullPointerException().isThrownBy(() -> UsageStreams.create(fake.api()).results(null))
        .withMessage("query == null");
    assertThatNullPointerException().isThrownBy(() -> UsageStreams.create(fake.api()).pages(null))
        .withMessage("query == null");
  }

  @Test
  void aQueryWithNoBucketsCompletesEmpty() {
    UsageStreams.create(FakeUsageApi.serving(0, 7).api()).buckets(Fixtures.completionsQuery()).test()
        .assertResult();
  }
}
