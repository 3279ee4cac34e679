package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a {@link Metric}: a JSON integer from 0 to {@link #MAX_COUNT}. Jackson's own {@code long} reader would
 * take {@code "10"}, {@code 1.5} (as 1) or {@code -1} silently; a count is none of those.
 */
final class CountDeserializer extends StdScalarDeserializer<Long> {
  private static final long serialVersionUID = 1L;

  /** 10^15: far above any real count in a bucket, and a million such buckets still add up in a {@code long}. */
  static final long MAX_COUNT = 1_000_000_000_000_000L;

  CountDeserializer() {
    super(Long.class);
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
      return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = p.getLongValue();
      if (value >= 0 && value <= MAX_COUNT) {
        return value;
      }
    }
    return (Long) ctxt.handleWeirdNumberValue(Long.class, p.getNumberValue(),
        "a count must be a whole number from 0 to " + MAX_COUNT);
  }
}
