package dev.usagekit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsageQueryTest {
  private static final long NOV_1 = 1_730_419_200L;

  @Test
  void completionsQueryKeepsEveryOption() {
    UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
        .start(Instant.ofEpochSecond(NOV_1))
        .end(Instant.ofEpochSecond(NOV_1 + 7 * 86_400))
        .bucketWidth(BucketWidth.ONE_HOUR)
        .limit(168)
        .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID)
        .projectIds("proj_a", "proj_b")
        .userIds("user_a")
        .apiKeyIds("key_a")
        .models("gpt-4o-mini")
        .batch(true)
        .build();

    assertThat(query.endpoint()).isEqualTo(UsageEndpoint.COMPLETIONS);
    assertThat(query.resultType()).isEqualTo(UsageCompletionsResult.class);
    assertThat(query.startTime()).isEqualTo(NOV_1);
    assertThat(query.endTime()).isEqualTo(NOV_1 + 7 * 86_400);
    assertThat(query.bucketWidth()).isEqualTo(BucketWidth.ONE_HOUR);
    assertThat(query.limit()).isEqualTo(168);
    assertThat(query.groupBy()).containsExactly(GroupByField.MODEL, GroupByField.PROJECT_ID);
    assertThat(query.filter(UsageFilter.PROJECT_IDS)).containsExactly("proj_a", "proj_b");
    assertThat(query.filter(UsageFilter.SOURCES)).isEmpty();
    assertThat(query.batch()).isTrue();
  }

  @Test
  void wireFormFollowsTheSpecOrderAndLeavesOutAbsentParameters() {
    UsageQuery<UsageImagesResult> query = UsageQuery.images()
        .startTime(NOV_1)
        .models("dall-e-3")
        .sizes("1024x1024", "256x256")
        .groupBy(GroupByField.SIZE)
        .build();

    Map<String, List<String>> wire = query.toQueryParameters("page_abc=");

    assertThat(wire).containsExactly(
        entry("start_time", Collections.singletonList("1730419200")),
        entry("sizes", Arrays.asList("1024x1024", "256x256")),
        entry("models", Collections.singletonList("dall-e-3")),
        entry("group_by", Collections.singletonList("size")),
        entry("page", Collections.singletonList("page_abc=")));
  }

  @Test
  void defaultsComeFromTheEndpointTable() {
    UsageQuery<CostsResult> costs = UsageQuery.costs().startTime(NOV_1).build();
    UsageQuery<UsageEmbeddingsResult> minutes =
        UsageQuery.embeddings().startTime(NOV_1).bucketWidth(BucketWidth.ONE_MINUTE).build();

    assertThat(costs.bucketWidth()).isNull();
    assertThat(costs.effectiveBucketWidth()).isEqualTo(BucketWidth.ONE_DAY);
    assertThat(costs.effectiveLimit()).isEqualTo(7);
    assertThat(costs.endTime()).isNull();
    assertThat(minutes.effectiveLimit()).isEqualTo(60);
  }

  @Test
  void repeatedGroupByAndFilterValuesAreKeptOnce() {
    UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
        .startTime(NOV_1)
        .groupBy(GroupByField.MODEL, GroupByField.MODEL)
        .models("a", "b", "a")
        .build();

    assertThat(query.groupBy()).containsExactly(GroupByField.MODEL);
    assertThat(query.filter(UsageFilter.MODELS)).containsExactly("a", "b");
  }

  @Test
  void windowConvenienceUsesInstantAndDuration() {
    UsageQuery<UsageModerationsResult> query = UsageQuery.moderations()
        .window(Instant.parse("2026-11-01T00:00:00.900Z"), Duration.ofDays(2))
        .build();

    assertThat(query.startTime()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
    assertThat(query.endTime()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z").getEpochSecond());
  }

  @Test
  void missingStartIsRejected() {
    assertThatThrownBy(() -> UsageQuery.completions().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start_time is required");
  }

  @Test
  void negativeTimesAreRejected() {
    assertThatThrownBy(() -> UsageQuery.costs().startTime(-1).build())
        .hasMessageContaining("start_time must be Unix seconds >= 0, was -1");
    assertThatThrownBy(() -> UsageQuery.costs().startTime(0).endTime(-5).build())
        .hasMessageContaining("end_time must be Unix seconds >= 0, was -5");
  }

  @Test
  void endMustBeAfterStart() {
    assertThatThrownBy(() -> UsageQuery.costs().startTime(NOV_1).endTime(NOV_1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end_time must be after start_time (1730419200), was 1730419200");
  }

  @Test
  void costsAcceptOnlyDailyBuckets() {
    UsageQuery.Builder<CostsResult> builder = UsageQuery.costs().startTime(NOV_1).bucketWidth(BucketWidth.ONE_HOUR);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bucket_width 1h is not accepted by costs; allowed: [1d]");
  }

  @Test
  void limitIsCheckedAgainstTheMaximumOfTheBucketWidth() {
    assertThatThrownBy(() -> UsageQuery.completions().startTime(NOV_1).limit(32).build())
        .hasMessage("limit must be between 1 and 31 for bucket_width 1d of completions, was 32");
    assertThatThrownBy(() -> UsageQuery.completions().startTime(NOV_1).bucketWidth(BucketWidth.ONE_HOUR).limit(169).build())
        .hasMessage("limit must be between 1 and 168 for bucket_width 1h of completions, was 169");
    assertThatThrownBy(() -> UsageQuery.completions().startTime(NOV_1).bucketWidth(BucketWidth.ONE_MINUTE).limit(0).build())
        .hasMessage("limit must be between 1 and 1440 for bucket_width 1m of completions, was 0");
    assertThatThrownBy(() -> UsageQuery.costs().startTime(NOV_1).limit(181).build())
        .hasMessage("limit must be between 1 and 180 for bucket_width 1d of costs, was 181");

    assertThat(UsageQuery.costs().startTime(NOV_1).limit(180).build().limit()).isEqualTo(180);
    assertThat(UsageQuery.completions().startTime(NOV_1).bucketWidth(BucketWidth.ONE_MINUTE).limit(1440).build().limit())
        .isEqualTo(1440);
  }

  @Test
  void groupByValueTheEndpointDoesNotAcceptIsRejectedWithTheAllowedValues() {
    assertThatThrownBy(() -> UsageQuery.embeddings().startTime(NOV_1).groupBy(GroupByField.BATCH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group_by batch is not accepted by embeddings; allowed: [project_id, user_id, api_key_id, model]");
  }

  @Test
  void filterTheEndpointDoesNotAcceptIsRejectedByTheGenericBuilder() {
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(UsageEndpoint.COSTS)
        .startTime(NOV_1)
        .filter(UsageFilter.MODELS, "gpt-4o");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter models is not accepted by costs; allowed: [project_ids, api_key_ids, line_items]");
  }

  @Test
  void batchIsOnlyAcceptedByCompletions() {
    assertThatThrownBy(() -> UsageQuery.builder(UsageEndpoint.EMBEDDINGS).startTime(NOV_1).batch(false).build())
        .hasMessageStartingWith("filter batch is not accepted by embeddings");
    assertThat(UsageQuery.builder(UsageEndpoint.COMPLETIONS).startTime(NOV_1).batch(false).build().batch())
        .isFalse();
  }

  @Test
  void enumeratedFilterValuesAreChecked() {
    assertThatThrownBy(() -> UsageQuery.images().startTime(NOV_1).sizes("2048x2048").build())
        .hasMessage("sizes value '2048x2048' is not allowed; allowed: [256x256, 512x512, 1024x1024, 1792x1792, 1024x1792]");
    assertThatThrownBy(() -> UsageQuery.webSearchCalls().startTime(NOV_1).contextLevels("huge").build())
        .hasMessage("context_levels value 'huge' is not allowed; allowed: [low, medium, high]");
  }

  @Test
  void blankFilterValuesAreRejected() {
    assertThatThrownBy(() -> UsageQuery.costs().projectIds("proj_a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("project_ids must not contain null or blank values");
    assertThatThrownBy(() -> UsageQuery.costs().projectIds((String) null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyFilterIsRejected() {
    assertThatThrownBy(() -> UsageQuery.costs().startTime(NOV_1).projectIds().build())
        .hasMessage("project_ids must not be empty");
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyEndpointHasABuilderWithItsResultType(UsageEndpoint endpoint) {
    UsageQuery<?> query = UsageQuery.builder(endpoint).startTime(NOV_1).build();

    assertThat(query.endpoint()).isEqualTo(endpoint);
    assertThat(typedBuilder(endpoint).startTime(NOV_1).build().resultType()).isEqualTo(endpoint.resultType());
  }

  @Test
  void withWindowKeepsEverythingElseAndRevalidates() {
    UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
        .startTime(NOV_1)
        .bucketWidth(BucketWidth.ONE_HOUR)
        .groupBy(GroupByField.MODEL)
        .models("m")
        .batch(false)
        .build();

    UsageQuery<UsageCompletionsResult> moved = query.withWindow(NOV_1 + 3600, NOV_1 + 7200);

    assertThat(moved.startTime()).isEqualTo(NOV_1 + 3600);
    assertThat(moved.endTime()).isEqualTo(NOV_1 + 7200);
    assertThat(moved.groupBy()).isEqualTo(query.groupBy());
    assertThat(moved.filters()).isEqualTo(query.filters());
    assertThat(moved.resultType()).isEqualTo(UsageCompletionsResult.class);
    assertThatThrownBy(() -> query.withWindow(NOV_1, NOV_1)).hasMessageStartingWith("end_time must be after");
  }

  @Test
  void equalQueriesAreEqualAndPrintTheirWireForm() {
    UsageQuery<CostsResult> a = UsageQuery.costs().startTime(NOV_1).groupBy(GroupByField.LINE_ITEM).build();
    UsageQuery<CostsResult> b = UsageQuery.costs().startTime(NOV_1).groupBy(GroupByField.LINE_ITEM).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).isEqualTo("UsageQuery{organization/costs {start_time=[1730419200], group_by=[line_item]}}");
  }

  @Test
  void additionalQueryParametersAreSentAfterTheKnownOnes() {
    UsageQuery<CostsResult> query = UsageQuery.costs()
        .startTime(NOV_1)
        .groupBy(GroupByField.LINE_ITEM)
        .projectIds("proj_a")
        .additionalQueryParameter("group_by", "api_source")
        .additionalQueryParameter("line_items", "gpt-4o, input", "gpt-4o, output")
        .additionalQueryParameter("project_ids", "proj_b")
        .limit(3)
        .build();

    assertThat(query.additionalQueryParameters()).containsExactly(
        entry("group_by", List.of("api_source")),
        entry("line_items", List.of("gpt-4o, input", "gpt-4o, output")),
        entry("project_ids", List.of("proj_b")));
    assertThat(query.groupBy()).containsExactly(GroupByField.LINE_ITEM);
    assertThat(query.toQueryParameters("cur")).containsExactly(
        entry("start_time", List.of("1730419200")),
        entry("project_ids", List.of("proj_a", "proj_b")),
        entry("group_by", List.of("line_item", "api_source")),
        entry("limit", List.of("3")),
        entry("line_items", List.of("gpt-4o, input", "gpt-4o, output")),
        entry("page", List.of("cur")));
  }

  @Test
  void additionalQueryParametersAreUncheckedOnAnyEndpoint() {
    UsageQuery<UsageResult> query = UsageQuery.builder(UsageEndpoint.VECTOR_STORES)
        .startTime(NOV_1)
        .additionalQueryParameter("models", "not-checked")
        .additionalQueryParameter("group_by", "model")
        .additionalQueryParameter("flag")
        .build();

    assertThat(query.toQueryParameters(null)).containsExactly(
        entry("start_time", List.of("1730419200")),
        entry("models", List.of("not-checked")),
        entry("group_by", List.of("model")),
        entry("flag", List.of()));
    assertThat(query.filters()).isEmpty();
    assertThat(query.groupBy()).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"start_time", "end_time", "bucket_width", "limit", "page", "", " "})
  void typedOrBlankNamesAreRejectedAsAdditionalQueryParameters(String name) {
    assertThatThrownBy(() -> UsageQuery.completions().additionalQueryParameter(name, "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("additionalQueryParameter name must not be blank or one of "
            + "[start_time, end_time, bucket_width, limit, page], was: \"" + name + "\"");
  }

  @Test
  void nullAdditionalQueryParameterArgumentsAreRejected() {
    assertThatThrownBy(() -> UsageQuery.completions().additionalQueryParameter(null, "1"))
        .isInstanceOf(NullPointerException.class).hasMessage("name == null");
    assertThatThrownBy(() -> UsageQuery.completions().additionalQueryParameter("x", (String) null))
        .isInstanceOf(NullPointerException.class).hasMessage("values contains null");
  }

  @Test
  void additionalQueryParametersAreKeptByWithWindowAndPartOfEquality() {
    UsageQuery<UsageImagesResult> query = UsageQuery.images()
        .startTime(NOV_1)
        .additionalQueryParameter("qualities", "hd")
        .additionalQueryParameter("qualities", "standard")
        .build();
    UsageQuery<UsageImagesResult> plain = UsageQuery.images().startTime(NOV_1).build();

    UsageQuery<UsageImagesResult> moved = query.withWindow(NOV_1 + 60, null);

    assertThat(query.additionalQueryParameters()).containsExactly(entry("qualities", List.of("hd", "standard")));
    assertThat(moved.additionalQueryParameters()).isEqualTo(query.additionalQueryParameters());
    assertThat(moved.withWindow(NOV_1, null)).isEqualTo(query).hasSameHashCodeAs(query);
    assertThat(query).isNotEqualTo(plain);
    assertThat(query.toString()).isEqualTo(
        "UsageQuery{organization/usage/images {start_time=[1730419200], qualities=[hd, standard]}}");
    assertThatThrownBy(() -> query.additionalQueryParameters().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyFilterMethodIsOnEveryBuilderAndCheckedAtBuild(UsageEndpoint endpoint) {
    for (UsageFilter filter : UsageFilter.values()) {
      UsageQuery.Builder<?> builder = typedBuilder(endpoint).startTime(NOV_1);
      if (filter.isBoolean()) {
        builder.batch(true);
      } else {
        builder.filter(filter, filter.allowedValues().isEmpty() ? "x1" : filter.allowedValues().iterator().next());
      }
      if (endpoint.filters().contains(filter)) {
        assertThat(builder.build().filters()).as("%s %s", endpoint, filter).containsOnlyKeys(filter);
        assertThat(builder.build().toQueryParameters(null)).containsKey(filter.wireValue());
      } else {
        assertThatThrownBy(builder::build).as("%s %s", endpoint, filter)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("filter " + filter.wireValue() + " is not accepted by ")
            .hasMessageContaining("; allowed: [");
      }
    }
    UsageQuery.Builder<?> all = typedBuilder(endpoint).startTime(NOV_1).groupBy(endpoint.groupByFields());
    assertThat(all.build().toQueryParameters(null).get("group_by")).hasSize(endpoint.groupByFields().size());
  }

  @Test
  void everyNamedFilterMethodSetsItsFilter() {
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(UsageEndpoint.COMPLETIONS)
        .projectIds("p").userIds("u").apiKeyIds("k").models("m").sources("image.edit").sizes("256x256")
        .vectorStoreIds("vs").contextLevels("low");

    assertThat(builder.filters.keySet()).containsExactlyInAnyOrder(UsageFilter.PROJECT_IDS, UsageFilter.USER_IDS,
        UsageFilter.API_KEY_IDS, UsageFilter.MODELS, UsageFilter.SOURCES, UsageFilter.SIZES,
        UsageFilter.VECTOR_STORE_IDS, UsageFilter.CONTEXT_LEVELS);
    assertThatThrownBy(() -> UsageQuery.completions().filter(UsageFilter.BATCH, "true"))
        .hasMessage("batch is a boolean filter: use batch(boolean)");
  }

  /** The typed factory of an endpoint, named after the last segment of its path: audio_speeches, audioSpeeches(). */
  private static UsageQuery.Builder<?> typedBuilder(UsageEndpoint endpoint) {
    String segment = endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
    StringBuilder name = new StringBuilder();
    for (String part : segment.split("_")) {
      name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    try {
      return (UsageQuery.Builder<?>) UsageQuery.class.getMethod(name.toString()).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("UsageQuery has no factory " + name + "() for " + endpoint, e);
    }
  }
}
