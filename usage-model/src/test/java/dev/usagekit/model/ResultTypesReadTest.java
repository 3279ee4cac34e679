package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How each of the nine result types made of required counts and optional strings reads JSON: every
 * field lands in its accessor; missing, null and mistyped required counts fail naming the JSON field
 * (in the message and in Jackson's reference path); unknown fields are kept in {@code
 * additionalProperties()} and written back; counts are strict JSON integers from 0 to 10^15. The same
 * for every type, read directly and as a {@link UsageResult}.
 */
class ResultTypesReadTest {
  /** A result type, its {@code object}, its required counts and its optional strings. */
  record Type(Class<? extends UsageResult> type, String object, List<String> counts, List<String> strings) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }

    /** Every field set: count {@code i} is {@code 1000 + i}, string {@code name} is {@code "v-name"}. */
    Map<String, String> fields() {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("object", '"' + object + '"');
      for (int i = 0; i < counts.size(); i++) {
        fields.put(counts.get(i), String.valueOf(1000 + i));
      }
      for (String name : strings) {
        fields.put(name, "\"v-" + name + '"');
      }
      return fields;
    }
  }

  private static final List<String> MODEL_GROUPS = List.of("project_id", "user_id", "api_key_id", "model");

  static Stream<Type> types() {
    return Stream.of(
        new Type(UsageEmbeddingsResult.class, UsageEmbeddingsResult.OBJECT,
            List.of("input_tokens", "num_model_requests"), MODEL_GROUPS),
        new Type(UsageModerationsResult.class, UsageModerationsResult.OBJECT,
            List.of("input_tokens", "num_model_requests"), MODEL_GROUPS),
        new Type(UsageImagesResult.class, UsageImagesResult.OBJECT,
            List.of("images", "num_model_requests"),
            List.of("source", "size", "project_id", "user_id", "api_key_id", "model")),
        new Type(UsageAudioSpeechesResult.class, UsageAudioSpeechesResult.OBJECT,
            List.of("characters", "num_model_requests"), MODEL_GROUPS),
        new Type(UsageAudioTranscriptionsResult.class, UsageAudioTranscriptionsResult.OBJECT,
            List.of("seconds", "num_model_requests"), MODEL_GROUPS),
        new Type(UsageVectorStoresResult.class, UsageVectorStoresResult.OBJECT,
            List.of("usage_bytes"), List.of("project_id")),
        new Type(UsageCodeInterpreterSessionsResult.class, UsageCodeInterpreterSessionsResult.OBJECT,
            List.of("num_sessions"), List.of("project_id")),
        new Type(UsageFileSearchCallsResult.class, UsageFileSearchCallsResult.OBJECT,
            List.of("num_requests"), List.of("project_id", "user_id", "api_key_id", "vector_store_id")),
        new Type(UsageWebSearchCallsResult.class, UsageWebSearchCallsResult.OBJECT,
            List.of("num_model_requests", "num_requests"),
            List.of("project_id", "user_id", "api_key_id", "model", "context_level")));
  }

  /** Each type with each required count. */
  static Stream<Arguments> requiredCounts() {
    return types().flatMap(t -> t.counts().stream().map(name -> Arguments.of(t, name)));
  }

  /** Each type, read directly and as a UsageResult. */
  static Stream<Arguments> targets() {
    return types().flatMap(t -> Stream.of(Arguments.of(t, t.type()), Arguments.of(t, UsageResult.class)));
  }

  private static String json(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
        .append("\":").append(value));
    return json.append('}').toString();
  }

  private static String with(Type type, String name, String value) {
    Map<String, String> fields = type.fields();
    fields.put(name, value);
    return json(fields);
  }

  /** Jackson's reference path ends in the JSON field {@code name} of (the generated class of) {@code type}. */
  private static void failedAt(Throwable failure, Type type, String name) {
    assertThat(failure).isInstanceOf(JsonMappingException.class);
    List<JsonMappingException.Reference> path = ((JsonMappingException) failure).getPath();
    assertThat(path).isNotEmpty();
    assertThat(path.get(path.size() - 1).getFieldName()).isEqualTo(name);
    assertThat(failure).hasMessageContaining(type.type().getSimpleName() + "$Builder[\"" + name + "\"]");
  }

  private static Object accessor(Object value, String jsonName) throws Exception {
    StringBuilder camel = new StringBuilder();
    for (String part : jsonName.split("_")) {
      camel.append(camel.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    Method method = value.getClass().getMethod(camel.toString());
    method.setAccessible(true);
    return method.invoke(value);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("targets")
  void everyFieldLandsInItsAccessor(Type type, Class<?> target) throws Exception {
    Object value = MAPPER.readValue(json(type.fields()), target);

    assertThat(value).isInstanceOf(type.type());
    for (int i = 0; i < type.counts().size(); i++) {
      assertThat(accessor(value, type.counts().get(i))).isEqualTo(1000L + i);
    }
    for (String name : type.strings()) {
      assertThat(accessor(value, name)).isEqualTo("v-" + name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void absentAndNullOptionalStringsReadAsNull(Type type) throws Exception {
    Map<String, String> fields = type.fields();
    for (int i = 0; i < type.strings().size(); i++) {
      if (i % 2 == 0) {
        fields.remove(type.strings().get(i));
      } else {
        fields.put(type.strings().get(i), "null");
      }
    }
    UsageResult value = MAPPER.readValue(json(fields), UsageResult.class);

    for (String name : type.strings()) {
      assertThat(accessor(value, name)).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void unknownFieldsAnywhereAreKeptInOrderAndWrittenBack(Type type) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("organization_id", "\"org-1\"");
    fields.put("nested", "{\"a\":[1,{\"b\":null}],\"input_tokens\":\"not this one\"}");
    fields.putAll(type.fields());
    fields.put("start_time_iso", "\"2026-11-22T00:00:00Z\"");
    fields.put("list", "[[1],{\"object\":\"bucket\"}]");
    fields.put("nothing", "null");

    UsageResult value = MAPPER.readValue(json(fields), UsageResult.class);

    assertThat(value).isInstanceOf(type.type());
    Map<String, JsonNode> extra = value.additionalProperties();
    // In no particular order: Immutables' Jackson delegate collects them in a HashMap.
    assertThat(extra.keySet()).containsExactlyInAnyOrder("organization_id", "nested", "start_time_iso", "list", "nothing");
    assertThat(extra.get("organization_id").textValue()).isEqualTo("org-1");
    assertThat(extra.get("nested").get("input_tokens").textValue()).isEqualTo("not this one");
    assertThat(extra.get("nothing").isNull()).isTrue();
    for (int i = 0; i < type.counts().size(); i++) {
      assertThat(accessor(value, type.counts().get(i))).isEqualTo(1000L + i);
    }
    UsageResult withoutExtra = MAPPER.readValue(json(type.fields()), UsageResult.class);
    assertThat(value).isNotEqualTo(withoutExtra);
    assertThat(withoutExtra.additionalProperties()).isEmpty();

    String written = MAPPER.writeValueAsString(value);
    assertThat(MAPPER.readTree(written)).isEqualTo(MAPPER.readTree(json(fields)));
    List<String> names = new java.util.ArrayList<>();
    MAPPER.readTree(written).fieldNames().forEachRemaining(names::add);
    assertThat(names.subList(0, type.fields().size())).as("known fields first")
        .containsExactlyInAnyOrderElementsOf(type.fields().keySet())
        .startsWith("object");
    assertThat(names.subList(type.fields().size(), names.size()))
        .containsExactlyInAnyOrder("organization_id", "nested", "start_time_iso", "list", "nothing");
    assertThat(MAPPER.readValue(written, UsageResult.class)).isEqualTo(value).hasSameHashCodeAs(value);
  }

  /** Unknown fields keep their numbers exactly, value and scale, even beyond a double: written back as they came. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void unknownFractionsOfAKnownTypeAreExact(Type type) throws Exception {
    UsageResult value = MAPPER.readValue(with(type, "ratio", "[1.50, 0.0692840000000000000, 1e400]"),
        UsageResult.class);

    assertThat(value.additionalProperties().get("ratio").get(0).decimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(MAPPER.writeValueAsString(value))
        .endsWith(",\"ratio\":[1.50,0.0692840000000000000,1E+400]}");
    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(value), UsageResult.class)).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void objectAfterTheOtherFieldsReadsTheSame(Type type) throws Exception {
    Map<String, String> fields = type.fields();
    String object = fields.remove("object");
    fields.put("object", object);

    assertThat(MAPPER.readValue(json(fields), UsageResult.class))
        .isEqualTo(MAPPER.readValue(json(type.fields()), UsageResult.class));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("requiredCounts")
  void missingRequiredCountFailsNamingIt(Type type, String name) {
    Map<String, String> fields = type.fields();
    fields.remove(name);

    assertThatThrownBy(() -> MAPPER.readValue(json(fields), UsageResult.class))
        .isExactlyInstanceOf(ValueInstantiationException.class)
        .hasMessageStartingWith("Cannot construct instance of `dev.usagekit.model."
            + type.type().getSimpleName() + "$Builder`, problem: Missing required property '" + name + "' of "
            + type.type().getSimpleName())
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void withoutAnyRequiredCountEveryOneIsNamed(Type type) {
    Map<String, String> fields = type.fields();
    type.counts().forEach(fields::remove);
    StringBuilder names = new StringBuilder();
    for (String name : type.counts()) {
      names.append(names.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
    }

    assertThatThrownBy(() -> MAPPER.readValue(json(fields), UsageResult.class))
        .isExactlyInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("problem: Missing required property " + names + " of " + type.type().getSimpleName());
  }

  @ParameterizedTest(name = "{0}: {1} null")
  @MethodSource("requiredCounts")
  void nullRequiredCountFailsNamingIt(Type type, String name) {
    assertThatThrownBy(() -> MAPPER.readValue(with(type, name, "null"), UsageResult.class))
        .isExactlyInstanceOf(InvalidNullException.class)
        .hasMessageStartingWith("Invalid `null` value encountered for property \"" + name + "\"")
        .satisfies(e -> assertThat(((InvalidNullException) e).getPropertyName().getSimpleName()).isEqualTo(name))
        .satisfies(e -> failedAt(e, type, name));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("requiredCounts")
  void requiredCountOfAnotherJsonTypeFailsWithItsPath(Type type, String name) {
    for (String value : List.of("\"5\"", "\"\"", "5.0", "5.5", "1e3", "true", "{}", "[]", "[1]")) {
      assertThatThrownBy(() -> MAPPER.readValue(with(type, name, value), UsageResult.class))
          .as(value)
          .isInstanceOf(MismatchedInputException.class)
          .hasMessageStartingWith("Cannot deserialize value of type `java.lang.Long` from ")
          .satisfies(e -> failedAt(e, type, name));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("requiredCounts")
  void requiredCountOutsideZeroToTenToTheFifteenFails(Type type, String name) {
    for (String value : List.of("-1", "1000000000000001", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890")) {
      assertThatThrownBy(() -> MAPPER.readValue(with(type, name, value), UsageResult.class))
          .as(value)
          .isExactlyInstanceOf(InvalidFormatException.class)
          .hasMessageStartingWith("Cannot deserialize value of type `java.lang.Long` from number " + value
              + ": a count must be a whole number from 0 to 1000000000000000")
          .satisfies(e -> failedAt(e, type, name));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("requiredCounts")
  void requiredCountAtTheLimitsOfItsRangeDecodes(Type type, String name) throws Exception {
    assertThat(accessor(MAPPER.readValue(with(type, name, "1000000000000000"), UsageResult.class), name))
        .isEqualTo(1_000_000_000_000_000L);
    assertThat(accessor(MAPPER.readValue(with(type, name, "0"), UsageResult.class), name)).isEqualTo(0L);
    assertThat(accessor(MAPPER.readValue(with(type, name, "-0"), UsageResult.class), name)).isEqualTo(0L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void optionalStringFromAJsonScalarIsItsText(Type type) throws Exception {
    String name = type.strings().get(0);

    assertThat(accessor(MAPPER.readValue(with(type, name, "5"), UsageResult.class), name)).isEqualTo("5");
    assertThat(accessor(MAPPER.readValue(with(type, name, "1.50"), UsageResult.class), name)).isEqualTo("1.50");
    assertThat(accessor(MAPPER.readValue(with(type, name, "true"), UsageResult.class), name)).isEqualTo("true");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void optionalStringFromAnObjectOrArrayFailsWithItsPath(Type type) {
    String name = type.strings().get(type.strings().size() - 1);
    for (String value : List.of("{}", "[]", "{\"a\":1}")) {
      assertThatThrownBy(() -> MAPPER.readValue(with(type, name, value), UsageResult.class))
          .as(value)
          .isInstanceOf(MismatchedInputException.class)
          .hasMessageStartingWith("Cannot deserialize value of type `java.lang.String` from ")
          .satisfies(e -> failedAt(e, type, name));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void errorInsideAPageCarriesTheWholePath(Type type) {
    String name = type.counts().get(0);
    String page = "{\"object\":\"page\",\"has_more\":false,\"data\":[{\"object\":\"bucket\",\"start_time\":1,"
        + "\"end_time\":2,\"results\":[" + json(type.fields()) + "," + with(type, name, "\"7\"") + "]}]}";

    assertThatThrownBy(() -> MAPPER.readValue(page, UsageResponse.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("(through reference chain: dev.usagekit.model.UsageResponse$Builder[\"data\"]"
            + "->java.util.ArrayList[0]->dev.usagekit.model.UsageTimeBucket$Builder[\"results\"]"
            + "->java.util.ArrayList[1]->dev.usagekit.model." + type.type().getSimpleName()
            + "$Builder[\"" + name + "\"])");
  }
}
