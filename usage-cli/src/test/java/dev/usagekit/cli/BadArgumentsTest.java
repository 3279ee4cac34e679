package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad argument exits with 2, names the option (or what is missing) and the allowed
 * values, adds a usage hint, and prints nothing on stdout. None of these runs reaches the network:
 * the base URL is a closed loopback port, should one try.
 */
class BadArgumentsTest {
  private static final Map<String, String> KEY = CliRun.key("sk-admin-test-key");
  private static final String NOWHERE = "--base-url=http://127.0.0.1:9/v1/";
  /** The table's rows in order, each as its subcommand: the last segment of its path, {@code _} as {@code -}. */
  private static final String ENDPOINTS = Arrays.stream(UsageEndpoint.values())
      .map(e -> e.path().substring(e.path().lastIndexOf('/') + 1).replace('_', '-'))
      .collect(Collectors.joining(", "));

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of("unknown endpoint", new String[] {"usage"},
            "Unknown endpoint 'usage'", "allowed: " + ENDPOINTS + ", demo"),
        Arguments.of("missing endpoint", new String[] {},
            "Missing the endpoint", "completions, decisions, embeddings"),
        Arguments.of("unknown option", new String[] {"costs", "--start", "0", "--frmat", "csv", NOWHERE},
            "Unknown option '--frmat'", "allowed: --start, --end, --bucket-width, --limit, --group-by"),
        Arguments.of("filter of another endpoint", new String[] {"costs", "--start", "0", "--models", "gpt-4o",
            NOWHERE}, "Unknown option '--models'", "--project-ids, --api-key-ids"),
        Arguments.of("unreadable start", new String[] {"costs", "--start", "yesterday", NOWHERE},
            "option '--start'", "ISO-8601 date (2026-11-01, midnight UTC), an instant (2026-11-01T12:00:00Z) "
                + "or Unix seconds"),
        Arguments.of("instant without a zone", new String[] {"costs", "--start", "2026-11-01T10:00", NOWHERE},
            "option '--start'", "add Z for UTC"),
        Arguments.of("unreadable end", new String[] {"costs", "--start", "0", "--end", "2026-13-01", NOWHERE},
            "option '--end'", "Unix seconds"),
        Arguments.of("end before start", new String[] {"costs", "--start", "2026-11-02", "--end", "2026-11-01",
            NOWHERE}, "option '--end'", "is not after --start (2026-11-02T00:00:00Z)"),
        Arguments.of("missing start", new String[] {"costs", NOWHERE},
            "Missing required option '--start=<time>'", "Unix seconds"),
        Arguments.of("bucket width of another endpoint", new String[] {"costs", "--start", "0",
            "--bucket-width", "1h", NOWHERE}, "option '--bucket-width'", "allowed: 1d"),
        Arguments.of("unknown bucket width", new String[] {"completions", "--start", "0", "--bucket-width", "2h",
            NOWHERE}, "option '--bucket-width'", "allowed: 1m, 1h, 1d"),
        Arguments.of("group-by field of another endpoint", new String[] {"completions", "--start", "0",
            "--group-by", "model,line_item", NOWHERE}, "option '--group-by'",
            "allowed: " + UsageEndpoint.COMPLETIONS.groupByFields().stream().map(GroupByField::wireValue)
                .collect(Collectors.joining(", "))),
        Arguments.of("limit above the maximum of the width", new String[] {"completions", "--start", "0",
            "--bucket-width", "1h", "--limit", "169", NOWHERE}, "option '--limit'", "allowed: 1 to 168"),
        Arguments.of("limit below one", new String[] {"costs", "--start", "0", "--limit", "0", NOWHERE},
            "option '--limit'", "allowed: 1 to 180"),
        Arguments.of("limit not a number", new String[] {"costs", "--start", "0", "--limit", "ten", NOWHERE},
            "option '--limit'", "not a whole number"),
        Arguments.of("filter value not allowed", new String[] {"images", "--start", "0", "--sources",
            "image.crop", NOWHERE}, "option '--sources'",
            "allowed: image.generation, image.edit, image.variation"),
        Arguments.of("context level not allowed", new String[] {"web-search-calls", "--start", "0",
            "--context-levels", "huge", NOWHERE}, "option '--context-levels'", "allowed: low, medium, high"),
        Arguments.of("blank filter value", new String[] {"costs", "--start", "0", "--project-ids", " ", NOWHERE},
            "option '--project-ids'", "must not be blank"),
        Arguments.of("batch not a boolean", new String[] {"completions", "--start", "0", "--batch", "maybe",
            NOWHERE}, "option '--batch'", "allowed: true, false"),
        Arguments.of("unknown format", new String[] {"costs", "--start", "0", "--format", "xml", NOWHERE},
            "option '--format'", "allowed: table, csv, json"),
        Arguments.of("not a URL", new String[] {"costs", "--start", "0", "--base-url", "ftp:/x"},
            "option '--base-url'", "not an http or https URL"),
        Arguments.of("option of an endpoint given to demo", new String[] {"demo", "--start", "0"},
            "Unknown option '--start' for usage-report demo", "allowed: --help, --format"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void exitsWith2NamingTheOptionAndTheAllowedValues(String name, String[] args, String option, String allowed) {
    CliRun run = CliRun.run(KEY, args);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(option).contains(allowed);
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void aBadArgumentComesWithAUsageHint(String name, String[] args, String option, String allowed) {
    CliRun run = CliRun.run(KEY, args);

    assertThat(run.err()).contains("Usage: usage-report").containsPattern("Try 'usage-report[a-z -]*--help'");
  }

  @Test
  void baseUrlWithoutTheKeyExitsWith2NamingTheVariable() {
    CliRun run = CliRun.run(Map.of(), "costs", "--start", "0", NOWHERE);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("OPENAI_ADMIN_KEY is not set").contains("export OPENAI_ADMIN_KEY=");
  }

  @Test
  void aKeyThatCannotBeAHeaderExitsWith2WithoutPrintingIt() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-secret part"), "costs", "--start", "0", NOWHERE);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid OPENAI_ADMIN_KEY").doesNotContain("secret");
  }

  @Test
  void theErrorNamesTheCommandWithinDemo() {
    CliRun run = CliRun.run(Map.of(), "demo", "costs", "--limit", "181");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: usage-report demo costs [--start=<time>] [options]")
        .contains("Try 'usage-report demo costs --help'");
  }
}
