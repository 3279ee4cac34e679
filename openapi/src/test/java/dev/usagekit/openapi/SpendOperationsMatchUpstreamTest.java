package dev.usagekit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations the spec copies from the full upstream document f85dbe2 (the spend limit and alerts, the users and
 * project API keys listings, GET only),
 * each line marked {@value SpecMatchesUpstreamTest#FULL_DOCUMENT_MARK}, against that document's text kept in
 * {@code upstream-admin-extract.yaml} (a test resource): the same operations and schemas, apart from {@code
 * format: int64} on the amounts.
 */
class SpendOperationsMatchUpstreamTest {
  private static String specText;
  private static Map<String, Object> spec;
  private static Map<String, Object> upstream;

  @BeforeAll
  static void load() throws IOException {
    specText = read("/openapi.yaml");
    spec = parse(specText);
    upstream = parse(read("/upstream-admin-extract.yaml"));
  }

  @Test
  void everyMarkedPathIsUpstreamsGetOperation() {
    List<String> marked = markedKeys("  /");
    assertThat(marked).isNotEmpty();
    for (String path : marked) {
      assertThat(map(upstream, "paths")).as("upstream has " + path).containsKey(path);
      assertThat(map(spec, "paths", path).keySet()).as(path + ": GET only").containsExactly("get");
      assertThat(withoutInt64(map(spec, "paths", path, "get"))).as(path)
          .isEqualTo(map(upstream, "paths", path, "get"));
    }
  }

  @Test
  void everyMarkedSchemaIsUpstreamsApartFromInt64() {
    List<String> marked = markedKeys("    ");
    assertThat(marked).isNotEmpty();
    for (String schema : marked) {
      assertThat(withoutInt64(map(spec, "components", "schemas", schema))).as(schema)
          .isEqualTo(map(upstream, "components", "schemas", schema));
    }
  }

  /** Every schema the marked operations answer with, and every schema those reference, is in the spec and marked. */
  @Test
  void everySchemaTheMarkedOperationsReferenceIsMarked() {
    List<String> referenced = new ArrayList<>();
    for (String path : markedKeys("  /")) {
      collectRefs(map(spec, "paths", path), referenced);
    }
    for (int i = 0; i < referenced.size(); i++) { // grows while walking
      collectRefs(map(spec, "components", "schemas", referenced.get(i)), referenced);
    }
    assertThat(referenced).isNotEmpty();
    assertThat(markedKeys("    ")).containsExactlyInAnyOrderElementsOf(referenced);
  }

  @Test
  void theAmountsAreInt64AndMarkedAsSuch() {
    List<String> int64 = specText.lines()
        .filter(line -> line.contains(SpecMatchesUpstreamTest.FULL_DOCUMENT_MARK) && line.contains("format: int64"))
        .collect(Collectors.toList());
    assertThat(int64).isNotEmpty().allMatch(line -> line.contains("int64: an amount in cents"));
  }

  // --- helpers -------------------------------------------------------------------------------

  /**
   * The keys (without the colon) of the marked lines at exactly this indentation: {@code "  /"} for paths, {@code
   * "    "} for schemas (below {@code components:}).
   */
  private static List<String> markedKeys(String indent) {
    boolean paths = indent.endsWith("/");
    List<String> lines = specText.lines().collect(Collectors.toList());
    int components = lines.indexOf("components:");
    return (paths ? lines.subList(0, components) : lines.subList(components, lines.size())).stream()
        .filter(line -> line.contains(SpecMatchesUpstreamTest.FULL_DOCUMENT_MARK))
        .filter(line -> line.startsWith(indent) && !Character.isWhitespace(line.charAt(indent.length())))
        .map(line -> (paths ? "/" : "") + line.substring(indent.length(), line.indexOf(':')))
        .collect(Collectors.toList());
  }

  @SuppressWarnings("unchecked")
  private static void collectRefs(Object node, List<String> out) {
    if (node instanceof Map) {
      ((Map<String, Object>) node).forEach((k, v) -> {
        if (k.equals("$ref") && v instanceof String && ((String) v).startsWith("#/components/schemas/")) {
          String name = ((String) v).substring("#/components/schemas/".length());
          if (!out.contains(name)) {
            out.add(name);
          }
        } else {
          collectRefs(v, out);
        }
      });
    } else if (node instanceof List) {
      ((List<Object>) node).forEach(v -> collectRefs(v, out));
    }
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = SpendOperationsMatchUpstreamTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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

  @SuppressWarnings("unchecked")
  private static Object withoutInt64(Object node) {
    if (node instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) node).forEach((k, v) -> copy.put(k, withoutInt64(v)));
      if ("integer".equals(copy.get("type")) && "int64".equals(copy.get("format"))) {
        copy.remove("format");
      }
      return copy;
    }
    if (node instanceof List) {
      return ((List<Object>) node).stream().map(SpendOperationsMatchUpstreamTest::withoutInt64)
          .collect(Collectors.toList());
    }
    return node;
  }
}
