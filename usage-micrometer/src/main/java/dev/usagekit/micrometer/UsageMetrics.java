package dev.usagekit.micrometer;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.rx.BucketUpdate;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.Closeable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * A Micrometer {@link MeterBinder} that follows chosen endpoints of the Usage and Costs API and publishes them as
 * meters: token, request and other counts per model, project and the other fields each query groups by; costs per
 * currency, project and line item; levels such as vector store bytes; and the age of the newest final bucket.
 *
 * <pre>{@code
 * UsageMetrics metrics = UsageMetrics.builder(UsageStreams.create(UsageApiFactory.create(adminKey)))
 *     .follow(UsageQuery.completions().start(today).bucketWidth(BucketWidth.ONE_HOUR)
 *         .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).build())
 *     .follow(UsageQuery.costs().start(today).groupBy(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM).build())
 *     .options(FollowOptions.builder().interval(Duration.ofMinutes(5)).grace(Duration.ofHours(2)).build())
 *     .resumeStore(store)              // where counting resumes after a restart
 *     .maxTagValues(50)                // per tag; further values are published as "other"
 *     .build();
 * metrics.bindTo(registry);            // starts following; metrics.close() stops
 * }</pre>
 *
 * <p><b>Counts come from final buckets only.</b> A bucket is counted once, when {@link UsageStreams#follow} says it
 * is final ({@link FollowOptions#grace()} after its end; late data before that is waited for, never counted),
 * so a counter never goes down and never counts a bucket twice. Counters are totals since this binder started
 * counting; dashboards use {@code rate()} or {@code increase()}, which bridge a process restart.
 *
 * <p><b>Restarts resume, they do not restate.</b> On start each endpoint resumes at the point its {@link
 * ResumeStore} saved (the end of the last final bucket counted), or at its query's start when nothing was saved.
 * Restating a window on every start would add that window to the counters again after each restart, which
 * {@code increase()} would count twice; resuming counts each bucket once over any number of restarts. Without a
 * store nothing is saved: each start counts from the query's start again, so give such a binder a start near the
 * present (such as the start of the current bucket), or a store.
 *
 * <p><b>Meters</b> (Prometheus names in brackets). Every meter has the tag {@code endpoint} (the last segment of
 * the endpoint's path: {@code completions}, {@code costs}, ...); the data meters also have one tag per field any
 * followed query groups by ({@code model}, {@code project_id}, {@code line_item}, ...), empty when a result has no
 * value for it, and a name tag beside each id tag given a {@link NameResolver} ({@code project_name} beside {@code
 * project_id}: {@link Builder#names}). Metric names and group fields are read through {@link ResultFields}, so a
 * result type added later is published without a change here. Each meter has a description (the {@code # HELP}
 * line of Prometheus). A data series whose value has only ever been zero (a token type a model never uses) is not
 * registered; {@code lag}, {@code buckets} and {@code errors} are registered from the start, so {@code
 * increase(openai_usage_errors_total[1h])} sees the first error. The counters are Micrometer {@link
 * FunctionCounter}s and the levels {@link Gauge}s: {@code registry.get("openai.costs.amount").functionCounter()}.
 * <ul>
 *   <li>{@code openai.usage.tokens} [{@code openai_usage_tokens_total}], counter, tag {@code type}: each count
 *       metric named {@code <type>_tokens} ({@code type="input"}, {@code "output"}, {@code "input_cached"}, ...;
 *       the types overlap, so never sum over {@code type});
 *   <li>{@code openai.usage.<name>} [{@code openai_usage_<name>_total}], counter: every other count metric, a
 *       leading {@code num_} dropped ({@code model_requests}, {@code images}, {@code characters}, {@code seconds},
 *       {@code sessions}, ...);
 *   <li>{@code openai.usage.<name>} [{@code openai_usage_<name>}], gauge: each level metric, a leading {@code
 *       usage_} dropped ({@code openai.usage.bytes} for vector stores), the value of the newest final bucket the
 *       group appeared in; never a counter, never a sum over time;
 *   <li>{@code openai.costs.amount} [{@code openai_costs_amount_total}], counter, tag {@code currency}: costs,
 *       summed exactly ({@code BigDecimal}) and published as the nearest {@code double};
 *   <li>{@code openai.usage.lag} [{@code openai_usage_lag_seconds}], gauge: now minus the end of the newest final
 *       bucket counted (the resume point), the age of the newest data the counters hold;
 *   <li>{@code openai.usage.buckets} [{@code openai_usage_buckets_total}], counter: final buckets counted;
 *   <li>{@code openai.usage.errors} [{@code openai_usage_errors_total}], counter: polls that failed after the
 *       retries of the {@link UsageStreams}' policy; following goes on one interval later, from the resume point;
 *   <li>{@code openai.usage.folded} [{@code openai_usage_folded_total}], counter, tag {@code tag}: results whose
 *       value of that tag was published as {@code other} because the tag had reached {@link
 *       Builder#maxTagValues(int)} distinct values (also logged once per tag, at {@code WARNING}, on the {@code
 *       java.util.logging} logger of this class).
 * </ul>
 *
 * <p>Binding to several registries (a composite, or Spring's) publishes the same values in each; following starts
 * at the first {@link #bindTo} and runs until {@link #close()}. Buckets are counted on the thread that delivers
 * them; meters read values safely from any thread.
 */
public final class UsageMetrics implements MeterBinder, Closeable {
  private static final Logger LOG = Logger.getLogger(UsageMetrics.class.getName());
  private static final String TOKENS_SUFFIX = "_tokens";
  private static final String ID_SUFFIX = "_id";

  private final UsageStreams streams;
  private final FollowOptions options;
  private final @Nullable ResumeStore store;
  private final Scheduler clock;
  private final TagValues tagValues;
  /** The tag keys of every data meter: the union of the fields the queries group by, in name order. */
  private final List<String> groupTags;
  /** The resolver of each id tag that has a name tag beside it ({@code project_id}: {@code project_name}). */
  private final Map<String, NameResolver> names;
  private final List<Follower> followers = new ArrayList<>();

  // Guarded by this.
  private final Map<List<Object>, Cell> cells = new LinkedHashMap<>();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private boolean started;
  private boolean closed;
  private final CompositeDisposable following = new CompositeDisposable();

  private UsageMetrics(Builder builder) {
    this.streams = builder.streams;
    this.options = builder.options;
    this.store = builder.store;
    Scheduler scheduler = options.scheduler();
    this.clock = scheduler != null ? scheduler : Schedulers.computation();
    this.tagValues = new TagValues(builder.maxTagValues);
    TreeSet<String> keys = new TreeSet<>();
    for (UsageQuery<?> query : builder.queries.values()) {
      for (GroupByField field : query.groupBy()) {
        keys.add(field.wireValue());
      }
    }
    this.groupTags = Collections.unmodifiableList(new ArrayList<>(keys));
    Map<String, NameResolver> named = new LinkedHashMap<>();
    for (Map.Entry<String, NameResolver> e : builder.names.entrySet()) {
      if (keys.contains(e.getKey())) {
        named.put(e.getKey(), e.getValue());
      }
    }
    this.names = Collections.unmodifiableMap(named);
    for (UsageQuery<?> query : builder.queries.values()) {
      followers.add(new Follower(query));
    }
  }

  /**
   * A builder of metrics over {@code streams}, whose retry policy applies to every poll.
   *
   * @param streams the streams to follow the queries with
   * @return a new builder
   * @throws NullPointerException if {@code streams} is null
   */
  public static Builder builder(UsageStreams streams) {
    return new Builder(Objects.requireNonNull(streams, "streams == null"));
  }

  /**
   * Registers the meters in {@code registry} (and every meter a later bucket brings), and starts following on the
   * first call.
   *
   * @throws NullPointerException if {@code registry} is null
   * @throws IllegalStateException if these metrics were closed
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry == null");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("UsageMetrics was closed");
      }
      registries.add(registry);
      for (Follower follower : followers) {
        follower.register(registry);
      }
      for (Cell cell : cells.values()) {
        if (cell.published) {
          cell.register(registry);
        }
      }
      if (started) {
        return;
      }
      started = true;
      for (Follower follower : followers) {
        follower.resumeFrom = follower.initialResumePoint();
      }
    }
    for (Follower follower : followers) {
      following.add(follower.follow().subscribe());
    }
  }

  /** Stops following. The meters stay registered with their last values. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    following.dispose();
  }

  @Override
  public String toString() {
    List<String> endpoints = new ArrayList<>();
    for (Follower follower : followers) {
      endpoints.add(follower.endpointTag);
    }
    return "UsageMetrics{endpoints=" + endpoints + ", tags=" + groupTags + "}";
  }

  /** The name of the tag beside the id tag {@code idTag}: {@code project_id} gives {@code project_name}. */
  static String nameTag(String idTag) {
    return idTag.substring(0, idTag.length() - ID_SUFFIX.length()) + "_name";
  }

  /** The {@code # HELP} text of the counter of the count metric {@code metric}. */
  static String counterDescription(String metric) {
    return tokenType(metric) != null
        ? "Tokens in final buckets, per type (the API's <type>_tokens; types overlap: filter on type, never sum)"
        : "The API's " + metric + ", summed over final buckets";
  }

  /** The name of a counter of the count metric {@code metric}. */
  static String counterName(String metric) {
    if (metric.endsWith(TOKENS_SUFFIX)) {
      return "openai.usage.tokens";
    }
    return "openai.usage." + sanitized(metric.startsWith("num_") ? metric.substring(4) : metric);
  }

  /** The {@code type} tag of a count metric published as {@code openai.usage.tokens}, or null. */
  static @Nullable String tokenType(String metric) {
    return metric.endsWith(TOKENS_SUFFIX) ? metric.substring(0, metric.length() - TOKENS_SUFFIX.length()) : null;
  }

  /** The name of the gauge of the level metric {@code metric}. */
  static String gaugeName(String metric) {
    return "openai.usage." + sanitized(metric.startsWith("usage_") ? metric.substring(6) : metric);
  }

  /** A JSON name as a meter name part: lower case letters, digits and underscores. */
  private static String sanitized(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder s = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      s.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return s.length() == 0 ? "_" : s.toString();
  }

  /**
   * The cell of a data meter, created on first use. It is registered (in every registry) once its value is not zero:
   * a series that has only ever been zero (a token type a model never uses) is not exported. Holds this.
   */
  private Cell cell(Cell.Kind kind, String name, Tags tags, String description) {
    List<Object> key = Arrays.<Object>asList(name, tags);
    Cell cell = cells.get(key);
    if (cell == null) {
      cell = new Cell(kind, name, tags, description);
      cells.put(key, cell);
    }
    return cell;
  }

  /** Registers {@code cell} in every registry the first time its value is not zero. Holds this. */
  private void publish(Cell cell) {
    if (!cell.published && cell.value() != 0.0) {
      cell.published = true;
      for (MeterRegistry registry : registries) {
        cell.register(registry);
      }
    }
  }

  /** One followed query: its resume point, and the meters that are not keyed by results. */
  private final class Follower {
    final UsageQuery<?> query;
    final UsageEndpoint endpoint;
    final String endpointTag;
    final List<String> grouped = new ArrayList<>();
    final Cell buckets;
    final Cell errors;
    /** The end of the last final bucket counted; where the next subscription resumes. */
    volatile long resumeFrom;

    Follower(UsageQuery<?> query) {
      this.query = query;
      this.endpoint = query.endpoint();
      String path = endpoint.path();
      this.endpointTag = path.substring(path.lastIndexOf('/') + 1);
      for (GroupByField field : query.groupBy()) {
        grouped.add(field.wireValue());
      }
      Tags tags = Tags.of("endpoint", endpointTag);
      this.buckets = new Cell(Cell.Kind.COUNT, "openai.usage.buckets", tags, "Final buckets counted");
      this.errors = new Cell(Cell.Kind.COUNT, "openai.usage.errors", tags,
          "Polls that failed after retries (following goes on one interval later)");
      this.resumeFrom = query.startTime();
    }

    long initialResumePoint() {
      Long saved = store != null ? store.load(endpoint) : null;
      return saved != null ? saved : query.startTime();
    }

    void register(MeterRegistry registry) {
      Tags tags = Tags.of("endpoint", endpointTag);
      TimeGauge.builder("openai.usage.lag", this, TimeUnit.SECONDS,
              follower -> clock.now(TimeUnit.SECONDS) - follower.resumeFrom)
          .tags(tags)
          .description("Age of the newest data counted: now minus the end of the newest final bucket")
          .register(registry);
      buckets.register(registry);
      errors.register(registry);
    }

    /** Final buckets from the resume point, counted; after a failed poll, again one interval later. */
    Flowable<BucketUpdate> follow() {
      return Flowable.defer(() -> streams.follow(query, options(resumeFrom)))
          .filter(BucketUpdate::isFinal)
          .doOnNext(this::count)
          .retryWhen(failures -> failures.concatMap(e -> {
            if (e instanceof Error) {
              return Flowable.error(e);
            }
            synchronized (UsageMetrics.this) {
              errors.add(1L);
            }
            LOG.log(Level.WARNING, "usage-micrometer: following " + endpointTag + " failed; trying again in "
                + options.interval() + " from " + resumeFrom + ": " + e);
            return Flowable.timer(options.interval().toMillis(), TimeUnit.MILLISECONDS, clock);
          }));
    }

    private FollowOptions options(long resumeFrom) {
      FollowOptions.Builder builder = FollowOptions.builder()
          .interval(options.interval())
          .grace(options.grace())
          .resumeFrom(resumeFrom);
      Scheduler scheduler = options.scheduler();
      if (scheduler != null) {
        builder.scheduler(scheduler);
      }
      return builder.build();
    }

    /** Adds a final bucket to the meters, after saving its resume point. */
    void count(BucketUpdate update) {
      Map<Tags, List<UsageResult>> byTags = new LinkedHashMap<>();
      Map<String, Long> folded = new LinkedHashMap<>();
      for (UsageResult result : update.bucket().results()) {
        Tags tags = tagsOf(result, folded);
        List<UsageResult> results = byTags.get(tags);
        if (results == null) {
          results = new ArrayList<>();
          byTags.put(tags, results);
        }
        results.add(result);
      }
      Map<Tags, UsageTotals> totals = new LinkedHashMap<>();
      for (Map.Entry<Tags, List<UsageResult>> e : byTags.entrySet()) {
        totals.put(e.getKey(), UsageSummary.ofResults(e.getValue()).total());
      }
      if (store != null) {
        store.save(endpoint, update.resumeFrom());
      }
      synchronized (UsageMetrics.this) {
        for (Map.Entry<Tags, UsageTotals> e : totals.entrySet()) {
          add(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : folded.entrySet()) {
          Cell cell = cell(Cell.Kind.COUNT, "openai.usage.folded", Tags.of("endpoint", endpointTag, "tag", e.getKey()),
              "Results whose value of the tag was published as \"other\" (maxTagValues reached)");
          cell.add(e.getValue());
          publish(cell);
        }
        buckets.add(1L);
        resumeFrom = update.resumeFrom();
      }
    }

    private void add(Tags tags, UsageTotals totals) {
      for (Map.Entry<String, Long> count : totals.counts().entrySet()) {
        String type = tokenType(count.getKey());
        Cell cell = cell(Cell.Kind.COUNT, counterName(count.getKey()), type != null ? tags.and("type", type) : tags,
            counterDescription(count.getKey()));
        cell.add(count.getValue());
        publish(cell);
      }
      for (Map.Entry<String, Long> level : totals.latest().entrySet()) {
        Cell cell = cell(Cell.Kind.LEVEL, gaugeName(level.getKey()), tags,
            "The API's " + level.getKey() + " in the newest final bucket (a level, never summed over time)");
        cell.set(level.getValue());
        publish(cell);
      }
      for (Map.Entry<String, BigDecimal> cost : totals.costs().entrySet()) {
        Cell cell = cell(Cell.Kind.MONEY, "openai.costs.amount", tags.and("currency", cost.getKey()),
            "Costs in final buckets, summed exactly per currency (the API's amount.value)");
        cell.add(cost.getValue());
        publish(cell);
      }
    }

    /** The tags of a result: its endpoint, and each group tag's value, folded past the bound. */
    private Tags tagsOf(UsageResult result, Map<String, Long> folded) {
      ResultFields fields = ResultFields.of(result);
      List<Tag> tags = new ArrayList<>(groupTags.size() + 1);
      tags.add(Tag.of("endpoint", endpointTag));
      for (String key : groupTags) {
        String value = "";
        ResultField field = grouped.contains(key) ? fields.field(key) : null;
        Object raw = field != null ? field.valueOf(result) : null;
        if (raw != null) {
          String text = raw.toString();
          value = tagValues.fold(key, text);
          if (value != text) {  // folded: fold returns the value itself when it is kept
            Long n = folded.get(key);
            folded.put(key, n == null ? 1L : n + 1L);
          }
        }
        tags.add(Tag.of(key, value));
        NameResolver resolver = names.get(key);
        if (resolver != null) {
          tags.add(Tag.of(nameTag(key), nameOf(result, key, value, resolver)));
        }
      }
      return Tags.of(tags);
    }

    /**
     * The name tag's value beside the id tag {@code key} of value {@code id}: the resolver's name, else the name the
     * result carries (real costs results carry an undocumented {@code project_name}), else empty; {@code other} for
     * an id folded into {@code other}.
     */
    private String nameOf(UsageResult result, String key, String id, NameResolver resolver) {
      if (id.isEmpty() || TagValues.OTHER.equals(id)) {
        return id;
      }
      String name = resolver.name(id);
      if (name == null || name.isEmpty()) {
        com.fasterxml.jackson.databind.JsonNode carried = result.additionalProperties().get(nameTag(key));
        name = carried != null && carried.isTextual() ? carried.textValue() : "";
      }
      return name;
    }
  }

  /** The value behind one meter: a count, an exact sum of money, or a level. Thread-safe. */
  static final class Cell {
    enum Kind { COUNT, MONEY, LEVEL }

    final Kind kind;
    final String name;
    final Tags tags;
    final String description;
    /** Whether the meter is registered (its value has not always been zero); guarded by the {@link UsageMetrics}. */
    boolean published;
    private long value;
    private BigDecimal money = BigDecimal.ZERO;

    Cell(Kind kind, String name, Tags tags, String description) {
      this.kind = kind;
      this.name = name;
      this.tags = tags;
      this.description = description;
    }

    synchronized void add(long n) {
      value = Math.addExact(value, n);
    }

    synchronized void add(BigDecimal amount) {
      if (amount.signum() != 0) {
        money = money.add(amount);
      }
    }

    synchronized void set(long level) {
      value = level;
    }

    synchronized double value() {
      return kind == Kind.MONEY ? money.doubleValue() : (double) value;
    }

    void register(MeterRegistry registry) {
      if (kind == Kind.LEVEL) {
        Gauge.builder(name, this, Cell::value).tags(tags).description(description).register(registry);
      } else {
        FunctionCounter.builder(name, this, Cell::value).tags(tags).description(description).register(registry);
      }
    }
  }

  /** Configures and builds {@link UsageMetrics}. Not thread-safe. */
  public static final class Builder {
    /** The default of {@link #maxTagValues(int)}. */
    public static final int DEFAULT_MAX_TAG_VALUES = 100;

    private final UsageStreams streams;
    private final Map<UsageEndpoint, UsageQuery<?>> queries = new LinkedHashMap<>();
    private FollowOptions options = FollowOptions.defaults();
    private @Nullable ResumeStore store;
    private int maxTagValues = DEFAULT_MAX_TAG_VALUES;
    private final Map<String, NameResolver> names = new LinkedHashMap<>();

    Builder(UsageStreams streams) {
      this.streams = streams;
    }

    /**
     * Follows {@code query}: an open-ended query (no end time) whose start is where counting begins when the
     * {@link ResumeStore} has nothing saved, and whose {@code group_by} fields become tags. One query per
     * endpoint.
     *
     * @param query the query to follow
     * @return this builder
     * @throws NullPointerException if {@code query} is null
     * @throws IllegalArgumentException if {@code query} has an end time, or its endpoint is followed already
     */
    public Builder follow(UsageQuery<?> query) {
      Objects.requireNonNull(query, "query == null");
      if (query.endTime() != null) {
        throw new IllegalArgumentException("query must have no end_time to be followed, had end_time "
            + query.endTime());
      }
      if (queries.containsKey(query.endpoint())) {
        throw new IllegalArgumentException("query: " + query.endpoint().path()
            + " is followed already; follow each endpoint once, with every group_by field it needs");
      }
      queries.put(query.endpoint(), query);
      return this;
    }

    /**
     * How to follow: poll interval, grace period (how long after its end a bucket may still change before it is
     * counted) and scheduler; {@link FollowOptions#defaults()} unless set. The resume point comes from the {@link
     * #resumeStore(ResumeStore) store}, not from here.
     *
     * @param options the follow options, without a resume point
     * @return this builder
     * @throws NullPointerException if {@code options} is null
     * @throws IllegalArgumentException if {@code options} has a {@link FollowOptions#resumeFrom()}
     */
    public Builder options(FollowOptions options) {
      Objects.requireNonNull(options, "options == null");
      if (options.resumeFrom() != null) {
        throw new IllegalArgumentException("options must have no resumeFrom: UsageMetrics resumes each endpoint "
            + "from its ResumeStore (or the query's start), had resumeFrom " + options.resumeFrom());
      }
      this.options = options;
      return this;
    }

    /**
     * Where each endpoint's resume point is loaded on start and saved before each final bucket is counted; none
     * unless set (every start counts from the queries' starts again).
     *
     * @param store the store of resume points
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder resumeStore(ResumeStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /**
     * The most distinct values a tag takes ({@value #DEFAULT_MAX_TAG_VALUES} unless set): once a tag such as
     * {@code model} has had that many, its further values are published as {@code "other"} and counted in {@code
     * openai.usage.folded}. The first values seen are kept.
     *
     * @param maxTagValues the bound per tag, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTagValues} is less than 1
     */
    public Builder maxTagValues(int maxTagValues) {
      if (maxTagValues < 1) {
        throw new IllegalArgumentException("maxTagValues must be >= 1, was " + maxTagValues);
      }
      this.maxTagValues = maxTagValues;
      return this;
    }

    /**
     * Publishes a name tag beside the tag of {@code idField} wherever a followed query groups by it: {@code
     * project_name} beside {@code project_id} ({@code user_name}, {@code api_key_name} likewise), with the name
     * {@code names} gives (or the one the result carries, or empty). None unless set.
     *
     * <pre>{@code
     * builder.names(GroupByField.PROJECT_ID, NameResolver.projects(api));
     * }</pre>
     *
     * @param idField a group field whose values are ids: {@code PROJECT_ID}, {@code USER_ID}, {@code API_KEY_ID}
     * @param names the names of its ids
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code idField}'s values are not ids (its name does not end in {@code _id})
     */
    public Builder names(GroupByField idField, NameResolver names) {
      Objects.requireNonNull(idField, "idField == null");
      Objects.requireNonNull(names, "names == null");
      String tag = idField.wireValue();
      if (!tag.endsWith(ID_SUFFIX) || tag.length() == ID_SUFFIX.length()) {
        throw new IllegalArgumentException("idField must be a field of ids (project_id, user_id, api_key_id), was "
            + tag);
      }
      this.names.put(tag, names);
      return this;
    }

    /**
     * Builds the metrics; nothing is fetched before {@link UsageMetrics#bindTo}.
     *
     * @return the metrics
     * @throws IllegalStateException if no query is followed
     */
    public UsageMetrics build() {
      if (queries.isEmpty()) {
        throw new IllegalStateException("follow(query) at least one query before build()");
      }
      return new UsageMetrics(this);
    }
  }
}
