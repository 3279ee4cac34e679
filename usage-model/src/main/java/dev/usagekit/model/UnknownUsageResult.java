package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A result whose {@code object} value this version does not know, for example a result type added
 * to the API after this release. It keeps every field, so a new result type never fails a page and
 * is written back out as it came in.
 *
 * <pre>{@code
 * if (result instanceof UnknownUsageResult) {
 *   UnknownUsageResult unknown = (UnknownUsageResult) result;
 *   String type = unknown.object();                    // "organization.usage.new_thing.result"
 *   long count = unknown.fields().get("num_requests").asLong();
 * }
 * }</pre>
 *
 * <p>Every field other than {@code object} is kept in {@link #fields()}, in JSON order, as a
 * Jackson tree, with numbers exact: integers as int, long or big-integer nodes and fractions as
 * decimal nodes holding the exact {@code BigDecimal} (value and scale) of the JSON text. Nulls and
 * nested objects and arrays are kept as they are. Reading requires {@code object} as a JSON string.
 */
@Value.Immutable
@JsonDeserialize(using = JsonCodecs.UnknownUsageResultDeserializer.class)
public abstract class UnknownUsageResult extends UsageResult {
  UnknownUsageResult() {}

  /** Returns a new builder; {@code object} must be set, {@code fields} defaults to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value, which names none of the known result types. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public abstract String object();

  /**
   * Every field of the JSON object except {@code object}, by name, in JSON order. The trees belong
   * to this value: treat them as read-only (Jackson trees are mutable, and changing one would
   * change this value).
   */
  @JsonAnyGetter
  public abstract Map<String, JsonNode> fields();

  /** Rejects a field named {@code object}, which would be written twice. */
  @Value.Check
  void check() {
    if (fields().containsKey(OBJECT_PROPERTY)) {
      throw new IllegalStateException("fields must not contain \"object\": use object(String)");
    }
  }

  /**
   * Builds {@link UnknownUsageResult} values. Create one with {@link UnknownUsageResult#builder()}.
   */
  public static final class Builder extends ImmutableUnknownUsageResult.Builder {
    Builder() {}
  }
}
