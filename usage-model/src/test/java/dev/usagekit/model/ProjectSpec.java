package dev.usagekit.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The facts of the project's OpenAPI document (usage-openapi's /openapi.yaml) that the endpoint table repeats. */
final class ProjectSpec {
  /** Parameters every operation has; the others are filters. */
  private static final List<String> COMMON =
      Arrays.asList("start_time", "end_time", "bucket_width", "group_by", "limit", "page");

  private static final Map<String, Object> SPEC = load();

  private ProjectSpec() {}

  static final class Operation {
    final String operationId;
    final List<String> groupBy = new ArrayList<>();
    final List<String> filters = new ArrayList<>();
    final List<String> bucketWidths = new ArrayList<>();

    Operation(String operationId) {
      this.operationId = operationId;
    }
  }

  /**
   * The operations of the Usage and Costs API (those answering a {@code UsageResponse} page) by path, in spec
   * order; the projects listing, which reports use for names, is no row of the table.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Operation> operations() {
    Map<String, Operation> operations = new LinkedHashMap<>();
    for (Map.Entry<String, Object> path : map(SPEC, "paths").entrySet()) {
      Map<String, Object> get = map((Map<String, Object>) path.getValue(), "get");
      Object answer = map(get, "responses", "200", "content", "application/json", "schema").get("$ref");
      if (!"#/components/schemas/UsageResponse".equals(answer)) {
        continue;
      }
      Operation operation = new Operation((String) get.get("operationId"));
      for (Map<String, Object> parameter : (List<Map<String, Object>>) get.get("parameters")) {
        String name = (String) parameter.get("name");
        Map<String, Object> schema = (Map<String, Object>) parameter.get("schema");
        if ("group_by".equals(name)) {
          for (Object value : (List<Object>) map(schema, "items").get("enum")) {
            operation.groupBy.add(String.valueOf(value));
          }
        } else if ("bucket_width".equals(name)) {
          for (Object value : (List<Object>) schema.get("enum")) {
            operation.bucketWidths.add(String.valueOf(value));
          }
        } else if (!COMMON.contains(name)) {
          operation.filters.add(name);
        }
      }
      operations.put(path.getKey(), operation);
    }
    return operations;
  }

  /** The results' discriminator mapping: each {@code object} value to its schema's name. */
  static Map<String, String> resultSchemas() {
    Map<String, Object> items = map(SPEC, "components", "schemas", "UsageTimeBucket", "properties", "results", "items");
    Map<String, String> schemas = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(items, "discriminator", "mapping").entrySet()) {
      String ref = (String) e.getValue();
      schemas.put(e.getKey(), ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schemas;
  }

  /**
   * The {@code x-oaiMeta.examples.response} (a whole page, as text) of the operation with this id: upstream's
   * own examples, and usagekit's for an operation upstream has not published yet.
   */
  @SuppressWarnings("unchecked")
  static String pageExample(String operationId) {
    for (Map.Entry<String, Object> path : map(SPEC, "paths").entrySet()) {
      Map<String, Object> get = map((Map<String, Object>) path.getValue(), "get");
      if (operationId.equals(get.get("operationId"))) {
        Object meta = get.get("x-oaiMeta");
        Object examples = meta instanceof Map ? ((Map<String, Object>) meta).get("examples") : null;
        Object response = examples instanceof Map ? ((Map<String, Object>) examples).get("response") : null;
        if (!(response instanceof String)) {
          throw new AssertionError(WHERE + ": operation " + operationId
              + " has no x-oaiMeta.examples.response (a page example, as its siblings have)");
        }
        return (String) response;
      }
    }
    throw new AssertionError(WHERE + " has no operation " + operationId);
  }

  /** The {@code x-oaiMeta.example} (as text) of a result schema. */
  @SuppressWarnings("unchecked")
  static String resultExample(String schemaName) {
    Object schema = map(SPEC, "components", "schemas").get(schemaName);
    if (!(schema instanceof Map)) {
      throw new AssertionError(WHERE + " has no schema " + schemaName);
    }
    Object meta = ((Map<String, Object>) schema).get("x-oaiMeta");
    Object example = meta instanceof Map ? ((Map<String, Object>) meta).get("example") : null;
    if (!(example instanceof String)) {
      throw new AssertionError(WHERE + ": schema " + schemaName
          + " has no x-oaiMeta.example (a result example, as its siblings have)");
    }
    return (String) example;
  }

  /** A result schema's properties, in spec order, each with its JSON type ({@code integer}, {@code string}...). */
  @SuppressWarnings("unchecked")
  static Map<String, String> properties(String schemaName) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(SPEC, "components", "schemas", schemaName, "properties").entrySet()) {
      Map<String, Object> property = (Map<String, Object>) e.getValue();
      Object type = property.get("type");
      if (type == null && property.get("anyOf") instanceof List) {
        for (Object member : (List<Object>) property.get("anyOf")) {
          Object t = ((Map<String, Object>) member).get("type");
          if (t != null && !"null".equals(t)) {
            type = t;
            break;
          }
        }
      }
      types.put(e.getKey(), type == null ? "object" : String.valueOf(type));
    }
    return types;
  }

  /** Where the facts come from, as a failure names it. */
  static final String WHERE = "openapi/src/main/resources/openapi.yaml";

  /**
   * The upstream response example ({@code x-oaiMeta.examples.response}) of each GET operation whose 200 answer is
   * the schema {@code schema}, by path.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> responseExamples(String schema) {
    Map<String, String> examples = new LinkedHashMap<>();
    for (Map.Entry<String, Object> path : map(SPEC, "paths").entrySet()) {
      Map<String, Object> get = map((Map<String, Object>) path.getValue(), "get");
      Object answer = map(get, "responses", "200", "content", "application/json", "schema").get("$ref");
      Object meta = get.get("x-oaiMeta");
      if (("#/components/schemas/" + schema).equals(answer) && meta != null) {
        examples.put(path.getKey(), (String) map((Map<String, Object>) meta, "examples").get("response"));
      }
    }
    return examples;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> root, String... keys) {
    Map<String, Object> current = root;
    for (String key : keys) {
      current = (Map<String, Object>) current.get(key);
      if (current == null) {
        throw new AssertionError("spec has no " + String.join(".", keys));
      }
    }
    return current;
  }

  private static Map<String, Object> load() {
    try (InputStream in = ProjectSpec.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new AssertionError("/openapi.yaml (usage-openapi) is not on the test classpath");
      }
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
