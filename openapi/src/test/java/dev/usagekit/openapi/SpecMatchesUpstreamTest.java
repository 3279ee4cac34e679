package dev.usagekit.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
   * newer document, the lines with this mark are what to drop (see everySdkOrLiveMarkNamesASourceOfTheHeadersList).
   */
  private static final String SDK_MARK = "# usagekit: sdk openai-node ";
  /** Marks a line seen in live responses before any SDK or upstream has it: "# usagekit: live DATE what". */
  private static final String LIVE_MARK = "# usagekit: live ";
  /** Ends the mark of an upstream line that a newer source replaces (kept commented out, "#" in column 1). */
  private static final String REPLACED = " upstream line, replaced below";
  /** The date upstream's extract is from: nothing after it can be older. */
  private static final String UPSTREAM_DATE = "2026-08-21";
  private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
      "(sdk openai-node (\\d+\\.\\d+\\.\\d+)|live) (\\d{4}-\\d{2}-\\d{2})");
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
    specAtUpstream = parse(String.join("\n", atUpstream(specText)));
    upstream = parse(upstreamText);
  }

  /** Each path has one operation, a GET, with an operationId of its own (the endpoint table's key). */
  @Test
  void everyPathHasOneGetWithAnOperationIdOfItsOwn() {
    Map<String, String> paths = operationIds(spec);
    assertThat(paths).hasSameSizeAs(map(spec, "paths"));
    // kebab-case as upstream names its operations, or the two ids upstream gives its spend limits
    // ("Getorganizationspendlimit", "Getprojectspendlimit"), kept verbatim
    assertThat(paths.keySet()).allMatch(id -> id.matches("[a-z]+(-[a-z]+)*|Get[a-z]+"));
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
    List<String> ours = withoutLeadingComments(String.join("\n", atUpstream(specText))).stream()
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
   * Every change after upstream names its source as the header's list of sources has it (the same SDK version
   * with the same date, or a live observation with its date), and every listed source is used: a mark with a
   * wrong version or date fails here naming the line. The list is what to drop the day upstream publishes.
   */
  @Test
  void everySdkOrLiveMarkNamesASourceOfTheHeadersList() {
    List<String> listed = headerSources(specText);
    assertThat(listed).as("sources listed in the header of openapi.yaml").isNotEmpty();
    List<String> used = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    List<String> lines = specText.lines().collect(Collectors.toList());
    int header = lines.size() - withoutLeadingComments(specText).size();
    for (int i = header; i < lines.size(); i++) {
      String source = source(lines.get(i));
      if (source != null) {
        if (!listed.contains(source)) {
          unlisted.add("openapi.yaml:" + (i + 1) + " " + source);
        } else if (!used.contains(source)) {
          used.add(source);
        }
      }
    }
    assertThat(unlisted).as("marks naming a source the header does not list (or with another date)").isEmpty();
    assertThat(used).as("every source the header lists marks a line").containsExactlyInAnyOrderElementsOf(listed);
  }

  @Test
  void theHeadersSourcesAreDatedAfterUpstreamOldestFirst() {
    List<String> dates = headerSources(specText).stream().map(SpecMatchesUpstreamTest::dateOf)
        .collect(Collectors.toList());
    assertThat(dates).isSorted().allMatch(date -> date.compareTo(UPSTREAM_DATE) >= 0);
    assertThat(dates.stream().map(java.time.LocalDate::parse)).doesNotContainNull();
  }

  /** A live mark is a source of its own: dropped like an SDK line, checked by its date. */
  @Test
  void aLiveMarkIsAcceptedAndDroppedLikeAnSdkMark() {
    String line = "        input_audio_cached_tokens: # usagekit: live 2026-12-01 completions count seen in responses";
    String commented = "#          description: Old text. # usagekit: live 2026-12-01" + REPLACED;

    assertThat(source(line)).isEqualTo("live 2026-12-01");
    assertThat(atUpstream(String.join("\n", "a:", line, commented, "b: 1")))
        .containsExactly("a:", "          description: Old text.", "b: 1");
    assertThat(source("x: 1 # usagekit: live 2026-13-45 a bad date")).isEqualTo("live 2026-13-45");
    assertThat(catchThrowable(() -> java.time.LocalDate.parse(dateOf("live 2026-13-45")))).isNotNull();
    assertThat(source("x: 1 # usagekit: live yesterday")).as("a live mark without a date").isEqualTo("live ?");
  }

  // --- helpers -------------------------------------------------------------------------------

  /**
   * The spec as upstream has it: the sdk and live lines dropped, the replaced upstream lines restored. The
   * header stays (every comparison drops leading comments).
   */
  static List<String> atUpstream(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.lines().collect(Collectors.toList())) {
      int mark = line.indexOf(MARK);
      if (line.startsWith("#") && mark > 0 && line.endsWith(REPLACED)) {
        out.add(line.substring(1, mark - 1));
      } else if (!line.contains(SDK_MARK) && !line.contains(LIVE_MARK) && !line.contains(FULL_DOCUMENT_MARK)) {
        out.add(line);
      }
    }
    return out;
  }

  /** The source a line's mark names ("sdk openai-node 7.33.0 2026-10-14", "live 2026-12-01"), or null. */
  static String source(String line) {
    int at = line.indexOf(SDK_MARK) >= 0 ? line.indexOf(SDK_MARK) : line.indexOf(LIVE_MARK);
    return at < 0 ? null : sourceAt(line, at);
  }

  private static String sourceAt(String line, int at) {
    java.util.regex.Matcher m = SOURCE.matcher(line.substring(at + MARK.length() + 1));
    if (m.lookingAt()) {
      return m.group();
    }
    return line.contains(LIVE_MARK) ? "live ?" : "sdk ?";
  }

  /** The header's list of sources: its lines "#      sdk openai-node VERSION DATE" and "#      live DATE". */
  static List<String> headerSources(String text) {
    return text.lines().takeWhile(line -> line.startsWith("#") || line.isBlank())
        .map(line -> line.substring(Math.min(1, line.length())).trim())
        .filter(line -> SOURCE.matcher(line).matches())
        .collect(Collectors.toList());
  }

  private static String dateOf(String source) {
    return source.substring(source.lastIndexOf(' ') + 1);
  }

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
      if ("integer".equals(m.get("type")) && !"int64".equals(m.get("format"))
          && !"unixtime".equals(m.get("format"))) { // upstream's own 64-bit Unix seconds (Project.created_at)
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
