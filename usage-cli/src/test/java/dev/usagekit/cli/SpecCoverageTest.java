package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.Grouping;
import dev.usagekit.testkit.UsageFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The regeneration guard: every operation of the project's OpenAPI document
 * ({@code openapi/src/main/resources/openapi.yaml}) must have, across the modules, a row in
 * {@link UsageEndpoint}, a result type that decodes its example, canned pages in the testkit
 * ({@link UsageFixtures#page}) and a {@code usage-report} command. It lives here because usage-cli sees
 * every module. When the spec gains an operation, these tests fail, one per missing piece, until
 * {@code docs/regenerating.md} has been followed to the end.
 */
class SpecCoverageTest {
  private static final String HOWTO = " (see docs/regenerating.md: the spec changed, what to do)";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Object> SPEC = readSpec();
  private static final List<Operation> OPERATIONS = readOperations();

  /** One GET operation of the spec, with the {@code object} of the results in its response example. */
  record Operation(String operationId, String path, Set<String> exampleResultObjects) {
    @Override
    public String toString() {
      return operationId + " (GET " + path + ")";
    }

    /** The endpoint row of this operation, or null. */
    UsageEndpoint endpoint() {
      for (UsageEndpoint endpoint : UsageEndpoint.values()) {
        if (endpoint.operationId().equals(operationId)) {
          return endpoint;
        }
      }
      return null;
    }

    /** The command that {@code usage-report} must offer: the last path segment, with dashes. */
    String commandName() {
      return path.substring(path.lastIndexOf('/') + 1).replace('_', '-');
    }
  }

  @Test
  void theSpecHasTheElevenOperationsOfTheApiAtLeast() {
    assertThat(OPERATIONS).hasSizeGreaterThanOrEqualTo(11);
  }

  @TestFactory
  Stream<DynamicTest> everyOperationHasARowInTheEndpointTable() {
    return OPERATIONS.stream().map(op -> dynamicTest(op.toString(), () -> {
      UsageEndpoint endpoint = op.endpoint();
      assertThat(endpoint)
          .as("no UsageEndpoint row has operationId \"%s\"%s", op.operationId(), HOWTO)
          .isNotNull();
      assertThat(endpoint.path())
          .as("UsageEndpoint.%s.path() (relative, no leading slash)", endpoint)
          .isEqualTo(op.path().substring(1));
      assertThat(UsageEndpoint.forPath(endpoint.path())).isSameAs(endpoint);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointRowHasAnOperationInTheSpec() {
    return Stream.of(UsageEndpoint.values()).map(endpoint -> dynamicTest(endpoint.name(), () ->
        assertThat(OPERATIONS)
            .as("UsageEndpoint.%s (operationId \"%s\") is not in the spec: remove the row or fix its "
                + "operationId%s", endpoint, endpoint.operationId(), HOWTO)
            .anySatisfy(op -> assertThat(op.operationId()).isEqualTo(endpoint.operationId()))));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationHasAResultTypeThatDecodesItsExample() {
    return OPERATIONS.stream().map(op -> dynamicTest(op.toString(), () -> {
      UsageEndpoint endpoint = op.endpoint();
      assertThat(endpoint).as("no UsageEndpoint row for %s%s", op, HOWTO).isNotNull();
      Class<? extends UsageResult> type = endpoint.resultType();
      assertThat(op.exampleResultObjects())
          .as("the result objects of the response example of %s in the spec (x-oaiMeta)", op)
          .containsExactly(endpoint.resultObject());
      assertThat(discriminatorMapping())
          .as("the spec's results discriminator must map \"%s\" to the schema %s", endpoint.resultObject(),
              type.getSimpleName())
          .containsEntry(endpoint.resultObject(), "#/components/schemas/" + type.getSimpleName());
      assertThat(UsageEndpoint.forResultObject(endpoint.resultObject())).isSameAs(endpoint);

      UsageResponse example = MAPPER.readValue(exampleResponse(op), UsageResponse.class);
      assertThat(results(example))
          .as("the results of the spec's example response of %s, read by a plain ObjectMapper", op)
          .isNotEmpty()
          .allSatisfy(result -> assertThat(result).isInstanceOf(type));
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationHasTestkitFixtures() {
    return OPERATIONS.stream().flatMap(op -> Stream.of(Grouping.values()).map(grouping ->
        dynamicTest(op + " " + grouping, () -> {
          UsageEndpoint endpoint = op.endpoint();
          assertThat(endpoint).as("no UsageEndpoint row for %s%s", op, HOWTO).isNotNull();
          String resource = UsageFixtures.page(endpoint, grouping).resource();
          try (InputStream in = UsageFixtures.class.getResourceAsStream(resource)) {
            assertThat(in)
                .as("usage-testkit has no fixture %s for %s%s", resource, op, HOWTO)
                .isNotNull();
          }
          UsageResponse page = UsageFixtures.page(endpoint, grouping).value();
          assertThat(results(page))
              .as("the results of fixture %s", resource)
              .isNotEmpty()
              .allSatisfy(result -> assertThat(result).isInstanceOf(endpoint.resultType()));
        })));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationHasAUsageReportCommand() {
    CommandLine tool = Commands.create();
    CommandLine demo = tool.getSubcommands().get("demo");
    return OPERATIONS.stream().map(op -> dynamicTest(op.toString(), () -> {
      assertThat(tool.getSubcommands())
          .as("usage-report has no command '%s' for %s%s", op.commandName(), op, HOWTO)
          .containsKey(op.commandName());
      assertThat(tool.getSubcommands().get(op.commandName()).getCommandSpec().userObject())
          .as("the endpoint of command '%s'", op.commandName())
          .isSameAs(op.endpoint());
      assertThat(demo.getSubcommands())
          .as("usage-report demo has no command '%s' for %s%s", op.commandName(), op, HOWTO)
          .containsKey(op.commandName());
    }));
  }

  private static List<UsageResult> results(UsageResponse page) {
    List<UsageResult> results = new ArrayList<>();
    for (UsageTimeBucket bucket : page.data()) {
      results.addAll(bucket.results());
    }
    return results;
  }

  // ---- reading the spec ----

  private static Path specPath() {
    String configured = System.getProperty("usagekit.spec");
    Path path = configured != null
        ? Paths.get(configured)
        : Paths.get("..", "openapi", "src", "main", "resources", "openapi.yaml");
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("the spec is not at " + path.toAbsolutePath()
          + ": run the tests from usage-cli/ (as Maven does) or set -Dusagekit.spec");
    }
    return path;
  }

  private static Map<String, Object> spec() {
    return SPEC;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readSpec() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    try (InputStream in = Files.newInputStream(specPath())) {
      return (Map<String, Object>) new Yaml(options).load(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + specPath(), e);
    }
  }

  /** Whether an operation answers the usage page ({@code UsageResponse}), as the usage and costs operations do. */
  @SuppressWarnings("unchecked")
  private static boolean answersUsagePages(Map<String, Object> get) {
    Object node = get.get("responses");
    for (String key : new String[] {"200", "content", "application/json", "schema"}) {
      node = node instanceof Map ? ((Map<String, Object>) node).get(key) : null;
    }
    return node instanceof Map && "#/components/schemas/UsageResponse".equals(((Map<String, Object>) node).get("$ref"));
  }

  @SuppressWarnings("unchecked")
  private static List<Operation> readOperations() {
    Map<String, Object> paths = (Map<String, Object>) spec().get("paths");
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("get");
      if (get == null || !answersUsagePages(get)) {
        continue; // the projects listing: reports use it for names, it is no endpoint of their own
      }
      Set<String> objects = new LinkedHashSet<>();
      String example = exampleResponse(get);
      if (example != null) {
        try {
          for (JsonNode bucket : MAPPER.readTree(example).path("data")) {
            JsonNode results = bucket.has("results") ? bucket.path("results") : bucket.path("result");
            for (JsonNode result : results) {
              objects.add(result.path("object").asText());
            }
          }
        } catch (IOException e) {
          throw new AssertionError("the response example of " + get.get("operationId") + " is not JSON", e);
        }
      }
      operations.add(new Operation((String) get.get("operationId"), path.getKey(), objects));
    }
    return operations;
  }

  @SuppressWarnings("unchecked")
  private static String exampleResponse(Map<String, Object> get) {
    Object meta = get.get("x-oaiMeta");
    if (!(meta instanceof Map)) {
      return null;
    }
    Object examples = ((Map<String, Object>) meta).get("examples");
    if (!(examples instanceof Map)) {
      return null;
    }
    Object response = ((Map<String, Object>) examples).get("response");
    return response instanceof String ? (String) response : null;
  }

  @SuppressWarnings("unchecked")
  private static String exampleResponse(Operation op) {
    Map<String, Object> paths = (Map<String, Object>) spec().get("paths");
    Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths.get(op.path())).get("get");
    String example = exampleResponse(get);
    assertThat(example).as("the spec has no x-oaiMeta response example for %s", op).isNotNull();
    return example;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> discriminatorMapping() {
    Map<String, Object> found = new java.util.LinkedHashMap<>();
    collectMappings(spec(), found);
    return found;
  }

  @SuppressWarnings("unchecked")
  private static void collectMappings(Object node, Map<String, Object> found) {
    if (node instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) node;
      Object discriminator = map.get("discriminator");
      if (discriminator instanceof Map && "object".equals(((Map<String, Object>) discriminator).get("propertyName"))
          && ((Map<String, Object>) discriminator).get("mapping") instanceof Map) {
        found.putAll((Map<String, Object>) ((Map<String, Object>) discriminator).get("mapping"));
      }
      for (Object value : map.values()) {
        collectMappings(value, found);
      }
    } else if (node instanceof List) {
      for (Object value : (List<Object>) node) {
        collectMappings(value, found);
      }
    }
  }
}
