package dev.usagekit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
                + "openai_usage_lag_seconds is the age of the newest final bucket.",
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
              + "there and counts no bucket twice.")
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
    spec.addOption(OptionSpec.builder("-h", Commands.HELP)
        .usageHelp(true)
        .description("Show this help message and exit.")
        .build());
    return new CommandLine(spec);
  }

  /** The parse result of {@code serve} when the command line asks for it ({@code serve} or {@code demo serve}). */
  static @Nullable ParseResult requested(ParseResult parsed) {
    ParseResult command = parsed.subcommand();
    if (command != null && Commands.DEMO.equals(command.commandSpec().name())) {
      command = command.subcommand();
    }
    return command != null && NAME.equals(command.commandSpec().userObject()) ? command : null;
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
      java.io.PrintStream err, Lifecycle lifecycle, @Nullable SpendMetrics spend) throws InterruptedException {
    CommandLine where = serve.commandSpec().commandLine();
    int port = serve.matchedOptionValue(PORT, 0);
    String bind = serve.matchedOptionValue(BIND, DEFAULT_BIND);
    File state = serve.matchedOptionValue(STATE, (File) null);
    Duration interval = serve.matchedOptionValue(FollowReport.INTERVAL, FollowReport.DEFAULT_INTERVAL);
    Duration grace = serve.matchedOptionValue(FollowReport.GRACE, FollowReport.DEFAULT_GRACE);
    int maxTagValues = serve.matchedOptionValue(MAX_TAG_VALUES, UsageMetrics.Builder.DEFAULT_MAX_TAG_VALUES);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 0);
    } catch (IOException | RuntimeException e) {
      throw new ParameterException(where, "Cannot listen on " + bind + ":" + port + " (" + PORT + ", " + BIND
          + "): " + e.getMessage());
    }
    server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape()));
    server.createContext("/", exchange -> respond(exchange, 404, "Not found: the metrics are at /metrics\n"));
    UsageMetrics.Builder builder = UsageMetrics.builder(streams)
        .options(FollowOptions.builder().interval(interval).grace(grace)
            .scheduler(new FollowReport.ClockScheduler(FollowReport.defaultTicks(), clock)).build())
        .maxTagValues(maxTagValues);
    for (UsageQuery<?> query : queries) {
      builder.follow(query);
    }
    if (state != null) {
      builder.resumeStore(new FileResumeStore(state));
    }
    UsageMetrics metrics = builder.build();
    Logger log = Logger.getLogger(UsageMetrics.class.getName());
    boolean parentHandlers = log.getUseParentHandlers();
    Handler visible = new VisibleHandler(err);
    try {
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
      InetSocketAddress address = server.getAddress();
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
      server.stop(0);
      registry.close();
    }
  }

  /** Writes the binder's warnings (a poll that failed, folded tags) to stderr, server text made visible. */
  private static final class VisibleHandler extends Handler {
    private final java.io.PrintStream err;

    VisibleHandler(java.io.PrintStream err) {
      this.err = err;
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        err.println(Printable.visible(Commands.NAME + ": " + record.getLevel().getName().toLowerCase(Locale.ROOT)
            + ": " + record.getMessage()));
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

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", status == 200 ? CONTENT_TYPE : "text/plain; charset=utf-8");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } finally {
      exchange.close();
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
  static int execute(ParseResult parsed, ParseResult serve, @Nullable String key, Clock clock,
      dev.usagekit.rx.RetryPolicy retryPolicy, java.io.PrintStream err, Lifecycle lifecycle)
      throws IOException, InterruptedException {
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
          throw new ParameterException(where, Commands.ADMIN_KEY_VARIABLE + " is not set: put an organization admin "
              + "key in the environment (export " + Commands.ADMIN_KEY_VARIABLE + "=sk-admin-...; never as an "
              + "option), or run '" + Commands.NAME + " " + Commands.DEMO + " " + NAME + "' for the built-in demo "
              + "data");
        }
        baseUrl = serve.matchedOptionValue(Commands.BASE_URL, Commands.DEFAULT_BASE_URL);
        queries = queries(serve, startOfToday(clock));
      }
      dev.usagekit.retrofit.UsageApi api;
      try {
        api = dev.usagekit.retrofit.UsageApiFactory.builder().adminKey(key).baseUrl(baseUrl).client(http).build();
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
      return run(serve, streams, queries, clock, err, lifecycle, spend);
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

  /** {@code --state}: resume points in a properties file, replaced atomically on each save. */
  static final class FileResumeStore implements ResumeStore {
    private final File file;

    FileResumeStore(File file) {
      this.file = file;
    }

    @Override
    public synchronized @Nullable Long load(UsageEndpoint endpoint) {
      String saved = read().getProperty(key(endpoint));
      try {
        return saved == null ? null : Long.valueOf(saved.trim());
      } catch (NumberFormatException e) {
        throw new IllegalStateException(STATE + " " + file + ": " + key(endpoint) + " is not a number");
      }
    }

    @Override
    public synchronized void save(UsageEndpoint endpoint, long resumeFrom) {
      Properties properties = read();
      properties.setProperty(key(endpoint), Long.toString(resumeFrom));
      File temporary = new File(file.getAbsoluteFile().getParentFile(), file.getName() + ".tmp");
      try {
        try (Writer out = Files.newBufferedWriter(temporary.toPath(), StandardCharsets.UTF_8)) {
          properties.store(out, "usage-report serve: where counting resumes, per endpoint (Unix seconds)");
        }
        Files.move(temporary.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + STATE + " " + file + ": " + e, e);
      }
    }

    private Properties read() {
      Properties properties = new Properties();
      if (file.exists()) {
        try (InputStream in = Files.newInputStream(file.toPath());
            Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
          properties.load(reader);
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + STATE + " " + file + ": " + e, e);
        }
      }
      return properties;
    }

    private static String key(UsageEndpoint endpoint) {
      return endpoint.name().toLowerCase(Locale.ROOT);
    }
  }
}
