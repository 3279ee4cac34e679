package dev.usagekit.model.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Arbitrary values through {@link UsageQuery}'s builder: the outcome is a valid query or an {@link
 * IllegalArgumentException} (a {@link NullPointerException} naming the parameter only where the input passed
 * null for a parameter documented as non-null), every valid query's wire form holds what it was built with, and
 * {@code withWindow} keeps it unchanged. ({@code fromQueryParameters} and its fuzz target moved to the testkit.)
 *
 * <p>Corpus: {@code src/test/resources/dev/usagekit/model/fuzz/QueryValidationFuzzTestInputs/<method>/}.
 * Fuzz one target with {@code JAZZER_FUZZ=1 ... -Dtest=QueryValidationFuzzTest#buildQuery}.
 */
class QueryValidationFuzzTest {
  private static final CorpusRuns RUNS = new CorpusRuns(QueryValidationFuzzTest.class);

  /** Parameter names the fuzzer would rarely guess: every one the endpoints know, and near misses. */
  private static final String[] NAMES = {
    "start_time", "end_time", "bucket_width", "limit", "group_by", "page", "project_ids", "user_ids",
    "api_key_ids", "models", "batch", "sources", "sizes", "vector_store_ids", "context_levels",
    "start_time ", "Start_Time", "group_by[]", "", "\u0000"
  };

  /** Values the fuzzer would rarely guess: valid ones of every parameter, and edge cases. */
  private static final String[] VALUES = {
    "0", "1", "-1", "+5", "007", "1730419200", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "2147483647", "2147483648", "1e3", "0x10", "", " ", "\t", "\u0000", "\u202e",
    "1m", "1h", "1d", "1D", "1d ", "7d", "true", "false", "TRUE", "project_id", "user_id", "api_key_id",
    "model", "batch", "service_tier", "source", "size", "vector_store_id", "context_level", "line_item",
    "image.generation", "image.edit", "image.variation", "256x256", "1024x1792", "low", "medium", "high",
    "gpt-4o-mini", "proj_abc", "page_AAAA\r\nX-Injected: 1"
  };

  /** Random values through every setter of a builder, then {@code build()}. */
  @FuzzTest(maxDuration = "20s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void buildQuery(FuzzedDataProvider data) {
    RUNS.ran("buildQuery");
    UsageEndpoint endpoint = data.pickValue(UsageEndpoint.values());
    boolean[] passedNull = {false};
    UsageQuery<?> query;
    try {
      query = build(endpoint, data, passedNull);
    } catch (RuntimeException failure) {
      FuzzOutcomes.requireValidationFailure(failure, passedNull[0]);
      return;
    }
    checkValid(query, data.consumeBoolean() ? null : data.consumeString(40));
  }

  /** Arbitrary strings through the wire-value lookups of the request enums. */
  @FuzzTest(maxDuration = "20s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void parseWireValues(FuzzedDataProvider data) {
    RUNS.ran("parseWireValues");
    String text = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeRemainingAsString();
    try {
      assertThat(BucketWidth.fromWireValue(text).wireValue()).isEqualTo(text);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("[1m, 1h, 1d]");
    }
    try {
      assertThat(GroupByField.fromWireValue(text).wireValue()).isEqualTo(text);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("project_id");
    }
    try {
      assertThat(UsageFilter.fromWireValue(text).wireValue()).isEqualTo(text);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("project_ids");
    }
    try {
      UsageEndpoint endpoint = UsageEndpoint.forPath(text);
      assertThat(endpoint.path()).isIn(text, text.substring(Math.min(1, text.length())));
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("organization/costs");
    }
    UsageEndpoint byObject = UsageEndpoint.forResultObject(text);
    if (byObject != null) {
      assertThat(byObject.resultObject()).isEqualTo(text);
    }
  }

  @AfterAll
  static void everyCorpusInputRan() {
    RUNS.assertEveryInputRan();
  }

  private static String value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> data.consumeString(24);
      case 1 -> Long.toString(data.consumeLong());
      default -> data.pickValue(VALUES);
    };
  }

  private static UsageQuery<?> build(UsageEndpoint endpoint, FuzzedDataProvider data, boolean[] passedNull) {
    boolean any = data.consumeBoolean();
    UsageQuery.Builder<?> builder = any ? UsageQuery.builder(endpoint) : typedBuilder(endpoint);
    for (int i = 0, n = data.consumeInt(0, 12); i < n; i++) {
      switch (data.consumeInt(0, 14)) {
        case 0 -> builder.startTime(data.consumeLong());
        case 1 -> builder.endTime(data.consumeLong());
        case 2 -> builder.startTime(data.consumeLong(-1, 4_000_000_000L));
        case 3 -> builder.endTime(data.consumeLong(-1, 4_000_000_000L));
        case 4 -> builder.start(instant(data, passedNull));
        case 5 -> builder.end(instant(data, passedNull));
        case 6 -> {
          Instant start = instant(data, passedNull);
          Duration length = data.consumeInt(0, 31) == 0
              ? nullPassed(passedNull)
              : Duration.ofSeconds(data.consumeLong(), data.consumeInt(0, 999_999_999));
          builder.window(start, length);
        }
        case 7 -> builder.bucketWidth(data.consumeBoolean()
            ? data.pickValue(BucketWidth.values())
            : BucketWidth.fromWireValue(data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(4)));
        case 8 -> builder.limit(data.consumeBoolean() ? data.consumeInt() : data.consumeInt(-1, 1500));
        case 9 -> {
          GroupByField[] fields = new GroupByField[data.consumeInt(0, 3)];
          for (int f = 0; f < fields.length; f++) {
            fields[f] = data.consumeInt(0, 31) == 0 ? nullPassed(passedNull) : data.pickValue(GroupByField.values());
          }
          if (data.consumeBoolean()) {
            builder.groupBy(fields);
          } else {
            builder.groupBy(Arrays.asList(fields));
          }
        }
        case 10, 11 -> {
          UsageFilter filter = data.pickValue(UsageFilter.values());
          String[] values = new String[data.consumeInt(0, 3)];
          for (int v = 0; v < values.length; v++) {
            values[v] = data.consumeInt(0, 31) == 0 ? null : value(data);
          }
          if (filter.isBoolean()) {
            builder.batch(data.consumeBoolean());
          } else if (data.consumeBoolean()) {
            namedFilter(builder, filter, values);
          } else if (data.consumeBoolean()) {
            builder.filter(filter, values);
          } else {
            builder.filter(filter, Arrays.asList(values));
          }
        }
        case 12 -> builder.filter(data.pickValue(UsageFilter.values()), data.consumeString(8)); // batch: rejected
        case 13 -> {
          String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(16);
          String[] values = new String[data.consumeInt(0, 3)];
          for (int v = 0; v < values.length; v++) {
            values[v] = data.consumeInt(0, 31) == 0 ? nullPassed(passedNull) : value(data);
          }
          builder.additionalQueryParameter(name, values);
        }
        default -> builder.bucketWidth(BucketWidth.fromWireValue(data.consumeString(3)));
      }
    }
    UsageQuery<?> query = builder.build();
    assertThat(query.resultType()).isEqualTo(any ? UsageResult.class : endpoint.resultType());
    return query;
  }

  private static <T> T nullPassed(boolean[] passedNull) {
    passedNull[0] = true;
    return null;
  }

  private static Instant instant(FuzzedDataProvider data, boolean[] passedNull) {
    if (data.consumeInt(0, 31) == 0) {
      return nullPassed(passedNull);
    }
    return Instant.ofEpochSecond(
        data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
        data.consumeInt(0, 999_999_999));
  }

  /** The typed factory of an endpoint, named after its path's last segment: audio_speeches, audioSpeeches(). */
  private static UsageQuery.Builder<?> typedBuilder(UsageEndpoint endpoint) {
    return (UsageQuery.Builder<?>) invoke(UsageQuery.class, null,
        camelCase(endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1)));
  }

  /** Calls the builder's named setter for a list filter (every filter has one on every builder): projectIds. */
  private static void namedFilter(UsageQuery.Builder<?> builder, UsageFilter filter, String[] values) {
    if (filter.isBoolean()) {
      throw new AssertionError("batch is set with batch(boolean)");
    }
    invoke(UsageQuery.Builder.class, builder, camelCase(filter.wireValue()), (Object) values);
  }

  private static String camelCase(String wire) {
    StringBuilder name = new StringBuilder();
    for (String part : wire.split("_")) {
      name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.toString();
  }

  private static Object invoke(Class<?> type, Object target, String name, Object... args) {
    try {
      return args.length == 0 ? type.getMethod(name).invoke(target)
          : type.getMethod(name, String[].class).invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(type.getSimpleName() + " has no method " + name, e);
    }
  }

  /** The invariants of a query that {@code build()} accepted, and its round trips. */
  private static void checkValid(UsageQuery<?> query, String page) {
    UsageEndpoint endpoint = query.endpoint();
    assertThat(query.startTime()).isNotNegative();
    if (query.endTime() != null) {
      assertThat(query.endTime()).isGreaterThan(query.startTime());
    }
    assertThat(endpoint.bucketWidths()).contains(query.effectiveBucketWidth());
    assertThat(query.effectiveLimit()).isBetween(1, endpoint.maxLimit(query.effectiveBucketWidth()));
    assertThat(endpoint.groupByFields()).containsAll(query.groupBy());
    assertThat(endpoint.filters()).containsAll(query.filters().keySet());
    for (Map.Entry<UsageFilter, List<String>> e : query.filters().entrySet()) {
      assertThat(e.getValue()).isNotEmpty().doesNotContainNull().doesNotHaveDuplicates();
      if (!e.getKey().allowedValues().isEmpty()) {
        assertThat(e.getKey().allowedValues()).containsAll(e.getValue());
      }
    }

    Map<String, List<String>> wire = query.toQueryParameters(page);
    assertThat(wire.get("page")).isEqualTo(page == null ? null : List.of(page));
    assertThat(wire.get("start_time")).containsExactly(Long.toString(query.startTime()));
    for (Map.Entry<UsageFilter, List<String>> e : query.filters().entrySet()) {
      assertThat(wire.get(e.getKey().wireValue())).startsWith(e.getValue().toArray(new String[0]));
    }
    for (Map.Entry<String, List<String>> e : query.additionalQueryParameters().entrySet()) {
      assertThat(e.getKey()).isNotIn("start_time", "end_time", "bucket_width", "limit", "page");
      assertThat(e.getValue()).doesNotContainNull();
      List<String> sent = wire.get(e.getKey());
      assertThat(sent.subList(sent.size() - e.getValue().size(), sent.size())).isEqualTo(e.getValue());
    }
    UsageQuery<?> moved = query.withWindow(query.startTime(), query.endTime());
    assertThat(moved).isEqualTo(query).hasSameHashCodeAs(query);
    assertThat(moved.toQueryParameters(page)).isEqualTo(wire);
    assertThat(moved.toString()).isEqualTo(query.toString());
  }
}
