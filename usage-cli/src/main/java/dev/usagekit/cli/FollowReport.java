package dev.usagekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.BucketUpdate;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code --follow} (with {@code --interval} and {@code --grace}): instead of one report, prints every update of
 * {@link UsageStreams#follow} as it comes, one line each, until interrupted.
 *
 * <ul>
 *   <li>table: {@code 2026-11-22 13:00  open   3 results  input_tokens=1,200 ...} (final buckets say {@code
 *       final});
 *   <li>json: one object per line, {@code {"final":false,"resume_from":...,"bucket":{...}}}, the bucket as the
 *       model writes it;
 *   <li>csv: a header, then one row per result of each update (one row with empty fields for a bucket without
 *       results): {@code final}, {@code resume_from}, {@code start_time}, {@code end_time} and the fields of the
 *       endpoint's results.
 * </ul>
 */
final class FollowReport {
  static final String FOLLOW = "--follow";
  static final String INTERVAL = "--interval";
  static final String GRACE = "--grace";

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  /** The shortest interval: the API is not to be polled more often than this. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  static final String DURATION_FORMS =
      "a duration such as 30s, 5m, 2h, 1d or ISO-8601 (PT30S, PT5M)";
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Arguments arguments;
  private final Duration interval;
  private final Duration grace;

  private FollowReport(Arguments arguments, Duration interval, Duration grace) {
    this.arguments = arguments;
    this.interval = interval;
    this.grace = grace;
  }

  /** Adds {@code --follow}, {@code --interval} and {@code --grace} to a command. */
  static void addOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder(FOLLOW)
        .arity("0")
        .type(boolean.class)
        .description("Keep following: print the buckets of the window, then every " + INTERVAL
            + " the buckets that changed, each again until it is final, one line per update, until "
            + "interrupted (Ctrl-C). No " + Commands.END + "; formats table, csv or json.")
        .build());
    spec.addOption(OptionSpec.builder(INTERVAL)
        .paramLabel("<duration>")
        .type(Duration.class)
        .converters(new DurationConverter(INTERVAL, MIN_INTERVAL))
        .description("With " + FOLLOW + ": time between polls, at least 1s (default 1m). "
            + "30s, 5m, 2h, 1d or ISO-8601 (PT30S).")
        .build());
    spec.addOption(OptionSpec.builder(GRACE)
        .paramLabel("<duration>")
        .type(Duration.class)
        .converters(new DurationConverter(GRACE, Duration.ZERO))
        .description("With " + FOLLOW + ": how long after its end a bucket may still change; then it "
            + "is final and fetched no more (default 1h).")
        .build());
  }

  /**
   * The follow report the command line asks for, or null when it has no {@code --follow}: options given to the
   * endpoint, or to {@code demo} before it.
   *
   * @throws ParameterException naming the option, when {@code --interval}/{@code --grace} come without {@code
   *     --follow}, or {@code --follow} with {@code --end} or a format that cannot stream
   */
  static @Nullable FollowReport from(Arguments arguments) {
    List<ParseResult> parsed = new ArrayList<>();
    CommandLine command = arguments.commandLine;
    for (CommandLine c = command; c != null; c = c.getParent()) {
      if (c.getParseResult() != null) {
        parsed.add(c.getParseResult());
      }
    }
    boolean follow = false;
    Duration interval = null;
    Duration grace = null;
    for (ParseResult result : parsed) {
      if (result.commandSpec().findOption(FOLLOW) == null) {
        continue;
      }
      follow |= result.matchedOptionValue(FOLLOW, false);
      interval = interval != null ? interval : result.matchedOptionValue(INTERVAL, (Duration) null);
      grace = grace != null ? grace : result.matchedOptionValue(GRACE, (Duration) null);
    }
    if (!follow) {
      if (interval != null || grace != null) {
        throw new ParameterException(command, "Option '" + (interval != null ? INTERVAL : GRACE)
            + "' needs " + FOLLOW);
      }
      return null;
    }
    if (parsed.get(0).hasMatchedOption(Commands.END)) {
      throw new ParameterException(command, "Option '" + Commands.END + "' cannot be used with " + FOLLOW
          + ": a followed report has no end");
    }
    OutputFormat format = arguments.format;
    if (format != OutputFormat.TABLE && format != OutputFormat.CSV && format != OutputFormat.JSON) {
      throw new ParameterException(command, "Invalid value for option '" + Commands.FORMAT + "': "
          + format.optionValue() + " cannot be used with " + FOLLOW + "; allowed: table, csv, json");
    }
    return new FollowReport(arguments, interval != null ? interval : DEFAULT_INTERVAL,
        grace != null ? grace : DEFAULT_GRACE);
  }

  Duration interval() {
    return interval;
  }

  Duration grace() {
    return grace;
  }

  /**
   * Follows {@code query} (its end, if any, dropped: the demo's default window) and writes each update to
   * {@code out}, flushed, until interrupted or, when {@code maxUpdates} is positive, after that many updates.
   * The poll timer runs on {@code ticks}, whose now is {@code clock}'s.
   */
  void run(UsageStreams streams, UsageQuery<UsageResult> query, Writer out, Clock clock, Scheduler ticks,
      long maxUpdates) throws IOException {
    UsageQuery<UsageResult> open = query.withWindow(query.startTime(), null);
    FollowOptions options = FollowOptions.builder()
        .interval(interval)
        .grace(grace)
        .scheduler(new ClockScheduler(ticks, clock))
        .build();
    Flowable<BucketUpdate> updates = streams.follow(open, options);
    if (maxUpdates > 0) {
      updates = updates.take(maxUpdates);
    }
    Printer printer = new Printer(out, query, arguments.format);
    printer.header();
    try {
      updates.blockingForEach(update -> printer.print(update), 1);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Writes updates in one of the formats, a line (or, for csv, one line per result) each. */
  static final class Printer {
    private final Writer out;
    private final OutputFormat format;
    private final List<String> columns;
    private final boolean days;

    Printer(Writer out, UsageQuery<?> query, OutputFormat format) {
      this.out = out;
      this.format = format;
      this.columns = CsvReport.columns(query.endpoint());
      this.days = query.effectiveBucketWidth() == BucketWidth.ONE_DAY;
    }

    void header() throws IOException {
      if (format == OutputFormat.CSV) {
        List<String> header = new ArrayList<>();
        Collections.addAll(header, "final", "resume_from", CsvReport.START_TIME, CsvReport.END_TIME);
        header.addAll(columns);
        CsvReport.row(out, header);
        out.flush();
      }
    }

    void print(BucketUpdate update) {
      try {
        switch (format) {
          case JSON:
            json(update);
            break;
          case CSV:
            csv(update);
            break;
          default:
            table(update);
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void table(BucketUpdate update) throws IOException {
      UsageTimeBucket bucket = update.bucket();
      boolean wholeDays = days && bucket.startTime() % 86_400L == 0;
      StringBuilder line = new StringBuilder()
          .append(Times.label(bucket.startTime(), wholeDays))
          .append(wholeDays ? "        " : "  ")
          .append(update.isFinal() ? "final" : "open ")
          .append(String.format(Locale.ROOT, "  %3d result%s", bucket.results().size(),
              bucket.results().size() == 1 ? " " : "s"));
      UsageTotals totals = UsageSummary.ofBuckets(Collections.singletonList(bucket)).total();
      Map<String, Long> metrics = new LinkedHashMap<>(totals.counts());
      metrics.putAll(totals.latest()); // a level within one bucket: the sum over its results
      for (Map.Entry<String, Long> metric : metrics.entrySet()) {
        if (metric.getValue() == 0L) {
          continue; // the many counts an endpoint's results carry as 0 would drown the others
        }
        line.append("  ").append(metric.getKey()).append('=')
            .append(Numbers.grouped(BigDecimal.valueOf(metric.getValue())));
      }
      for (Map.Entry<String, BigDecimal> cost : totals.costs().entrySet()) {
        line.append("  ").append(Numbers.money(cost.getValue(), cost.getKey()));
      }
      out.write(Printable.visible(line.toString()));
      out.write(System.lineSeparator());
    }

    private void json(BucketUpdate update) throws IOException {
      ObjectNode node = JSON.createObjectNode();
      node.put("final", update.isFinal());
      node.put("resume_from", update.resumeFrom());
      node.set("bucket", JSON.valueToTree(update.bucket()));
      try {
        out.write(JSON.writeValueAsString(node));
      } catch (JsonProcessingException e) {
        throw new IOException(e);
      }
      out.write("\n");
    }

    private void csv(BucketUpdate update) {
      UsageTimeBucket bucket = update.bucket();
      List<UsageResult> results = bucket.results();
      for (int i = 0; i < Math.max(1, results.size()); i++) {
        CsvReport.row(out, CsvReport.row(i < results.size() ? results.get(i) : null, columns,
            Boolean.toString(update.isFinal()), Times.instant(update.resumeFrom()),
            Times.instant(bucket.startTime()), Times.instant(bucket.endTime())));
      }
    }
  }

  /**
   * A scheduler that runs work on another one but tells the time of a {@link Clock}: the time the follow stream
   * judges finality by is the clock the rest of the tool (and the demo's fake API) uses.
   */
  static final class ClockScheduler extends Scheduler {
    private final Scheduler delegate;
    private final Clock clock;

    ClockScheduler(Scheduler delegate, Clock clock) {
      this.delegate = delegate;
      this.clock = clock;
    }

    @Override
    public Worker createWorker() {
      return delegate.createWorker();
    }

    @Override
    public long now(TimeUnit unit) {
      return unit.convert(clock.millis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
      return delegate.scheduleDirect(run, delay, unit);
    }

    @Override
    public Disposable schedulePeriodicallyDirect(Runnable run, long initialDelay, long period, TimeUnit unit) {
      return delegate.schedulePeriodicallyDirect(run, initialDelay, period, unit);
    }
  }

  /** The default scheduler of the poll timer. */
  static Scheduler defaultTicks() {
    return Schedulers.computation();
  }

  /**
   * {@code --interval} and {@code --grace}: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 500ms} or
   * ISO-8601 ({@code PT30S}), at least {@code min}.
   */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private final String option;
    private final Duration min;

    DurationConverter(String option, Duration min) {
      this.option = option;
      this.min = min;
    }

    @Override
    public Duration convert(String value) {
      Duration duration = parse(value);
      if (duration.compareTo(min) < 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is too short for " + option
            + "; allowed: at least " + (min.isZero() ? "0s" : min.getSeconds() + "s"));
      }
      return duration;
    }

    static Duration parse(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      Matcher matcher = SHORT_DURATION.matcher(text);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
          case "ms":
            return Duration.ofMillis(amount);
          case "s":
            return Duration.ofSeconds(amount);
          case "m":
            return Duration.ofMinutes(amount);
          case "h":
            return Duration.ofHours(amount);
          default:
            return Duration.ofDays(amount);
        }
      }
      try {
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not " + DURATION_FORMS);
      }
    }
  }
}
