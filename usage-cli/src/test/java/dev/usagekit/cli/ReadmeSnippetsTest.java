package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of the README compiles against the modules (and JUnit Jupiter and AssertJ, which the
 * README's testkit section names), so that the README cannot drift from the code. A block that declares a class is
 * compiled as a file; other blocks are the body of a method of a class whose fields are the few things the README
 * leaves to the reader ({@code streams}, {@code adminKey}, {@code json}, Android's {@code Log} and {@code
 * AndroidSchedulers}, ...), with the imports of {@link #IMPORTS} after the block's own. A class must carry its own
 * imports: a reader copies it whole.
 */
class ReadmeSnippetsTest {
  private static final Path README = Paths.get("..", "README.md");
  private static final Pattern CLASS = Pattern.compile("(?m)^(?:@\\S+\\s+)*(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
  private static final String IMPORTS = String.join("\n",
      "import static org.assertj.core.api.Assertions.*;",
      "import com.fasterxml.jackson.databind.*;",
      "import dev.usagekit.model.*;",
      "import dev.usagekit.retrofit.*;",
      "import dev.usagekit.rx.*;",
      "import dev.usagekit.testkit.*;",
      "import dev.usagekit.testkit.junit5.*;",
      "import io.reactivex.rxjava3.core.Flowable;",
      "import io.reactivex.rxjava3.core.Scheduler;",
      "import io.reactivex.rxjava3.core.Single;",
      "import io.reactivex.rxjava3.disposables.Disposable;",
      "import io.reactivex.rxjava3.schedulers.Schedulers;",
      "import java.math.BigDecimal;",
      "import java.time.*;",
      "import java.util.List;",
      "import java.util.Map;",
      "import okhttp3.logging.HttpLoggingInterceptor;",
      "import org.junit.jupiter.api.*;",
      "import org.junit.jupiter.api.extension.*;",
      "");
  /** What the README's fragments take as given. */
  private static final String GIVENS = String.join("\n",
      "  UsageStreams streams;",
      "  UsageApi api;",
      "  UsageQuery<UsageResult> query;",
      "  java.nio.file.Path cacheDir;",
      "  String adminKey;",
      "  String sessionToken;",
      "  Instant monthStart;",
      "  String json;",
      "  Map<Long, UsageTimeBucket> dashboard;",
      "  ResumeStore store;",
      "  dev.usagekit.micrometer.UsageMetrics metrics;",
      "  interface ResumeStore { long loadOr(long start); void save(long resumeFrom); }",
      "  void show(Object value) {}",
      "  void showError(Throwable error) {}",
      "  static final class Log { static void d(String tag, String message) {} }",
      "  static final class AndroidSchedulers { static Scheduler mainThread() { return Schedulers.single(); } }",
      "");

  /** A {@code ```java} block and the README line it starts on. */
  record Snippet(int line, String code) {
    @Override
    public String toString() {
      return "README.md line " + line;
    }
  }

  static Stream<Snippet> snippets() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("```java")) {
        StringBuilder code = new StringBuilder();
        int start = i + 2;
        for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
          code.append(lines.get(i)).append('\n');
        }
        snippets.add(new Snippet(start, code.toString()));
      }
    }
    return snippets.stream();
  }

  @Test
  void everyOptionTheReadmeNamesIsAnOptionOfTheTool() throws IOException {
    java.util.Set<String> options = new java.util.TreeSet<>();
    java.util.Deque<picocli.CommandLine> commands = new java.util.ArrayDeque<>();
    commands.add(Commands.create());
    while (!commands.isEmpty()) {
      picocli.CommandLine command = commands.pop();
      for (picocli.CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
        options.addAll(java.util.Arrays.asList(option.names()));
      }
      commands.addAll(command.getSubcommands().values());
    }
    Matcher named = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*").matcher(Files.readString(README));
    List<String> unknown = new ArrayList<>();
    while (named.find()) {
      if (!options.contains(named.group())) {
        unknown.add(named.group());
      }
    }

    assertThat(unknown).as("options the README names that no command of usage-report has").isEmpty();
  }

  /**
   * Model filters match exactly ({@code gpt-4o} matches nothing: the API names {@code gpt-4o-2024-08-06}), so every
   * model the README filters or looks up by ({@code --models a,b}, {@code groups("model").get("a")}) is one the
   * demo's completions report.
   */
  @Test
  void everyModelTheReadmeFiltersOrLooksUpByIsAModelAsTheApiNamesIt() throws IOException {
    CliRun demo = CliRun.run(java.util.Map.of(), "demo", "completions", "--group-by", "model", "--format", "csv");
    List<String> rows = demo.out().lines().toList();
    int column = java.util.Arrays.asList(rows.get(0).split(",")).indexOf("model");
    java.util.Set<String> models = new java.util.TreeSet<>();
    for (String row : rows.subList(1, rows.size())) {
      models.add(row.split(",")[column]);
    }
    String readme = Files.readString(README);
    List<String> named = new ArrayList<>();
    Matcher filter = Pattern.compile("--models[ =]([\\w.,-]+)").matcher(readme);
    while (filter.find()) {
      named.addAll(java.util.Arrays.asList(filter.group(1).split(",")));
    }
    Matcher lookup = Pattern.compile("groups\\(\"model\"\\)\\.get\\(\"([^\"]+)\"\\)").matcher(readme);
    while (lookup.find()) {
      named.add(lookup.group(1));
    }

    assertThat(models).contains("gpt-4o-2024-08-06");
    assertThat(named).isNotEmpty();
    assertThat(models).as("the demo's models").containsAll(named);
  }

  @Test
  void theReadmeHasJavaSnippets() throws IOException {
    assertThat(snippets()).hasSizeGreaterThanOrEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compiles(Snippet snippet, @TempDir Path classes) {
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.code().split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append(line).append('\n');
      }
    }
    Matcher declared = CLASS.matcher(body);
    String name = declared.find() ? declared.group(1) : "ReadmeLine" + snippet.line();
    // A whole class is a file a reader copies: it must carry its own imports. A fragment gets the usual ones.
    String source = declared.find(0)
        ? String.join("\n", imports) + "\n" + body
        : String.join("\n", imports) + "\n" + IMPORTS + "class " + name + " {\n" + GIVENS
            + "  void run() throws Exception {\n" + body + "  }\n}\n";

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString());
    boolean compiled = compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();

    StringBuilder errors = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        errors.append(snippet).append(": ").append(diagnostic.getMessage(Locale.ROOT))
            .append("\n    in: ").append(lineOf(source, diagnostic.getLineNumber())).append('\n');
      }
    }
    assertThat(compiled).as("the Java snippet at %s does not compile:%n%s", snippet, errors).isTrue();
  }

  private static String lineOf(String source, long line) {
    String[] lines = source.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[(int) line - 1].trim() : "";
  }
}
