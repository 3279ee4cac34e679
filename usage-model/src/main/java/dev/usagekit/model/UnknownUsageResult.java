package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A result whose {@code object} value this version does not know, for example a result type added
 * to the API after this release. It keeps every field, so a new result type never fails a page and
 * is written back out as it came in.
 *
 * <pre>{@code
 * if (result instanceof UnknownUsageResult) {
 *   String type = result.object();                    // "organization.usage.new_thing.result"
 *   long count = result.additionalProperties().get("num_requests").asLong();
 * }
 * }</pre>
 *
 * <p>Every field other than {@code object} is kept in {@link #additionalProperties()}, in JSON order, as a
 * Jackson tree, with numbers exact: integers as int, long or big-integer nodes and fractions as
 * decimal nodes holding the exact {@code BigDecimal} (value and scale) of the JSON text. Reading requires
 * {@code object} as a JSON string, and an {@code amount.value}, when there is one, read as a {@link CostsResult}'s
 * is: a decimal number or string of at most 100 integer digits and 10,000 decimal places.
 */
@Value.Immutable
@JsonDeserialize(using = UnknownUsageResult.Reader.class)
public abstract class UnknownUsageResult extends UsageResult {
  UnknownUsageResult() {}

  /** Returns a new builder; {@code object} must be set, {@code additionalProperties} defaults to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value, which names none of the known result types. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public abstract String object();

  /** Rejects a field named {@code object}, which would be written twice. */
  @Value.Check
  void check() {
    if (additionalProperties().containsKey(OBJECT_PROPERTY)) {
      throw new IllegalStateException(
          "additionalProperties must not contain \"object\": use object(String)");
    }
  }

  /**
   * Builds {@link UnknownUsageResult} values. Create one with {@link UnknownUsageResult#builder()}.
   */
  public static final class Builder extends ImmutableUnknownUsageResult.Builder {
    Builder() {}

    @Override
    public UnknownUsageResult build() {
      return Values.build(super::build, UnknownUsageResult.class);
    }
  }

  /** Reads the whole object as a tree with exact numbers (Jackson's own trees read fractions as doubles). */
  static final class Reader extends StdDeserializer<UnknownUsageResult> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(UnknownUsageResult.class);
    }

    @Override
    public UnknownUsageResult deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.END_OBJECT)) {
        return missingObject(p, ctxt);
      }
      if (!p.isExpectedStartObjectToken() && !p.hasToken(JsonToken.FIELD_NAME)) {
        return (UnknownUsageResult) ctxt.handleUnexpectedToken(UnknownUsageResult.class, p);
      }
      ObjectNode fields = (ObjectNode) ExactJsonNodeDeserializer.exactTree(p, ctxt);
      JsonNode object = fields.remove(OBJECT_PROPERTY);
      if (object == null || !object.isTextual()) {
        return missingObject(p, ctxt);
      }
      if (UsageEndpoint.forResultObject(object.textValue()) != null) {
        // Only reached when the type was not chosen by this "object" (a first "object" that is not a string,
        // or another one before it): an unknown result must never claim a known type, or it would not read back.
        return (UnknownUsageResult) ctxt.reportInputMismatch(UnknownUsageResult.class,
            "Unknown usage result: \"object\" \"%s\" is a known type, but the result was not read as one"
                + " (a repeated \"object\", or a first one that is not a string?)", object.textValue());
      }
      JsonNode amount = fields.path(ResultFields.AMOUNT).path("value");
      if (!amount.isMissingNode() && !amount.isNull() && !ResultFields.isAmount(amount)) {
        // Read like a known result's amount: an unknown type must not add an absurd number to a total.
        return (UnknownUsageResult) ctxt.reportInputMismatch(UnknownUsageResult.class,
            "Cannot read amount.value of result \"%s\": not a decimal number, or %s", object.textValue(),
            ExactDecimalDeserializer.OUT_OF_RANGE);
      }
      Builder builder = builder().object(object.textValue());
      fields.fields().forEachRemaining(e -> builder.putAdditionalProperties(e.getKey(), e.getValue()));
      return builder.build();
    }

    private static UnknownUsageResult missingObject(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      return (UnknownUsageResult) ctxt.reportInputMismatch(
          UnknownUsageResult.class, "Missing required property 'object' (a string) of a result");
    }

  }
}
