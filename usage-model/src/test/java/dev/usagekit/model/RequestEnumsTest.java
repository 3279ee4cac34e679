package dev.usagekit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link BucketWidth}, {@link GroupByField} and {@link UsageFilter}: wire values and lookups. */
class RequestEnumsTest {

  @Test
  void bucketWidthWireValuesAndSeconds() {
    assertThat(BucketWidth.ONE_MINUTE.wireValue()).isEqualTo("1m");
    assertThat(BucketWidth.ONE_HOUR.wireValue()).isEqualTo("1h");
    assertThat(BucketWidth.ONE_DAY.wireValue()).isEqualTo("1d");
    assertThat(BucketWidth.ONE_MINUTE.seconds()).isEqualTo(60L);
    assertThat(BucketWidth.ONE_HOUR.seconds()).isEqualTo(3600L);
    assertThat(BucketWidth.ONE_DAY.seconds()).isEqualTo(86400L);
  }

  @ParameterizedTest
  @EnumSource(BucketWidth.class)
  void bucketWidthFromItsWireValue(BucketWidth width) {
    assertThat(BucketWidth.fromWireValue(width.wireValue())).isSameAs(width);
  }

  @Test
  void unknownBucketWidthFailsNamingTheAllowedValues() {
    assertThatThrownBy(() -> BucketWidth.fromWireValue("1w"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bucket_width must be one of [1m, 1h, 1d], was: \"1w\"");
  }

  @Test
  void bucketWidthIsCaseSensitive() {
    assertThatThrownBy(() -> BucketWidth.fromWireValue("1D"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The constants are the spec's group_by values, each once: a value the spec adds fails here naming the enum. */
  @Test
  void groupByWireValuesAreTheSpecs() {
    assertThat(Arrays.stream(GroupByField.values()).map(GroupByField::wireValue))
        .as("constants of dev.usagekit.model.GroupByField")
        .containsExactlyInAnyOrderElementsOf(ProjectSpec.operations().values().stream()
            .flatMap(operation -> operation.groupBy.stream()).distinct().collect(Collectors.toList()));
  }

  @ParameterizedTest
  @EnumSource(GroupByField.class)
  void groupByFieldFromItsWireValue(GroupByField field) {
    assertThat(GroupByField.fromWireValue(field.wireValue())).isSameAs(field);
  }

  @Test
  void unknownGroupByFieldFailsNamingTheAllowedValues() {
    assertThatThrownBy(() -> GroupByField.fromWireValue("PROJECT_ID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group_by must be one of [" + Arrays.stream(GroupByField.values()).map(GroupByField::wireValue)
            .collect(Collectors.joining(", ")) + "], was: \"PROJECT_ID\"")
        .hasMessageContaining("[project_id, user_id, api_key_id, model, batch, service_tier, source, size, ");
  }

  /** The constants are the spec's filters (the operations' parameters besides the common ones), each once. */
  @Test
  void filterWireValuesAreTheSpecs() {
    assertThat(Arrays.stream(UsageFilter.values()).map(UsageFilter::wireValue))
        .as("constants of dev.usagekit.model.UsageFilter")
        .containsExactlyInAnyOrderElementsOf(ProjectSpec.operations().values().stream()
            .flatMap(operation -> operation.filters.stream()).distinct().collect(Collectors.toList()));
  }

  @ParameterizedTest
  @EnumSource(UsageFilter.class)
  void filterFromItsWireValue(UsageFilter filter) {
    assertThat(UsageFilter.fromWireValue(filter.wireValue())).isSameAs(filter);
  }

  @Test
  void unknownFilterFailsNamingTheAllowedValues() {
    assertThatThrownBy(() -> UsageFilter.fromWireValue("project_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter must be one of [" + Arrays.stream(UsageFilter.values()).map(UsageFilter::wireValue)
            .collect(Collectors.joining(", ")) + "], was: \"project_id\"")
        .hasMessageStartingWith("filter must be one of [project_ids, user_ids, api_key_ids, models, batch, ");
  }

  @Test
  void onlyBatchIsBoolean() {
    assertThat(Arrays.stream(UsageFilter.values()).filter(UsageFilter::isBoolean))
        .containsExactly(UsageFilter.BATCH);
  }

  @Test
  void allowedValuesAreTheSpecsEnumsInOrder() {
    assertThat(UsageFilter.SOURCES.allowedValues())
        .containsExactly("image.generation", "image.edit", "image.variation");
    assertThat(UsageFilter.SIZES.allowedValues())
        .containsExactly("256x256", "512x512", "1024x1024", "1792x1792", "1024x1792");
    assertThat(UsageFilter.CONTEXT_LEVELS.allowedValues()).containsExactly("low", "medium", "high");
  }

  @ParameterizedTest
  @EnumSource(
      value = UsageFilter.class,
      names = {"SOURCES", "SIZES", "CONTEXT_LEVELS"},
      mode = EnumSource.Mode.EXCLUDE)
  void otherFiltersAcceptAnyValue(UsageFilter filter) {
    assertThat(filter.allowedValues()).isEmpty();
  }

  @Test
  void allowedValuesAreUnmodifiable() {
    assertThatThrownBy(() -> UsageFilter.SIZES.allowedValues().add("1x1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void lookupsRejectNull() {
    assertThatThrownBy(() -> BucketWidth.fromWireValue(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("wireValue == null");
    assertThatThrownBy(() -> GroupByField.fromWireValue(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("wireValue == null");
    assertThatThrownBy(() -> UsageFilter.fromWireValue(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("wireValue == null");
  }
}
