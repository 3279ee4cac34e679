package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of {@code usage-report --help} runs against the demo and finds something: an example whose filter
 * matches no value the API has (a model name that is not exact) would print "Nothing found".
 */
class HelpExamplesTest {
  /** The examples of the help, each on one line (continuations joined). */
  static List<String> examples() {
    List<String> lines = CliRun.run(Map.of(), "--help").out().lines().toList();
    List<String> examples = new ArrayList<>();
    StringBuilder example = null;
    for (String line : lines.subList(lines.indexOf("Examples:") + 1, lines.size())) {
      if (example == null) {
        if (line.isEmpty()) {
          break;
        }
        // anything else is an example cut by the help's width: it would run with half its arguments
        assertThat(line).as("a line of the help's examples: an example, or the continuation of one after a \\")
            .startsWith("  " + Commands.NAME + " ");
        example = new StringBuilder();
      }
      boolean continued = line.endsWith("\\");
      example.append(' ').append((continued ? line.substring(0, line.length() - 1) : line).trim());
      if (!continued) {
        examples.add(example.toString().trim());
        example = null;
      }
    }
    return examples;
  }

  /**
   * The arguments of {@code example} run against the demo: its own window (the demo's 30 days), its filters, and its
   * {@code --output} file in {@code dir}.
   */
  static String[] onTheDemo(String example, Path dir) {
    List<String> args = new ArrayList<>(Arrays.asList(example.split(" +")));
    args.remove(0);                                   // usage-report
    if (!args.get(0).equals(Commands.DEMO)) {
      args.add(0, Commands.DEMO);
    }
    for (String window : List.of(Commands.START, "--end")) {
      int at = args.indexOf(window);
      if (at >= 0) {
        args.subList(at, at + 2).clear();
      }
    }
    int output = args.indexOf(Commands.OUTPUT);
    if (output >= 0) {
      args.set(output + 1, dir.resolve(args.get(output + 1)).toString());
    }
    return args.toArray(new String[0]);
  }

  @Test
  void everyExampleOfTheHelpFindsSomethingInTheDemo(@TempDir Path dir) {
    List<String> examples = examples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3).anyMatch(e -> e.contains("--models"));
    for (String example : examples) {
      CliRun run = CliRun.run(Map.of(), onTheDemo(example, dir));

      assertThat(run.exit()).as(example + "\n" + run).isZero();
      assertThat(run.out() + run.err()).as(example).doesNotContain("Nothing found").isNotBlank();
    }
  }
}
