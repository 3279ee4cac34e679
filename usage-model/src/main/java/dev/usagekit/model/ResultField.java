package dev.usagekit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One field of a result type, as reports see it: its JSON name, its role, and its value in a result.
 *
 * <pre>{@code
 * for (ResultField field : ResultFields.of(UsageCompletionsResult.class).metrics()) {
 *   Object value = field.valueOf(result);   // a Long, or null when the result does not carry it
 * }
 * }</pre>
 *
 * <p>Values are {@code Long} for metrics, {@link CostsAmount} for an amount, {@code String} or {@code
 * Boolean} for groups, and what the accessor returns for other fields ({@code BigDecimal}, {@code String}).
 */
public final class ResultField {
  /** What a field is to a report. */
  public enum Role {
    /** A {@link Metric.Kind#COUNT}: adds up over groups and over time. */
    COUNT,
    /** A {@link Metric.Kind#LEVEL}: adds up over groups within a bucket; over time, its latest value and peak. */
    LEVEL,
    /** Money ({@link CostsAmount}): adds up per currency. */
    AMOUNT,
    /** A field results are grouped by ({@code group_by}): set only when the query grouped by it. */
    GROUP,
    /** Anything else, such as a cost's {@code quantity} and {@code quantity_unit}: shown, never added up. */
    ATTRIBUTE
  }

  private final String name;
  private final Role role;
  private final @Nullable Method accessor;

  ResultField(String name, Role role, @Nullable Method accessor) {
    this.name = name;
    this.role = role;
    this.accessor = accessor;
  }

  /** The JSON name of the field, for example {@code "input_tokens"}. */
  public String name() {
    return name;
  }

  /** What the field is to a report. */
  public Role role() {
    return role;
  }

  /**
   * The JSON name of the metric this metric is a part of ({@link Metric#partOf()}: {@code input_tokens} for {@code
   * input_cached_tokens}), or null for a metric that is no other's part, and for every other field.
   */
  public @Nullable String partOf() {
    Metric metric = accessor == null ? null : accessor.getAnnotation(Metric.class);
    return metric == null || metric.partOf().isEmpty() ? null : metric.partOf();
  }

  /**
   * Whether this release declares the field: true for an accessor of a result type, false for a field read
   * from a result's {@link UsageResult#additionalProperties()} (every field of an {@link UnknownUsageResult},
   * and a count the API added to a known type after this release).
   */
  public boolean isDeclared() {
    return accessor != null;
  }

  /** Whether this field is a metric: {@link Role#COUNT} or {@link Role#LEVEL}. */
  public boolean isMetric() {
    return role == Role.COUNT || role == Role.LEVEL;
  }

  /**
   * The value of this field in {@code result}, or null when the result does not carry it. For a field this
   * version does not declare, the value is read from the result's {@link UsageResult#additionalProperties()}.
   */
  public @Nullable Object valueOf(UsageResult result) {
    Objects.requireNonNull(result, "result == null");
    if (accessor == null) {
      return fromTree(result.additionalProperties().get(name));
    }
    try {
      return accessor.invoke(result);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private @Nullable Object fromTree(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    switch (role) {
      case COUNT:
      case LEVEL:
        return node.canConvertToLong() ? node.longValue() : null;
      case AMOUNT:
        JsonNode value = node.get("value");
        JsonNode currency = node.get("currency");
        BigDecimal decimal = value == null ? null : ResultFields.decimal(value);
        return decimal == null || currency == null || !currency.isTextual()
            ? null
            : CostsAmount.builder().value(decimal).currency(currency.textValue()).build();
      default:
        return node.isBoolean() ? (Object) node.booleanValue() : node.isValueNode() ? node.asText() : node;
    }
  }

  @Override
  public String toString() {
    return name + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
