package dev.usagekit.model;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * The fields of a result type, read once from the type itself: its accessors' JSON names, their {@link Metric}
 * annotations, and the {@code group_by} fields of its endpoint in {@link UsageEndpoint}. Aggregators, reports,
 * fakes and tests read a result through these instead of knowing any result class.
 *
 * <pre>{@code
 * ResultFields fields = ResultFields.of(UsageCompletionsResult.class);
 * fields.metrics();   // input_tokens (count), input_cached_tokens (count), ..., num_model_requests (count)
 * fields.groups();    // project_id, user_id, api_key_id, model, batch, service_tier
 * ResultFields.of(UsageVectorStoresResult.class).metrics();   // usage_bytes (level)
 * }</pre>
 *
 * <p>A result of a type this version does not know ({@link UnknownUsageResult}) has fields of its own: {@link
 * #of(UsageResult)} reads them from the JSON it kept: integers from 0 to 10^15 (the range of a known count) as
 * counts, an {@code amount} object as money, strings and booleans as groups. Lists are in JSON order and unmodifiable.
 */
public final class ResultFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<Class<?>, ResultFields> BY_TYPE = new ConcurrentHashMap<>();
  static final String AMOUNT = "amount";

  private final List<ResultField> all;
  private final List<ResultField> metrics;
  private final List<ResultField> groups;
  private final @Nullable ResultField amount;

  private ResultFields(List<ResultField> all) {
    this.all = Collections.unmodifiableList(all);
    List<ResultField> metrics = new ArrayList<>();
    List<ResultField> groups = new ArrayList<>();
    ResultField amount = null;
    for (ResultField field : all) {
      if (field.isMetric()) {
        metrics.add(field);
      } else if (field.role() == ResultField.Role.GROUP) {
        groups.add(field);
      } else if (field.role() == ResultField.Role.AMOUNT) {
        amount = field;
      }
    }
    this.metrics = Collections.unmodifiableList(metrics);
    this.groups = Collections.unmodifiableList(groups);
    this.amount = amount;
  }

  /** The fields of {@code type}, one of the result types of {@link UsageEndpoint}. */
  public static ResultFields of(Class<? extends UsageResult> type) {
    Objects.requireNonNull(type, "type == null");
    Class<?> declared = type;
    while (declared.getSuperclass() != null && declared.getSuperclass() != UsageResult.class) {
      declared = declared.getSuperclass(); // the generated Immutable* class: read the hand-written one
    }
    ResultFields fields = BY_TYPE.get(declared);
    if (fields == null) {
      fields = read(declared);
      BY_TYPE.put(declared, fields);
    }
    return fields;
  }

  /**
   * The fields of {@code result}: those of its type, or for an {@link UnknownUsageResult} those its JSON
   * carried. A result of a known type that carries an integer field its type does not declare (a count the API
   * added after this release, such as {@code "input_audio_cached_tokens": 3}) has that field too, after the
   * declared ones, as a {@link ResultField.Role#COUNT} read by its JSON name, as a count of an unknown type is:
   * {@link ResultField#isDeclared()} tells them apart, so that a report can say which fields it does not know.
   */
  public static ResultFields of(UsageResult result) {
    Objects.requireNonNull(result, "result == null");
    if (result instanceof UnknownUsageResult) {
      return ofUnknown(result);
    }
    ResultFields declared = of(result.getClass());
    if (result.additionalProperties().isEmpty()) {
      return declared;
    }
    List<ResultField> fields = null;
    for (Map.Entry<String, JsonNode> e : result.additionalProperties().entrySet()) {
      if (isCount(e.getValue()) && declared.field(e.getKey()) == null) {
        if (fields == null) {
          fields = new ArrayList<>(declared.all);
        }
        fields.add(new ResultField(e.getKey(), ResultField.Role.COUNT, null));
      }
    }
    return fields == null ? declared : new ResultFields(fields);
  }

  /** Every field but {@code object}, in JSON order. */
  public List<ResultField> all() {
    return all;
  }

  /** The metrics ({@link ResultField.Role#COUNT} and {@link ResultField.Role#LEVEL}), in JSON order. */
  public List<ResultField> metrics() {
    return metrics;
  }

  /** The fields results can be grouped by, in JSON order. */
  public List<ResultField> groups() {
    return groups;
  }

  /** The money field ({@code amount} of costs), or null for a type without one. */
  public @Nullable ResultField amount() {
    return amount;
  }

  /** The field named {@code name}, or null. */
  public @Nullable ResultField field(String name) {
    Objects.requireNonNull(name, "name == null");
    for (ResultField field : all) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return all.toString();
  }

  private static ResultFields read(Class<?> type) {
    Set<String> groupNames = new HashSet<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      if (endpoint.resultType().isAssignableFrom(type)) {
        for (GroupByField field : endpoint.groupByFields()) {
          groupNames.add(field.wireValue());
        }
      }
    }
    SerializationConfig config = MAPPER.getSerializationConfig();
    BeanDescription description = config.introspect(config.constructType(type));
    List<ResultField> fields = new ArrayList<>();
    Map<String, String> javaNames = new HashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      AnnotatedMethod getter = property.getGetter();
      String name = property.getName();
      if (getter == null || UsageResult.OBJECT_PROPERTY.equals(name)) {
        continue;
      }
      Method method = getter.getAnnotated();
      Metric metric = method.getAnnotation(Metric.class);
      ResultField.Role role;
      if (metric != null) {
        role = metric.value() == Metric.Kind.LEVEL ? ResultField.Role.LEVEL : ResultField.Role.COUNT;
      } else if (method.getReturnType() == CostsAmount.class) {
        role = ResultField.Role.AMOUNT;
      } else if (groupNames.contains(name)) {
        role = ResultField.Role.GROUP;
      } else {
        role = ResultField.Role.ATTRIBUTE;
      }
      fields.add(new ResultField(name, role, method));
      javaNames.put(name, method.getName());
    }
    // Methods come back in no fixed order (it changes between JVM runs): order the fields as the accessors are
    // declared, which is the order of the generated class's fields (and of the JSON Jackson writes).
    List<String> declared = new ArrayList<>();
    JsonDeserialize generated = type.getAnnotation(JsonDeserialize.class);
    if (generated != null && generated.builder() != Void.class) {
      // The builder's generated superclass holds one field per attribute, in declaration order.
      for (Field field : generated.builder().getSuperclass().getDeclaredFields()) {
        declared.add(field.getName());
      }
    }
    Collections.sort(fields, (a, b) -> Integer.compare(
        rank(declared, javaNames.get(a.name())), rank(declared, javaNames.get(b.name()))));
    return new ResultFields(fields);
  }

  private static int rank(List<String> declared, String javaName) {
    int index = declared.indexOf(javaName);
    return index >= 0 ? index : Integer.MAX_VALUE;
  }

  private static ResultFields ofUnknown(UsageResult result) {
    List<ResultField> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : result.additionalProperties().entrySet()) {
      JsonNode node = e.getValue();
      ResultField.Role role;
      if (isCount(node)) {
        role = ResultField.Role.COUNT;
      } else if (AMOUNT.equals(e.getKey()) && node.isObject()) {
        role = ResultField.Role.AMOUNT;
      } else if (node.isTextual() || node.isBoolean()) {
        role = ResultField.Role.GROUP;
      } else {
        role = ResultField.Role.ATTRIBUTE;
      }
      fields.add(new ResultField(e.getKey(), role, null));
    }
    return new ResultFields(fields);
  }

  /** A count of a result type this version does not know: read like a known one, from 0 to 10^15. */
  static boolean isCount(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong()
        && node.longValue() >= 0 && node.longValue() <= CountDeserializer.MAX_COUNT;
  }

  /** Whether {@code value} reads as an amount a known result would accept. */
  static boolean isAmount(JsonNode value) {
    return decimal(value) != null;
  }

  /** The amount {@code value} holds, as a known result would read it, or null. */
  static @Nullable BigDecimal decimal(JsonNode value) {
    BigDecimal decimal = null;
    if (value.isBigDecimal() || value.isIntegralNumber()) {
      decimal = value.decimalValue();
    } else if (value.isTextual() && value.textValue().trim().length() <= StreamReadConstraints.defaults().getMaxNumberLength()) {
      try {
        decimal = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return decimal != null && ExactDecimalDeserializer.inRange(decimal) ? decimal : null;
  }
}
