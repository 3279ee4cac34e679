package dev.usagekit.cli;

import dev.usagekit.micrometer.NameResolver;
import dev.usagekit.micrometer.ResumeStore;
import dev.usagekit.micrometer.SpendMetrics;
import dev.usagekit.micrometer.UsageMetrics;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.UsageStreams;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code usage-report serve --port N}: follows usage and costs with {@link UsageMetrics} and serves them at {@code
 * /metrics} in the Prometheus text format, on 127.0.0.1 unless {@code --bind} says otherwise. {@code usage-report
 * demo serve} does the same against the demo's fake API.
 */
final class ServeCommand {
  static final String NAME = "serve";
  static final String PORT = "--port";
  static final String BIND = "--bind";
  static final String ENDPOINTS = "--endpoints";
  static final String MAX_TAG_VALUES = "--max-tag-values";
  static final String STATE = "--state";
  static final String SPEND = "--spend";

  static final String DEFAULT_BIND = "127.0.0.1";
  static final List<String> DEFAULT_ENDPOINTS = Arrays.asList("completions", "costs");
  static final List<String> DEFAULT_GROUP_BY = Arrays.asList("model", "project_id", "line_item");
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** When the server has started, and until when it serves; tests stop it, the tool serves until killed. */
  interface Lifecycle {
    void started(InetSocketAddress address);

    void awaitStop() throws InterruptedException;
  }

  static final Lifecycle FOREVER = new Lifecycle() {
    @Override
    public void started(InetSocketAddress address) {}

    @Override
    public void awaitStop() throws InterruptedException {
      new CountDownLatch(1).await();
    }
  };

  private ServeCommand() {}

