package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.logging.HttpLoggingInterceptor;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What the command line asks for, read from picocli's parse result: the endpoint and its options,
 * or the demo's default report. Checks what needs several options at once ({@code --limit} against
 * the bucket width, {@code --end} after {@code --start}) and turns the query into a {@link
 * UsageQuery}, failing with a {@link ParameterException} that names the option.
 */
final class Arguments {
  /** The leaf command: the endpoint subcommand, or {@code demo}; errors are reported against it. */
  final CommandLine commandLine;
  /** {@code demo} was given. */
  final boolean demo;
  /** The endpoint; for the demo's default report, {@link UsageEndpoint#COSTS}. */
  final UsageEndpoint endpoint;
  /** No endpoint was given: the demo's default report. */
  final boolean demoDefault;
  /** {@code --format}, table unless given (to the endpoint, or to {@code demo} before it). */
  final OutputFormat format;
  /** {@code --output}: the file the report goes to; null for stdout. */
  @Nullable File output;
  /** {@code --http-log}: how much of the HTTP traffic goes to stderr; NONE unless given. */
  HttpLoggingInterceptor.Level httpLog = HttpLoggingInterceptor.Level.NONE;
  /** {@code --call-timeout}, or null for the factory's default. */
  @Nullable java.time.Duration callTimeout;
  /** {@code --concurrency}: how many sub-windows are paged at once; 1 unless given. */
  int concurrency = 1;
  /** {@code --cache}: the directory of final buckets; null (no cache) unless given. */
  @Nullable File cache;
  /** {@code --verbose}: retries said on stderr even when it is no terminal. */
  boolean verbose;
  /** Whether to list the projects for their names: not when {@code --no-project-names} was given. */
  boolean listProjects = true;
  /** {@code --columns}: the metrics of the table, or null for its default. */
  @Nullable List<String> columns;
  /** {@code --base-url}; null when not given, and always in the demo. */
  final @Nullable String baseUrl;
  private final @Nullable Long start;
  private final @Nullable Long end;
  private final @Nullable BucketWidth bucketWidth;
  private final @Nullable Integer limit;
  private final List<GroupByField> groupBy;
  private final ParseResult leaf;

  private Arguments(CommandLine commandLine, boolean demo, UsageEndpoint endpoint, boolean demoDefault,
      OutputFormat format, @Nullable String baseUrl, ParseResult leaf) {
    this.commandLine = commandLine;
    this.demo = demo;
    this.endpoint = endpoint;
    this.demoDefault = demoDefault;
    this.format = format;
    this.baseUrl = baseUrl;
    this.leaf = leaf;
    this.start = leaf.matchedOptionValue(Commands.START, null);
    this.end = leaf.matchedOptionValue(Commands.END, null);
    this.bucketWidth = leaf.matchedOptionValue(Commands.BUCKET_WIDTH, null);
    this.limit = leaf.matchedOptionValue(Commands.LIMIT, null);
    this.groupBy = demoDefault
        ? Arrays.asList(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM)
        : leaf.matchedOptionValue(Commands.GROUP_BY, Collections.<GroupByField>emptyList());
  }

  /**
   * Reads a parse result of {@link Commands#create()} whose help was not requested.
   *
   * @throws ParameterException when no endpoint was given, or options do not fit together
   */
  static Arguments from(ParseResult parsed) {
    ParseResult command = parsed.subcommand();
    if (command == null) {
      throw new ParameterException(parsed.commandSpec().commandLine(),
          "Missing the endpoint: one of " + endpoints() + ", or demo");
    }
    boolean demo = Commands.DEMO.equals(command.commandSpec().name());
    OutputFormat demoFormat = demo ? command.matchedOptionValue(Commands.FORMAT, (OutputFormat) null) : null;
    ParseResult leaf = demo ? command.subcommand() : command;
    File demoOutput = demo ? command.matchedOptionValue(Commands.OUTPUT, (File) null) : null;
    HttpLoggingInterceptor.Level demoHttpLog = demo
        ? command.matchedOptionValue(Commands.HTTP_LOG, HttpLoggingInterceptor.Level.NONE)
        : HttpLoggingInterceptor.Level.NONE;
    if (leaf == null) {
      Arguments arguments = new Arguments(command.commandSpec().commandLine(), true, UsageEndpoint.COSTS, true,
          demoFormat != null ? demoFormat : OutputFormat.TABLE, null, command);
      arguments.output = demoOutput;
      arguments.httpLog = demoHttpLog;
      arguments.listProjects = !command.matchedOptionValue(Commands.NO_PROJECT_NAMES, false);
      arguments.verbose = command.matchedOptionValue(Commands.VERBOSE, false);
      return arguments;
    }
    UsageEndpoint endpoint = Commands.endpointOf(leaf.commandSpec());
    if (endpoint == null) {
      throw new IllegalStateException("not an endpoint command: " + leaf.commandSpec().qualifiedName());
    }
    OutputFormat format = leaf.matchedOptionValue(Commands.FORMAT, demoFormat);
    String baseUrl = demo ? null : leaf.matchedOptionValue(Commands.BASE_URL, (String) null);
    Arguments arguments = new Arguments(leaf.commandSpec().commandLine(), demo, endpoint, false,
        format != null ? format : OutputFormat.TABLE, baseUrl, leaf);
    arguments.output = leaf.matchedOptionValue(Commands.OUTPUT, demoOutput);
    arguments.httpLog = leaf.matchedOptionValue(Commands.HTTP_LOG, demoHttpLog);
    arguments.callTimeout = leaf.matchedOptionValue(Commands.CALL_TIMEOUT, (java.time.Duration) null);
    arguments.concurrency = leaf.matchedOptionValue(Commands.CONCURRENCY, 1);
    arguments.cache = leaf.matchedOptionValue(Commands.CACHE, (File) null);
    arguments.verbose = leaf.matchedOptionValue(Commands.VERBOSE, false)
        || demo && command.matchedOptionValue(Commands.VERBOSE, false);
    arguments.listProjects = !leaf.matchedOptionValue(Commands.NO_PROJECT_NAMES, false)
        && !(demo && command.matchedOptionValue(Commands.NO_PROJECT_NAMES, false));
    List<String> columns = leaf.matchedOptionValue(Commands.COLUMNS, Collections.<String>emptyList());
    arguments.columns = columns.isEmpty() ? null : new java.util.ArrayList<>(new java.util.LinkedHashSet<>(columns));
    arguments.checkLimit();
    return arguments;
  }

