package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The strict, exact JSON codecs the values of this package name in their Jackson annotations.
 *
 * <p>They behave the same whatever the {@code ObjectMapper}'s coercion settings: counts accept only
 * JSON integers in the range of {@code long}, flags only {@code true}/{@code false}, and decimals a
 * JSON number or a JSON string, both decoded exactly (value and scale) from their text.
 */
final class JsonCodecs {
  private JsonCodecs() {}

  /**
   * Checks the constant {@code object} value of a page or bucket; the exception, thrown from a
   * {@code @JsonCreator}, reaches the caller as a Jackson {@code ValueInstantiationException}.
   */
  static void requireObject(String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(
          "\"object\" must be \"" + expected + "\", was \"" + actual + "\"");
    }
  }

  /** A JSON integer in the range of {@code long}; strings, fractions and booleans are rejected. */
  static final class Int64Deserializer extends StdScalarDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    Int64Deserializer() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return (Long)
              ctxt.handleWeirdNumberValue(
                  Long.class, p.getNumberValue(), "not in the range of a 64-bit integer");
        }
        return p.getLongValue();
      }
      return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
  }

  /** A JSON {@code true} or {@code false}; strings and numbers are rejected. */
  static final class BooleanDeserializer extends StdScalarDeserializer<Boolean> {
    private static final long serialVersionUID = 1L;

    BooleanDeserializer() {
      super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_TRUE)) {
        return Boolean.TRUE;
      }
      if (p.hasToken(JsonToken.VALUE_FALSE)) {
        return Boolean.FALSE;
      }
      return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }
  }

  /**
   * A JSON number or a JSON string holding a number ({@code 0.06}, {@code "0E-6176"}, {@code
   * "0.0692840000000000000"}), decoded exactly: value and scale.
   */
  static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalDeserializer() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return exactDecimal(p);
      }
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        String text = p.getText();
        if (text.length() > p.streamReadConstraints().getMaxNumberLength()) {
          return (BigDecimal)
              ctxt.handleWeirdStringValue(
                  BigDecimal.class, text.substring(0, 20) + "...", "number text too long");
        }
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          return (BigDecimal)
              ctxt.handleWeirdStringValue(BigDecimal.class, text, "not a decimal number");
        }
      }
      return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
  }

  /**
   * Writes a {@code BigDecimal} as a JSON number that decodes back equal (same value and scale):
   * its {@link BigDecimal#toString()} form, even when the generator is set to write plain numbers
   * (a plain {@code 0E-6176} would be thousands of digits long).
   */
  static final class DecimalSerializer extends StdScalarSerializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalSerializer() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (gen.isEnabled(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)) {
        gen.writeNumber(value.toString());
      } else {
        gen.writeNumber(value);
      }
    }
  }

  /**
   * Reads any JSON object into an {@link UnknownUsageResult}, keeping every field as a tree with
   * exact numbers (integers as int/long/big-integer nodes, fractions as exact decimal nodes).
   */
  static final class UnknownUsageResultDeserializer extends StdDeserializer<UnknownUsageResult> {
    private static final long serialVersionUID = 1L;

    UnknownUsageResultDeserializer() {
      super(UnknownUsageResult.class);
    }

    @Override
    public UnknownUsageResult deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_OBJECT) {
        token = p.nextToken();
      } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
        return (UnknownUsageResult) ctxt.handleUnexpectedToken(UnknownUsageResult.class, p);
      }
      UnknownUsageResult.Builder builder = UnknownUsageResult.builder();
      String object = null;
      for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        if (UsageResult.OBJECT_PROPERTY.equals(name)) {
          if (!p.hasToken(JsonToken.VALUE_STRING)) {
            ctxt.reportInputMismatch(
                this,
                "Unknown usage result: \"object\" must be a JSON string, was %s",
                p.currentToken());
          }
          object = p.getText();
        } else {
          builder.putFields(name, readTree(p, ctxt));
        }
      }
      if (object == null) {
        ctxt.reportInputMismatch(
            this, "Missing required property 'object' of a usage result (the type of the result)");
      }
      return builder.object(object).build();
    }

    private static JsonNode readTree(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      switch (p.currentToken()) {
        case START_OBJECT:
          {
            ObjectNode object = nodes.objectNode();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
              String name = p.currentName();
              p.nextToken();
              object.set(name, readTree(p, ctxt));
            }
            return object;
          }
        case START_ARRAY:
          {
            ArrayNode array = nodes.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              array.add(readTree(p, ctxt));
            }
            return array;
          }
        case VALUE_STRING:
          return TextNode.valueOf(p.getText());
        case VALUE_NUMBER_INT:
          switch (p.getNumberType()) {
            case INT:
              return IntNode.valueOf(p.getIntValue());
            case LONG:
              return LongNode.valueOf(p.getLongValue());
            default:
              return BigIntegerNode.valueOf(p.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          return DecimalNode.valueOf(exactDecimal(p));
        case VALUE_TRUE:
          return BooleanNode.TRUE;
        case VALUE_FALSE:
          return BooleanNode.FALSE;
        case VALUE_NULL:
          return NullNode.instance;
        default:
          return (JsonNode) ctxt.handleUnexpectedToken(JsonNode.class, p);
      }
    }
  }

  /**
   * The exact decimal of the current number token. Parsed from the token's text, never through a
   * {@code double}: this also holds when Jackson replays buffered tokens (for instance when the
   * {@code object} property of a result comes after its amount).
   */
  static BigDecimal exactDecimal(JsonParser p) throws IOException {
    if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
        || p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
      return p.getDecimalValue();
    }
    return new BigDecimal(p.getText());
  }
}
