package dev.usagekit.cli;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.Project;
import dev.usagekit.model.ProjectApiKey;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.User;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiProjectApiKeys;
import dev.usagekit.retrofit.UsageApiProjects;
import dev.usagekit.retrofit.UsageApiUsers;
import dev.usagekit.retrofit.internal.KeyRedactor;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageDecodingException;
import dev.usagekit.rx.UsageNetworkException;
import dev.usagekit.rx.FileBucketStore;
import dev.usagekit.rx.UsageStreams;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.exceptions.CompositeException;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import retrofit2.HttpException;

/**
 * One run of {@code usage-report}: parses the arguments, picks the API (the real one, or the demo's
 * fake), pages through the query and writes the report, and returns the exit code. Writes nothing
 * but the report to {@code out}; messages go to {@code err}.
 */
final class ReportTool {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  /** Everything printed goes through it: the key of the environment never reaches out or err. */
  private final KeyRedactor redactor;
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private Clock clock = Clock.systemUTC();
  private Scheduler followTicks = FollowReport.defaultTicks();
  private long followMaxUpdates;
  private ServeCommand.Lifecycle serveLifecycle = ServeCommand.FOREVER;
  private java.time.Duration projectsDeadline = PROJECTS_DEADLINE;
  private @Nullable String adminKey;
  /** The progress and format of the report being written, for {@link #failed}. */
  private @Nullable Progress progress;
  private @Nullable OutputFormat format;

  /** The most projects whose names a report keeps: the rest show as ids (as {@link UsageSummary}'s groups). */
  static final int MAX_PROJECTS = dev.usagekit.rx.UsageSummary.MAX_GROUP_VALUES;
  /** The most projects whose API keys a report lists (one listing each), when no project_ids filter names them. */
  static final int MAX_KEY_PROJECTS = 100;
  /** How long the projects listing may take before the report goes on with ids. */
  static final java.time.Duration PROJECTS_DEADLINE = java.time.Duration.ofSeconds(10);
  /** The body cap of a page of the projects listing: a page of 100 projects is some 20 KB. */
  static final long PROJECTS_MAX_RESPONSE_BYTES = 1024L * 1024;

  /**
   * @param env the environment, where {@code OPENAI_ADMIN_KEY} is read
   * @param interactive whether stderr is a terminal: progress is shown, help is coloured
   */
  ReportTool(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
    this.env = Objects.requireNonNull(env, "env == null");
    this.out = Objects.requireNonNull(out, "out == null");
    this.err = Objects.requireNonNull(err, "err == null");
    this.interactive = interactive;
    String key = env.get(Commands.ADMIN_KEY_VARIABLE);
    String replacement = "<" + Commands.ADMIN_KEY_VARIABLE + ">";
    this.redactor = key == null || key.trim().isEmpty()
        ? new KeyRedactor(replacement) : new KeyRedactor(replacement, key, key.trim());
  }

  /** The retry policy of the page streams; tests set one without waits. */
  ReportTool retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /** The clock that places the demo's 30 days (and is the demo server's now). */
  ReportTool clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /**
   * For tests of {@code --follow}: the scheduler of the poll timer, and a number of updates after which the
   * report stops (0: until interrupted).
   */
  ReportTool follow(Scheduler ticks, long maxUpdates) {
    this.followTicks = Objects.requireNonNull(ticks, "ticks == null");
    this.followMaxUpdates = maxUpdates;
    return this;
  }

  /** For tests of the projects listing: how long it may take before the report goes on with ids. */
  ReportTool projectsDeadline(java.time.Duration deadline) {
    this.projectsDeadline = Objects.requireNonNull(deadline, "deadline == null");
    return this;
  }

  /** For tests of {@code serve}: told the address once it serves, and serves until it returns. */
  ReportTool serve(ServeCommand.Lifecycle lifecycle) {
    this.serveLifecycle = Objects.requireNonNull(lifecycle, "lifecycle == null");
    return this;
  }

