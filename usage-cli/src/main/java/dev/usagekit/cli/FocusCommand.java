package dev.usagekit.cli;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.Project;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiProjects;
import dev.usagekit.rx.FocusExport;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code usage-report focus --start ... --output costs.focus.csv}: the organisation's costs as a FOCUS 1.2
 * CostAndUsage dataset in CSV, one row per costs result (daily buckets, by project and line item, and by API key or
 * user when asked), through {@link FocusExport}. {@code usage-report demo focus} exports the demo's costs.
 */
final class FocusCommand {
  static final String NAME = "focus";
  /** Notes printed one by one before the rest are only counted. */
  static final int MAX_NOTES = 20;
  static final List<String> EXTRA_GROUP_BY = Arrays.asList(GroupByField.API_KEY_ID.wireValue(),
      GroupByField.USER_ID.wireValue());

  private FocusCommand() {}

  /** The {@code focus} subcommand of {@code parent} ({@code usage-report} or {@code usage-report demo}). */
  static CommandLine command(String parent, boolean demo) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(NAME).name(NAME);
    String qualified = parent + " " + NAME;
    spec.usageMessage()
        .sortOptions(false)
        .customSynopsis(qualified + (demo ? " [" : " ") + Commands.START + "=<time>" + (demo ? "]" : "")
            + " [" + Commands.END + "=<time>] [" + Commands.OUTPUT + "=<file>] [options]")
        .description(
            "Exports the costs as a FOCUS 1.2 CostAndUsage dataset (the FinOps Foundation's open cost format), in "
                + "CSV: one row per costs result, per day, by project and line item.",
            "",
            "Results that cannot be a valid row (no amount, a currency that is no ISO 4217 code, a result type this "
                + "version does not know) are left out and said on stderr. docs/focus.md maps every column.")
        .footerHeading("%n")
        .footer(
            "Times are " + Times.FORMS + ". The window is [" + Commands.START + ", " + Commands.END + ").",
            demo
                ? "This is the demo: the fake API on 127.0.0.1 answers, with synthetic data."
                : "The key comes from " + Commands.ADMIN_KEY_VARIABLE + "; without it this exits 2 ('"
                    + Commands.NAME + " " + Commands.DEMO + " " + NAME + "' runs the demo).");
    spec.addOption(OptionSpec.builder(Commands.START)
        .paramLabel("<time>")
        .type(Long.class)
        .converters(new Times.Converter())
        .description("Start of the export, inclusive. " + (demo ? "Default: the first day of the demo." : "Required."))
        .build());
    spec.addOption(OptionSpec.builder(Commands.END)
        .paramLabel("<time>")
        .type(Long.class)
        .converters(new Times.Converter())
        .description("End of the export, exclusive. Default: " + (demo ? "the end of the demo's 30 days." : "now."))
        .build());
    spec.addOption(OptionSpec.builder("-o", Commands.OUTPUT)
        .paramLabel("<file>")
        .type(File.class)
        .description("Write the CSV to this file (replaced only once the export is complete) instead of stdout.")
        .build());
    spec.addOption(OptionSpec.builder(Commands.GROUP_BY)
        .paramLabel("<field>")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .splitRegex(",")
        .completionCandidates(EXTRA_GROUP_BY)
        .converters(FocusCommand::groupBy)
        .description("Also group by: " + String.join(", ", EXTRA_GROUP_BY) + " (columns x_ApiKeyId, x_UserId). "
            + "Project and line item are always grouped by.")
        .build());
    spec.addOption(OptionSpec.builder(Commands.NO_PROJECT_NAMES)
        .arity("0")
        .type(Boolean.class)
        .description("Do not list the organisation's projects for SubAccountName; names the results carry are "
            + "still used, else the project id.")
        .build());
    return Commands.withBaseUrlAndHelp(spec, !demo);
  }

  private static String groupBy(String value) {
    String field = value.trim();
    if (!EXTRA_GROUP_BY.contains(field)) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a group_by field of " + NAME
          + "; allowed: " + String.join(", ", EXTRA_GROUP_BY));
    }
    return field;
  }

  /** The parse result of {@code focus} when the command line asks for it ({@code focus} or {@code demo focus}). */
  static @Nullable ParseResult requested(ParseResult parsed) {
    return Commands.requested(parsed, NAME);
  }

  /** Checks every option, then exports; returns the exit code. */
  static int execute(ParseResult parsed, ParseResult focus, @Nullable String key, Clock clock, RetryPolicy retryPolicy,
      PrintStream out, PrintStream err, UnaryOperator<String> redact) throws IOException {
    CommandLine where = focus.commandSpec().commandLine();
    boolean demo = Commands.DEMO.equals(parsed.subcommand().commandSpec().name());
    File output = focus.matchedOptionValue(Commands.OUTPUT, (File) null);
    List<GroupByField> more = new ArrayList<>();
    for (String field : focus.matchedOptionValue(Commands.GROUP_BY, Collections.<String>emptyList())) {
      GroupByField groupBy = GroupByField.fromWireValue(field);
      if (!more.contains(groupBy)) {
        more.add(groupBy);
      }
    }
    boolean listProjects = !focus.matchedOptionValue(Commands.NO_PROJECT_NAMES, false);
    Long start = focus.matchedOptionValue(Commands.START, (Long) null);
    Long end = focus.matchedOptionValue(Commands.END, (Long) null);
    String baseUrl = null;
    // Every option is checked before any work starts: no demo, no request, no file.
    ReportOutput.check(where, output);
    if (!demo) {
      if (key == null) {
        throw new ParameterException(where, Commands.ADMIN_KEY_VARIABLE + " is not set: put an organization admin "
            + "key in the environment (export " + Commands.ADMIN_KEY_VARIABLE + "=sk-admin-...; never as an "
            + "option), or run '" + Commands.NAME + " " + Commands.DEMO + " " + NAME + "' for the built-in demo data");
      }
      if (start == null) {
        throw new ParameterException(where, "Missing required option '" + Commands.START + "=<time>': " + Times.FORMS);
      }
      baseUrl = baseUrl(where, focus.matchedOptionValue(Commands.BASE_URL, Commands.DEFAULT_BASE_URL));
      if (end == null) {
        end = clock.instant().getEpochSecond();
      }
      checkWindow(where, start, end);
    } else if (start != null && end != null) {
      checkWindow(where, start, end);
    }
    Demo fake = null;
    OkHttpClient.Builder client = new OkHttpClient.Builder()
        .connectTimeout(15, TimeUnit.SECONDS)
        .readTimeout(60, TimeUnit.SECONDS);
    if (demo) {
      client.connectionSpecs(Collections.singletonList(ConnectionSpec.CLEARTEXT));
    }
    OkHttpClient http = client.build();
    try {
      FocusExport.Builder export = FocusExport.builder();
      if (demo) {
        try {
          fake = Demo.start(clock);
        } catch (IOException e) {
          err.println(Commands.NAME + ": could not start the demo's fake API on 127.0.0.1: " + e);
          return ExitCodes.NETWORK;
        }
        err.println(Commands.NAME + ": demo: exporting from " + fake.describe() + ".");
        key = fake.api.adminKey();
        baseUrl = fake.server.url();
        start = start != null ? start : fake.start();
        end = end != null ? end : fake.end();
        checkWindow(where, start, end);
        export.billingAccount(fake.organization.organizationId(), null);
      }
      UsageApi api;
      try {
        api = UsageApiFactory.builder().adminKey(key).baseUrl(baseUrl).client(http).build();
      } catch (IllegalArgumentException e) {
        boolean badKey = e.getMessage() != null && e.getMessage().startsWith("adminKey");
        throw new ParameterException(where, badKey
            ? "Invalid " + Commands.ADMIN_KEY_VARIABLE + ": " + e.getMessage().replace("adminKey", "the key")
            : "Invalid value for option '" + Commands.BASE_URL + "': " + e.getMessage());
      }
      if (listProjects) {
        export.projectNames(projectNames(api, err, redact));
      }
      int[] notes = {0};
      export.notes(note -> {
        if (++notes[0] <= MAX_NOTES) {
          err.println(redact.apply(Printable.visible(Commands.NAME + ": note: " + note)));
        }
      });
      UsageStreams streams = UsageStreams.builder(api).retryPolicy(retryPolicy).build();
      UsageQuery<CostsResult> query = FocusExport.query(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end),
          more.toArray(new GroupByField[0]));
      FocusExport exporter = export.build();
      PrintStream sink = ReportOutput.open(where, output, out);
      try {
        Writer text = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
        long rows = exporter.writeCsv(exporter.rows(streams.buckets(query)), text);
        text.flush();
        ReportOutput.commit(sink);
        if (notes[0] > MAX_NOTES) {
          err.println(Commands.NAME + ": note: " + (notes[0] - MAX_NOTES) + " more note(s) like those above.");
        }
        err.println(Commands.NAME + ": " + rows + " FOCUS row(s)" + (output != null ? " written to " + output : "")
            + ".");
        return ExitCodes.OK;
      } finally {
        ReportOutput.close(sink, out);
      }
    } finally {
      if (fake != null) {
        fake.close();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static void checkWindow(CommandLine where, long start, long end) {
    if (end <= start) {
      throw new ParameterException(where, "Invalid value for option '" + Commands.END + "': the end ("
          + Times.label(end, false) + ") must be after the start (" + Times.label(start, false) + ")");
    }
  }

  /** The base URL of {@code --base-url}, as the endpoint commands read it. */
  private static String baseUrl(CommandLine where, String value) {
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(value.trim());
    if (url == null || url.query() != null || url.fragment() != null) {
      throw new ParameterException(where, "Invalid value for option '" + Commands.BASE_URL + "': '" + value
          + "' is not an http or https base URL; for example " + Commands.DEFAULT_BASE_URL);
    }
    String path = url.encodedPath();
    path = "/".equals(path) ? "/v1/" : path.endsWith("/") ? path : path + "/";
    return url.newBuilder().encodedPath(path).build().toString();
  }

  /** Project names from one listing; none, with a note, when the key may not list them or the listing fails. */
  private static Map<String, String> projectNames(UsageApi api, PrintStream err, UnaryOperator<String> redact) {
    Map<String, String> byId = new LinkedHashMap<>();
    try {
      for (Project project : UsageApiProjects.all(api).blockingIterable()) {
        if (project.name() != null && !project.name().isEmpty()) {
          byId.put(project.id(), project.name());
        }
      }
    } catch (RuntimeException e) {
      err.println(redact.apply(Commands.NAME + ": note: the projects listing failed (" + Printable.visible(
          String.valueOf(e.getMessage())) + "); SubAccountName is the name the results carry, else the project id ("
          + Commands.NO_PROJECT_NAMES + " skips the listing)."));
      byId.clear();
    }
    return byId;
  }
}
