package dev.usagekit.model;

import static dev.usagekit.model.TestJson.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks every row of {@link UsageEndpoint} and fails on any gap between the table and the result types as
 * {@link ResultFields} reads them: every aggregate and report relies on these.
 */
class ResultFieldsTest {

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyResultTypeHasAMetricOrForCostsAnAmount(UsageEndpoint endpoint) {
    ResultFields fields = ResultFields.of(endpoint.resultType());

    if (endpoint == UsageEndpoint.COSTS) {
      assertThat(fields.metrics()).as("costs add up money, not counts").isEmpty();
      assertThat(fields.amount()).isNotNull();
    } else {
      assertThat(fields.metrics()).as(endpoint.name()).isNotEmpty().allMatch(ResultField::isMetric);
    }
    assertThat(fields.all()).as(endpoint.name()).containsAll(fields.metrics()).containsAll(fields.groups());
    assertThat(fields.all()).extracting(ResultField::name).doesNotContain("object").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void aMetricIsPartOfAnotherMetricOfItsTypeThatIsNoPartOrPartOfOne(UsageEndpoint endpoint) {
    ResultFields fields = ResultFields.of(endpoint.resultType());

    for (ResultField metric : fields.metrics()) {
      if (metric.partOf() != null) {
        ResultField whole = fields.field(metric.partOf());
        assertThat(whole).as(metric.name() + " is part of a field of " + endpoint).isNotNull();
        assertThat(whole.isMetric()).as(whole.name()).isTrue();
        assertThat(whole.partOf() == null || fields.field(whole.partOf()).partOf() == null).as(whole.name()).isTrue();
      }
    }
    if (!fields.metrics().isEmpty()) {
      assertThat(fields.metrics()).as("a type has a metric that is no part").anyMatch(m -> m.partOf() == null);
    }
  }

  @Test
  void completionsHeadlineMetricsAreInputOutputAndRequests() {
    List<String> headline = new ArrayList<>();
    for (ResultField metric : ResultFields.of(UsageCompletionsResult.class).metrics()) {
      if (metric.partOf() == null) {
        headline.add(metric.name());
      }
    }

    assertThat(headline).containsExactly("input_tokens", "output_tokens", "num_model_requests");
    assertThat(ResultFields.of(UsageCompletionsResult.class).field("input_cached_text_tokens").partOf())
        .isEqualTo("input_cached_tokens");
    assertThat(ResultFields.of(CostsResult.class).amount().partOf()).isNull();
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyGroupByFieldOfTheRowIsAGroupOfTheResultType(UsageEndpoint endpoint) {
    ResultFields fields = ResultFields.of(endpoint.resultType());

    for (GroupByField groupBy : endpoint.groupByFields()) {
      ResultField field = fields.field(groupBy.wireValue());
      assertThat(field).as("%s group_by %s", endpoint, groupBy.wireValue()).isNotNull();
      assertThat(field.role()).as("%s group_by %s", endpoint, groupBy.wireValue()).isEqualTo(ResultField.Role.GROUP);
    }
    assertThat(fields.groups()).extracting(ResultField::name)
        .containsExactlyInAnyOrderElementsOf(wireValues(endpoint.groupByFields()));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyFilterOfTheRowMatchesAFieldOfTheResultType(UsageEndpoint endpoint) {
    ResultFields fields = ResultFields.of(endpoint.resultType());

    for (UsageFilter filter : endpoint.filters()) {
      assertThat(fields.field(filter.field())).as("%s filter %s -> %s", endpoint, filter.wireValue(), filter.field())
          .isNotNull();
    }
  }

  @Test
  void filtersNameTheFieldTheyMatch() {
    assertThat(UsageFilter.PROJECT_IDS.field()).isEqualTo("project_id");
    assertThat(UsageFilter.BATCH.field()).isEqualTo("batch");
    assertThat(UsageFilter.SIZES.field()).isEqualTo("size");
    assertThat(UsageFilter.CONTEXT_LEVELS.field()).isEqualTo("context_level");
    for (UsageFilter filter : UsageFilter.values()) {
      assertThat(GroupByField.fromWireValue(filter.field())).as(filter.wireValue()).isNotNull();
    }
  }

  @Test
  void vectorStoreBytesAreALevelAndEverythingElseCounts() {
    assertThat(ResultFields.of(UsageVectorStoresResult.class).field("usage_bytes").role())
        .isEqualTo(ResultField.Role.LEVEL);
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      for (ResultField metric : ResultFields.of(endpoint.resultType()).metrics()) {
        assertThat(metric.role()).as(metric.name())
            .isEqualTo(metric.name().equals("usage_bytes") ? ResultField.Role.LEVEL : ResultField.Role.COUNT);
      }
    }
  }

  @Test
  void costsHaveAnAmountAndAttributesAndNoUsageTypeHasOne() {
    ResultFields costs = ResultFields.of(CostsResult.class);

    assertThat(costs.amount()).isNotNull();
    assertThat(costs.amount().name()).isEqualTo("amount");
    assertThat(costs.amount().role()).isEqualTo(ResultField.Role.AMOUNT);
    assertThat(costs.field("quantity").role()).isEqualTo(ResultField.Role.ATTRIBUTE);
    assertThat(costs.field("quantity_unit").role()).isEqualTo(ResultField.Role.ATTRIBUTE);
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      if (endpoint != UsageEndpoint.COSTS) {
        assertThat(ResultFields.of(endpoint.resultType()).amount()).as(endpoint.name()).isNull();
      }
    }
  }

  /**
   * A result type's fields are its schema's properties, read from the spec: the integers are its metrics, in
   * spec order (so reports list them in the same order in every JVM run), and its groups are the row's
   * {@code group_by} values. A property the spec adds fails here naming the accessor to add and the type.
   */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void fieldsAreTheSchemasProperties(UsageEndpoint endpoint) {
    Class<? extends UsageResult> type = endpoint.resultType();
    ResultFields fields = ResultFields.of(type);
    Map<String, String> properties = new LinkedHashMap<>(ProjectSpec.properties(type.getSimpleName()));
    properties.remove("object");
    List<String> integers = properties.entrySet().stream().filter(p -> p.getValue().equals("integer"))
        .map(Map.Entry::getKey).collect(Collectors.toList());
    String where = "accessors of " + type.getName() + " (one per property of schema " + type.getSimpleName()
        + " in " + ProjectSpec.WHERE + "; @Metric on counts)";

    assertThat(fields.all()).extracting(ResultField::name).as(where)
        .containsExactlyInAnyOrderElementsOf(properties.keySet());
    assertThat(fields.metrics()).extracting(ResultField::name).as("metrics of " + where)
        .containsExactlyElementsOf(integers);
    assertThat(fields.groups()).extracting(ResultField::name).as("groups of " + where)
        .containsExactlyInAnyOrderElementsOf(
            endpoint.groupByFields().stream().map(GroupByField::wireValue).collect(Collectors.toList()));
  }

  @Test
  void fieldsNameTheirRole() {
    ResultFields fields = ResultFields.of(UsageCompletionsResult.class);

    assertThat(fields.field("nope")).isNull();
    assertThat(fields.field("input_tokens").toString()).isEqualTo("input_tokens (count)");
  }

  /** Every field's valueOf reads what a result carries: each metric its own count, each group its own value. */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void valueOfReadsEveryFieldOfAResult(UsageEndpoint endpoint) {
    ResultFields fields = ResultFields.of(endpoint.resultType());
    StringBuilder json = new StringBuilder("{\"object\":\"" + endpoint.resultObject() + "\"");
    List<ResultField> all = fields.all();
    for (int i = 0; i < all.size(); i++) {
      ResultField field = all.get(i);
      json.append(",\"").append(field.name()).append("\":").append(jsonValue(field, i));
    }
    UsageResult result = read(json.append('}').toString(), UsageResult.class);
    assertThat(ResultFields.of(result)).isSameAs(fields);

    for (int i = 0; i < all.size(); i++) {
      ResultField field = all.get(i);
      assertThat(field.valueOf(result)).as("%s %s", endpoint, field).isEqualTo(expectedValue(field, i));
    }
    UsageResult empty = read(minimal(endpoint), UsageResult.class);
    for (ResultField group : fields.groups()) {
      assertThat(group.valueOf(empty)).as("%s %s unset", endpoint, group).isNull();
    }
  }

  /** A decoded or built result is of a generated subclass: its fields are still those of its declared type. */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void aResultsOwnClassHasTheFieldsOfItsType(UsageEndpoint endpoint) {
    UsageResult result = read(TestJson.resultExample(endpoint), UsageResult.class);

    assertThat(result.getClass()).isNotEqualTo(endpoint.resultType());
    assertThat(ResultFields.of(result)).isSameAs(ResultFields.of(endpoint.resultType()));
    assertThat(ResultFields.of(result.getClass())).isSameAs(ResultFields.of(endpoint.resultType()));
    assertThat(ResultFields.of(result).all()).extracting(ResultField::name).doesNotContain("additionalProperties");
  }

  @Test
  void valueOfReadsABuiltResult() {
    UsageCompletionsResult result = UsageCompletionsResult.builder()
        .inputTokens(10).outputTokens(20).numModelRequests(3).inputAudioTokens(4L).model("gpt-4o").batch(true).build();
    ResultFields fields = ResultFields.of(result);

    assertThat(fields.field("input_tokens").valueOf(result)).isEqualTo(10L);
    assertThat(fields.field("output_tokens").valueOf(result)).isEqualTo(20L);
    assertThat(fields.field("input_audio_tokens").valueOf(result)).isEqualTo(4L);
    assertThat(fields.field("input_cached_tokens").valueOf(result)).isNull();
    assertThat(fields.field("model").valueOf(result)).isEqualTo("gpt-4o");
    assertThat(fields.field("batch").valueOf(result)).isEqualTo(true);
    assertThat(fields.field("user_id").valueOf(result)).isNull();

    CostsResult costs = CostsResult.builder()
        .amount(CostsAmount.builder().value(new BigDecimal("0.50")).currency("usd").build())
        .quantity(new BigDecimal("3"))
        .build();
    assertThat(ResultFields.of(costs).amount().valueOf(costs)).isEqualTo(costs.amount());
    assertThat(ResultFields.of(costs).field("quantity").valueOf(costs)).isEqualTo(new BigDecimal("3"));
  }

  /** A count the API adds to a known type after this release is counted by its JSON name, never dropped. */
  @Test
  void anIntegerFieldAKnownTypeDoesNotDeclareIsACountReadByItsName() {
    UsageResult result = read("""
        {"object": "organization.usage.completions.result", "input_tokens": 10, "output_tokens": 2,
         "num_model_requests": 1, "input_audio_cached_tokens": 3, "new_label": "x", "ratio": 1.5}
        """, UsageResult.class);

    ResultFields fields = ResultFields.of(result);

    ResultField added = fields.field("input_audio_cached_tokens");
    assertThat(added.role()).isEqualTo(ResultField.Role.COUNT);
    assertThat(added.isDeclared()).isFalse();
    assertThat(added.valueOf(result)).isEqualTo(3L);
    assertThat(fields.metrics()).last().isSameAs(added);
    assertThat(fields.field("input_tokens").isDeclared()).isTrue();
    assertThat(fields.field("new_label")).as("only integers: a new string is no group a query asked for").isNull();
    assertThat(fields.all()).extracting(ResultField::name)
        .startsWith(ResultFields.of(UsageCompletionsResult.class).all().stream().map(ResultField::name)
            .toArray(String[]::new));
    assertThat(ResultFields.of(read("""
        {"object": "organization.usage.completions.result", "input_tokens": 10, "output_tokens": 2,
         "num_model_requests": 1}""", UsageResult.class))).isSameAs(ResultFields.of(UsageCompletionsResult.class));
  }

  @Test
  void anUnknownResultsIntegersAreCountsItsAmountIsMoneyItsStringsAreGroups() {
    UsageResult result = read("""
        {"object": "organization.usage.new_thing.result", "num_calls": 7, "huge": 123456789012345678901234567890,
         "amount": {"value": "0.0692840000000000000", "currency": "usd"}, "project_id": "proj_1", "flag": true,
         "ratio": 1.5, "nothing": null, "list": [1]}
        """, UsageResult.class);

    ResultFields fields = ResultFields.of(result);

    assertThat(fields.all()).extracting(ResultField::name)
        .containsExactly("num_calls", "huge", "amount", "project_id", "flag", "ratio", "nothing", "list");
    assertThat(fields.metrics()).extracting(ResultField::name).containsExactly("num_calls");
    assertThat(fields.field("num_calls").role()).isEqualTo(ResultField.Role.COUNT);
    assertThat(fields.field("huge").role()).isEqualTo(ResultField.Role.ATTRIBUTE);
    assertThat(fields.amount().name()).isEqualTo("amount");
    assertThat(fields.groups()).extracting(ResultField::name).containsExactly("project_id", "flag");
    assertThat(fields.field("ratio").role()).isEqualTo(ResultField.Role.ATTRIBUTE);

    assertThat(fields.field("num_calls").valueOf(result)).isEqualTo(7L);
    assertThat(fields.amount().valueOf(result))
        .isEqualTo(CostsAmount.builder().value(new BigDecimal("0.0692840000000000000")).currency("usd").build());
    assertThat(fields.field("project_id").valueOf(result)).isEqualTo("proj_1");
    assertThat(fields.field("flag").valueOf(result)).isEqualTo(true);
    assertThat(fields.field("nothing").valueOf(result)).isNull();

    UnknownUsageResult built = UnknownUsageResult.builder().object("x.result")
        .putAdditionalProperties("n", IntNode.valueOf(2)).putAdditionalProperties("g", TextNode.valueOf("a")).build();
    assertThat(ResultFields.of(built).metrics()).extracting(m -> m.valueOf(built)).containsExactly(2L);
    assertThat(ResultFields.of(built).groups()).extracting(g -> g.valueOf(built)).containsExactly("a");
  }

  private static String jsonValue(ResultField field, int i) {
    switch (field.role()) {
      case COUNT:
      case LEVEL:
        return Integer.toString(1000 + i);
      case AMOUNT:
        return "{\"value\":\"1.50\",\"currency\":\"usd\"}";
      case GROUP:
        return field.name().equals("batch") ? "true" : "\"g-" + field.name() + "\"";
      default:
        return field.name().equals("quantity") ? "2.5" : "\"a-" + field.name() + "\"";
    }
  }

  private static Object expectedValue(ResultField field, int i) {
    switch (field.role()) {
      case COUNT:
      case LEVEL:
        return 1000L + i;
      case AMOUNT:
        return CostsAmount.builder().value(new BigDecimal("1.50")).currency("usd").build();
      case GROUP:
        return field.name().equals("batch") ? (Object) true : "g-" + field.name();
      default:
        return field.name().equals("quantity") ? (Object) new BigDecimal("2.5") : "a-" + field.name();
    }
  }

  /** The result with only its required counts. */
  private static String minimal(UsageEndpoint endpoint) {
    StringBuilder json = new StringBuilder("{\"object\":\"" + endpoint.resultObject() + "\"");
    for (ResultField metric : ResultFields.of(endpoint.resultType()).metrics()) {
      json.append(",\"").append(metric.name()).append("\":1");
    }
    return json.append('}').toString();
  }

  private static List<String> wireValues(List<GroupByField> fields) {
    List<String> names = new ArrayList<>();
    for (GroupByField field : fields) {
      names.add(field.wireValue());
    }
    return names;
  }
}
