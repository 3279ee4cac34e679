package dev.usagekit.model;

import static dev.usagekit.model.BucketWidth.ONE_DAY;
import static dev.usagekit.model.BucketWidth.ONE_HOUR;
import static dev.usagekit.model.BucketWidth.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one table of endpoint facts, checked against the upstream spec's values. */
class UsageEndpointTest {

  @Test
  void theTableHasARowForEveryOperationOfTheSpec() {
    assertThat(UsageEndpoint.values()).extracting(e -> "/" + e.path()).as("rows of dev.usagekit.model.UsageEndpoint")
        .containsExactlyInAnyOrderElementsOf(ProjectSpec.operations().keySet());
  }

  /** Each row is the spec's: path, operationId, result object and schema, group_by values and filters, in order. */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyRowIsTheSpecs(UsageEndpoint endpoint) {
    ProjectSpec.Operation operation = ProjectSpec.operations().get("/" + endpoint.path());

    assertThat(operation).as("spec path /" + endpoint.path()).isNotNull();
    assertThat(endpoint.operationId()).isEqualTo(operation.operationId);
    assertThat(groupBy(endpoint)).containsExactlyElementsOf(operation.groupBy);
    assertThat(filters(endpoint)).containsExactlyElementsOf(operation.filters);
    assertThat(endpoint.bucketWidths().stream().map(BucketWidth::wireValue))
        .containsExactlyInAnyOrderElementsOf(operation.bucketWidths);
    assertThat(ProjectSpec.resultSchemas()).containsEntry(endpoint.resultObject(), endpoint.resultType().getSimpleName());
  }

  @Test
  void everyResultSchemaOfTheSpecHasARow() {
    assertThat(ProjectSpec.resultSchemas().keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(UsageEndpoint.values()).map(UsageEndpoint::resultObject).collect(Collectors.toList()));
  }

  @Test
  void pathsOperationsObjectsAndTypesAreDistinct() {
    List<UsageEndpoint> all = Arrays.asList(UsageEndpoint.values());

    assertThat(all.stream().map(UsageEndpoint::path)).doesNotHaveDuplicates();
    assertThat(all.stream().map(UsageEndpoint::operationId)).doesNotHaveDuplicates();
    assertThat(all.stream().map(UsageEndpoint::resultObject)).doesNotHaveDuplicates();
    assertThat(all.stream().map(UsageEndpoint::resultType)).doesNotHaveDuplicates();
  }

  @Test
  void fileAndWebSearchObjectsDoNotFollowThePath() {
    assertThat(UsageEndpoint.FILE_SEARCH_CALLS.resultObject())
        .isEqualTo("organization.usage.file_searches.result");
    assertThat(UsageEndpoint.WEB_SEARCH_CALLS.resultObject())
        .isEqualTo("organization.usage.web_searches.result");
  }

  @Test
  void theTableAloneChoosesResultTypes() {
    assertThat(UsageResult.class.getAnnotation(JsonSubTypes.class)).as("no second list of result types").isNull();
    Map<String, Class<?>> table = new HashMap<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      assertThat(UsageEndpoint.forResultObject(endpoint.resultObject())).isSameAs(endpoint);
      table.put(endpoint.resultObject(), endpoint.resultType());
    }
    assertThat(table).hasSize(UsageEndpoint.values().length);
    assertThat(UsageEndpoint.forResultObject("organization.usage.new_thing.result")).isNull();
    assertThat(TestJson.read("{\"object\": \"organization.usage.new_thing.result\"}", UsageResult.class))
        .isInstanceOf(UnknownUsageResult.class);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void resultTypeDecodesFromResultObject(UsageEndpoint endpoint) {
    String json = TestJson.resultExample(endpoint);

    assertThat(TestJson.read(json, UsageResult.class).object()).isEqualTo(endpoint.resultObject());
  }

  // ---- group_by and filters, in spec order ----

  @Test
  void everyGroupByFieldAndFilterIsUsedBySomeEndpoint() {
    Set<GroupByField> groupBy = EnumSet.noneOf(GroupByField.class);
    Set<UsageFilter> filters = EnumSet.noneOf(UsageFilter.class);
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      groupBy.addAll(endpoint.groupByFields());
      filters.addAll(endpoint.filters());
    }

