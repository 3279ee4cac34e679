package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Shared test helpers: the plain mapper under test, the upstream examples, exact JSON trees. */
final class TestJson {
  /** What users and Retrofit's JacksonConverterFactory.create() use: no module, no settings. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Reads JSON into trees for comparison only: exact decimals (scale kept), so that trees compare
   * numbers by value and scale, not as doubles.
   */
  private static final ObjectMapper EXACT_TREES =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private TestJson() {}

  /**
   * The x-oaiMeta response example (a page) of an operation, read from the spec itself (upstream's text, kept
   * verbatim there), so that a new operation needs no copy under test resources.
   */
  static String pageExample(UsageEndpoint endpoint) {
    return ProjectSpec.pageExample(endpoint.operationId());
  }

  /** The x-oaiMeta example of the result schema an endpoint returns, read from the spec. */
  static String resultExample(UsageEndpoint endpoint) {
    return ProjectSpec.resultExample(endpoint.resultType().getSimpleName());
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError("could not read " + type.getSimpleName() + ": " + json, e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The exact tree of some JSON. */
  static JsonNode tree(String json) {
    try {
      return EXACT_TREES.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The exact tree of some JSON, without the object fields whose value is null, at any depth. */
  static JsonNode treeWithoutNulls(String json) {
    JsonNode tree = tree(json);
    removeNullFields(tree);
    return tree;
  }

  private static void removeNullFields(JsonNode node) {
    if (node.isObject()) {
      List<String> nulls = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          removeNullFields(field.getValue());
        }
      }
      ((ObjectNode) node).remove(nulls);
    } else if (node.isArray()) {
      node.forEach(TestJson::removeNullFields);
    }
  }
}
