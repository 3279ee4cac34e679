package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A result whose {@code object} is unknown decodes to {@link UnknownUsageResult}, keeping every
 * field exactly, never failing the page, and is written back out as it came in.
 */
class UnknownUsageResultTest {
  private static final String NEW_RESULT =
      """
      {
        "object": "organization.usage.new_thing.result",
        "num_requests": 3,
        "big": 123456789012345678901234567890,
        "long": 9223372036854775807,
        "amount": {"value": 0.0692840000000000000, "currency": "usd"},
        "tiny": 0E-6176,
        "ratio": 1.50,
        "tags": ["a", 1, 2.0, true, null, {"deep": [1E+400]}],
        "project_id": null,
        "flag": false
      }
      """;

  @Test
  void unknownObjectDecodesToUnknownUsageResult() {
    UsageResult result = read(NEW_RESULT, UsageResult.class);

    assertThat(result).isInstanceOf(UnknownUsageResult.class);
    assertThat(result.object()).isEqualTo("organization.usage.new_thing.result");
  }

  @Test
  void unknownResultKeepsEveryFieldInOrder() {
    UnknownUsageResult result = (UnknownUsageResult) read(NEW_RESULT, UsageResult.class);

    assertThat(result.additionalProperties())
        .containsOnlyKeys(
            "num_requests", "big", "long", "amount", "tiny", "ratio", "tags", "project_id", "flag");
    assertThat(result.additionalProperties().keySet())
        .containsExactly(
            "num_requests", "big", "long", "amount", "tiny", "ratio", "tags", "project_id", "flag");
    assertThat(result.additionalProperties().get("num_requests").asLong()).isEqualTo(3L);
    assertThat(result.additionalProperties().get("project_id").isNull()).isTrue();
    assertThat(result.additionalProperties().get("flag").booleanValue()).isFalse();
    assertThat(result.additionalProperties().get("tags")).hasSize(6);
    assertThat(result.additionalProperties().get("tags").get(5).get("deep").get(0).decimalValue())
        .isEqualTo(new BigDecimal("1E+400"));
  }

  @Test
  void unknownResultKeepsNumbersExactly() {
    UnknownUsageResult result = (UnknownUsageResult) read(NEW_RESULT, UsageResult.class);

    assertThat(result.additionalProperties().get("big").bigIntegerValue())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(result.additionalProperties().get("long").longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(result.additionalProperties().get("amount").get("value").decimalValue())
        .isEqualTo(new BigDecimal("0.0692840000000000000"));
    assertThat(result.additionalProperties().get("tiny").decimalValue()).isEqualTo(new BigDecimal("0E-6176"));
    assertThat(result.additionalProperties().get("ratio").decimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(result.additionalProperties().get("tags").get(2).decimalValue()).isEqualTo(new BigDecimal("2.0"));
  }

  @Test
  void unknownResultEncodesToTheSameTreeNullsIncluded() {
    String encoded = write(read(NEW_RESULT, UsageResult.class));

    assertThat(tree(encoded)).isEqualTo(tree(NEW_RESULT));
  }

  @Test
  void unknownResultEncodesTheSameNumberText() {
    String encoded = write(read(NEW_RESULT, UsageResult.class));

    assertThat(encoded)
        .contains("\"big\":123456789012345678901234567890")
        .contains("\"value\":0.0692840000000000000")
        .contains("\"tiny\":0E-6176")
        .contains("\"ratio\":1.50")
        .contains("{\"deep\":[1E+400]}");
  }

  @Test
  void unknownResultEncodedThenDecodedIsEqual() {
    UsageResult result = read(NEW_RESULT, UsageResult.class);

    assertThat(read(write(result), UsageResult.class)).isEqualTo(result).hasSameHashCodeAs(result);
  }

  @Test
  void unknownResultKeepsFieldsThatComeBeforeObject() {
    String json =
        "{\"ratio\": 0.0692840000000000000, \"n\": {\"x\": [1]}, \"object\": \"x.result\"}";

    UnknownUsageResult result = (UnknownUsageResult) read(json, UsageResult.class);

    assertThat(result.object()).isEqualTo("x.result");
    assertThat(result.additionalProperties().get("ratio").decimalValue())
        .isEqualTo(new BigDecimal("0.0692840000000000000"));
    assertThat(tree(write(result))).isEqualTo(tree(json));
  }

  @Test
  void unknownResultDoesNotFailThePage() {
    String json =
        """
        {"object": "page", "has_more": false, "next_page": null, "data": [
          {"object": "bucket", "start_time": 1, "end_time": 2, "results": [
            {"object": "organization.usage.new_thing.result", "num_requests": 3},
            {"object": "organization.usage.vector_stores.result", "usage_bytes": 1024}
          ]}]}
        """;

    UsageResponse page = read(json, UsageResponse.class);

    assertThat(page.data().get(0).results())
        .extracting(UsageResult::object)
        .containsExactly(
            "organization.usage.new_thing.result", "organization.usage.vector_stores.result");
    assertThat(page.data().get(0).results().get(1))
        .isEqualTo(UsageVectorStoresResult.builder().usageBytes(1024).build());
  }

  @Test
  void resultWithoutObjectFailsNamingIt() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"num_requests\": 3}", UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("'object'");
  }

  @Test
  void resultWithNullObjectFailsNamingIt() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"object\": null}", UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'object' (a string) of a result");
  }

