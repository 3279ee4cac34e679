package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads a field this version does not know as a Jackson tree with exact numbers: fractions as decimal nodes
 * holding the exact {@code BigDecimal} of the JSON text (Jackson's own trees read them as doubles, so {@code
 * 0.0692840000000000000} or {@code 1e400} would not be written back as they came).
 */
final class ExactJsonNodeDeserializer extends StdDeserializer<JsonNode> {
  private static final long serialVersionUID = 1L;

  ExactJsonNodeDeserializer() {
    super(JsonNode.class);
  }

  @Override
  public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return exactTree(p, ctxt);
  }

  @Override
  public JsonNode getNullValue(DeserializationContext ctxt) {
    return ctxt.getNodeFactory().nullNode();
  }

  static JsonNode exactTree(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNodeFactory nodes = ctxt.getNodeFactory();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME) {
      ObjectNode object = nodes.objectNode();
      if (token == JsonToken.START_OBJECT) {
        p.nextToken();
      }
      for (; p.currentToken() == JsonToken.FIELD_NAME; p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        object.set(name, exactTree(p, ctxt));
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = nodes.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        array.add(exactTree(p, ctxt));
      }
      return array;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal decimal = p.getDecimalValue();
      if (decimal.scale() != 0) {
        return DecimalNode.valueOf(decimal);
      }
      // "5e0", "0.5e1": written back, such a decimal is the integer "5", so keep it as one.
      BigInteger integer = decimal.unscaledValue();
      int bits = integer.bitLength();
      if (bits < 32) {
        return IntNode.valueOf(integer.intValue());
      }
      return bits < 64 ? LongNode.valueOf(integer.longValue()) : BigIntegerNode.valueOf(integer);
    }
    return ctxt.readTree(p);
  }
}