  /**
   * The base URL of the API: {@code --base-url} as the user means it, or the default. A URL without a path
   * ({@code https://api.openai.com}, {@code http://127.0.0.1:8080}) means the API's {@code /v1/} there; a path is
   * kept as given (a proxy's own), with a slash at its end.
   *
   * @throws ParameterException naming {@code --base-url} when it is not an http or https URL
   */
  static String baseUrl(Arguments arguments) {
    if (arguments.baseUrl == null) {
      return Commands.DEFAULT_BASE_URL;
    }
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(arguments.baseUrl.trim());
    if (url == null) {
      throw new ParameterException(arguments.commandLine, "Invalid value for option '" + Commands.BASE_URL
          + "': '" + arguments.baseUrl + "' is not an http or https URL; for example " + Commands.DEFAULT_BASE_URL);
    }
    if (url.query() != null || url.fragment() != null) {
      throw new ParameterException(arguments.commandLine, "Invalid value for option '" + Commands.BASE_URL
          + "': '" + url + "' has a query or fragment; give the base URL alone, for example "
          + Commands.DEFAULT_BASE_URL);
    }
    String path = url.encodedPath();
    if ("/".equals(path)) {
      path = "/v1/";
    } else if (!path.endsWith("/")) {
      path = path + "/";
    }
    return url.newBuilder().encodedPath(path).build().toString();
  }

  /** Whether {@code --start} was given. */
  boolean hasStart() {
    return start != null;
  }

  /**
   * The query, with {@code defaultStart} and {@code defaultEnd} for a window the command line left
   * open (the demo's 30 days; or null to leave the end to the API, which means now).
   *
   * @throws ParameterException when the window is empty or the model rejects the query
   */
  UsageQuery<UsageResult> query(long defaultStart, @Nullable Long defaultEnd) {
    long from = start != null ? start : defaultStart;
    Long to = end != null ? end : (start != null ? null : defaultEnd);
    if (to != null && to <= from) {
      throw new ParameterException(commandLine, "Invalid value for option '" + Commands.END + "': "
          + Times.instant(to) + " is not after " + Commands.START + " (" + Times.instant(from) + ")");
    }
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(endpoint).startTime(from).groupBy(groupBy);
    if (to != null) {
      builder.endTime(to);
    }
    if (bucketWidth != null) {
      builder.bucketWidth(bucketWidth);
    }
    if (limit != null) {
      builder.limit(limit);
    }
    if (!demoDefault) {
      for (UsageFilter filter : endpoint.filters()) {
        String option = Commands.optionName(filter);
        if (filter.isBoolean()) {
          Boolean value = leaf.matchedOptionValue(option, (Boolean) null);
          if (value != null) {
            builder.batch(value);
          }
        } else {
          List<String> values = leaf.matchedOptionValue(option, Collections.<String>emptyList());
          if (!values.isEmpty()) {
            builder.filter(filter, values);
          }
        }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "Invalid arguments: " + optionNames(e.getMessage()));
    }
  }

  /** {@code --limit} within 1 and the maximum of the bucket width, from the endpoint table. */
  private void checkLimit() {
    if (limit == null) {
      return;
    }
    BucketWidth width = bucketWidth != null ? bucketWidth : endpoint.defaultBucketWidth();
    int max = endpoint.maxLimit(width);
    if (limit < 1 || limit > max) {
      throw new ParameterException(commandLine, "Invalid value for option '" + Commands.LIMIT + "': "
          + limit + " is out of range for " + width.wireValue() + " buckets of "
          + Commands.commandName(endpoint) + "; allowed: 1 to " + max);
    }
  }

  /** Replaces the API's parameter names in a message of the model by the options that set them. */
  static String optionNames(@Nullable String message) {
    if (message == null) {
      return "";
    }
    String text = message
        .replace("start_time", Commands.START)
        .replace("end_time", Commands.END)
        .replace("bucket_width", Commands.BUCKET_WIDTH)
        .replace("group_by", Commands.GROUP_BY);
    for (UsageFilter filter : UsageFilter.values()) {
      text = text.replace("filter " + filter.wireValue(), Commands.optionName(filter));
    }
    return text;
  }

  /** The option that sets an API parameter ({@code start_time} is {@code --start}), or null. */
  static @Nullable String optionFor(@Nullable String parameter) {
    if (parameter == null) {
      return null;
    }
    switch (parameter) {
      case "start_time":
        return Commands.START;
      case "end_time":
        return Commands.END;
      case "bucket_width":
        return Commands.BUCKET_WIDTH;
      case "limit":
        return Commands.LIMIT;
      case "group_by":
        return Commands.GROUP_BY;
      default:
        for (UsageFilter filter : UsageFilter.values()) {
          if (filter.wireValue().equals(parameter)) {
            return Commands.optionName(filter);
          }
        }
        return null;
    }
  }

  static String endpoints() {
    StringBuilder names = new StringBuilder();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      names.append(names.length() == 0 ? "" : ", ").append(Commands.commandName(endpoint));
    }
    return names.toString();
  }
}