  int run(String[] args) {
    Objects.requireNonNull(args, "args == null");
    CommandLine commandLine = Commands.create(args);
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(interactive ? Ansi.AUTO : Ansi.OFF));
    commandLine.setExecutionStrategy(this::execute);
    commandLine.setParameterExceptionHandler(this::usageError);
    commandLine.setExitCodeExceptionMapper(ReportTool::exitCode);
    commandLine.setExecutionExceptionHandler(this::failed);
    return commandLine.execute(args);
  }

  /** Runs a parsed command line: help, or a report; a failure goes to {@link #failed}. */
  private int execute(ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    ParseResult focus = FocusCommand.requested(parsed);
    if (focus != null) {
      try {
        return FocusCommand.execute(parsed, focus, adminKey(), clock, retryPolicy, out, err, this::redact);
      } catch (ParameterException e) {
        throw e;
      } catch (Exception | Error e) {
        throw new CommandLine.ExecutionException(focus.commandSpec().commandLine(), "", e);
      }
    }
    ParseResult serve = ServeCommand.requested(parsed);
    if (serve != null) {
      try {
        return ServeCommand.execute(parsed, serve, adminKey(), env.get(Commands.ADMIN_KEY_VARIABLE), clock,
            retryPolicy, err, this::redact, serveLifecycle);
      } catch (ParameterException e) {
        throw e;
      } catch (Exception | Error e) {
        throw new CommandLine.ExecutionException(serve.commandSpec().commandLine(), "", e);
      }
    }
    ParseResult spend = SpendCommand.requested(parsed);
    if (spend != null) {
      try {
        return SpendCommand.execute(parsed, spend, adminKey(), clock, retryPolicy, out, err);
      } catch (ParameterException e) {
        throw e;
      } catch (Exception | Error e) {
        throw new CommandLine.ExecutionException(spend.commandSpec().commandLine(), "", e);
      }
    }
    Arguments arguments = Arguments.from(parsed);
    try {
      return execute(arguments);
    } catch (ParameterException e) {
      throw e;
    } catch (Exception | Error e) {
      throw new CommandLine.ExecutionException(arguments.commandLine, "", e);
    }
  }

  private int execute(Arguments arguments) throws IOException {
    String key = adminKey();
    // Every option is checked before any work starts: no demo banner, no request, no file.
    FollowReport.from(arguments);
    ReportOutput.check(arguments);
    String baseUrl = Arguments.baseUrl(arguments);
    if (arguments.demo) {
      return demo(arguments, "demo: running against ");
    }
    if (key == null) {
      // Never demo data in place of a real report: a cron job would store it and call it success.
      throw new ParameterException(arguments.commandLine, Commands.keyMissing(env.get(Commands.ADMIN_KEY_VARIABLE))
          + ": put an "
          + "organization admin key in the environment (export " + Commands.ADMIN_KEY_VARIABLE
          + "=sk-admin-...; never as an option), or run '" + Commands.NAME + " " + Commands.DEMO + " "
          + arguments.commandLine.getCommandName() + "' for the built-in demo data");
    }
    if (!arguments.hasStart()) {
      throw new ParameterException(arguments.commandLine,
          "Missing required option '" + Commands.START + "=<time>': " + Times.FORMS);
    }
    UsageQuery<UsageResult> query = arguments.query(0L, null);
    return report(arguments, query, key, baseUrl, false);
  }

  private int demo(Arguments arguments, String what) throws IOException {
    Demo demo;
    try {
      demo = Demo.start(clock);
    } catch (IOException e) {
      err.println(redact(Commands.NAME + ": could not start the demo's fake API on 127.0.0.1: " + e));
      return ExitCodes.NETWORK;
    }
    try {
      UsageQuery<UsageResult> query = arguments.query(demo.start(), demo.end());
      err.println(Commands.NAME + ": " + what + demo.describe() + ".");
      if (arguments.demoDefault) {
        err.println(Commands.NAME + ": demo: the costs of those days, grouped by project and line item "
            + "(see '" + Commands.NAME + " " + Commands.DEMO + " --help').");
      }
      return report(arguments, query, demo.api.adminKey(), demo.server.url(), true);
    } finally {
      demo.close();
    }
  }

  /** Decides what to fetch for the report, fetches it and hands it to the renderer of the format. */
  private int report(Arguments arguments, UsageQuery<UsageResult> query, String key, String baseUrl,
      boolean demo) throws IOException {
    FollowReport follow = FollowReport.from(arguments);
    OutputFormat format = arguments.format;
    PageBodies bodies = new PageBodies(format == OutputFormat.JSON && follow == null);
    // A progress line redrawn in place would garble the HTTP log on the same stderr.
    Progress progress = new Progress(err, interactive && arguments.httpLog == HttpLoggingInterceptor.Level.NONE);
    OkHttpClient.Builder client = new OkHttpClient.Builder()
        .connectTimeout(15, TimeUnit.SECONDS)
        .readTimeout(60, TimeUnit.SECONDS)
        .addInterceptor(bodies);
    if (demo) {
      // The demo's server is plain HTTP on loopback: a client without TLS skips loading the JDK's TLS stack.
      client.connectionSpecs(Collections.singletonList(ConnectionSpec.CLEARTEXT));
    }
    if (interactive || arguments.verbose) {
      client.addInterceptor(new RetryNotices(err, retryPolicy, progress));
    }
    OkHttpClient http = client.build();
    try {
      UsageApi api;
      UsageApi listing;
      try {
        UsageApiFactory.Builder factory = UsageApiFactory.builder().adminKey(key).baseUrl(baseUrl).client(http)
            .maxResponseBytes(PageLimit.ofThisJvm());
        if (arguments.callTimeout != null) {
          factory.callTimeout(arguments.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (arguments.httpLog != HttpLoggingInterceptor.Level.NONE) {
          // Redacted twice: by the factory (credential headers, the key it was given), and here (the key of the
          // environment, which the demo does not use but must not print either).
          factory.httpLogging(arguments.httpLog, message -> err.println(redact(message)));
        }
        api = factory.build();
        listing = factory.maxResponseBytes(Math.min(PROJECTS_MAX_RESPONSE_BYTES, PageLimit.ofThisJvm())).build();
      } catch (IllegalArgumentException e) {
        boolean badKey = e.getMessage() != null && e.getMessage().startsWith("adminKey");
        throw new ParameterException(arguments.commandLine, badKey
            ? "Invalid " + Commands.ADMIN_KEY_VARIABLE + ": " + e.getMessage().replace("adminKey", "the key")
            : "Invalid value for option '" + Commands.BASE_URL + "': " + e.getMessage());
      }
      UsageStreams.Builder configured = UsageStreams.builder(api).retryPolicy(retryPolicy)
          .concurrency(arguments.concurrency);
      if (arguments.cache != null) {
        // Final an hour after, by this machine's clock and the server's; a cache file that cannot be read or
        // written is a miss, told once on stderr.
        configured.bucketStore(FileBucketStore.create(arguments.cache.toPath(), warning -> {
          synchronized (progress) {
            progress.clear();
            err.println(redact(Commands.NAME + ": warning: " + warning));
          }
        }), baseUrl, key);
      }
      UsageStreams streams = configured.build();
      boolean fromBuckets = format != OutputFormat.JSON && (arguments.concurrency > 1 || arguments.cache != null);
      PrintStream sink = ReportOutput.open(arguments, out);
      try {
        Writer text = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
        if (follow != null) {
          follow.run(streams, query, text, clock, followTicks, followMaxUpdates);
          text.flush();
          ReportOutput.commit(sink);
          return ExitCodes.OK;
        }
        this.progress = progress;
        this.format = format;
        Notes notes = new Notes();
        // Listed once, only when the report shows projects; json stays as the API sent it.
        ProjectNames names = format == OutputFormat.JSON || !arguments.listProjects
            || !query.groupBy().contains(GroupByField.PROJECT_ID) ? ProjectNames.none() : projectNames(listing);
        if (format != OutputFormat.JSON && arguments.listProjects && query.groupBy().contains(GroupByField.USER_ID)) {
          names.names(ProjectNames.USER_ID, userNames(listing)); // listed once too, only when the report shows users
        }
        if (format != OutputFormat.JSON && arguments.listProjects
            && query.groupBy().contains(GroupByField.API_KEY_ID)) {
          names.names(ProjectNames.API_KEY_ID, apiKeyNames(listing, query));
        }
        Flowable<UsageResponse> pages = pagesOf(streams, query, fromBuckets)
            .doOnNext(page -> {
              progress.clear();
              notes.found(page);
              if (format != OutputFormat.JSON) {
                notes.page(page);
                names.page(page);
              }
            })
            .doAfterNext(progress::page);
        switch (format) {
          case JSON:
            new JsonReport(sink, bodies).write(pages);
            break;
          case CSV:
            new CsvReport(text, query.endpoint(), names).write(pages);
            break;
          case HTML:
            html(streams, query, pages, text, clock.instant(), fromBuckets, names);
            break;
          case TABLE:
          default:
            new TableReport(text, query, arguments.columns, names)
                .write(Summaries.of(pages, query, clock.instant(), null).blockingGet());
        }
        progress.done();
        text.flush();
        ReportOutput.commit(sink);
        notes.print(err, format, query);
        return ExitCodes.OK;
      } finally {
        ReportOutput.close(sink, out);
      }
    } finally {
      shutdown(http);
    }
  }

  /**
   * The names of the organisation's projects, from one listing; none, with a one-line note, when the key may not
   * list them, the listing fails or takes longer than {@link #PROJECTS_DEADLINE}: names are a help, never a reason
   * for a report to fail or wait. The names of the first {@link #MAX_PROJECTS} projects are kept (with a note when
   * there are more); pages of the listing are capped at {@link #PROJECTS_MAX_RESPONSE_BYTES}.
   */
  private ProjectNames projectNames(UsageApi api) {
    Map<String, String> byId = names("projects", UsageApiProjects.all(api, MAX_PROJECTS / 100 + 1),
        Project::id, Project::name);
    return byId == null ? ProjectNames.none() : ProjectNames.of(byId);
  }

  /**
   * The names of the organisation's users (their email, else their name), from one listing bounded as the
   * projects' ({@link #names}); empty, with the same one-line note, when the key may not list them.
   */
  private Map<String, String> userNames(UsageApi api) {
    Map<String, String> byId = names("users", UsageApiUsers.all(api, MAX_PROJECTS / 100 + 1),
        User::id, user -> user.email() != null && !user.email().isEmpty() ? user.email() : user.name());
    return byId == null ? Collections.<String, String>emptyMap() : byId;
  }

  /**
   * The names of the API keys of the projects a report can show: those of its {@code project_ids} filter, else the
   * first {@link #MAX_KEY_PROJECTS} projects listed, each project's keys listed once; bounded as the projects
   * listing ({@link #names}: one deadline and one cap of names for all of them). Empty, with one note, when the key
   * may not list them.
   */
  private Map<String, String> apiKeyNames(UsageApi api, UsageQuery<?> query) {
    List<String> filtered = query.filter(dev.usagekit.model.UsageFilter.PROJECT_IDS);
    Flowable<String> projects = !filtered.isEmpty() ? Flowable.fromIterable(filtered)
        : UsageApiProjects.all(api, MAX_PROJECTS / 100 + 1).map(Project::id);
    Flowable<ProjectApiKey> keys = projects.take(MAX_KEY_PROJECTS)
        .concatMap(project -> UsageApiProjectApiKeys.all(api, project, MAX_PROJECTS / 100 + 1));
    Map<String, String> byId = names("API keys", keys, ProjectApiKey::id, ProjectApiKey::name);
    return byId == null ? Collections.<String, String>emptyMap() : byId;
  }

  /**
   * The names one listing gives, by id; null, with a one-line note, when the key may not list {@code what}, the
   * listing fails or takes longer than {@link #PROJECTS_DEADLINE}. The first {@link #MAX_PROJECTS} listed are kept
   * (with a note when there are more).
   */
  private <T> @Nullable Map<String, String> names(String what, Flowable<T> listing,
      java.util.function.Function<T, String> id, java.util.function.Function<T, String> name) {
    try {
      List<T> listed = listing
          .take(MAX_PROJECTS + 1L)
          .toList()
          .timeout(projectsDeadline.toMillis(), TimeUnit.MILLISECONDS, Schedulers.computation())
          .blockingGet();
      Map<String, String> byId = new java.util.LinkedHashMap<>();
      for (T each : listed.subList(0, Math.min(listed.size(), MAX_PROJECTS))) {
        String named = name.apply(each);
        if (named != null && !named.isEmpty()) {
          byId.put(id.apply(each), named);
        }
      }
      if (listed.size() > MAX_PROJECTS) {
        err.println(Commands.NAME + ": note: the organisation has more than " + MAX_PROJECTS + " " + what + "; the "
            + "names of the first " + MAX_PROJECTS + " listed are shown, other " + what + " by id ("
            + Commands.NO_PROJECT_NAMES + " skips the listing).");
      }
      return byId;
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null && !(e instanceof HttpException) ? e.getCause() : e;
      String why = cause instanceof java.util.concurrent.TimeoutException
          ? "the " + what + " listing took longer than " + projectsDeadline.getSeconds() + "s"
          : cause instanceof dev.usagekit.retrofit.ResponseTooLargeException
          ? "a page of the " + what + " listing was larger than "
              + ((dev.usagekit.retrofit.ResponseTooLargeException) cause).limit() + " bytes"
          : cause instanceof HttpException
          ? (((HttpException) cause).code() == 401 || ((HttpException) cause).code() == 403
              ? "this key may not list " + what + " (HTTP " + ((HttpException) cause).code() + ")"
              : "the " + what + " listing answered HTTP " + ((HttpException) cause).code())
          : "the " + what + " listing failed (" + Printable.visible(String.valueOf(cause.getMessage())) + ")";
      err.println(redact(Commands.NAME + ": note: " + why + "; " + what + " are shown by id ("
          + Commands.NO_PROJECT_NAMES + " skips the listing)."));
      return null;
    }
  }

  /**
   * The HTML report: a report whose results carry no metric (costs) draws its second chart from a companion
   * query, fetched here at the same time as the report's own pages.
   */
  private void html(UsageStreams streams, UsageQuery<UsageResult> query, Flowable<UsageResponse> pages,
      Writer text, Instant now, boolean fromBuckets, ProjectNames names) throws IOException {
    Single<Summaries> main = Summaries.of(pages, query, now, HtmlReport.stackedField(query));
    UsageQuery<UsageResult> companion = companionOf(query);
    if (companion == null) {
      new HtmlReport(text, query, null, names).write(main.blockingGet(), null);
      return;
    }
    // The companion only draws the second chart: its failure leaves that chart out, with a note, never the page.
    Single<Object> second = Summaries.of(pagesOf(streams, companion, fromBuckets), companion, now,
            HtmlReport.stackedField(companion)).<Object>map(summaries -> summaries)
        .onErrorResumeNext(e -> e instanceof Exception ? Single.just(e) : Single.error(e));
    Object[] both = Single.zip(main.subscribeOn(Schedulers.io()), second.subscribeOn(Schedulers.io()),
        (a, b) -> new Object[] {a, b}).blockingGet();
    HtmlReport report = new HtmlReport(text, query, companion, names);
    if (both[1] instanceof Summaries) {
      report.write((Summaries) both[0], (Summaries) both[1]);
      return;
    }
    Throwable failure = (Throwable) both[1];
    String why = redact(failure instanceof UsageApiException ? "HTTP " + ((UsageApiException) failure).statusCode()
        + (((UsageApiException) failure).errorMessage() != null
            ? ": " + Printable.visible(((UsageApiException) failure).errorMessage()) : "")
        : Printable.visible(String.valueOf(failure.getMessage())));
    String chart = Commands.commandName(companion.endpoint()) + " usage for the second chart";
    report.companionFailed("not drawn: fetching the " + chart + " failed (" + why + ")");
    report.write((Summaries) both[0], null);
    err.println(Commands.NAME + ": note: the page has no second chart: fetching the " + chart + " failed ("
        + why + "); the rest of the report is complete.");
  }

  /**
   * The pages of {@code query}: as the API sent them, or, {@code fromBuckets}, its buckets (fetched concurrently,
   * or served from the cache) cut into pages of the query's page size for the renderers.
   */
  private static Flowable<UsageResponse> pagesOf(UsageStreams streams, UsageQuery<?> query, boolean fromBuckets) {
    if (!fromBuckets) {
      return streams.pages(query);
    }
    return streams.buckets(query).buffer(query.effectiveLimit())
        .map(buckets -> UsageResponse.builder().data(buckets).hasMore(false).build());
  }

  /**
   * For results without a metric (costs): completions usage over the same window, per day, grouped by model, with
   * the filters both endpoints accept; null when the query's own results have metrics.
   */
  static @Nullable UsageQuery<UsageResult> companionOf(UsageQuery<?> query) {
    if (!ResultFields.of(query.endpoint().resultType()).metrics().isEmpty()) {
      return null;
    }
    UsageEndpoint usage = UsageEndpoint.COMPLETIONS;
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(usage)
        .startTime(query.startTime())
        .bucketWidth(BucketWidth.ONE_DAY)
        .limit(usage.maxLimit(BucketWidth.ONE_DAY))
        .groupBy(GroupByField.MODEL);
    if (query.endTime() != null) {
      builder.endTime(query.endTime());
    }
    for (Map.Entry<UsageFilter, List<String>> filter : query.filters().entrySet()) {
      if (usage.filters().contains(filter.getKey())) {
        builder.filter(filter.getKey(), filter.getValue());
      }
    }
    return builder.build();
  }

  /** The exit code of a failed report; see {@link ExitCodes}. */
  static int exitCode(Throwable failure) {
    Throwable e = firstOf(failure);
    if (e instanceof UsageApiException || e instanceof UsageDecodingException) {
      return ExitCodes.API_ERROR;
    }
    return e instanceof UsageNetworkException ? ExitCodes.NETWORK : ExitCodes.SOFTWARE;
  }

  /**
   * The first of failures that came together ({@code UsageStreams} signals one already; RxJava combines errors
   * that meet in one operator), the others suppressed: a report fails with the code of its first failure.
   */
  static Throwable firstOf(Throwable e) {
    if (!(e instanceof CompositeException)) {
      return e;
    }
    List<Throwable> all = ((CompositeException) e).getExceptions();
    for (Throwable other : all.subList(1, all.size())) {
      all.get(0).addSuppressed(other);
    }
    return all.get(0);
  }

  /** Says why a report failed, and returns the exit code of {@link #exitCode}. */
  private int failed(Exception e, CommandLine command, ParseResult parsed) {
    if (progress != null) {
      progress.done();
    }
    Throwable cause = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause.getClass() == RuntimeException.class && cause.getCause() instanceof IOException) {
      cause = cause.getCause();
    }
    cause = firstOf(cause);
    if (cause instanceof UsageApiException) {
      err.println(redact(apiError((UsageApiException) cause)));
    } else if (cause instanceof UsageDecodingException) {
      err.println(redact(Commands.NAME + ": the API's answer could not be read: "
          + Printable.visible(String.valueOf(cause.getMessage()))));
    } else if (cause instanceof UsageNetworkException) {
      int attempts = cause.getSuppressed().length + 1;
      err.println(redact(Commands.NAME + ": network failure after " + attempts
          + (attempts == 1 ? " attempt: " : " attempts: ") + Printable.visible(String.valueOf(cause.getMessage()))));
      if (cause.getCause() instanceof dev.usagekit.retrofit.ResponseTooLargeException
          && ((dev.usagekit.retrofit.ResponseTooLargeException) cause.getCause()).limit() < PageLimit.MAX_BYTES) {
        err.println(PageLimit.advice(((dev.usagekit.retrofit.ResponseTooLargeException) cause.getCause()).limit()));
      }
    } else if (cause instanceof IOException) {
      err.println(redact(Commands.NAME + ": could not write the report: " + cause));
      return ExitCodes.SOFTWARE;
    } else {
      err.println(Commands.NAME + ": internal error (a bug; please report it with this trace):");
      err.print(redact(stackTrace(cause)));
      err.flush();
      return ExitCodes.SOFTWARE;
    }
    if (progress != null && format != OutputFormat.TABLE && format != OutputFormat.HTML && progress.pages() > 0) {
      err.println(Commands.NAME + ": the report on stdout is incomplete: it stops after page "
          + progress.pages() + (format == OutputFormat.JSON ? " (the JSON array is left open)" : ""));
    }
    return command.getExitCodeExceptionMapper().getExitCode(cause);
  }

  private String apiError(UsageApiException e) {
    StringBuilder message = new StringBuilder(Commands.NAME).append(": API error: HTTP ")
        .append(e.statusCode());
    if (e.errorMessage() != null) {
      message.append(": ").append(Printable.visible(e.errorMessage()));
      if (e.errorType() != null || e.errorCode() != null) {
        message.append(" (").append(e.errorType() != null ? Printable.visible(e.errorType()) : "")
            .append(e.errorCode() != null
                ? (e.errorType() != null ? "/" : "") + Printable.visible(e.errorCode()) : "")
            .append(')');
      }
    } else {
      message.append(": ").append(Printable.visible(String.valueOf(e.getMessage())));
    }
    message.append("; request id ").append(e.requestId() != null ? Printable.visible(e.requestId()) : "(none)");
    message.append("; page ").append(e.pageNumber()).append(" of ").append(e.path());
    String option = Arguments.optionFor(e.param());
    if (option != null) {
      message.append(System.lineSeparator()).append(Commands.NAME).append(": the API rejected parameter ")
          .append(e.param()).append(", set by ").append(option);
    }
    if (e.statusCode() == 401) {
      message.append(System.lineSeparator()).append(Commands.NAME).append(": check ")
          .append(Commands.ADMIN_KEY_VARIABLE).append(": the Usage API needs an admin key");
    }
    return message.toString();
  }

  private int usageError(ParameterException e, String[] args) {
    CommandLine where = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException) {
      List<String> unmatched = ((UnmatchedArgumentException) e).getUnmatched();
      String first = unmatched.isEmpty() ? "" : unmatched.get(0);
      if (first.startsWith("-")) {
        message = "Unknown option '" + first + "' for " + where.getCommandSpec().qualifiedName()
            + "; allowed: " + Commands.join(optionNames(where));
      } else if (!first.isEmpty() && where.getCommandSpec().userObject() == null) {
        message = "Unknown endpoint '" + first + "'; allowed: " + Arguments.endpoints()
            + (Commands.NAME.equals(where.getCommandName()) ? ", demo" : "");
      }
    }
    err.println(Commands.NAME + ": " + redact(message));
    String[] synopsis = where.getCommandSpec().usageMessage().customSynopsis();
    for (int i = 0; i < synopsis.length; i++) {
      err.println((i == 0 ? "Usage: " : "") + synopsis[i]);
    }
    err.println("Try '" + where.getCommandSpec().qualifiedName() + " " + Commands.HELP
        + "' for more information.");
    return ExitCodes.USAGE;
  }

  private static List<String> optionNames(CommandLine command) {
    List<String> names = new ArrayList<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      names.add(option.longestName());
    }
    return names;
  }

  /** The admin key from the environment, trimmed; null when unset or blank. */
  private @Nullable String adminKey() {
    String key = env.get(Commands.ADMIN_KEY_VARIABLE);
    adminKey = key == null || key.trim().isEmpty() ? null : key.trim();
    return adminKey;
  }

  /**
   * Never prints the admin key, even should an error message quote it: the key of the environment (as given, and
   * trimmed), URL-encoded and in Base64, is replaced by {@code <OPENAI_ADMIN_KEY>}.
   */
  String redact(String message) {
    return redactor.redact(message);
  }

  private static String stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace, true));
    return trace.toString();
  }

  private static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
