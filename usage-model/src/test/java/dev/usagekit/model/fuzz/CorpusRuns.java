package dev.usagekit.model.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Counts the runs of each fuzz test, so that a regression run can prove it executed every committed corpus
 * input: Jazzer runs a {@code @FuzzTest} once on an empty input, once per file under
 * {@code <package>/<Class>Inputs/<method>/} and once per file directly in {@code <Class>Inputs/}.
 */
final class CorpusRuns {
  private final Class<?> testClass;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  CorpusRuns(Class<?> testClass) {
    this.testClass = testClass;
  }

  /** Records one run of {@code method}. */
  void ran(String method) {
    runs.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  /** Whether this JVM fuzzes (then there is no fixed set of inputs to count). */
  static boolean fuzzing() {
    String env = System.getenv("JAZZER_FUZZ");
    return (env != null && !env.isEmpty()) || Boolean.parseBoolean(System.getProperty("jazzer.fuzz"));
  }

  /**
   * Asserts that each method that ran (surefire may select a subset) ran at least once per committed input
   * plus the empty input (more when a local {@code .cifuzz-corpus} adds generated inputs).
   */
  void assertEveryInputRan() {
    if (fuzzing()) {
      return;
    }
    for (Map.Entry<String, AtomicInteger> e : runs.entrySet()) {
      long inputs = inputCount(e.getKey());
      assertThat(e.getValue().get())
          .as("runs of %s.%s (corpus has %d inputs)", testClass.getSimpleName(), e.getKey(), inputs)
          .isGreaterThanOrEqualTo((int) inputs + 1);
    }
  }

  /** The committed inputs of {@code method}: its own directory (recursively) and the class's shared ones. */
  long inputCount(String method) {
    Path root = inputsDirectory();
    if (root == null) {
      return 0;
    }
    try (Stream<Path> shared = Files.list(root);
        Stream<Path> own = Files.isDirectory(root.resolve(method))
            ? Files.walk(root.resolve(method))
            : Stream.empty()) {
      return shared.filter(Files::isRegularFile).count() + own.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code <package>/<Class>Inputs} on the test class path, or null when there is none. */
  Path inputsDirectory() {
    URL url = testClass.getResource(testClass.getSimpleName() + "Inputs");
    if (url == null) {
      return null;
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