  @Test
  void resultWithAStructuredObjectFailsNamingIt() {
    for (String object : new String[] {"{}", "[]", "[\"organization.costs.result\"]"}) {
      assertThatThrownBy(() -> MAPPER.readValue("{\"object\": " + object + ", \"n\": 1}", UsageResult.class))
          .as(object)
          .isInstanceOf(DatabindException.class)
          .hasMessageContaining("'object'");
    }
  }

  /**
   * Jackson takes a scalar type id as its text (and, the id being visible, hands it on as a string): a number or
   * boolean {@code object} reads as an unknown result of that name, which then reads back equal. Pinned, not
   * endorsed: the old reader failed here.
   */
  @Test
  void resultWithAScalarNonStringObjectReadsAsAnUnknownResultOfItsText() {
    UsageResult five = read("{\"object\": 5, \"n\": 1}", UsageResult.class);
    UsageResult yes = read("{\"object\": true}", UsageResult.class);

    assertThat(five).isInstanceOf(UnknownUsageResult.class);
    assertThat(five.object()).isEqualTo("5");
    assertThat(yes.object()).isEqualTo("true");
    assertThat(read(write(five), UsageResult.class)).isEqualTo(five);
  }

  @Test
  void knownResultWithObjectLastReadsAsItsType() {
    UsageResult result = read("{\"usage_bytes\": 7, \"project_id\": \"p\","
        + " \"object\": \"organization.usage.vector_stores.result\"}", UsageResult.class);

    assertThat(result).isEqualTo(UsageVectorStoresResult.builder().usageBytes(7).projectId("p").build());
  }

  @Test
  void additionalPropertiesMapReplacesAndBuilds() {
    UnknownUsageResult result = UnknownUsageResult.builder()
        .object("x.result")
        .putAdditionalProperties("a", IntNode.valueOf(1))
        .additionalProperties(java.util.Map.of("b", TextNode.valueOf("t")))
        .build();

    assertThat(result.additionalProperties()).containsOnlyKeys("b");
    assertThat(ResultFields.of(result).field("b").role()).isEqualTo(ResultField.Role.GROUP);
  }

  @Test
  void unknownResultIsReadableAsItsOwnType() throws Exception {
    UnknownUsageResult result = MAPPER.readValue(NEW_RESULT, UnknownUsageResult.class);

    assertThat(result).isEqualTo(read(NEW_RESULT, UsageResult.class));
  }

  @Test
  void builtUnknownResultEncodesItsFields() {
    UnknownUsageResult result =
        UnknownUsageResult.builder()
            .object("x.result")
            .putAdditionalProperties("count", IntNode.valueOf(2))
            .putAdditionalProperties("name", TextNode.valueOf("n"))
            .build();

    assertThat(write(result)).isEqualTo("{\"object\":\"x.result\",\"count\":2,\"name\":\"n\"}");
    assertThat(read(write(result), UsageResult.class)).isEqualTo(result);
  }

  @Test
  void builderRejectsAFieldNamedObject() {
    UnknownUsageResult.Builder builder =
        UnknownUsageResult.builder().object("x.result").putAdditionalProperties("object", TextNode.valueOf("y"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"object\"");
  }

  @Test
  void unknownObjectOfAKnownTypesNameIsNotUnknown() {
    JsonNode known =
        tree("{\"object\": \"organization.usage.vector_stores.result\", \"usage_bytes\": 1}");

    assertThat(read(known.toString(), UsageResult.class))
        .isInstanceOf(UsageVectorStoresResult.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1E+999999999\"", "1E+101", "\"1E-10001\"", "\"twelve\""})
  void anUnknownResultsAmountIsReadLikeAKnownOneAbsurdValuesFailNamingTheBound(String value) {
    String json = "{\"object\": \"organization.usage.new_thing.result\", \"amount\": {\"value\": " + value
        + ", \"currency\": \"usd\"}}";

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("amount.value of result \"organization.usage.new_thing.result\"")
        .hasMessageContaining("more than 100 integer digits or more than 10000 decimal places");
  }

  @Test
  void anUnknownResultsIntegersOutsideTheCountRangeAreNotCounts() {
    UsageResult result = read("""
        {"object": "organization.usage.new_thing.result", "num_calls": 7, "minus": -1,
         "max": 9223372036854775807, "edge": 1000000000000000, "over": 1000000000000001}
        """, UsageResult.class);

    assertThat(ResultFields.of(result).metrics()).extracting(ResultField::name).containsExactly("num_calls", "edge");
    assertThat(ResultFields.of(result).field("minus").role()).isEqualTo(ResultField.Role.ATTRIBUTE);
  }
}
