package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ArgumentsTest {
  private static UsageQuery<UsageResult> query(String... args) {
    return Arguments.from(Commands.create().parseArgs(args)).query(0L, null);
  }

  @Test
  void anIsoDateIsMidnightUtc() {
    assertThat(query("costs", "--start", "2026-11-01").startTime()).isEqualTo(1793491200L);
  }

  @Test
  void anInstantWithZIsThatInstant() {
    assertThat(query("costs", "--start", "2026-11-01T12:00:00Z").startTime()).isEqualTo(1793491200L + 43_200L);
  }

  @Test
  void anInstantWithAnOffsetIsConvertedToUtc() {
    assertThat(query("costs", "--start", "2026-11-01T13:00:00+01:00").startTime())
        .isEqualTo(1793491200L + 43_200L);
  }

  @Test
  void digitsAreUnixSeconds() {
    assertThat(query("costs", "--start=1793491200", "--end", "1794096000").endTime()).isEqualTo(1794096000L);
  }

  @Test
  void withoutEndTheWindowIsLeftOpen() {
    assertThat(query("costs", "--start", "2026-11-01").endTime()).isNull();
  }

  @Test
  void groupByIsRepeatableAndTakesCommaLists() {
    assertThat(query("completions", "--start", "0", "--group-by", "model,project_id", "--group-by", "user_id")
        .groupBy())
        .containsExactly(GroupByField.MODEL, GroupByField.PROJECT_ID, GroupByField.USER_ID);
  }

  @Test
  void listFiltersAreRepeatableAndTakeCommaLists() {
    UsageQuery<UsageResult> query = query("completions", "--start", "0",
        "--models", "gpt-4o,gpt-4o-mini", "--models=o3", "--project-ids", "proj_a", "--user-ids", "user-1",
        "--api-key-ids", "key_1");

    assertThat(query.filters()).containsExactly(
        Map.entry(UsageFilter.PROJECT_IDS, List.of("proj_a")),
        Map.entry(UsageFilter.USER_IDS, List.of("user-1")),
        Map.entry(UsageFilter.API_KEY_IDS, List.of("key_1")),
        Map.entry(UsageFilter.MODELS, List.of("gpt-4o", "gpt-4o-mini", "o3")));
  }

  @Test
  void batchTakesTrueOrFalse() {
    assertThat(query("completions", "--start", "0", "--batch", "true").batch()).isTrue();
    assertThat(query("completions", "--start", "0", "--batch=false").batch()).isFalse();
    assertThat(query("completions", "--start", "0").batch()).isNull();
  }

  @Test
  void imageFiltersTakeTheirAllowedValues() {
    UsageQuery<UsageResult> query = query("images", "--start", "0",
        "--sources", "image.edit", "--sizes", "1024x1024,256x256");

    assertThat(query.filter(UsageFilter.SOURCES)).containsExactly("image.edit");
    assertThat(query.filter(UsageFilter.SIZES)).containsExactly("1024x1024", "256x256");
  }

  @Test
  void webSearchCallsTakeContextLevelsAndFileSearchCallsVectorStores() {
    assertThat(query("web-search-calls", "--start", "0", "--context-levels", "high").filter(UsageFilter.CONTEXT_LEVELS))
        .containsExactly("high");
    assertThat(query("file-search-calls", "--start", "0", "--vector-store-ids", "vs_1").filter(
        UsageFilter.VECTOR_STORE_IDS)).containsExactly("vs_1");
  }

  @Test
  void bucketWidthAndLimitPassThrough() {
    UsageQuery<UsageResult> query = query("embeddings", "--start", "0", "--bucket-width", "1h", "--limit", "168");

    assertThat(query.bucketWidth()).isEqualTo(BucketWidth.ONE_HOUR);
    assertThat(query.limit()).isEqualTo(168);
  }

  @Test
  void theFormatDefaultsToTable() {
    assertThat(Arguments.from(Commands.create().parseArgs("costs", "--start", "0")).format)
        .isEqualTo(OutputFormat.TABLE);
    assertThat(Arguments.from(Commands.create().parseArgs("costs", "--start", "0", "--format", "CSV")).format)
        .isEqualTo(OutputFormat.CSV);
  }

  @Test
  void demoWithoutAnEndpointIsTheCostsOfTheDemoWindowByProjectAndLineItem() {
    Arguments arguments = Arguments.from(Commands.create().parseArgs("demo", "--format", "json"));
    UsageQuery<UsageResult> query = arguments.query(100L, 200L);

    assertThat(arguments.demoDefault).isTrue();
    assertThat(arguments.format).isEqualTo(OutputFormat.JSON);
    assertThat(query.endpoint()).isEqualTo(UsageEndpoint.COSTS);
    assertThat(query.groupBy()).containsExactly(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM);
    assertThat(query.startTime()).isEqualTo(100L);
    assertThat(query.endTime()).isEqualTo(200L);
  }

  @Test
  void demoFormatBeforeTheEndpointApplies() {
    assertThat(Arguments.from(Commands.create().parseArgs("demo", "--format", "csv", "costs")).format)
        .isEqualTo(OutputFormat.CSV);
  }

  @Test
  void aDemoEndpointWithAStartButNoEndLeavesTheEndOpen() {
    Arguments arguments = Arguments.from(Commands.create().parseArgs("demo", "images", "--start", "150"));

    assertThat(arguments.query(100L, 200L).endTime()).isNull();
  }

  @Test
  void thereIsOneSubcommandPerEndpointNamedAfterItsPathThenDemoServeFocusAndSpend() {
    List<String> expected = new ArrayList<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      expected.add(Commands.commandName(endpoint));
    }
    expected.add("demo");
    expected.add("serve");
    expected.add("focus");
    expected.add("spend");

    assertThat(Commands.create().getSubcommands().keySet()).containsExactlyElementsOf(expected);
    assertThat(expected).contains("completions", "audio-speeches", "audio-transcriptions", "vector-stores",
        "code-interpreter-sessions", "file-search-calls", "web-search-calls", "costs");
  }

  @Test
  void eachEndpointHasAnOptionForEachOfItsFiltersAndNoOther() {
    CommandLine root = Commands.create();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      List<String> filterOptions = new ArrayList<>();
      for (OptionSpec option : root.getSubcommands().get(Commands.commandName(endpoint)).getCommandSpec()
          .options()) {
        String name = option.longestName();
        for (UsageFilter filter : UsageFilter.values()) {
          if (name.equals(Commands.optionName(filter))) {
            filterOptions.add(name);
          }
        }
      }
      List<String> expected = new ArrayList<>();
      for (UsageFilter filter : endpoint.filters()) {
        expected.add(Commands.optionName(filter));
      }
      assertThat(filterOptions).as(endpoint.toString()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void theModelsRulesStillApplyAfterParsing() {
    assertThatThrownBy(() -> Arguments.from(Commands.create().parseArgs("costs", "--start", "5", "--end", "5"))
        .query(0L, null))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--end");
  }

  @Test
  void theModelsParameterNamesBecomeOptionNames() {
    assertThat(Arguments.optionNames("limit must be between 1 and 31 for bucket_width 1d; start_time, group_by"))
        .isEqualTo("limit must be between 1 and 31 for --bucket-width 1d; --start, --group-by");
    assertThat(Arguments.optionFor("project_ids")).isEqualTo("--project-ids");
    assertThat(Arguments.optionFor("end_time")).isEqualTo("--end");
    assertThat(Arguments.optionFor("page")).isNull();
  }

  /** What parsing {@code args} with {@code commandLine} gives: the query and format, or the error message. */
  private static String outcome(CommandLine commandLine, String... args) {
    try {
      CommandLine.ParseResult parsed = commandLine.parseArgs(args);
      if (parsed.subcommand() == null) {
        return "root";
      }
      Arguments arguments = Arguments.from(parsed);
      return arguments.demo + " " + arguments.format + " " + arguments.query(0L, 86_400L);
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void theTreeBuiltForTheArgumentsParsesThemAsTheWholeTreeDoes() {
    String[][] cases = {
        {"costs", "--start", "2026-11-01", "--group-by", "project_id,line_item"},
        {"costs", "--start", "2026-11-01", "--group-by", "model"},
        {"completions", "--start", "0", "--bucket-width", "1h", "--models", "gpt-4o", "--format", "csv"},
        {"completions", "--start", "0", "--bucket-width", "2h"},
        {"demo"},
        {"demo", "images", "--start", "150"},
        {"demo", "--format", "csv", "costs"},
        {"demo", "--format", "json"},
        {"demo", "costz"},
        {"costz", "--start", "0"},
        {"vector-stores", "--start", "0", "--limit", "0"},
        {"decisions", "--start", "0", "--end", "0"},
    };
    for (String[] args : cases) {
      assertThat(outcome(Commands.create(args), args)).as(String.join(" ", args))
          .isEqualTo(outcome(Commands.create(), args));
    }
  }

  @Test
  void theTreeBuiltForTheArgumentsHoldsOnlyTheSubcommandTheyName() {
    assertThat(Commands.create(new String[] {"costs", "--start", "0"}).getSubcommands()).containsOnlyKeys("costs");
    assertThat(Commands.create(new String[] {"demo"}).getSubcommands().get("demo").getSubcommands()).isEmpty();
    assertThat(Commands.create(new String[] {"demo", "images"}).getSubcommands().get("demo").getSubcommands())
        .containsOnlyKeys("images");
    assertThat(Commands.create(new String[] {"demo", "spend"}).getSubcommands().get("demo").getSubcommands())
        .containsOnlyKeys("spend");
    assertThat(Commands.create(new String[] {"demo", "--help"}).getSubcommands().get("demo").getSubcommands())
        .hasSize(UsageEndpoint.values().length + 3); // the endpoints, serve, focus and spend
    assertThat(Commands.create(new String[] {"demo", "focus"}).getSubcommands().get("demo").getSubcommands())
        .containsOnlyKeys("focus");
    assertThat(Commands.create(new String[] {"--format", "csv"}).getSubcommands())
        .hasSize(Commands.create().getSubcommands().size());
  }
}
