package dev.usagekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.Project;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiProjects;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.SpendForecast;
import dev.usagekit.rx.SpendStreams;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code usage-report spend}: the hard spend limit and its enforcement, the month-to-date, the month-end projection
 * with its interval, the days the limit and each spend alert would be crossed, then each project against its own
 * limit ({@link SpendForecast}). {@code usage-report demo spend} does the same against the demo's fake API, whose
 * organisation has a limit, two alerts and a project limit it crosses.
 */
final class SpendCommand {
  static final String NAME = "spend";
  static final String HISTORY_DAYS = "--history-days";
  /** The formats spend renders. */
  static final List<String> FORMATS = java.util.Arrays.asList("table", "csv", "json", "html");
  /** Project limits asked for at most (one request each): the projects that cost most first. */
  static final int MAX_PROJECT_LIMITS = 50;

  private SpendCommand() {}

  /** The {@code spend} subcommand of {@code parent} ({@code usage-report} or {@code usage-report demo}). */
  static CommandLine command(String parent, boolean demo) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(NAME).name(NAME);
    spec.usageMessage()
        .sortOptions(false)
        .customSynopsis(parent + " " + NAME + " [options]")
        .description(
            "Will the month's spend reach the hard limit? Prints, answer first: the organisation's hard spend limit "
                + "and whether it is enforcing, the month-to-date costs (complete days, UTC), the month-end "
                + "projection with a 90% interval, the day the limit and each spend alert would be crossed at the "
                + "current rate, then each project against its own limit. The method: docs/forecast.md.",
            "",
            demo
                ? "Demo: the demo's organisation has a limit, two alerts and a project limit it crosses."
                : "Needs an admin key that may read costs, the spend limit and spend alerts (" 
                    + Commands.ADMIN_KEY_VARIABLE + ").");
    spec.addOption(OptionSpec.builder(Commands.FORMAT)
        .paramLabel("<format>")
        .type(String.class)
        .converters(SpendCommand::format)
        .completionCandidates(FORMATS)
        .description("table (default), csv (one row per organisation and project), json, or html (one "
            + "self-contained page with a burn chart: actual per day, projection, limit line).")
        .build());
    spec.addOption(OptionSpec.builder(HISTORY_DAYS)
        .paramLabel("<days>")
        .type(Integer.class)
        .converters(SpendCommand::historyDays)
        .description("Complete days the daily averages are taken over (default "
            + SpendForecast.DEFAULT_HISTORY_DAYS + ", 1 to 90).")
        .build());
    return Commands.withBaseUrlAndHelp(spec, !demo);
  }

  /** The parse result of {@code spend} when the command line asks for it ({@code spend} or {@code demo spend}). */
  static @Nullable ParseResult requested(ParseResult parsed) {
    return Commands.requested(parsed, NAME);
  }

  private static String format(String value) {
    String format = value.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a format of spend; allowed: "
          + String.join(", ", FORMATS));
    }
    return format;
  }

  private static Integer historyDays(String value) {
    try {
      int days = Integer.parseInt(value.trim());
      if (days >= 1 && days <= 90) {
        return days;
      }
    } catch (NumberFormatException notANumber) {
      // below
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not allowed; allowed: a whole number of "
        + "days from 1 to 90");
  }

  /** Runs {@code spend}: every option was checked by the parse; the demo needs no key, the API does. */
  static int execute(ParseResult parsed, ParseResult spend, @Nullable String key, Clock clock,
      RetryPolicy retryPolicy, PrintStream out, PrintStream err) throws IOException {
    CommandLine where = spend.commandSpec().commandLine();
    boolean demo = Commands.DEMO.equals(parsed.subcommand().commandSpec().name());
    String format = spend.matchedOptionValue(Commands.FORMAT, "table");
    int historyDays = spend.matchedOptionValue(HISTORY_DAYS, SpendForecast.DEFAULT_HISTORY_DAYS);
    if (!demo && key == null) {
      throw new ParameterException(where, Commands.ADMIN_KEY_VARIABLE + " is not set: put an organization admin "
          + "key in the environment (export " + Commands.ADMIN_KEY_VARIABLE + "=sk-admin-...; never as an "
          + "option), or run '" + Commands.NAME + " " + Commands.DEMO + " " + NAME + "' for the built-in demo data");
    }
    Demo fake = null;
    OkHttpClient.Builder client = new OkHttpClient.Builder()
        .connectTimeout(15, TimeUnit.SECONDS)
        .readTimeout(60, TimeUnit.SECONDS);
    try {
      String baseUrl;
      if (demo) {
        fake = Demo.start(clock);
        err.println(Commands.NAME + ": demo: running against " + fake.describe() + ".");
        key = fake.api.adminKey();
        baseUrl = fake.server.url();
        client.connectionSpecs(Collections.singletonList(ConnectionSpec.CLEARTEXT));
      } else {
        baseUrl = spend.matchedOptionValue(Commands.BASE_URL, Commands.DEFAULT_BASE_URL);
      }
      OkHttpClient http = client.build();
      try {
        UsageApi api;
        try {
          api = dev.usagekit.retrofit.UsageApiFactory.builder().adminKey(key).baseUrl(baseUrl).client(http).build();
        } catch (IllegalArgumentException e) {
          boolean badKey = e.getMessage() != null && e.getMessage().startsWith("adminKey");
          throw new ParameterException(where, badKey
              ? "Invalid " + Commands.ADMIN_KEY_VARIABLE + ": " + e.getMessage().replace("adminKey", "the key")
              : "Invalid value for option '" + Commands.BASE_URL + "': " + e.getMessage());
        }
        Report report = fetch(api, retryPolicy, LocalDate.now(clock.withZone(ZoneOffset.UTC)), historyDays);
        render(report, format, out);
        return ExitCodes.OK;
      } finally {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  /** What the report shows: the forecast, project names, and what could not be read. */
  static final class Report {
    final SpendForecast forecast;
    final boolean limitRead;
    final Map<String, String> names;
    final boolean namesListed;
    final List<String> notes = new ArrayList<>();

    Report(SpendForecast forecast, boolean limitRead, Map<String, String> names, boolean namesListed) {
      this.forecast = forecast;
      this.limitRead = limitRead;
      this.names = names;
      this.namesListed = namesListed;
    }
  }

  /** Fetches costs, limit, alerts, project names and project limits, and forecasts. */
  static Report fetch(UsageApi api, RetryPolicy retryPolicy, LocalDate asOf, int historyDays) {
    UsageStreams streams = UsageStreams.builder(api).retryPolicy(retryPolicy).build();
    SpendStreams spend = SpendStreams.of(streams);
    SpendForecast.Builder builder = SpendForecast.builder(asOf).historyDays(historyDays);
    LocalDate first = builder.firstDayNeeded();
    long start = first.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long end = asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    List<String> notes = new ArrayList<>();
    if (end > start) {
      UsageQuery<?> costs = UsageQuery.costs().startTime(start).endTime(end)
          .groupBy(Collections.singletonList(GroupByField.PROJECT_ID)).limit(180).build();
      List<UsageTimeBucket> buckets = streams.buckets(costs).toList().blockingGet();
      builder.costs(buckets);
    }
    boolean limitRead = true;
    try {
      builder.limit(spend.organizationLimit().blockingGet());
    } catch (UsageApiException e) {
      if (e.statusCode() != 401 && e.statusCode() != 403) {
        throw e;
      }
      limitRead = false;
      notes.add("the key may not read the spend limit (HTTP " + e.statusCode() + "): no limit compared");
    }
    try {
      builder.alerts(spend.organizationAlerts().toList().blockingGet());
    } catch (UsageApiException e) {
      if (e.statusCode() != 401 && e.statusCode() != 403) {
        throw e;
      }
      notes.add("the key may not list spend alerts (HTTP " + e.statusCode() + "): none compared");
    }
    Map<String, String> names = new TreeMap<>();
    boolean namesListed = true;
    try {
      for (Project project : UsageApiProjects.all(api).toList().blockingGet()) {
        names.put(project.id(), project.name() != null ? project.name() : project.id());
      }
    } catch (RuntimeException e) {
      namesListed = false;
      notes.add("the projects could not be listed (" + e.getMessage() + "): ids shown instead of names");
    }
    // Project limits: of the projects with costs in the history and the month, the first ones by id.
    SpendForecast withoutProjectLimits = builder.build();
    int asked = 0;
    for (String projectId : withoutProjectLimits.projects().keySet()) {
      if (asked++ >= MAX_PROJECT_LIMITS) {
        notes.add("project limits read for the first " + MAX_PROJECT_LIMITS + " projects only");
        break;
      }
      try {
        SpendLimit limit = spend.projectLimit(projectId).blockingGet();
        if (limit != null) {
          builder.projectLimit(projectId, limit);
        }
      } catch (UsageApiException e) {
        if (e.statusCode() != 401 && e.statusCode() != 403) {
          throw e;
        }
        notes.add("the key may not read project " + projectId + "'s spend limit (HTTP " + e.statusCode() + ")");
      }
    }
    Report report = new Report(builder.build(), limitRead, names, namesListed);
    report.notes.addAll(notes);
    return report;
  }

  // --- rendering ------------------------------------------------------------------------------------------

  static void render(Report report, String format, PrintStream out) throws IOException {
    if (format.equals("csv")) {
      csv(report, out);
    } else if (format.equals("json")) {
      json(report, out);
    } else if (format.equals("html")) {
      html(report, out);
    } else {
      table(report, out);
    }
    out.flush();
  }

  private static String money(@Nullable BigDecimal amount, String currency) {
    if (amount == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
  }

  private static String name(Report report, String projectId) {
    String name = report.names.get(projectId);
    if (name != null) {
      return Printable.visible(name) + " (" + projectId + ")";
    }
    return projectId + (report.namesListed ? " (not listed: deleted?)" : "");
  }

  /** The lines every format shares, answer first. */
  static List<String> summary(Report report) {
    SpendForecast forecast = report.forecast;
    SpendForecast.Projection month = forecast.organization();
    String currency = forecast.currency();
    List<String> lines = new ArrayList<>();
    SpendLimit limit = forecast.limit();
    LocalDate crossing = forecast.limitCrossing();
    if (limit != null) {
      lines.add("Hard limit: " + money(limit.threshold(), currency) + " a month, " + limit.enforcement().status()
          + ". " + (crossing == null ? "Not reached this month at the current rate."
              : month.alreadyCrossed(limit.threshold()) ? "Reached on " + crossing + "."
                  : "Reached on " + crossing + " at the current rate."));
    } else if (report.limitRead && !hasLimitNote(forecast)) {
      lines.add("Hard limit: none set.");
    } else {
      lines.add("Hard limit: not compared (see the notes).");
    }
    lines.add("Month to date (" + forecast.monthStart() + " to " + forecast.asOf().minusDays(1) + ", complete days): "
        + money(month.monthToDate(), currency) + (month.monthToDate().signum() == 0 ? " (no costs yet this month)" : ""));
    lines.add("Projected month end (" + forecast.monthEnd() + "): " + money(month.projected(), currency)
        + ", 90% between " + money(month.low(), currency) + " and " + money(month.high(), currency)
        + " (daily average " + money(month.dailyMean(), currency) + ", trend " + month.trendPerDay() + " a day, over "
        + month.historyDays() + " days)");
    for (Map.Entry<SpendAlert, LocalDate> alert : forecast.alertCrossings().entrySet()) {
      lines.add("Alert " + Printable.visible(alert.getKey().id()) + " at " + money(alert.getKey().threshold(), currency)
          + ": " + (alert.getValue() == null ? "not reached this month"
              : (month.alreadyCrossed(alert.getKey().threshold()) ? "reached on " : "reached on ")
                  + alert.getValue() + (month.alreadyCrossed(alert.getKey().threshold()) ? "" : " at the current rate")));
    }
    for (Map.Entry<String, BigDecimal> other : forecast.monthToDateByCurrency().entrySet()) {
      if (!other.getKey().equals(currency)) {
        lines.add("Month to date in " + other.getKey() + ": " + money(other.getValue(), other.getKey()));
      }
    }
    return lines;
  }

  private static boolean hasLimitNote(SpendForecast forecast) {
    for (String note : forecast.notes()) {
      if (note.contains("hard limit")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> notes(Report report) {
    List<String> notes = new ArrayList<>(report.forecast.notes());
    notes.addAll(report.notes);
    return notes;
  }

  private static void table(Report report, PrintStream out) {
    for (String line : summary(report)) {
      out.println(line);
    }
    SpendForecast forecast = report.forecast;
    String currency = forecast.currency();
    if (!forecast.projects().isEmpty()) {
      out.println();
      out.println("Projects (" + currency + "):");
      int width = "project".length();
      for (String projectId : forecast.projects().keySet()) {
        width = Math.max(width, name(report, projectId).length());
      }
      String row = "%-" + width + "s %14s %14s %25s %14s  %s";
      out.println(String.format(Locale.ROOT, row, "project", "month to date", "projected", "90% interval", "limit",
          "limit reached").trim());
      for (Map.Entry<String, SpendForecast.Projection> e : byProjected(forecast).entrySet()) {
        SpendForecast.Projection p = e.getValue();
        SpendLimit limit = forecast.projectLimits().get(e.getKey());
        LocalDate crossing = forecast.projectLimitCrossing(e.getKey());
        out.println(String.format(Locale.ROOT, row, name(report, e.getKey()),
            String.format(Locale.ROOT, "%,.2f", p.monthToDate()), String.format(Locale.ROOT, "%,.2f", p.projected()),
            String.format(Locale.ROOT, "%,.2f to %,.2f", p.low(), p.high()),
            limit == null ? "none" : String.format(Locale.ROOT, "%,.2f", limit.threshold()),
            limit == null ? "" : crossing == null ? "not this month" : crossing.toString()).trim());
      }
    }
    List<String> notes = notes(report);
    if (!notes.isEmpty()) {
      out.println();
      for (String note : notes) {
        out.println("Note: " + Printable.visible(note));
      }
    }
  }

  /** The projects, the one projected to cost most first. */
  private static Map<String, SpendForecast.Projection> byProjected(SpendForecast forecast) {
    List<Map.Entry<String, SpendForecast.Projection>> entries = new ArrayList<>(forecast.projects().entrySet());
    entries.sort((a, b) -> {
      int c = b.getValue().projected().compareTo(a.getValue().projected());
      return c != 0 ? c : a.getKey().compareTo(b.getKey());
    });
    Map<String, SpendForecast.Projection> sorted = new LinkedHashMap<>();
    for (Map.Entry<String, SpendForecast.Projection> e : entries) {
      sorted.put(e.getKey(), e.getValue());
    }
    return sorted;
  }

  private static final String CSV_HEADER = "scope,project_id,project_name,currency,month_to_date,projected,low,high,"
      + "limit,limit_status,limit_reached_on,as_of";

  private static void csv(Report report, PrintStream out) {
    SpendForecast forecast = report.forecast;
    String currency = forecast.currency();
    out.print(CSV_HEADER + "\r\n");
    SpendLimit limit = forecast.limit();
    csvRow(out, "organization", "", "", currency, forecast.organization(), limit, forecast.limitCrossing(),
        forecast.asOf());
    for (Map.Entry<String, SpendForecast.Projection> e : byProjected(forecast).entrySet()) {
      String name = report.names.get(e.getKey());
      csvRow(out, "project", e.getKey(), name != null ? name : "", currency, e.getValue(),
          forecast.projectLimits().get(e.getKey()), forecast.projectLimitCrossing(e.getKey()), forecast.asOf());
    }
  }

  private static void csvRow(PrintStream out, String scope, String projectId, String name, String currency,
      SpendForecast.Projection p, @Nullable SpendLimit limit, @Nullable LocalDate crossing, LocalDate asOf) {
    String[] cells = {scope, projectId, name, currency, p.monthToDate().toPlainString(), p.projected().toPlainString(),
        p.low().toPlainString(), p.high().toPlainString(), limit == null ? "" : limit.threshold().toPlainString(),
        limit == null ? "" : limit.enforcement().status(), crossing == null ? "" : crossing.toString(),
        asOf.toString()};
    StringBuilder row = new StringBuilder();
    for (String cell : cells) {
      row.append(row.length() == 0 ? "" : ",").append(CsvReport.quote(Printable.csvCell(cell)));
    }
    out.print(row + "\r\n");
  }

  private static void json(Report report, PrintStream out) throws IOException {
    SpendForecast forecast = report.forecast;
    JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
    ObjectNode root = nodes.objectNode();
    root.put("as_of", forecast.asOf().toString());
    root.put("month_start", forecast.monthStart().toString());
    root.put("month_end", forecast.monthEnd().toString());
    root.put("currency", forecast.currency());
    SpendLimit limit = forecast.limit();
    if (limit != null) {
      root.set("limit", new ObjectMapper().valueToTree(limit));
    } else {
      root.putNull("limit");
    }
    root.put("limit_reached_on", forecast.limitCrossing() != null ? forecast.limitCrossing().toString() : null);
    root.set("organization", projection(nodes, forecast.organization()));
    ArrayNode alerts = root.putArray("alerts");
    for (Map.Entry<SpendAlert, LocalDate> alert : forecast.alertCrossings().entrySet()) {
      alerts.addObject().put("id", alert.getKey().id()).put("threshold", alert.getKey().threshold())
          .put("reached_on", alert.getValue() != null ? alert.getValue().toString() : null);
    }
    ObjectNode mtd = root.putObject("month_to_date_by_currency");
    for (Map.Entry<String, BigDecimal> e : forecast.monthToDateByCurrency().entrySet()) {
      mtd.put(e.getKey(), e.getValue());
    }
    ArrayNode projects = root.putArray("projects");
    for (Map.Entry<String, SpendForecast.Projection> e : byProjected(forecast).entrySet()) {
      ObjectNode project = projection(nodes, e.getValue());
      project.put("project_id", e.getKey());
      project.put("project_name", report.names.get(e.getKey()));
      SpendLimit projectLimit = forecast.projectLimits().get(e.getKey());
      project.put("limit", projectLimit != null ? projectLimit.threshold() : null);
      LocalDate crossing = forecast.projectLimitCrossing(e.getKey());
      project.put("limit_reached_on", crossing != null ? crossing.toString() : null);
      projects.add(project);
    }
    ArrayNode notes = root.putArray("notes");
    for (String note : notes(report)) {
      notes.add(note);
    }
    out.print(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    out.print("\n");
  }

  private static void html(Report report, PrintStream out) {
    SpendForecast forecast = report.forecast;
    Map<String, String> page = new LinkedHashMap<>();
    page.put("css", HtmlReport.resource("report.css"));
    page.put("month", Html.text(forecast.monthStart().toString().substring(0, 7)));
    page.put("asOf", Html.text(forecast.asOf().toString()));
    page.put("currency", Html.text(forecast.currency()));
    StringBuilder summary = new StringBuilder();
    for (String line : summary(report)) {
      summary.append("<li>").append(Html.text(line)).append("</li>\n");
    }
    page.put("summary", summary.toString());
    SpendLimit limit = forecast.limit();
    page.put("chart", SvgBurnChart.render(forecast, forecast.organization(), limit != null ? limit.threshold() : null));
    StringBuilder projects = new StringBuilder("<table>\n<thead><tr><th>project</th><th>month to date</th>"
        + "<th>projected</th><th>90% interval</th><th>limit</th><th>limit reached</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, SpendForecast.Projection> e : byProjected(forecast).entrySet()) {
      SpendForecast.Projection p = e.getValue();
      SpendLimit projectLimit = forecast.projectLimits().get(e.getKey());
      LocalDate crossing = forecast.projectLimitCrossing(e.getKey());
      projects.append("<tr><td>").append(Html.text(name(report, e.getKey()))).append("</td><td class=\"num\">")
          .append(p.monthToDate().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
          .append("</td><td class=\"num\">").append(p.projected().toPlainString()).append("</td><td class=\"num\">")
          .append(p.low().toPlainString()).append(" to ").append(p.high().toPlainString()).append("</td><td class=\"num\">")
          .append(projectLimit == null ? "none" : projectLimit.threshold().toPlainString()).append("</td><td>")
          .append(projectLimit == null ? "" : crossing == null ? "not this month" : crossing.toString())
          .append("</td></tr>\n");
    }
    projects.append("</tbody>\n</table>");
    page.put("projects", projects.toString());
    StringBuilder notes = new StringBuilder();
    List<String> all = notes(report);
    if (!all.isEmpty()) {
      notes.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
      for (String note : all) {
        notes.append("<li>").append(Html.text(note)).append("</li>\n");
      }
      notes.append("</ul>\n</section>\n");
    }
    page.put("notes", notes.toString());
    out.print(HtmlReport.fill(HtmlReport.resource("spend.html"), page));
  }

  private static ObjectNode projection(JsonNodeFactory nodes, SpendForecast.Projection p) {
    ObjectNode node = nodes.objectNode();
    node.put("month_to_date", p.monthToDate());
    node.put("projected", p.projected());
    node.put("low", p.low());
    node.put("high", p.high());
    node.put("daily_mean", p.dailyMean());
    node.put("trend_per_day", p.trendPerDay());
    node.put("history_days", p.historyDays());
    return node;
  }
}
