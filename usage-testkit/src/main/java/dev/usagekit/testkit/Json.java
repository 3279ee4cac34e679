package dev.usagekit.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The testkit's JSON: a plain {@link ObjectMapper}, as users and Retrofit's converter have. */
final class Json {
  /** Plain, as the contract between modules requires: the model reads and writes itself with it. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Trees whose decimals keep their exact value and scale (money). */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + type.getSimpleName() + " from JSON", e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read JSON", e);
    }
  }

  static String resource(String name) {
    InputStream in = Json.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing testkit resource " + name);
    }
    try {
      try {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
        }
        return new String(out.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
      } finally {
        in.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read testkit resource " + name, e);
    }
  }
}
