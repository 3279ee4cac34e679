package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.logging.HttpLoggingInterceptor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command tree of {@code usage-report}, built from the {@link UsageEndpoint} table: one
 * subcommand per endpoint with that endpoint's bucket widths, {@code group_by} fields and filters,
 * and {@code demo}, which holds the same subcommands again.
 */
final class Commands {
  static final String NAME = "usage-report";
  static final String DEMO = "demo";
  /** What {@code --version} prints. */
  static final String VERSION_LINE = NAME + " " + Version.VERSION + " (usagekit)";

  static final String START = "--start";
  static final String END = "--end";
  static final String BUCKET_WIDTH = "--bucket-width";
  static final String LIMIT = "--limit";
  static final String GROUP_BY = "--group-by";
  static final String FORMAT = "--format";
  static final String OUTPUT = "--output";
  static final String HTTP_LOG = "--http-log";
  static final String BASE_URL = "--base-url";
  static final String CONCURRENCY = "--concurrency";
  static final String CACHE = "--cache";
  /** The most sub-windows {@code --concurrency} lets the tool page at once. */
  static final int MAX_CONCURRENCY = 8;
  static final String CALL_TIMEOUT = "--call-timeout";
  static final String COLUMNS = "--columns";
  static final String NO_PROJECT_NAMES = "--no-project-names";
  static final String VERBOSE = "--verbose";
  static final String HELP = "--help";

  static final String ADMIN_KEY_VARIABLE = "OPENAI_ADMIN_KEY";
  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";

  private Commands() {}

  /**
   * Why the admin key of the environment cannot be used, given its raw value: {@code OPENAI_ADMIN_KEY is not set},
   * {@code ... is set but empty} (an {@code export OPENAI_ADMIN_KEY=} whose value did not arrive) or {@code ... holds
   * only spaces}.
   */
  static String keyMissing(@javax.annotation.Nullable String raw) {
    if (raw == null) {
      return ADMIN_KEY_VARIABLE + " is not set";
    }
    return ADMIN_KEY_VARIABLE + (raw.isEmpty() ? " is set but empty" : " holds only spaces");
  }

  /** The whole tree; each endpoint subcommand's user object is its {@link UsageEndpoint}. */
  static CommandLine create() {
    return tree(null);
  }

  /**
   * The tree {@code args} need: only the subcommand they name (and within {@code demo}, only its subcommand they
   * name), which parses and fails exactly as the whole tree would and starts in half the time; the whole tree
   * when they ask for help, name no subcommand or an unknown one (its message lists the others).
   */
  static CommandLine create(String[] args) {
    return tree(subcommandPath(args));
  }