  /** The {@code serve} subcommand of {@code parent} ({@code usage-report} or {@code usage-report demo}). */
  static CommandLine command(String parent, boolean demo) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(NAME).name(NAME);
    String qualified = parent + " " + NAME;
    spec.usageMessage()
        .sortOptions(false)
        .customSynopsis(qualified + " " + PORT + "=<port> [options]")
        .description(
            "Follows usage and costs and serves them as metrics at http://<bind>:<port>/metrics in the "
                + "Prometheus text format, until interrupted (Ctrl-C).",
            "",
            "Counters (tokens, requests, costs) count final buckets only: a bucket is counted once, "
                + Commands.NAME + " waits " + FollowReport.GRACE + " after its end for late data. "
                + "openai_usage_lag_seconds is the age of the newest final bucket. Series tagged by project_id "
                + "carry project_name too, from the projects listing.",
            "",
            demo
                ? "Demo: follows the demo's fake API from the start of its 30 days, so metrics show at once."
                : "Counting starts at " + Commands.START + " (default: today 00:00 UTC) or, with " + STATE
                    + ", where the last run stopped: without " + STATE + " a restart counts from "
                    + Commands.START + " again.");
    spec.addOption(OptionSpec.builder(PORT)
        .paramLabel("<port>")
        .type(Integer.class)
        .required(true)
        .converters(ServeCommand::port)
        .description("The TCP port to listen on, 0 for any free one (printed on stderr).")
        .build());
    spec.addOption(OptionSpec.builder(BIND)
        .paramLabel("<address>")
        .type(String.class)
        .description("The address to listen on (default " + DEFAULT_BIND + ": this machine only). "
            + "/metrics needs no key: bind to other addresses only behind your own access control.")
        .build());
    spec.addOption(OptionSpec.builder(ENDPOINTS)
        .paramLabel("<endpoint>")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .splitRegex(",")
        .description("The endpoints to follow (default " + String.join(",", DEFAULT_ENDPOINTS) + "): "
            + Arguments.endpoints() + ".")
        .build());
    spec.addOption(OptionSpec.builder(Commands.GROUP_BY)
        .paramLabel("<field>")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .splitRegex(",")
        .description("Fields to tag the metrics by, each sent to the endpoints that can group by it (default "
            + String.join(",", DEFAULT_GROUP_BY) + ").")
        .build());
    if (!demo) {
      spec.addOption(OptionSpec.builder(Commands.START)
          .paramLabel("<time>")
          .type(Long.class)
          .converters(new Times.Converter())
          .description("Where counting starts when " + STATE + " holds nothing (default today 00:00 UTC): "
              + Times.FORMS + ".")
          .build());
      spec.addOption(OptionSpec.builder(STATE)
          .paramLabel("<file>")
          .type(File.class)
          .description("A file where the end of the last bucket counted is kept per endpoint: a restart resumes "
              + "there and counts no bucket twice. Replaced atomically, never through a symlink; a value that is not "
              + "Unix seconds from 2020-01-01 to now exits 2.")
          .build());
      spec.addOption(OptionSpec.builder(Commands.BASE_URL)
          .paramLabel("<url>")
          .type(String.class)
          .description("The API's base URL (default " + Commands.DEFAULT_BASE_URL + ").")
          .build());
    }
    spec.addOption(OptionSpec.builder(FollowReport.INTERVAL)
        .paramLabel("<duration>")
        .type(Duration.class)
        .converters(new FollowReport.DurationConverter(FollowReport.INTERVAL, FollowReport.MIN_INTERVAL))
        .description("Time between polls, at least 1s (default 1m): 30s, 5m, 2h or ISO-8601 (PT30S).")
        .build());
    spec.addOption(OptionSpec.builder(FollowReport.GRACE)
        .paramLabel("<duration>")
        .type(Duration.class)
        .converters(new FollowReport.DurationConverter(FollowReport.GRACE, Duration.ZERO))
        .description("How long after its end a bucket may still change before it is counted (default 1h).")
        .build());
    spec.addOption(OptionSpec.builder(MAX_TAG_VALUES)
        .paramLabel("<n>")
        .type(Integer.class)
        .converters(ServeCommand::maxTagValues)
        .description("The most values one tag takes (default " + UsageMetrics.Builder.DEFAULT_MAX_TAG_VALUES
            + "); further ones are published as \"other\" and counted in openai_usage_folded_total.")
        .build());
    spec.addOption(OptionSpec.builder(SPEND)
        .type(Boolean.class)
        .arity("0")
        .description("Also publish the month's spend: openai_spend_limit, openai_spend_month_to_date and "
            + "openai_spend_projected{bound=expected|low|high}, per project too (as '" + Commands.NAME + " "
            + SpendCommand.NAME + "' forecasts it; again every 30 minutes).")
        .build());
    return Commands.withBaseUrlAndHelp(spec, false);
  }

  /** The parse result of {@code serve} when the command line asks for it ({@code serve} or {@code demo serve}). */
  static @Nullable ParseResult requested(ParseResult parsed) {
    return Commands.requested(parsed, NAME);
  }

  /** What {@code serve} was asked to follow, with the start of counting when nothing is saved. */
  static List<UsageQuery<?>> queries(ParseResult serve, long defaultStart) {
    CommandLine where = serve.commandSpec().commandLine();
    List<String> endpointNames = serve.matchedOptionValue(ENDPOINTS, DEFAULT_ENDPOINTS);
    List<String> groupBy = new ArrayList<>();
    for (String field : serve.matchedOptionValue(Commands.GROUP_BY, DEFAULT_GROUP_BY)) {
      groupBy.add(field.trim());
    }
    long start = serve.matchedOptionValue(Commands.START, defaultStart);
    Set<UsageEndpoint> endpoints = new LinkedHashSet<>();
    for (String name : endpointNames) {
      UsageEndpoint endpoint = endpointNamed(name.trim());
      if (endpoint == null) {
        throw new ParameterException(where, "Invalid value for option '" + ENDPOINTS + "': '" + name
            + "' is not an endpoint; allowed: " + Arguments.endpoints());
      }
      endpoints.add(endpoint);
    }
    Set<String> used = new LinkedHashSet<>();
    List<UsageQuery<?>> queries = new ArrayList<>();
    for (UsageEndpoint endpoint : endpoints) {
      BucketWidth width = endpoint.bucketWidths().contains(BucketWidth.ONE_HOUR)
          ? BucketWidth.ONE_HOUR : endpoint.defaultBucketWidth();
      List<GroupByField> fields = new ArrayList<>();
      for (GroupByField field : endpoint.groupByFields()) {
        if (groupBy.contains(field.wireValue())) {
          fields.add(field);
          used.add(field.wireValue());
        }
      }
      queries.add(UsageQuery.builder(endpoint).startTime(start).bucketWidth(width)
          .limit(endpoint.maxLimit(width)).groupBy(fields).build());
    }
    boolean explicit = serve.hasMatchedOption(Commands.GROUP_BY);
    for (String field : groupBy) {
      // The default fields go to the endpoints that have them; a field asked for must fit one.
      if (explicit && !used.contains(field)) {
        Set<String> allowed = new LinkedHashSet<>();
        for (UsageEndpoint endpoint : endpoints) {
          for (GroupByField f : endpoint.groupByFields()) {
            allowed.add(f.wireValue());
          }
        }
        throw new ParameterException(where, "Invalid value for option '" + Commands.GROUP_BY + "': '" + field
            + "' is not a group_by field of " + endpointNames + "; allowed: " + String.join(", ", allowed));
      }
    }
    return queries;
  }

  /**
   * Serves until {@code lifecycle} says stop: binds the port first (a port in use fails before any request), then
   * starts following.
   */
  static int run(ParseResult serve, UsageStreams streams, List<UsageQuery<?>> queries, Clock clock,
      java.io.PrintStream err, UnaryOperator<String> redact, Lifecycle lifecycle, NameResolver projectNames,
      NameResolver userNames, NameResolver apiKeyNames, @Nullable SpendMetrics spend) throws InterruptedException {
    CommandLine where = serve.commandSpec().commandLine();
    int port = serve.matchedOptionValue(PORT, 0);
    String bind = serve.matchedOptionValue(BIND, DEFAULT_BIND);
    File state = serve.matchedOptionValue(STATE, (File) null);
    Duration interval = serve.matchedOptionValue(FollowReport.INTERVAL, FollowReport.DEFAULT_INTERVAL);
    Duration grace = serve.matchedOptionValue(FollowReport.GRACE, FollowReport.DEFAULT_GRACE);
    int maxTagValues = serve.matchedOptionValue(MAX_TAG_VALUES, UsageMetrics.Builder.DEFAULT_MAX_TAG_VALUES);

    FileResumeStore store = state == null ? null : FileResumeStore.checked(where, state, clock);
    InetSocketAddress listen;
    try {
      listen = new InetSocketAddress(InetAddress.getByName(bind), port);
    } catch (IOException | RuntimeException e) {
      throw new ParameterException(where, "Cannot listen on " + bind + ":" + port + " (" + PORT + ", " + BIND
          + "): " + e.getMessage());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    UsageMetrics.Builder builder = UsageMetrics.builder(streams)
        .options(FollowOptions.builder().interval(interval).grace(grace)
            .scheduler(new FollowReport.ClockScheduler(FollowReport.defaultTicks(), clock)).build())
        .maxTagValues(maxTagValues)
        .names(GroupByField.PROJECT_ID, projectNames)   // project_name beside project_id, as the reports show
        .names(GroupByField.USER_ID, userNames)         // user_name, api_key_name: listed only when grouped by them
        .names(GroupByField.API_KEY_ID, apiKeyNames);
    for (UsageQuery<?> query : queries) {
      builder.follow(query);
    }
    if (store != null) {
      builder.resumeStore(store);
    }
    UsageMetrics metrics = builder.build();
    Logger log = Logger.getLogger(UsageMetrics.class.getName());
    boolean parentHandlers = log.getUseParentHandlers();
    Handler visible = new VisibleHandler(err, redact);
    MetricsServer server = null;
    try {
      try {
        // Bound before any request: a port in use fails at once.
        server = MetricsServer.bind(listen, registry::scrape);
      } catch (IOException | RuntimeException e) {
        throw new ParameterException(where, "Cannot listen on " + bind + ":" + port + " (" + PORT + ", " + BIND
            + "): " + e.getMessage());
      }
      // One small page per endpoint first: a key the API refuses or a server that cannot be reached ends the
      // command now (exit 3 or 4), not in a warning every interval for ever.
      for (UsageQuery<?> query : queries) {
        long start = query.startTime();
        streams.pages(query.withWindow(start, start + query.effectiveBucketWidth().seconds())).ignoreElements()
            .blockingAwait();
      }
      log.setUseParentHandlers(false);
      log.addHandler(visible);
      server.start();
      InetSocketAddress address = server.address();
      err.println(Commands.NAME + ": serving http://" + hostLiteral(address) + ":" + address.getPort()
          + "/metrics, following " + endpointNames(queries) + " (Ctrl-C stops)");
      metrics.bindTo(registry);
      if (spend != null) {
        spend.bindTo(registry);
      }
      lifecycle.started(address);
      lifecycle.awaitStop();
      return ExitCodes.OK;
    } finally {
      // The logger is the JVM's: this run's handler (and its stderr) must not outlive the run.
      log.removeHandler(visible);
      log.setUseParentHandlers(parentHandlers);
      metrics.close();
      if (spend != null) {
        spend.close();
      }
      if (server != null) {
        try {
          server.close();
        } catch (IOException ignored) {
          // stopping anyway
        }
      }
      registry.close();
    }
  }

  /**
   * Writes the binder's warnings (a poll that failed, folded tags) to stderr as every other line of the tool:
   * server text made visible, and the admin key redacted (a server can echo it in an error or a cursor).
   */
  static final class VisibleHandler extends Handler {
    private final java.io.PrintStream err;
    private final UnaryOperator<String> redact;

    VisibleHandler(java.io.PrintStream err, UnaryOperator<String> redact) {
      this.err = err;
      this.redact = redact;
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        String message = record.getMessage();
        if (record.getThrown() != null) {
          message = message + ": " + record.getThrown();
        }
        err.println(redact.apply(Printable.visible(Commands.NAME + ": "
            + record.getLevel().getName().toLowerCase(Locale.ROOT) + ": " + message)));
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  private static String hostLiteral(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static List<String> endpointNames(List<UsageQuery<?>> queries) {
    List<String> names = new ArrayList<>();
    for (UsageQuery<?> query : queries) {
      names.add(Commands.commandName(query.endpoint()));
    }
    return names;
  }

  /**
   * Runs {@code serve}: against the demo's fake API ({@code demo serve}, no key needed), or against the API with
   * {@code key}, which must be set.
   */
  static int execute(ParseResult parsed, ParseResult serve, @Nullable String key, @Nullable String rawKey, Clock clock,
      dev.usagekit.rx.RetryPolicy retryPolicy, java.io.PrintStream err, UnaryOperator<String> redact,
      Lifecycle lifecycle) throws IOException, InterruptedException {
    CommandLine where = serve.commandSpec().commandLine();
    boolean demo = Commands.DEMO.equals(parsed.subcommand().commandSpec().name());
    Demo fake = null;
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder()
        .connectTimeout(15, java.util.concurrent.TimeUnit.SECONDS)
        .readTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
        .build();
    try {
      String baseUrl;
      List<UsageQuery<?>> queries;
      if (demo) {
        fake = Demo.start(clock);
        err.println(Commands.NAME + ": demo: following " + fake.describe() + ".");
        key = fake.api.adminKey();
        baseUrl = fake.server.url();
        queries = queries(serve, fake.start());
      } else {
        if (key == null) {
          throw new ParameterException(where, Commands.keyMissing(rawKey) + ": put an organization admin "
              + "key in the environment (export " + Commands.ADMIN_KEY_VARIABLE + "=sk-admin-...; never as an "
              + "option), or run '" + Commands.NAME + " " + Commands.DEMO + " " + NAME + "' for the built-in demo "
              + "data");
        }
        baseUrl = serve.matchedOptionValue(Commands.BASE_URL, Commands.DEFAULT_BASE_URL);
        queries = queries(serve, startOfToday(clock));
      }
      dev.usagekit.retrofit.UsageApi api;
      try {
        api = dev.usagekit.retrofit.UsageApiFactory.builder().adminKey(key).baseUrl(baseUrl).client(http)
            .maxResponseBytes(PageLimit.ofThisJvm()).build();
      } catch (IllegalArgumentException e) {
        boolean badKey = e.getMessage() != null && e.getMessage().startsWith("adminKey");
        throw new ParameterException(where, badKey
            ? "Invalid " + Commands.ADMIN_KEY_VARIABLE + ": " + e.getMessage().replace("adminKey", "the key")
            : "Invalid value for option '" + Commands.BASE_URL + "': " + e.getMessage());
      }
      UsageStreams streams = UsageStreams.builder(api).retryPolicy(retryPolicy).build();
      SpendMetrics spend = null;
      if (serve.hasMatchedOption(SPEND)) {
        dev.usagekit.retrofit.UsageApi spendApi = api;
        spend = SpendMetrics.builder(io.reactivex.rxjava3.core.Single.fromCallable(() -> SpendCommand.fetch(spendApi,
            retryPolicy, java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)),
            dev.usagekit.rx.SpendForecast.DEFAULT_HISTORY_DAYS).forecast)
            .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io())).build();
      }
      return run(serve, streams, queries, clock, err, redact, lifecycle, NameResolver.projects(api),
          NameResolver.users(api), NameResolver.apiKeys(api), spend);
    } finally {
      if (fake != null) {
        fake.close();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** An endpoint by its command name ({@code audio-speeches}) or the last segment of its path ({@code audio_speeches}). */
  private static @Nullable UsageEndpoint endpointNamed(String name) {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      String command = Commands.commandName(endpoint);
      if (command.equals(name) || command.replace('-', '_').equals(name)) {
        return endpoint;
      }
    }
    return null;
  }

  /** The start of today (UTC): the default start of counting. */
  static long startOfToday(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.DAYS).getEpochSecond();
  }

  private static Integer port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // the message below
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not a port; allowed: 0 to 65535");
  }

  private static Integer maxTagValues(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // the message below
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not allowed; allowed: a whole number >= 1");
  }

  /**
   * {@code --state}: resume points in a properties file ({@code costs=1793404800}), replaced atomically on each save
   * ({@link AtomicFiles}: a random temporary name, never through a planted symlink). What a run finds there is
   * checked before it serves ({@link #checked}): a value that is not Unix seconds from {@link #EARLIEST} to now ends
   * the run with exit 2 naming the file, never an internal error and never a resume point in the future, from which
   * the binder would poll for ever and count nothing.
   */
  static final class FileResumeStore implements ResumeStore {
    /** No resume point is earlier: 2020-01-01T00:00:00Z, before any usage the API reports. */
    static final long EARLIEST = 1577836800L;
    /** A state file is a few lines; a bigger one is not this tool's. */
    static final long MAX_BYTES = 64 * 1024;

    private final File file;
    private final Properties saved;

    private FileResumeStore(File file, Properties saved) {
      this.file = file;
      this.saved = saved;
    }

    /**
     * The store of {@code file}, its values checked: absent, or whole Unix seconds from {@link #EARLIEST} to {@code
     * clock}'s now.
     *
     * @throws ParameterException naming {@code --state}, the file, the value and what is allowed
     */
    static FileResumeStore checked(CommandLine where, File file, Clock clock) {
      String invalid = "Invalid value for option '" + STATE + "': " + file + ": ";
      Properties properties = new Properties();
      java.nio.file.Path path = file.toPath();
      if (Files.exists(path)) {
        try {
          if (!Files.isRegularFile(path)) {
            throw new ParameterException(where, invalid + "not a file");
          }
          if (Files.size(path) > MAX_BYTES) {
            throw new ParameterException(where, invalid + Files.size(path) + " bytes, more than a state file "
                + "holds (" + MAX_BYTES + "); delete it to count from " + Commands.START);
          }
          try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
          }
        } catch (IOException | IllegalArgumentException e) {
          if (e instanceof ParameterException) {
            throw (ParameterException) e;
          }
          throw new ParameterException(where, invalid + "cannot be read: " + Printable.visible(e.toString()));
        }
      }
      long now = clock.instant().getEpochSecond();
      for (String name : properties.stringPropertyNames()) {
        String value = properties.getProperty(name).trim();
        long seconds;
        try {
          seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
          seconds = Long.MIN_VALUE;
        }
        if (seconds < EARLIEST || seconds > now) {
          throw new ParameterException(where, invalid + Printable.visible(name) + "=" + Printable.visible(value)
              + " is not a resume point; allowed: Unix seconds from " + EARLIEST + " (" + Times.instant(EARLIEST)
              + ") to now (" + now + ", " + Times.instant(now) + "). Delete the file to count from "
              + Commands.START + ".");
        }
      }
      return new FileResumeStore(file, properties);
    }

    @Override
    public synchronized @Nullable Long load(UsageEndpoint endpoint) {
      String value = saved.getProperty(key(endpoint));
      return value == null ? null : Long.valueOf(value.trim()); // checked when the store was made
    }

    @Override
    public synchronized void save(UsageEndpoint endpoint, long resumeFrom) {
      saved.setProperty(key(endpoint), Long.toString(resumeFrom));
      java.nio.file.Path target = file.toPath();
      try {
        java.nio.file.Path temporary = AtomicFiles.temporaryBeside(target);
        try (Writer out = new java.io.OutputStreamWriter(Files.newOutputStream(temporary,
            java.nio.file.LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8)) {
          saved.store(out, "usage-report serve: where counting resumes, per endpoint (Unix seconds)");
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(temporary);
          throw e;
        }
        AtomicFiles.replace(temporary, target);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + STATE + " " + file + ": " + e, e);
      }
    }

    private static String key(UsageEndpoint endpoint) {
      return endpoint.name().toLowerCase(Locale.ROOT);
    }
  }
}
