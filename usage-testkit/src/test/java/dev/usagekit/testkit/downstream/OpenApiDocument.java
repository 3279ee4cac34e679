package dev.usagekit.testkit.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.usagekit.model.UsageEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The project's OpenAPI document (openapi/src/main/resources/openapi.yaml, by path: system property
 * usagekit.spec), and JSON Schema 2020-12 validation (OpenAPI 3.1 dialect) of JSON against its schemas.
 */
final class OpenApiDocument {
  static final Path SPEC = Path.of(System.getProperty("usagekit.spec",
      "../openapi/src/main/resources/openapi.yaml")).toAbsolutePath().normalize();

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  /**
   * Plain JSON Schema 2020-12, the dialect of OpenAPI 3.1's schemas without the OpenAPI vocabulary: the results'
   * oneOf is checked as JSON Schema checks it, each result matching exactly one result schema (their {@code
   * object} enums keep them apart). The document's {@code discriminator} has no {@code mapping}, so OpenAPI's
   * implicit mapping (networknt's OpenApi31 dialect) would expect {@code object} to hold a schema name
   * ("UsageCompletionsResult") and reject every real response; here it stays an annotation.
   */
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
  private static final JsonNode DOCUMENT = read();

  private OpenApiDocument() {}

  private static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the OpenAPI document " + SPEC, e);
    }
  }

  static JsonNode document() {
    return DOCUMENT;
  }

  /** The JSON pointer of a path, escaped: "/organization/costs" becomes "~1organization~1costs". */
  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** The operation of {@code endpoint} in the document (its GET). */
  static JsonNode operation(UsageEndpoint endpoint) {
    return DOCUMENT.at("/paths/" + escape("/" + endpoint.path()) + "/get");
  }

  /** The pointer of the schema of {@code endpoint}'s 200 application/json response. */
  static String okSchema(UsageEndpoint endpoint) {
    return "/paths/" + escape("/" + endpoint.path()) + "/get/responses/200/content/" + escape("application/json")
        + "/schema";
  }

  /** The pointer of the schema of {@code endpoint}'s 429 response (a reference to a shared response). */
  static String rateLimitSchema(UsageEndpoint endpoint) {
    String ref = operation(endpoint).at("/responses/429/$ref").asText();
    return ref.substring(1) + "/content/" + escape("application/json") + "/schema";
  }

  /** The messages of validating {@code json} against the schema at {@code pointer}; empty when valid. */
  static List<String> validate(String pointer, String json) {
    JsonSchema schema = SCHEMAS.computeIfAbsent(pointer,
        p -> FACTORY.getSchema(SchemaLocation.of(SPEC.toUri() + "#" + p), CONFIG));
    Set<ValidationMessage> messages = schema.validate(json, InputFormat.JSON);
    return messages.stream().map(ValidationMessage::toString).sorted().collect(Collectors.toList());
  }

  /** The property names of a component schema, in document order. */
  static List<String> properties(String schemaName) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = DOCUMENT.at("/components/schemas/" + schemaName + "/properties").fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
