package dev.usagekit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The guard that keeps the project's spec ({@code /openapi.yaml}, as packaged) in step with the
 * unmodified upstream extract ({@code upstream/openai-usage-upstream.yaml}).
 *
 * <p>The only allowed differences are the ones the spec's header lists: {@code format: int64} on
 * Unix times and counts, each on a line marked {@code # usagekit:}. After an upstream change,
 * replace the extract and these tests say what the spec still lacks.
 */
class SpecMatchesUpstreamTest {

  private static final String MARK = "# usagekit:";
  /**
   * Marks the lines that carry changes of the API after the upstream document (f85dbe2, 2026-08-21), as the
   * official SDK types them: "# usagekit: sdk openai-node VERSION DATE what". The day upstream publishes a
   * newer document, the lines with this mark are what to drop (see SdkAdditionsTest below).
   */
  private static final String SDK_MARK = "# usagekit: sdk openai-node ";
  /**
   * Marks the GET operations (and their schemas) copied from the full upstream document f85dbe2, which the extract
   * leaves out: compared with that document by SpendOperationsMatchUpstreamTest, dropped here like the SDK lines.
   */
  static final String FULL_DOCUMENT_MARK = "# usagekit: f85dbe2 full document";

  private static String specText;
  private static String upstreamText;
  private static Map<String, Object> spec;
  /** The spec without the changes after upstream: it must be upstream apart from int64 and marked lines. */
  private static Map<String, Object> specAtUpstream;
  private static Map<String, Object> upstream;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = SpecMatchesUpstreamTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("/openapi.yaml on the classpath").isNotNull();
      specText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    upstreamText = Files.readString(upstreamPath(), StandardCharsets.UTF_8);
    spec = parse(specText);
    specAtUpstream = parse(specText.lines()
        .filter(line -> !line.contains(SDK_MARK) && !line.contains(FULL_DOCUMENT_MARK))
        .collect(Collectors.joining("\n")));
    upstream = parse(upstreamText);
  }

  @Test
  void specListsExactlyTheTwelveOperationsAndTheProjectsListing() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("usage-costs", "/organization/costs");
    expected.put("usage-audio-speeches", "/organization/usage/audio_speeches");
    expected.put("usage-audio-transcriptions", "/organization/usage/audio_transcriptions");
    expected.put("usage-code-interpreter-sessions", "/organization/usage/code_interpreter_sessions");
    expected.put("usage-completions", "/organization/usage/completions");
    expected.put("usage-decisions", "/organization/usage/decisions");
    expected.put("usage-embeddings", "/organization/usage/embeddings");
    expected.put("usage-file-search-calls", "/organization/usage/file_search_calls");
    expected.put("usage-images", "/organization/usage/images");
    expected.put("usage-moderations", "/organization/usage/moderations");
    expected.put("usage-vector-stores", "/organization/usage/vector_stores");
    expected.put("usage-web-search-calls", "/organization/usage/web_search_calls");
    expected.put("list-projects", "/organization/projects");
    expected.put("list-project-spend-alerts", "/organization/projects/{project_id}/spend_alerts");
    expected.put("list-organization-spend-alerts", "/organization/spend_alerts");
    expected.put("Getorganizationspendlimit", "/organization/spend_limit");
    expected.put("Getprojectspendlimit", "/organization/projects/{project_id}/spend_limit");

    assertThat(operationIds(spec)).containsExactlyEntriesOf(expected);
  }

  @Test
  void specHasThePathsOfUpstreamInTheSameOrder() {
    assertThat(map(specAtUpstream, "paths").keySet())
        .containsExactlyElementsOf(map(upstream, "paths").keySet());
  }

  @Test
  void specHasTheSchemasOfUpstream() {
    assertThat(map(specAtUpstream, "components", "schemas").keySet())
        .containsExactlyElementsOf(map(upstream, "components", "schemas").keySet());
  }

  @Test
  void documentHeaderIsUpstreams() {
    for (String key : List.of("openapi", "info", "servers")) {
      assertThat(spec.get(key)).as(key).isEqualTo(upstream.get(key));
    }
    assertThat(spec.keySet()).containsExactlyElementsOf(upstream.keySet());
  }

  @Test
  void tooManyRequestsResponseAndSecuritySchemeAreUpstreams() {
    assertThat(map(spec, "components", "responses"))
        .isEqualTo(map(upstream, "components", "responses"))
        .containsKey("TooManyRequests");
    assertThat(map(spec, "components", "securitySchemes"))
        .isEqualTo(map(upstream, "components", "securitySchemes"))
        .containsKey("AdminApiKeyAuth");
  }

  static Stream<String> upstreamPaths() throws IOException {
    return map(parse(Files.readString(upstreamPath(), StandardCharsets.UTF_8)), "paths")
        .keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamPaths")
  void operationHasTheParametersOfUpstreamInTheSameOrder(String path) {
    assertThat(parameterNames(specAtUpstream, path)).containsExactlyElementsOf(parameterNames(upstream, path));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamPaths")
  void operationIsUpstreamsApartFromInt64(String path) {
    Object ours = withoutInt64(map(specAtUpstream, "paths").get(path));
    Object theirs = withoutInt64(map(upstream, "paths").get(path));
    assertThat(ours).isEqualTo(theirs);
  }

  static Stream<String> upstreamSchemas() throws IOException {
    return map(parse(Files.readString(upstreamPath(), StandardCharsets.UTF_8)), "components", "schemas")
        .keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamSchemas")
  void schemaIsUpstreamsApartFromInt64(String name) {
    Object ours = withoutInt64(map(specAtUpstream, "components", "schemas").get(name));
    Object theirs = withoutInt64(map(upstream, "components", "schemas").get(name));
    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  @SuppressWarnings("unchecked")
  void discriminatorMapsEachResultObjectToTheSchemaThatDeclaresIt() {
    Map<String, Object> items = map(spec, "components", "schemas", "UsageTimeBucket", "properties", "results", "items");
    Map<String, Object> mapping = map(items, "discriminator", "mapping");
    Map<String, String> expected = new LinkedHashMap<>();
    for (Object member : (List<Object>) items.get("oneOf")) {
      String ref = (String) ((Map<String, Object>) member).get("$ref");
      String schema = ref.substring(ref.lastIndexOf('/') + 1);
      List<Object> objects = (List<Object>) map(spec, "components", "schemas", schema, "properties", "object").get("enum");
      expected.put((String) objects.get(0), ref);
    }
    assertThat(mapping).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void unixTimeParametersAreInt64() {
    List<String> notInt64 = new ArrayList<>();
    for (String path : map(spec, "paths").keySet()) {
      for (Map<String, Object> parameter : parameters(spec, path)) {
        String name = (String) parameter.get("name");
        if (name.equals("start_time") || name.equals("end_time")) {
          Map<String, Object> schema = map(parameter, "schema");
          if (!"integer".equals(schema.get("type")) || !"int64".equals(schema.get("format"))) {
            notInt64.add(path + " " + name);
          }
        }
      }
    }
    assertThat(notInt64).isEmpty();
  }

  @Test
  void limitStaysInt32SoTheGeneratedApiTakesInteger() {
    for (String path : map(spec, "paths").keySet()) {
      if (parameters(spec, path).stream().noneMatch(p -> "query".equals(p.get("in")))) {
        continue; // the spend limits: no query at all
      }
      Map<String, Object> limit = parameters(spec, path).stream()
          .filter(p -> p.get("name").equals("limit"))
          .findFirst()
          .orElseThrow(() -> new AssertionError(path + " has no limit parameter"));
      assertThat(map(limit, "schema")).as(path).containsEntry("type", "integer").doesNotContainKey("format");
    }
  }

  @Test
  void everyIntegerOfTheResponseSchemasIsInt64() {
    List<String> notInt64 = new ArrayList<>();
    collectIntegersWithoutInt64("components.schemas", map(spec, "components", "schemas"), notInt64);
    assertThat(notInt64).isEmpty();
    assertThat(map(spec, "components", "schemas", "UsageTimeBucket", "properties", "start_time"))
        .containsEntry("format", "int64");
  }

  /**
   * The textual form of the rule "copy upstream, change only what must change, mark each change":
   * dropping the header comment and every marked line gives back upstream byte for byte (apart from
   * its own header comment). A change that cannot be an inserted line must update this test.
   */
  @Test
  void unmarkedLinesAreUpstreamVerbatim() {
    List<String> ours = withoutLeadingComments(specText).stream()
        .filter(line -> !line.contains(MARK))
        .collect(Collectors.toList());
    assertThat(ours).containsExactlyElementsOf(withoutLeadingComments(upstreamText));
  }

  @Test
  void everyInt64ThatUpstreamLacksIsMarked() {
    long added = specText.lines().filter(line -> line.trim().startsWith("format: int64")).count()
        - upstreamText.lines().filter(line -> line.trim().startsWith("format: int64")).count();
    long marked = specText.lines()
        .filter(line -> line.trim().startsWith("format: int64") && line.contains(MARK))
        .count();
    assertThat(marked).isEqualTo(added).isPositive();
  }

  /**
   * The changes after upstream, each from a dated SDK version of the README's table in
   * shared/reference/openai-node-7.60.0: this list is what to drop when upstream publishes them.
   */
  @Test
  void changesAfterUpstreamAreMarkedWithTheSdkVersionThatHasThem() {
    Map<String, Long> linesByVersion = specText.lines().filter(line -> line.contains(SDK_MARK))
        .map(line -> line.substring(line.indexOf(SDK_MARK) + SDK_MARK.length()).split(" ")[0])
        .collect(Collectors.groupingBy(v -> v, java.util.TreeMap::new, Collectors.counting()));

    assertThat(linesByVersion).containsOnlyKeys("7.9.0", "7.28.0", "7.30.0", "7.33.0", "7.41.0", "7.60.0");
    assertThat(map(spec, "paths")).containsKey("/organization/projects");
    assertThat(parameterNames(spec, "/organization/projects")).containsExactly("limit", "after", "include_archived");
    assertThat(map(spec, "components", "schemas", "Project", "properties")).containsKeys("id", "name");
    assertThat(map(spec, "paths")).containsKey("/organization/usage/decisions");
    assertThat(parameterNames(spec, "/organization/costs")).contains("line_items");
    assertThat(map(spec, "components", "schemas")).containsKey("UsageDecisionsResult");
    assertThat(map(spec, "components", "schemas", "UsageCompletionsResult", "properties"))
        .containsKeys("input_cache_write_12h_tokens", "input_cache_write_30m_tokens", "api_source");
    assertThat(map(spec, "components", "schemas", "CostsResult", "properties")).containsKeys("user_id", "api_source");
    assertThat(map(spec, "components", "schemas", "UsageWebSearchCallsResult", "properties"))
        .containsKey("api_source");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Path upstreamPath() {
    String property = System.getProperty("usagekit.upstreamSpec");
    return property != null ? Paths.get(property) : Paths.get("upstream", "openai-usage-upstream.yaml");
  }

  private static Map<String, Object> parse(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> root, String... keys) {
    Map<String, Object> current = root;
    for (String key : keys) {
      Object next = current.get(key);
      assertThat(next).as(String.join(".", keys)).isInstanceOf(Map.class);
      current = (Map<String, Object>) next;
    }
    return current;
  }

  private static Map<String, String> operationIds(Map<String, Object> document) {
    Map<String, String> result = new LinkedHashMap<>();
    map(document, "paths").forEach((path, item) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> pathItem = (Map<String, Object>) item;
      assertThat(pathItem.keySet()).as(path).containsExactly("get");
      result.put((String) map(pathItem, "get").get("operationId"), path);
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parameters(Map<String, Object> document, String path) {
    return (List<Map<String, Object>>) map(document, "paths", path, "get").get("parameters");
  }

  private static List<String> parameterNames(Map<String, Object> document, String path) {
    return parameters(document, path).stream()
        .map(p -> (String) p.get("name"))
        .collect(Collectors.toList());
  }

  /** A deep copy without the {@code format: int64} of integer schemas. */
  @SuppressWarnings("unchecked")
  private static Object withoutInt64(Object node) {
    if (node instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) node).forEach((k, v) -> copy.put(k, withoutInt64(v)));
      if ("integer".equals(copy.get("type")) && "int64".equals(copy.get("format"))) {
        copy.remove("format");
      }
      if (copy.get("propertyName") != null && copy.get("mapping") != null) {
        copy.remove("mapping"); // the explicit discriminator mapping is usagekit's addition, checked on its own
      }
      return copy;
    }
    if (node instanceof List) {
      return ((List<Object>) node).stream().map(SpecMatchesUpstreamTest::withoutInt64)
          .collect(Collectors.toList());
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static void collectIntegersWithoutInt64(String where, Object node, List<String> out) {
    if (node instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) node;
      if ("integer".equals(m.get("type")) && !"int64".equals(m.get("format"))) {
        out.add(where);
      }
      m.forEach((k, v) -> collectIntegersWithoutInt64(where + "." + k, v, out));
    } else if (node instanceof List) {
      List<Object> l = (List<Object>) node;
      for (int i = 0; i < l.size(); i++) {
        collectIntegersWithoutInt64(where + "[" + i + "]", l.get(i), out);
      }
    }
  }

  private static List<String> withoutLeadingComments(String text) {
    List<String> lines = text.lines().collect(Collectors.toList());
    int first = 0;
    while (first < lines.size() && (lines.get(first).startsWith("#") || lines.get(first).isBlank())) {
      first++;
    }
    return lines.subList(first, lines.size());
  }
}