  /**
   * The subcommand names {@code args} start with, or null when the whole tree is needed: {@code ["costs"]}, {@code
   * ["demo", "costs"]}, or {@code ["demo", ""]} for the demo alone (it then needs none of its subcommands).
   */
  static @Nullable List<String> subcommandPath(String[] args) {
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals(HELP) || arg.equals("help") || arg.equals("-V") || arg.equals("--version")) {
        return null;
      }
    }
    if (args.length == 0 || !isSubcommand(args[0], true)) {
      return null;
    }
    if (!args[0].equals(DEMO)) {
      return Collections.singletonList(args[0]);
    }
    if (args.length == 1) {
      return Arrays.asList(DEMO, "");
    }
    return isSubcommand(args[1], false) ? Arrays.asList(DEMO, args[1]) : Collections.singletonList(DEMO);
  }

  private static boolean isSubcommand(String name, boolean root) {
    if (name.equals(ServeCommand.NAME) || name.equals(FocusCommand.NAME) || name.equals(SpendCommand.NAME)
        || (root && name.equals(DEMO))) {
      return true;
    }
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      if (commandName(endpoint).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static CommandLine tree(@Nullable List<String> path) {
    CommandSpec root = CommandSpec.create()
        .name(NAME)
        .version(VERSION_LINE)
        .mixinStandardHelpOptions(true);
    root.usageMessage()
        .customSynopsis(
            NAME + " <endpoint> --start=<time> [options]",
            "       " + NAME + " demo [<endpoint> [options]]")
        .description(
            "Reports your organisation's OpenAI usage or costs: it fetches every page of one "
                + "endpoint of the Usage and Costs API and prints a table, CSV, the API's own JSON or an HTML page with charts.",
            "",
            "The admin key is read from the environment variable " + ADMIN_KEY_VARIABLE
                + ", never from an option (arguments show in ps), and is never printed. Without it a "
                + "report exits 2: demo data only ever comes from '" + NAME + " " + DEMO + "' (see below).")
        .commandListHeading("%nCommands (run '" + NAME + " <command> --help' for its options):%n")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes())
        .footerHeading("%n")
        .footer(
            "Demo: '" + NAME + " demo' starts a fake of the API on 127.0.0.1 (nothing leaves the "
                + "machine), loaded with a synthetic organisation (several projects, models, users "
                + "and API keys over 30 days, with costs), and prints its costs for those 30 days, "
                + "per day, grouped by project and line item. '" + NAME
                + " demo <endpoint> [options]' runs any report against it.",
            "",
            "Examples:",
            "  " + NAME + " demo",
            "  " + NAME + " costs --start 2026-11-01 --end 2026-12-01 \\",
            "      --group-by project_id,line_item",
            "  " + NAME + " completions --start 2026-11-01T00:00:00Z --bucket-width 1h \\",
            "      --group-by model --models gpt-4o-2024-08-06,gpt-4o-mini-2024-07-18 \\",
            "      --format csv",
            "  " + NAME + " images --start 1793404800 --sources image.generation \\",
            "      --format json",
            "  " + NAME + " focus --start 2026-01-01 --end 2027-01-01 \\",
            "      --output costs.focus.csv");
    CommandLine commandLine = new CommandLine(root);
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      if (path == null || path.get(0).equals(commandName(endpoint))) {
        commandLine.addSubcommand(commandName(endpoint), endpointCommand(endpoint, NAME, false));
      }
    }
    if (path == null || path.get(0).equals(DEMO)) {
      commandLine.addSubcommand(DEMO, demoCommand(path == null || path.size() < 2 ? null : path.get(1)));
    }
    if (path == null || path.get(0).equals(ServeCommand.NAME)) {
      commandLine.addSubcommand(ServeCommand.NAME, ServeCommand.command(NAME, false));
    }
    if (path == null || path.get(0).equals(FocusCommand.NAME)) {
      commandLine.addSubcommand(FocusCommand.NAME, FocusCommand.command(NAME, false));
    }
    if (path == null || path.get(0).equals(SpendCommand.NAME)) {
      commandLine.addSubcommand(SpendCommand.NAME, SpendCommand.command(NAME, false));
    }
    return commandLine;
  }

  /** The subcommand of an endpoint: the last segment of its path, with dashes. */
  static String commandName(UsageEndpoint endpoint) {
    String path = endpoint.path();
    return path.substring(path.lastIndexOf('/') + 1).replace('_', '-');
  }

  /** The option of a filter: {@code project_ids} is {@code --project-ids}. */
  static String optionName(UsageFilter filter) {
    return "--" + filter.wireValue().replace('_', '-');
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(Integer.toString(ExitCodes.OK), "success");
    codes.put(Integer.toString(ExitCodes.USAGE),
        "bad arguments (the message names the option and the allowed values)");
    codes.put(Integer.toString(ExitCodes.API_ERROR), "API error (status, the API's message, the request id)");
    codes.put(Integer.toString(ExitCodes.NETWORK), "network failure after retries");
    return codes;
  }

  /** @param only the one subcommand to add ("" for none), or null for all */
  private static CommandLine demoCommand(@Nullable String only) {
    CommandSpec demo = CommandSpec.create().name(DEMO);
    demo.addOption(helpOption());
    demo.addOption(formatOption());
    demo.addOption(outputOption());
    demo.addOption(noProjectNamesOption());
    demo.addOption(verboseOption());
    demo.addOption(httpLogOption());
    FollowReport.addOptions(demo);
    String qualified = NAME + " " + DEMO;
    demo.usageMessage()
        .sortOptions(false)
        .customSynopsis(
            qualified + " [" + FORMAT + "=<format>]",
            "       " + qualified + " <endpoint> [options]")
        .description(
            "Runs a report against a local fake of the API with synthetic data (no key needed).",
            "",
            "The fake listens on 127.0.0.1 (nothing leaves the machine) and holds a synthetic "
                + "organisation: several projects, models, users and API keys over the last 30 "
                + "days, with costs.",
            "",
            "Without an endpoint it prints the costs of those 30 days, per day, grouped by project "
                + "and line item: the same as '" + qualified + " costs "
                + GROUP_BY + "=project_id,line_item'. With an endpoint, " + START
                + " and " + END + " default to the demo's 30 days.")
        .commandListHeading("%nEndpoints:%n");
    CommandLine commandLine = new CommandLine(demo);
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      if (only == null || only.equals(commandName(endpoint))) {
        commandLine.addSubcommand(commandName(endpoint), endpointCommand(endpoint, qualified, true));
      }
    }
    if (only == null || only.equals(ServeCommand.NAME)) {
      commandLine.addSubcommand(ServeCommand.NAME, ServeCommand.command(qualified, true));
    }
    if (only == null || only.equals(FocusCommand.NAME)) {
      commandLine.addSubcommand(FocusCommand.NAME, FocusCommand.command(qualified, true));
    }
    if (only == null || only.equals(SpendCommand.NAME)) {
      commandLine.addSubcommand(SpendCommand.NAME, SpendCommand.command(qualified, true));
    }
    return commandLine;
  }

  private static CommandLine endpointCommand(UsageEndpoint endpoint, String parent, boolean demo) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(endpoint).name(commandName(endpoint));
    String qualified = parent + " " + commandName(endpoint);
    spec.usageMessage()
        .sortOptions(false)
        .customSynopsis(qualified + (demo ? " [" : " ") + START + "=<time>"
            + (demo ? "]" : "") + " [options]")
        .description(
            title(endpoint) + ": GET /v1/" + endpoint.path() + ".",
            "Fetches every page of the window and prints one report.")
        .footerHeading("%n")
        .footer(
            "Times are " + Times.FORMS + ". The window is [" + START + ", " + END + ").",
            demo
                ? "This is the demo: the fake API on 127.0.0.1 answers, with synthetic data."
                : "The key comes from " + ADMIN_KEY_VARIABLE + "; without it this exits 2 ('" + NAME + " "
                    + DEMO + " " + commandName(endpoint) + "' runs the demo).");
    spec.addOption(OptionSpec.builder(START)
        .paramLabel("<time>")
        .type(Long.class)
        .converters(new Times.Converter())
        .description("Start of the report, inclusive. "
            + (demo ? "Default: the first day of the demo." : "Required."))
        .build());
    spec.addOption(OptionSpec.builder(END)
        .paramLabel("<time>")
        .type(Long.class)
        .converters(new Times.Converter())
        .description("End of the report, exclusive. Default: "
            + (demo ? "the end of the demo's 30 days." : "now."))
        .build());
    spec.addOption(OptionSpec.builder(BUCKET_WIDTH)
        .paramLabel("<width>")
        .type(BucketWidth.class)
        .completionCandidates(wireValues(endpoint.bucketWidths()))
        .converters(new BucketWidthConverter(endpoint))
        .description("Width of each bucket: " + join(wireValues(endpoint.bucketWidths()))
            + " (default " + endpoint.defaultBucketWidth().wireValue() + ").")
        .build());
    spec.addOption(OptionSpec.builder(LIMIT)
        .paramLabel("<n>")
        .type(Integer.class)
        .converters(new LimitConverter())
        .description("Buckets per page: " + limits(endpoint)
            + ". Every page of the window is fetched whatever the page size.")
        .build());
    spec.addOption(OptionSpec.builder(GROUP_BY)
        .paramLabel("<field>")
        .type(List.class)
        .auxiliaryTypes(GroupByField.class)
        .splitRegex(",")
        .completionCandidates(wireValues(endpoint.groupByFields()))
        .converters(new GroupByConverter(endpoint))
        .description("Group the results of each bucket by: " + join(wireValues(endpoint.groupByFields()))
            + ". Repeat the option or separate fields with commas.")
        .build());
    for (UsageFilter filter : endpoint.filters()) {
      spec.addOption(filterOption(endpoint, filter));
    }
    List<String> metrics = metricNames(endpoint);
    if (!metrics.isEmpty()) {
      spec.addOption(OptionSpec.builder(COLUMNS)
          .paramLabel("<metric>")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .splitRegex(",")
          .completionCandidates(metrics)
          .converters(new ColumnConverter(endpoint, metrics))
          .description("The metrics the table shows, in this order: " + join(metrics) + ". Default: those "
              + "that are no part of another, where not zero (csv and json have every field).")
          .build());
    }
    spec.addOption(formatOption());
    spec.addOption(outputOption());
    spec.addOption(noProjectNamesOption());
    spec.addOption(verboseOption());
    spec.addOption(httpLogOption());
    spec.addOption(OptionSpec.builder(CALL_TIMEOUT)
        .paramLabel("<duration>")
        .type(java.time.Duration.class)
        .converters(new FollowReport.DurationConverter(CALL_TIMEOUT, java.time.Duration.ofSeconds(1)))
        .description("The most one HTTP call may take, body included, at least 1s (default 60s): a server "
            + "that trickles a page ends the call. 30s, 5m or ISO-8601 (PT30S).")
        .build());
    spec.addOption(OptionSpec.builder(CONCURRENCY)
        .paramLabel("<n>")
        .type(Integer.class)
        .converters(new ConcurrencyConverter())
        .description("Page this many parts of the window at the same time, 1 to " + MAX_CONCURRENCY
            + " (default 1: one request after the other). The report is the same; json is always "
            + "fetched page after page, as the API sent it.")
        .build());
    spec.addOption(OptionSpec.builder(CACHE)
        .paramLabel("<dir>")
        .type(java.io.File.class)
        .description("Keep final buckets (ended over an hour ago) in this directory and "
            + "fetch only what it does not hold: a report of a closed window runs again without a request. "
            + "Off unless given; the files (one per day of buckets) hold usage data, and a hash of the "
            + "key and server, never the key. A file that cannot be read is fetched again, with one "
            + "warning. Not used by json or --follow.")
        .build());
    FollowReport.addOptions(spec);
    if (!demo) {
      spec.addOption(OptionSpec.builder(BASE_URL)
          .paramLabel("<url>")
          .type(String.class)
          .description(DEFAULT_BASE_URL + " unless set: the base URL of the API (for a proxy or a "
              + "test server).")
          .build());
    }
    spec.addOption(helpOption());
    return new CommandLine(spec);
  }

  private static OptionSpec filterOption(UsageEndpoint endpoint, UsageFilter filter) {
    if (filter.isBoolean()) {
      return OptionSpec.builder(optionName(filter))
          .paramLabel("true|false")
          .type(Boolean.class)
          .arity("1")
          .converters(new BooleanConverter())
          .description("true: only batch jobs; false: only the others (filter " + filter.wireValue()
              + "). Default: both.")
          .build();
    }
    String wire = filter.wireValue();
    String label = wire.endsWith("_ids") ? "<id>" : "<" + wire.substring(0, wire.length() - 1) + ">";
    String allowed = filter.allowedValues().isEmpty()
        ? ""
        : ": " + join(new ArrayList<>(filter.allowedValues()));
    return OptionSpec.builder(optionName(filter))
        .paramLabel(label)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .splitRegex(",")
        .completionCandidates(filter.allowedValues().isEmpty() ? null : filter.allowedValues())
        .converters(new FilterValueConverter(endpoint, filter))
        .description("Only results of these " + words(wire) + allowed
            + " (filter " + wire + "). Repeat the option or separate values with commas.")
        .build();
  }

  private static OptionSpec formatOption() {
    return OptionSpec.builder(FORMAT)
        .paramLabel("<format>")
        .type(OutputFormat.class)
        .converters(new FormatConverter())
        .completionCandidates(formatNames())
        .description(
            "table (default): per bucket and per group, with totals; csv: one row per result, "
                + "with a header; json: the buckets exactly as the API sent them, every page, as "
                + "one JSON array; html: one self-contained page with charts (no network needed to "
                + "open it).")
        .build();
  }

  private static OptionSpec outputOption() {
    return OptionSpec.builder("-o", OUTPUT)
        .paramLabel("<file>")
        .type(java.io.File.class)
        .description("Write the report to this file (replaced if it exists) instead of stdout; "
            + "stdout stays empty. Any format.")
        .build();
  }

  private static OptionSpec noProjectNamesOption() {
    return OptionSpec.builder(NO_PROJECT_NAMES)
        .arity("0")
        .type(Boolean.class)
        .description("Do not list the organisation's projects, users and API keys (GET /organization/projects, "
            + "/organization/users and each project's /api_keys, once per run, when the report groups by "
            + "project_id, user_id or api_key_id) to show names beside their ids; names the results carry are "
            + "still shown.")
        .build();
  }

  private static OptionSpec verboseOption() {
    return OptionSpec.builder("-v", VERBOSE)
        .arity("0")
        .type(Boolean.class)
        .description("Say on stderr what is retried, which attempt and when, even when stderr is no terminal "
            + "(on a terminal it always does).")
        .build();
  }

  private static OptionSpec httpLogOption() {
    return OptionSpec.builder(HTTP_LOG)
        .paramLabel("<level>")
        .type(HttpLoggingInterceptor.Level.class)
        .converters(new HttpLogConverter())
        .completionCandidates(httpLogLevels())
        .description("Log the HTTP traffic to stderr: none (default); basic: one line per request and "
            + "response, with its request id; headers: and the headers; body: and the bodies. The "
            + "Authorization header and other credentials are always redacted.")
        .build();
  }

  private static List<String> httpLogLevels() {
    List<String> names = new ArrayList<>();
    for (HttpLoggingInterceptor.Level level : HttpLoggingInterceptor.Level.values()) {
      names.add(level.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /**
   * The parse result of the subcommand {@code name} ({@code serve}, {@code spend}, {@code focus}) when the command
   * line asks for it, as {@code name} or {@code demo name}; null otherwise.
   */
  static @Nullable ParseResult requested(ParseResult parsed, String name) {
    ParseResult command = parsed.subcommand();
    if (command != null && DEMO.equals(command.commandSpec().name())) {
      command = command.subcommand();
    }
    return command != null && name.equals(command.commandSpec().userObject()) ? command : null;
  }

  /**
   * Ends a subcommand's options as every subcommand ends them: {@code --base-url} where {@code addBaseUrl} (not
   * under {@code demo}, whose server is its own), then {@code --help}.
   */
  static CommandLine withBaseUrlAndHelp(CommandSpec spec, boolean addBaseUrl) {
    if (addBaseUrl) {
      spec.addOption(OptionSpec.builder(BASE_URL)
          .paramLabel("<url>")
          .type(String.class)
          .description("The API's base URL (default " + DEFAULT_BASE_URL + ").")
          .build());
    }
    spec.addOption(helpOption());
    return new CommandLine(spec);
  }

  private static OptionSpec helpOption() {
    return OptionSpec.builder("-h", HELP)
        .usageHelp(true)
        .description("Show this help message and exit.")
        .build();
  }

  /** "project IDs", "API key IDs", "context levels": a filter in words. */
  private static String words(String wire) {
    return (wire.replace('_', ' ') + " ").replace("api key", "API key").replace(" ids ", " IDs ").trim();
  }

  /** "Completions usage", "Costs": an endpoint in words, from its path. */
  static String title(UsageEndpoint endpoint) {
    String words = commandName(endpoint).replace('-', ' ');
    String sentence = Character.toUpperCase(words.charAt(0)) + words.substring(1);
    return endpoint.path().contains("/usage/") ? sentence + " usage" : sentence;
  }

  /** "1d: 1 to 31 (default 7); 1h: 1 to 168 (default 24)", from the endpoint table. */
  private static String limits(UsageEndpoint endpoint) {
    StringBuilder text = new StringBuilder();
    for (BucketWidth width : endpoint.bucketWidths()) {
      text.append(text.length() == 0 ? "" : "; ")
          .append(width.wireValue()).append(": 1 to ").append(endpoint.maxLimit(width))
          .append(" (default ").append(endpoint.defaultLimit(width)).append(')');
    }
    return text.toString();
  }

  static List<String> wireValues(Collection<? extends Enum<?>> values) {
    List<String> wire = new ArrayList<>();
    for (Enum<?> value : values) {
      wire.add(value instanceof BucketWidth
          ? ((BucketWidth) value).wireValue()
          : ((GroupByField) value).wireValue());
    }
    return wire;
  }

  private static List<String> formatNames() {
    List<String> names = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      names.add(format.optionValue());
    }
    return names;
  }

  static String join(Collection<String> values) {
    StringBuilder text = new StringBuilder();
    for (String value : values) {
      text.append(text.length() == 0 ? "" : ", ").append(value);
    }
    return text.toString();
  }

  private static CommandLine.TypeConversionException invalid(String value, String what, String name,
      Collection<String> allowed) {
    return new CommandLine.TypeConversionException(
        "'" + value + "' is not " + what + " of " + name + "; allowed: " + join(allowed));
  }

  /** {@code --bucket-width}: a width the endpoint accepts. */
  static final class BucketWidthConverter implements CommandLine.ITypeConverter<BucketWidth> {
    private final UsageEndpoint endpoint;

    BucketWidthConverter(UsageEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public BucketWidth convert(String value) {
      for (BucketWidth width : endpoint.bucketWidths()) {
        if (width.wireValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return width;
        }
      }
      throw invalid(value, "a bucket width", commandName(endpoint), wireValues(endpoint.bucketWidths()));
    }
  }

  /** {@code --group-by}: a field the endpoint accepts. */
  static final class GroupByConverter implements CommandLine.ITypeConverter<GroupByField> {
    private final UsageEndpoint endpoint;

    GroupByConverter(UsageEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public GroupByField convert(String value) {
      for (GroupByField field : endpoint.groupByFields()) {
        if (field.wireValue().equals(value.trim())) {
          return field;
        }
      }
      throw invalid(value, "a group_by field", commandName(endpoint), wireValues(endpoint.groupByFields()));
    }
  }

  /** A list filter's value: not blank, and one of the allowed values when the filter has them. */
  static final class FilterValueConverter implements CommandLine.ITypeConverter<String> {
    private final UsageEndpoint endpoint;
    private final UsageFilter filter;

    FilterValueConverter(UsageEndpoint endpoint, UsageFilter filter) {
      this.endpoint = endpoint;
      this.filter = filter;
    }

    @Override
    public String convert(String value) {
      String trimmed = value.trim();
      if (trimmed.isEmpty()) {
        throw new CommandLine.TypeConversionException("a value of " + filter.wireValue()
            + " must not be blank");
      }
      if (!filter.allowedValues().isEmpty() && !filter.allowedValues().contains(trimmed)) {
        throw invalid(value, "one of the " + filter.wireValue(), commandName(endpoint),
            filter.allowedValues());
      }
      return trimmed;
    }
  }

  /** The JSON names of the metrics of an endpoint's results, in JSON order. */
  static List<String> metricNames(UsageEndpoint endpoint) {
    List<String> names = new ArrayList<>();
    for (ResultField field : ResultFields.of(endpoint.resultType()).metrics()) {
      names.add(field.name());
    }
    return names;
  }

  /** {@code --columns}: a metric of the endpoint's results. */
  static final class ColumnConverter implements CommandLine.ITypeConverter<String> {
    private final UsageEndpoint endpoint;
    private final List<String> metrics;

    ColumnConverter(UsageEndpoint endpoint, List<String> metrics) {
      this.endpoint = endpoint;
      this.metrics = metrics;
    }

    @Override
    public String convert(String value) {
      String trimmed = value.trim();
      if (!metrics.contains(trimmed)) {
        throw invalid(value, "a metric", commandName(endpoint), metrics);
      }
      return trimmed;
    }
  }

  /** {@code --batch}: true or false. */
  static final class BooleanConverter implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      String lower = value.trim().toLowerCase(Locale.ROOT);
      if ("true".equals(lower) || "false".equals(lower)) {
        return Boolean.valueOf(lower);
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a boolean; allowed: true, false");
    }
  }

  /** {@code --limit}: a whole number; its range is checked once the bucket width is known. */
  static final class LimitConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.valueOf(value.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
    }
  }

  /** {@code --concurrency}: a whole number from 1 to {@link #MAX_CONCURRENCY}. */
  static final class ConcurrencyConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number between 1 and "
            + MAX_CONCURRENCY);
      }
      if (n < 1 || n > MAX_CONCURRENCY) {
        throw new CommandLine.TypeConversionException(n + " is not between 1 and " + MAX_CONCURRENCY);
      }
      return n;
    }
  }

  /** {@code --http-log}: none, basic, headers or body. */
  static final class HttpLogConverter implements CommandLine.ITypeConverter<HttpLoggingInterceptor.Level> {
    @Override
    public HttpLoggingInterceptor.Level convert(String value) {
      String lower = value.trim().toLowerCase(Locale.ROOT);
      for (HttpLoggingInterceptor.Level level : HttpLoggingInterceptor.Level.values()) {
        if (level.name().toLowerCase(Locale.ROOT).equals(lower)) {
          return level;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not an HTTP log level; allowed: "
          + join(httpLogLevels()));
    }
  }

  /** {@code --format}: table, csv, json or html. */
  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.fromOptionValue(value.trim().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The endpoint of an endpoint subcommand, or null for the root and {@code demo}. */
  static @Nullable UsageEndpoint endpointOf(CommandSpec spec) {
    Object user = spec.userObject();
    return user instanceof UsageEndpoint ? (UsageEndpoint) user : null;
  }
}
