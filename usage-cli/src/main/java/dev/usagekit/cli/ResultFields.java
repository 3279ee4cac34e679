package dev.usagekit.cli;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The fields of a result as the reports show them, read from the model's own JSON form so that
 * every result type (and a type this version does not know) is handled alike: names are the API's,
 * numbers are exact {@link BigDecimal}s, and the costs {@code amount} object becomes two fields,
 * {@code amount} and {@code currency}.
 */
final class ResultFields {
  static final String OBJECT = "object";
  static final String AMOUNT = "amount";
  static final String CURRENCY = "currency";
  static final String UNIT_SUFFIX = "_unit";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private ResultFields() {}

  /**
   * Name to value, in the model's order: a {@code String}, {@code Boolean}, exact {@code
   * BigDecimal}, or null for a JSON null. {@code object} is left out; any other nested JSON is kept
   * as its JSON text.
   */
  static Map<String, Object> of(UsageResult result) {
    JsonNode tree = MAPPER.valueToTree(result);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (OBJECT.equals(name)) {
        continue;
      }
      if (AMOUNT.equals(name) && value.isObject() && value.has("value")) {
        fields.put(AMOUNT, scalar(value.get("value")));
        fields.put(CURRENCY, scalar(value.path(CURRENCY)));
      } else {
        fields.put(name, scalar(value));
      }
    }
    return fields;
  }

  /**
   * The fields of an endpoint's result type, in the model's order, as {@link #of} names them: the
   * CSV columns. Every field is listed, also those a given response leaves out.
   */
  static List<String> columns(UsageEndpoint endpoint) {
    BeanDescription description = MAPPER.getSerializationConfig()
        .introspect(MAPPER.constructType(endpoint.resultType()));
    List<String> columns = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.couldSerialize()) {
        continue;
      }
      String name = property.getName();
      if (OBJECT.equals(name)) {
        continue;
      }
      columns.add(name);
      if (AMOUNT.equals(name)) {
        columns.add(CURRENCY);
      }
    }
    return Collections.unmodifiableList(columns);
  }

  private static @Nullable Object scalar(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node.toString();
  }
}