    assertThat(groupBy).containsExactlyInAnyOrder(GroupByField.values());
    assertThat(filters).containsExactlyInAnyOrder(UsageFilter.values());
  }

  @Test
  void listsAreUnmodifiable() {
    assertThatThrownBy(() -> UsageEndpoint.COSTS.groupByFields().add(GroupByField.MODEL))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> UsageEndpoint.COSTS.filters().add(UsageFilter.MODELS))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> UsageEndpoint.COSTS.bucketWidths().add(ONE_HOUR))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static List<String> groupBy(UsageEndpoint endpoint) {
    return endpoint.groupByFields().stream()
        .map(GroupByField::wireValue)
        .collect(Collectors.toList());
  }

  private static List<String> filters(UsageEndpoint endpoint) {
    return endpoint.filters().stream().map(UsageFilter::wireValue).collect(Collectors.toList());
  }

  // ---- bucket widths and limits ----

  @ParameterizedTest
  @EnumSource(value = UsageEndpoint.class, names = "COSTS", mode = EnumSource.Mode.EXCLUDE)
  void usageEndpointsAllowEveryWidthWithTheirLimits(UsageEndpoint endpoint) {
    assertThat(endpoint.bucketWidths()).containsExactly(ONE_MINUTE, ONE_HOUR, ONE_DAY);
    assertThat(endpoint.defaultBucketWidth()).isEqualTo(ONE_DAY);
    assertThat(endpoint.defaultLimit(ONE_DAY)).isEqualTo(7);
    assertThat(endpoint.maxLimit(ONE_DAY)).isEqualTo(31);
    assertThat(endpoint.defaultLimit(ONE_HOUR)).isEqualTo(24);
    assertThat(endpoint.maxLimit(ONE_HOUR)).isEqualTo(168);
    assertThat(endpoint.defaultLimit(ONE_MINUTE)).isEqualTo(60);
    assertThat(endpoint.maxLimit(ONE_MINUTE)).isEqualTo(1440);
  }

  @Test
  void costsAllowOnlyDailyBucketsUpTo180() {
    assertThat(UsageEndpoint.COSTS.bucketWidths()).containsExactly(ONE_DAY);
    assertThat(UsageEndpoint.COSTS.defaultBucketWidth()).isEqualTo(ONE_DAY);
    assertThat(UsageEndpoint.COSTS.defaultLimit(ONE_DAY)).isEqualTo(7);
    assertThat(UsageEndpoint.COSTS.maxLimit(ONE_DAY)).isEqualTo(180);
  }

  @Test
  void costsLimitOfAnHourlyWidthFailsNamingTheAllowedWidths() {
    assertThatThrownBy(() -> UsageEndpoint.COSTS.maxLimit(ONE_HOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bucket_width of organization/costs must be one of [1d], was: \"1h\"");
    assertThatThrownBy(() -> UsageEndpoint.COSTS.defaultLimit(ONE_MINUTE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1d]");
  }

  @Test
  void limitOfNullWidthFails() {
    assertThatThrownBy(() -> UsageEndpoint.IMAGES.maxLimit(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("width == null");
  }

  // ---- lookups ----

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void forPathFindsEachEndpoint(UsageEndpoint endpoint) {
    assertThat(UsageEndpoint.forPath(endpoint.path())).isSameAs(endpoint);
  }

  @Test
  void forPathAcceptsTheSpecsLeadingSlash() {
    assertThat(UsageEndpoint.forPath("/organization/costs")).isSameAs(UsageEndpoint.COSTS);
    assertThat(UsageEndpoint.forPath("/organization/usage/file_search_calls"))
        .isSameAs(UsageEndpoint.FILE_SEARCH_CALLS);
  }

  @Test
  void forPathOfAnUnknownPathFailsNamingThePaths() {
    assertThatThrownBy(() -> UsageEndpoint.forPath("organization/usage/file_searches"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("path must be one of [organization/usage/completions, ")
        .hasMessageContaining("organization/costs]")
        .hasMessageEndingWith("was: \"organization/usage/file_searches\"");
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void forResultObjectFindsEachEndpoint(UsageEndpoint endpoint) {
    assertThat(UsageEndpoint.forResultObject(endpoint.resultObject())).isSameAs(endpoint);
  }

  @Test
  void forResultObjectOfAnUnknownObjectIsNull() {
    assertThat(UsageEndpoint.forResultObject("organization.usage.file_search_calls.result"))
        .isNull();
  }

  @Test
  void lookupsRejectNull() {
    assertThatThrownBy(() -> UsageEndpoint.forPath(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path == null");
    assertThatThrownBy(() -> UsageEndpoint.forResultObject(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("resultObject == null");
  }
}
