package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads money and quantities exactly, value and scale, from a JSON number or a JSON string (real costs
 * responses send both: {@code 0.06}, {@code "0.0692840000000000000"}, {@code "0E-6176"}), and refuses
 * absurd magnitudes that no amount has but that would make every report unbounded.
 */
final class ExactDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
  private static final long serialVersionUID = 1L;

  /** The most digits after the point: the API writes zero as {@code 0E-6176}. */
  static final int MAX_SCALE = 10_000;
  /** The most digits before the point: 10^100 is far beyond any amount. */
  static final int MAX_INTEGER_DIGITS = 100;

  ExactDecimalDeserializer() {
    super(BigDecimal.class);
  }

  @Override
  public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    BigDecimal value;
    if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      value = p.getDecimalValue();
    } else if (p.hasToken(JsonToken.VALUE_STRING)) {
      String text = p.getText().trim();
      if (text.length() > p.streamReadConstraints().getMaxNumberLength()) {
        return (BigDecimal) ctxt.handleWeirdStringValue(
            BigDecimal.class, text.substring(0, 20) + "...", "number text too long");
      }
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException e) {
        return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text, "not a decimal number");
      }
    } else {
      return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
    if (!inRange(value)) {
      return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, value, OUT_OF_RANGE);
    }
    return value;
  }

  static final String OUT_OF_RANGE = "out of range: more than " + MAX_INTEGER_DIGITS
      + " integer digits or more than " + MAX_SCALE + " decimal places";

  /** Whether {@code value} is an amount every report can add up and print in full. */
  static boolean inRange(BigDecimal value) {
    return value.scale() <= MAX_SCALE && (long) value.precision() - value.scale() <= MAX_INTEGER_DIGITS;
  }
}
