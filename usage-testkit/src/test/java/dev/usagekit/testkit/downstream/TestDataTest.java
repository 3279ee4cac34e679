package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.TestData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builders with realistic defaults: a test sets only what it is about. */
class TestDataTest {
  static final long NOV_1 = 1_793_491_200L;

  @Test
  void completionsHaveRealisticDefaultsAndNoGroupingFields() {
    UsageCompletionsResult result = TestData.completions().build();

    assertThat(result.inputTokens()).isEqualTo(1_000);
    assertThat(result.inputCachedTokens()).isEqualTo(200);
    assertThat(result.outputTokens()).isEqualTo(250);
    assertThat(result.numModelRequests()).isEqualTo(4);
    assertThat(result.projectId()).isNull();
    assertThat(result.model()).isNull();
  }

  @Test
  void aTestOverridesOnlyWhatItIsAbout() {
    UsageCompletionsResult result = TestData.completions().model("gpt-4o-mini").inputTokens(5).build();

    assertThat(result.model()).isEqualTo("gpt-4o-mini");
    assertThat(result.inputTokens()).isEqualTo(5);
    assertThat(result.outputTokens()).isEqualTo(250);
  }

  @Test
  void costsDefaultTo6CentsUsd() {
    CostsResult costs = TestData.costs().build();

    assertThat(costs.amount().value()).isEqualByComparingTo("0.06");
    assertThat(costs.amount().currency()).isEqualTo("usd");
  }

  @Test
  void usdKeepsValueAndScale() {
    assertThat(TestData.usd("0.0692840000000000000").value().scale()).isEqualTo(19);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void eachEndpointHasAResultOfItsType(UsageEndpoint endpoint) throws Exception {
    UsageResult result = TestData.result(endpoint);

    assertThat(result).isInstanceOf(endpoint.resultType());
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readValue(mapper.writeValueAsString(result), UsageResult.class)).isEqualTo(result);
  }

  @Test
  void unknownResultsKeepTheirObjectAndACount() {
    UnknownUsageResult result = TestData.unknown("organization.usage.new_thing.result").build();

    assertThat(result.object()).isEqualTo("organization.usage.new_thing.result");
    assertThat(result.additionalProperties().get("num_requests").asInt()).isEqualTo(1);
  }

  @Test
  void aBucketSpansItsWidth() {
    UsageTimeBucket bucket = TestData.bucket(NOV_1, BucketWidth.ONE_HOUR, TestData.embeddings().build());

    assertThat(bucket.endTime() - bucket.startTime()).isEqualTo(3600);
    assertThat(bucket.results()).hasSize(1);
    assertThat(TestData.bucket(NOV_1, BucketWidth.ONE_DAY).results()).isEmpty();
  }

  @Test
  void bucketsFollowEachOther() {
    List<UsageTimeBucket> buckets = TestData.buckets(NOV_1, BucketWidth.ONE_MINUTE, 3);

    assertThat(buckets).extracting(UsageTimeBucket::startTime).containsExactly(NOV_1, NOV_1 + 60, NOV_1 + 120);
  }

  @Test
  void pagesChainTheirCursorsAndTheLastEnds() {
    List<UsageResponse> pages = TestData.pages(
        TestData.buckets(NOV_1, BucketWidth.ONE_DAY, 10, TestData.costs().build()), 3);

    assertThat(pages).extracting(p -> p.data().size()).containsExactly(3, 3, 3, 1);
    assertThat(pages).extracting(UsageResponse::hasMore).containsExactly(true, true, true, false);
    List<String> cursors = pages.stream().map(UsageResponse::nextPage).collect(Collectors.toList());
    assertThat(cursors.subList(0, 3)).allMatch(c -> c.startsWith("page_")).doesNotHaveDuplicates();
    assertThat(cursors.get(3)).isNull();
  }

  @Test
  void noBucketsMakeOneEmptyLastPage() {
    List<UsageResponse> pages = TestData.pages(List.of(), 5);

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).data()).isEmpty();
    assertThat(pages.get(0).hasMore()).isFalse();
  }

  @Test
  void aPageSizeBelowOneIsRejected() {
    assertThatThrownBy(() -> TestData.pages(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
  }

  @Test
  void jsonIsWhatAPlainObjectMapperReadsBack() throws Exception {
    UsageResponse page = TestData.page(TestData.bucket(NOV_1, BucketWidth.ONE_DAY, TestData.completions().build()));

    String json = TestData.json(page);

    assertThat(new ObjectMapper().readValue(json, UsageResponse.class)).isEqualTo(page);
    assertThat(json).contains("\"next_page\":null");
  }
}
