package dev.usagekit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResult;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One timestamped usage (or costs) result that a {@link FakeUsageServer} aggregates into its responses: what
 * the organisation used at one moment, with the dimensions it can be grouped and filtered by.
 *
 * <pre>{@code
 * UsageRecord record = UsageRecord.of(
 *     Instant.parse("2026-11-03T14:05:00Z"),
 *     TestData.completions().projectId("proj_support").model("gpt-4o-mini").inputTokens(1200).build());
 * server.add(record);
 * }</pre>
 *
 * <p>The endpoint is the one whose results have the type of {@link #result()} (see {@link
 * UsageEndpoint#resultType()}). The result's grouping fields ({@code project_id}, {@code model}, {@code
 * line_item}, ...) are the record's dimensions: null means "none" (it matches no filter and groups under
 * null). Its counts ({@code input_tokens}, {@code num_model_requests}, ...) and, for costs, {@code amount}
 * and {@code quantity}, are the quantities the server sums.
 */
public final class UsageRecord {
  private final long timestamp;
  private final UsageEndpoint endpoint;
  private final UsageResult result;
  /**
   * The result as JSON, for a field its type's accessors do not give as a plain value; made when first asked for,
   * which for the results the API knows is never.
   */
  private volatile @Nullable ObjectNode fields;

  private UsageRecord(long timestamp, UsageEndpoint endpoint, UsageResult result) {
    this.timestamp = timestamp;
    this.endpoint = endpoint;
    this.result = result;
  }

  /**
   * A record of {@code result} at {@code timestamp} (Unix seconds).
   *
   * @throws IllegalArgumentException if {@code timestamp} is negative, or if {@code result} is of no known
   *     endpoint (an {@link dev.usagekit.model.UnknownUsageResult})
   */
  public static UsageRecord of(long timestamp, UsageResult result) {
    Objects.requireNonNull(result, "result == null");
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must be Unix seconds >= 0, was " + timestamp);
    }
    UsageEndpoint endpoint = UsageEndpoint.forResultObject(result.object());
    if (endpoint == null || !endpoint.resultType().isInstance(result)) {
      throw new IllegalArgumentException(
          "result must be of a known endpoint's result type, was object '" + result.object() + "'");
    }
    return new UsageRecord(timestamp, endpoint, result);
  }

  /** A record of {@code result} at {@code time}; sub-second precision is truncated. */
  public static UsageRecord of(Instant time, UsageResult result) {
    return of(Objects.requireNonNull(time, "time == null").getEpochSecond(), result);
  }

  /** When the usage happened, in Unix seconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The endpoint that reports this record. */
  public UsageEndpoint endpoint() {
    return endpoint;
  }

  /** The usage itself: dimensions and quantities. */
  public UsageResult result() {
    return result;
  }

  /** The value of a grouping field (a String or, for {@code batch}, a Boolean), or null when not set. */
  @Nullable
  Object dimension(String field) {
    ResultField known = ResultFields.of(result).field(field);
    if (known != null) {
      Object value = known.valueOf(result);
      if (value == null || value instanceof Boolean || value instanceof String) {
        return value;
      }
    }
    JsonNode node = fields().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isBoolean() ? (Object) node.booleanValue() : node.asText();
  }

  private ObjectNode fields() {
    ObjectNode made = fields;
    if (made == null) {
      // Two threads may both make it; they make equal trees, and either one is kept.
      made = Json.MAPPER.valueToTree(result);
      fields = made;
    }
    return made;
  }

  /** The value of a count field, 0 when not set. */
  long count(String field) {
    ResultField known = ResultFields.of(result).field(field);
    if (known != null) {
      Object value = known.valueOf(result);
      if (value == null) {
        return 0L;
      }
      if (value instanceof Long || value instanceof Integer) {
        return ((Number) value).longValue();
      }
    }
    JsonNode node = fields().get(field);
    return node == null || node.isNull() ? 0L : node.longValue();
  }

  @Nullable
  CostsResult costs() {
    return result instanceof CostsResult ? (CostsResult) result : null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UsageRecord)) {
      return false;
    }
    UsageRecord that = (UsageRecord) o;
    return timestamp == that.timestamp && result.equals(that.result);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, result);
  }

  @Override
  public String toString() {
    return "UsageRecord{" + Instant.ofEpochSecond(timestamp) + " " + result + "}";
  }
}
