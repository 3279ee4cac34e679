package dev.usagekit.model;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A validated request for one endpoint of the Usage or Costs API: the time window, the bucket width, the page
 * size, the {@code group_by} fields and the filters that endpoint accepts.
 *
 * <pre>{@code
 * UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
 *     .start(Instant.parse("2026-11-01T00:00:00Z"))
 *     .end(Instant.parse("2026-11-08T00:00:00Z"))
 *     .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID)
 *     .models("gpt-4o-mini")
 *     .build();
 * }</pre>
 *
 * <p>Each endpoint has its own builder ({@link #completions()}, {@link #costs()}, ...) offering only the filters
 * that endpoint accepts; {@link #builder(UsageEndpoint)} takes any endpoint and checks filters at build time.
 * {@code build()} validates everything against {@link UsageEndpoint} before any request is made, and fails with
 * an {@link IllegalArgumentException} whose message names the parameter and the allowed values.
 *
 * @param <R> the result type of the endpoint
 */
public final class UsageQuery<R extends UsageResult> {
  private final UsageEndpoint endpoint;
  private final Class<R> resultType;
  private final long startTime;
  private final @Nullable Long endTime;
  private final @Nullable BucketWidth bucketWidth;
  private final @Nullable Integer limit;
  private final List<GroupByField> groupBy;
  private final Map<UsageFilter, List<String>> filters;

  private UsageQuery(Builder<R, ?> builder) {
    this.endpoint = builder.endpoint;
    this.resultType = builder.resultType;
    this.startTime = builder.startTime;
    this.endTime = builder.endTime;
    this.bucketWidth = builder.bucketWidth;
    this.limit = builder.limit;
    this.groupBy = Collections.unmodifiableList(new ArrayList<>(builder.groupBy));
    EnumMap<UsageFilter, List<String>> copy = new EnumMap<>(UsageFilter.class);
    for (Map.Entry<UsageFilter, Set<String>> e : builder.filters.entrySet()) {
      copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    this.filters = Collections.unmodifiableMap(copy);
  }

  /** A builder for {@code GET /organization/usage/completions}. */
  public static CompletionsBuilder completions() {
    return new CompletionsBuilder();
  }

  /** A builder for {@code GET /organization/usage/embeddings}. */
  public static ModelUsageBuilder<UsageEmbeddingsResult> embeddings() {
    return new ModelUsageBuilder<>(UsageEndpoint.EMBEDDINGS, UsageEmbeddingsResult.class);
  }

  /** A builder for {@code GET /organization/usage/moderations}. */
  public static ModelUsageBuilder<UsageModerationsResult> moderations() {
    return new ModelUsageBuilder<>(UsageEndpoint.MODERATIONS, UsageModerationsResult.class);
  }

  /** A builder for {@code GET /organization/usage/images}. */
  public static ImagesBuilder images() {
    return new ImagesBuilder();
  }

  /** A builder for {@code GET /organization/usage/audio_speeches}. */
  public static ModelUsageBuilder<UsageAudioSpeechesResult> audioSpeeches() {
    return new ModelUsageBuilder<>(UsageEndpoint.AUDIO_SPEECHES, UsageAudioSpeechesResult.class);
  }

  /** A builder for {@code GET /organization/usage/audio_transcriptions}. */
  public static ModelUsageBuilder<UsageAudioTranscriptionsResult> audioTranscriptions() {
    return new ModelUsageBuilder<>(UsageEndpoint.AUDIO_TRANSCRIPTIONS, UsageAudioTranscriptionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/vector_stores}. */
  public static ProjectUsageBuilder<UsageVectorStoresResult> vectorStores() {
    return new ProjectUsageBuilder<>(UsageEndpoint.VECTOR_STORES, UsageVectorStoresResult.class);
  }

  /** A builder for {@code GET /organization/usage/code_interpreter_sessions}. */
  public static ProjectUsageBuilder<UsageCodeInterpreterSessionsResult> codeInterpreterSessions() {
    return new ProjectUsageBuilder<>(
        UsageEndpoint.CODE_INTERPRETER_SESSIONS, UsageCodeInterpreterSessionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/file_search_calls}. */
  public static FileSearchCallsBuilder fileSearchCalls() {
    return new FileSearchCallsBuilder();
  }

  /** A builder for {@code GET /organization/usage/web_search_calls}. */
  public static WebSearchCallsBuilder webSearchCalls() {
    return new WebSearchCallsBuilder();
  }

  /** A builder for {@code GET /organization/costs}. */
  public static CostsBuilder costs() {
    return new CostsBuilder();
  }

  /**
   * A builder for any endpoint, for callers that choose the endpoint at run time (a command line, a config file).
   * Filters are named by {@link UsageFilter} and checked against the endpoint when {@code build()} runs.
   */
  public static AnyEndpointBuilder builder(UsageEndpoint endpoint) {
    return new AnyEndpointBuilder(Objects.requireNonNull(endpoint, "endpoint == null"));
  }

  /**
   * Reads a query from its wire form, as an HTTP server receives it: {@code start_time}, {@code end_time},
   * {@code bucket_width}, {@code limit}, {@code group_by} and the endpoint's filters, each with its values
   * in order. {@code page} is ignored (it is a cursor, not part of the query). Unknown parameters are rejected,
   * and so are a null name or a null list of values.
   *
   * @throws IllegalArgumentException naming the offending parameter and its allowed values
   */
  public static UsageQuery<UsageResult> fromQueryParameters(
      UsageEndpoint endpoint, Map<String, List<String>> parameters) {
    Objects.requireNonNull(parameters, "parameters == null");
    AnyEndpointBuilder builder = builder(endpoint);
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      String name = e.getKey();
      List<String> values = e.getValue();
      if (name == null) {
        throw new IllegalArgumentException("parameter names must not be null");
      }
      if (values == null) {
        throw new IllegalArgumentException(name + " must have a list of values, was null");
      }
      switch (name) {
        case "page":
          break;
        case "start_time":
          builder.startTime(parseLong(name, single(name, values)));
          break;
        case "end_time":
          builder.endTime(parseLong(name, single(name, values)));
          break;
        case "bucket_width":
          builder.bucketWidth(parseEnum(name, single(name, values), endpoint.bucketWidths()));
          break;
        case "limit":
          builder.limit(parseInt(name, single(name, values)));
          break;
        case "group_by":
          for (String value : values) {
            builder.groupBy(parseGroupBy(endpoint, value));
          }
          break;
        default:
          UsageFilter filter = filterNamed(endpoint, name);
          if (filter.isBoolean()) {
            builder.batch(parseBoolean(name, single(name, values)));
          } else {
            builder.filter(filter, values);
          }
      }
    }
    return builder.build();
  }

  /** The endpoint this query is for. */
  public UsageEndpoint endpoint() {
    return endpoint;
  }

  /** The type of the results this endpoint returns. */
  public Class<R> resultType() {
    return resultType;
  }

  /** Start of the window, inclusive, in Unix seconds. */
  public long startTime() {
    return startTime;
  }

  /** End of the window, exclusive, in Unix seconds; null when open-ended (up to now). */
  public @Nullable Long endTime() {
    return endTime;
  }

  /** The requested bucket width, or null to let the API choose its default ({@code 1d}). */
  public @Nullable BucketWidth bucketWidth() {
    return bucketWidth;
  }

  /** The bucket width the API will use: the requested one or the endpoint's default. */
  public BucketWidth effectiveBucketWidth() {
    return bucketWidth != null ? bucketWidth : endpoint.defaultBucketWidth();
  }

  /** The requested number of buckets per page, or null for the API's default. */
  public @Nullable Integer limit() {
    return limit;
  }

  /** The number of buckets per page the API will use: the requested one or the default for the width. */
  public int effectiveLimit() {
    return limit != null ? limit : endpoint.defaultLimit(effectiveBucketWidth());
  }

  /** The fields results are grouped by, in the order given, without duplicates. */
  public List<GroupByField> groupBy() {
    return groupBy;
  }

  /** The values of a list filter, empty when the filter is not set. */
  public List<String> filter(UsageFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    List<String> values = filters.get(filter);
    return values != null ? values : Collections.<String>emptyList();
  }

  /** The filters that are set, with their values; {@code batch} appears as "true" or "false". */
  public Map<UsageFilter, List<String>> filters() {
    return filters;
  }

  /** The {@code batch} filter of completions: true for batch jobs only, false for others, null for both. */
  public @Nullable Boolean batch() {
    List<String> values = filters.get(UsageFilter.BATCH);
    return values == null ? null : Boolean.valueOf(values.get(0));
  }

  /**
   * This query with another window, validated again. Paging and polling streams use it to move the window on.
   */
  public UsageQuery<R> withWindow(long startTime, @Nullable Long endTime) {
    Builder<R, ?> builder = new TypedBuilder<>(endpoint, resultType);
    builder.bucketWidth = bucketWidth;
    builder.limit = limit;
    builder.groupBy.addAll(groupBy);
    for (Map.Entry<UsageFilter, List<String>> e : filters.entrySet()) {
      builder.filters.put(e.getKey(), new LinkedHashSet<>(e.getValue()));
    }
    builder.startTime(startTime);
    if (endTime != null) {
      builder.endTime(endTime);
    }
    return builder.build();
  }

  /**
   * The query in its wire form, one entry per parameter in the spec's order, each with its values (array
   * parameters repeat their key); {@code page} is added when a cursor is given. Absent parameters are left out.
   */
  public Map<String, List<String>> toQueryParameters(@Nullable String page) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("start_time", Collections.singletonList(Long.toString(startTime)));
    if (endTime != null) {
      parameters.put("end_time", Collections.singletonList(Long.toString(endTime)));
    }
    if (bucketWidth != null) {
      parameters.put("bucket_width", Collections.singletonList(bucketWidth.wireValue()));
    }
    for (UsageFilter filter : endpoint.filters()) {
      List<String> values = filters.get(filter);
      if (values != null) {
        parameters.put(filter.wireValue(), values);
      }
    }
    if (!groupBy.isEmpty()) {
      List<String> wire = new ArrayList<>(groupBy.size());
      for (GroupByField field : groupBy) {
        wire.add(field.wireValue());
      }
      parameters.put("group_by", Collections.unmodifiableList(wire));
    }
    if (limit != null) {
      parameters.put("limit", Collections.singletonList(Integer.toString(limit)));
    }
    if (page != null) {
      parameters.put("page", Collections.singletonList(page));
    }
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UsageQuery)) {
      return false;
    }
    UsageQuery<?> that = (UsageQuery<?>) o;
    return endpoint == that.endpoint
        && startTime == that.startTime
        && Objects.equals(endTime, that.endTime)
        && bucketWidth == that.bucketWidth
        && Objects.equals(limit, that.limit)
        && groupBy.equals(that.groupBy)
        && filters.equals(that.filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, startTime, endTime, bucketWidth, limit, groupBy, filters);
  }

  @Override
  public String toString() {
    return "UsageQuery{" + endpoint.path() + " " + toQueryParameters(null) + "}";
  }

  /**
   * The options every endpoint shares: the window, the bucket width, the page size and {@code group_by}.
   *
   * @param <R> the result type of the endpoint
   * @param <B> the concrete builder, returned by each setter
   */
  public abstract static class Builder<R extends UsageResult, B extends Builder<R, B>> {
    final UsageEndpoint endpoint;
    final Class<R> resultType;
    private boolean startSet;
    long startTime;
    @Nullable Long endTime;
    @Nullable BucketWidth bucketWidth;
    @Nullable Integer limit;
    final Set<GroupByField> groupBy = new LinkedHashSet<>();
    final Map<UsageFilter, Set<String>> filters = new EnumMap<>(UsageFilter.class);

    Builder(UsageEndpoint endpoint, Class<R> resultType) {
      this.endpoint = endpoint;
      this.resultType = resultType;
    }

    abstract B self();

    /** Start of the window, inclusive, in Unix seconds. Required. */
    public final B startTime(long unixSeconds) {
      this.startTime = unixSeconds;
      this.startSet = true;
      return self();
    }

    /** Start of the window, inclusive; sub-second precision is truncated. Required. */
    public final B start(Instant start) {
      return startTime(Objects.requireNonNull(start, "start == null").getEpochSecond());
    }

    /** End of the window, exclusive, in Unix seconds. Optional: without it the window runs up to now. */
    public final B endTime(long unixSeconds) {
      this.endTime = unixSeconds;
      return self();
    }

    /** End of the window, exclusive; sub-second precision is truncated. */
    public final B end(Instant end) {
      return endTime(Objects.requireNonNull(end, "end == null").getEpochSecond());
    }

    /**
     * The window from {@code start}, inclusive, lasting {@code length}.
     *
     * @throws IllegalArgumentException if the window ends beyond the range of {@link Instant}
     */
    public final B window(Instant start, Duration length) {
      Objects.requireNonNull(start, "start == null");
      Objects.requireNonNull(length, "length == null");
      Instant end;
      try {
        end = start.plus(length);
      } catch (DateTimeException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "window from " + start + " lasting " + length + " ends beyond the range of Instant", e);
      }
      start(start);
      return end(end);
    }

    /** Width of each bucket; the endpoint's default ({@code 1d}) when not set. */
    public final B bucketWidth(BucketWidth bucketWidth) {
      this.bucketWidth = Objects.requireNonNull(bucketWidth, "bucketWidth == null");
      return self();
    }

    /** Number of buckets per page, 1 up to the endpoint's maximum for the bucket width. */
    public final B limit(int limit) {
      this.limit = limit;
      return self();
    }

    /** Adds fields to group results by; each must be one the endpoint accepts. */
    public final B groupBy(GroupByField... fields) {
      Objects.requireNonNull(fields, "fields == null");
      for (GroupByField field : fields) {
        groupBy.add(Objects.requireNonNull(field, "fields contains null"));
      }
      return self();
    }

    /** Adds fields to group results by; each must be one the endpoint accepts. */
    public final B groupBy(Iterable<GroupByField> fields) {
      Objects.requireNonNull(fields, "fields == null");
      for (GroupByField field : fields) {
        groupBy.add(Objects.requireNonNull(field, "fields contains null"));
      }
      return self();
    }

    final B addFilter(UsageFilter filter, Iterable<String> values) {
      Objects.requireNonNull(values, filter.wireValue() + " == null");
      Set<String> set = filters.get(filter);
      if (set == null) {
        set = new LinkedHashSet<>();
        filters.put(filter, set);
      }
      for (String value : values) {
        if (value == null || value.trim().isEmpty()) {
          throw new IllegalArgumentException(filter.wireValue() + " must not contain null or blank values");
        }
        set.add(value);
      }
      return self();
    }

    final B addFilter(UsageFilter filter, String[] values) {
      Objects.requireNonNull(values, filter.wireValue() + " == null");
      List<String> list = new ArrayList<>(values.length);
      Collections.addAll(list, values);
      return addFilter(filter, list);
    }

    final B setBatch(boolean batch) {
      filters.put(UsageFilter.BATCH, Collections.singleton(Boolean.toString(batch)));
      return self();
    }

    /**
     * Validates and builds the query.
     *
     * @throws IllegalArgumentException naming the parameter and its allowed values when any is invalid
     */
    public final UsageQuery<R> build() {
      String name = endpointName(endpoint);
      if (!startSet) {
        throw new IllegalArgumentException("start_time is required for " + name + ": Unix seconds >= 0");
      }
      if (startTime < 0) {
        throw new IllegalArgumentException("start_time must be Unix seconds >= 0, was " + startTime);
      }
      if (endTime != null) {
        if (endTime < 0) {
          throw new IllegalArgumentException("end_time must be Unix seconds >= 0, was " + endTime);
        }
        if (endTime <= startTime) {
          throw new IllegalArgumentException(
              "end_time must be after start_time (" + startTime + "), was " + endTime);
        }
      }
      if (bucketWidth != null && !endpoint.bucketWidths().contains(bucketWidth)) {
        throw new IllegalArgumentException("bucket_width " + bucketWidth.wireValue() + " is not accepted by "
            + name + "; allowed: " + wireValues(endpoint.bucketWidths()));
      }
      BucketWidth width = bucketWidth != null ? bucketWidth : endpoint.defaultBucketWidth();
      int max = endpoint.maxLimit(width);
      if (limit != null && (limit < 1 || limit > max)) {
        throw new IllegalArgumentException("limit must be between 1 and " + max + " for bucket_width "
            + width.wireValue() + " of " + name + ", was " + limit);
      }
      for (GroupByField field : groupBy) {
        if (!endpoint.groupByFields().contains(field)) {
          throw new IllegalArgumentException("group_by " + field.wireValue() + " is not accepted by " + name
              + "; allowed: " + wireValues(endpoint.groupByFields()));
        }
      }
      for (Map.Entry<UsageFilter, Set<String>> e : filters.entrySet()) {
        UsageFilter filter = e.getKey();
        if (!endpoint.filters().contains(filter)) {
          throw new IllegalArgumentException("filter " + filter.wireValue() + " is not accepted by " + name
              + "; allowed: " + wireValues(endpoint.filters()));
        }
        if (e.getValue().isEmpty()) {
          throw new IllegalArgumentException(filter.wireValue() + " must not be empty");
        }
        Set<String> allowed = filter.allowedValues();
        if (!allowed.isEmpty()) {
          for (String value : e.getValue()) {
            if (!allowed.contains(value)) {
              throw new IllegalArgumentException(
                  filter.wireValue() + " value '" + value + "' is not allowed; allowed: " + allowed);
            }
          }
        }
      }
      return new UsageQuery<>(this);
    }
  }

  /** Options of completions: model usage filters plus {@code batch}. */
  public static final class CompletionsBuilder extends Builder<UsageCompletionsResult, CompletionsBuilder> {
    CompletionsBuilder() {
      super(UsageEndpoint.COMPLETIONS, UsageCompletionsResult.class);
    }

    @Override
    CompletionsBuilder self() {
      return this;
    }

    /** Only usage of these projects ({@code project_ids}). */
    public CompletionsBuilder projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public CompletionsBuilder userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage of these API keys ({@code api_key_ids}). */
    public CompletionsBuilder apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these models ({@code models}). */
    public CompletionsBuilder models(String... models) {
      return addFilter(UsageFilter.MODELS, models);
    }

    /** True for batch jobs only, false for non-batch jobs only ({@code batch}); both when not set. */
    public CompletionsBuilder batch(boolean batch) {
      return setBatch(batch);
    }
  }

  /** Options of endpoints filtered by project, user, API key and model (embeddings, moderations, audio). */
  public static final class ModelUsageBuilder<R extends UsageResult> extends Builder<R, ModelUsageBuilder<R>> {
    ModelUsageBuilder(UsageEndpoint endpoint, Class<R> resultType) {
      super(endpoint, resultType);
    }

    @Override
    ModelUsageBuilder<R> self() {
      return this;
    }

    /** Only usage of these projects ({@code project_ids}). */
    public ModelUsageBuilder<R> projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public ModelUsageBuilder<R> userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage of these API keys ({@code api_key_ids}). */
    public ModelUsageBuilder<R> apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these models ({@code models}). */
    public ModelUsageBuilder<R> models(String... models) {
      return addFilter(UsageFilter.MODELS, models);
    }
  }

  /** Options of images: model usage filters plus {@code sources} and {@code sizes}. */
  public static final class ImagesBuilder extends Builder<UsageImagesResult, ImagesBuilder> {
    ImagesBuilder() {
      super(UsageEndpoint.IMAGES, UsageImagesResult.class);
    }

    @Override
    ImagesBuilder self() {
      return this;
    }

    /** Only these sources: {@code image.generation}, {@code image.edit}, {@code image.variation}. */
    public ImagesBuilder sources(String... sources) {
      return addFilter(UsageFilter.SOURCES, sources);
    }

    /** Only these sizes: {@code 256x256}, {@code 512x512}, {@code 1024x1024}, {@code 1792x1792}, {@code 1024x1792}. */
    public ImagesBuilder sizes(String... sizes) {
      return addFilter(UsageFilter.SIZES, sizes);
    }

    /** Only usage of these projects ({@code project_ids}). */
    public ImagesBuilder projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public ImagesBuilder userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage of these API keys ({@code api_key_ids}). */
    public ImagesBuilder apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these models ({@code models}). */
    public ImagesBuilder models(String... models) {
      return addFilter(UsageFilter.MODELS, models);
    }
  }

  /** Options of endpoints filtered by project only (vector stores, code interpreter sessions). */
  public static final class ProjectUsageBuilder<R extends UsageResult>
      extends Builder<R, ProjectUsageBuilder<R>> {
    ProjectUsageBuilder(UsageEndpoint endpoint, Class<R> resultType) {
      super(endpoint, resultType);
    }

    @Override
    ProjectUsageBuilder<R> self() {
      return this;
    }

    /** Only usage of these projects ({@code project_ids}). */
    public ProjectUsageBuilder<R> projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }
  }

  /** Options of file search calls: project, user, API key and vector store filters. */
  public static final class FileSearchCallsBuilder
      extends Builder<UsageFileSearchCallsResult, FileSearchCallsBuilder> {
    FileSearchCallsBuilder() {
      super(UsageEndpoint.FILE_SEARCH_CALLS, UsageFileSearchCallsResult.class);
    }

    @Override
    FileSearchCallsBuilder self() {
      return this;
    }

    /** Only usage of these projects ({@code project_ids}). */
    public FileSearchCallsBuilder projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public FileSearchCallsBuilder userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage of these API keys ({@code api_key_ids}). */
    public FileSearchCallsBuilder apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these vector stores ({@code vector_store_ids}). */
    public FileSearchCallsBuilder vectorStoreIds(String... vectorStoreIds) {
      return addFilter(UsageFilter.VECTOR_STORE_IDS, vectorStoreIds);
    }
  }

  /** Options of web search calls: model usage filters plus {@code context_levels}. */
  public static final class WebSearchCallsBuilder
      extends Builder<UsageWebSearchCallsResult, WebSearchCallsBuilder> {
    WebSearchCallsBuilder() {
      super(UsageEndpoint.WEB_SEARCH_CALLS, UsageWebSearchCallsResult.class);
    }

    @Override
    WebSearchCallsBuilder self() {
      return this;
    }

    /** Only usage of these projects ({@code project_ids}). */
    public WebSearchCallsBuilder projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public WebSearchCallsBuilder userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage of these API keys ({@code api_key_ids}). */
    public WebSearchCallsBuilder apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these models ({@code models}). */
    public WebSearchCallsBuilder models(String... models) {
      return addFilter(UsageFilter.MODELS, models);
    }

    /** Only these search context sizes: {@code low}, {@code medium}, {@code high}. */
    public WebSearchCallsBuilder contextLevels(String... contextLevels) {
      return addFilter(UsageFilter.CONTEXT_LEVELS, contextLevels);
    }
  }

  /** Options of costs: project and API key filters; buckets are always one day. */
  public static final class CostsBuilder extends Builder<CostsResult, CostsBuilder> {
    CostsBuilder() {
      super(UsageEndpoint.COSTS, CostsResult.class);
    }

    @Override
    CostsBuilder self() {
      return this;
    }

    /** Only costs of these projects ({@code project_ids}). */
    public CostsBuilder projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only costs of these API keys ({@code api_key_ids}). */
    public CostsBuilder apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }
  }

  /** Options of any endpoint; filters are checked against the endpoint when {@code build()} runs. */
  public static final class AnyEndpointBuilder extends Builder<UsageResult, AnyEndpointBuilder> {
    AnyEndpointBuilder(UsageEndpoint endpoint) {
      super(endpoint, UsageResult.class);
    }

    @Override
    AnyEndpointBuilder self() {
      return this;
    }

    /** Adds values to a list filter such as {@link UsageFilter#MODELS}; use {@link #batch} for batch. */
    public AnyEndpointBuilder filter(UsageFilter filter, String... values) {
      Objects.requireNonNull(filter, "filter == null");
      requireList(filter);
      return addFilter(filter, values);
    }

    /** Adds values to a list filter such as {@link UsageFilter#MODELS}; use {@link #batch} for batch. */
    public AnyEndpointBuilder filter(UsageFilter filter, Iterable<String> values) {
      Objects.requireNonNull(filter, "filter == null");
      requireList(filter);
      return addFilter(filter, values);
    }

    /** The {@code batch} filter (completions only). */
    public AnyEndpointBuilder batch(boolean batch) {
      return setBatch(batch);
    }

    private static void requireList(UsageFilter filter) {
      if (filter.isBoolean()) {
        throw new IllegalArgumentException(filter.wireValue() + " is a boolean filter: use batch(boolean)");
      }
    }
  }

  /** Keeps the concrete result type of an existing query when its window changes. */
  private static final class TypedBuilder<R extends UsageResult> extends Builder<R, TypedBuilder<R>> {
    TypedBuilder(UsageEndpoint endpoint, Class<R> resultType) {
      super(endpoint, resultType);
    }

    @Override
    TypedBuilder<R> self() {
      return this;
    }
  }

  static String endpointName(UsageEndpoint endpoint) {
    return endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
  }

  private static String wireValues(Iterable<? extends Enum<?>> values) {
    List<String> wire = new ArrayList<>();
    for (Enum<?> value : values) {
      if (value instanceof BucketWidth) {
        wire.add(((BucketWidth) value).wireValue());
      } else if (value instanceof GroupByField) {
        wire.add(((GroupByField) value).wireValue());
      } else {
        wire.add(((UsageFilter) value).wireValue());
      }
    }
    return wire.toString();
  }

  private static String single(String name, List<String> values) {
    if (values == null || values.size() != 1) {
      throw new IllegalArgumentException(name + " must be given exactly once");
    }
    return values.get(0);
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer (Unix seconds), was '" + value + "'");
    }
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
    }
  }

  private static boolean parseBoolean(String name, String value) {
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
  }

  private static BucketWidth parseEnum(String name, String value, Set<BucketWidth> allowed) {
    for (BucketWidth width : allowed) {
      if (width.wireValue().equals(value)) {
        return width;
      }
    }
    throw new IllegalArgumentException(name + " '" + value + "' is not allowed; allowed: " + wireValues(allowed));
  }

  private static GroupByField parseGroupBy(UsageEndpoint endpoint, String value) {
    for (GroupByField field : endpoint.groupByFields()) {
      if (field.wireValue().equals(value)) {
        return field;
      }
    }
    throw new IllegalArgumentException("group_by '" + value + "' is not accepted by " + endpointName(endpoint)
        + "; allowed: " + wireValues(endpoint.groupByFields()));
  }

  private static UsageFilter filterNamed(UsageEndpoint endpoint, String name) {
    for (UsageFilter filter : endpoint.filters()) {
      if (filter.wireValue().equals(name)) {
        return filter;
      }
    }
    List<String> known = new ArrayList<>(Collections.singletonList("start_time"));
    Collections.addAll(known, "end_time", "bucket_width", "limit", "group_by", "page");
    for (UsageFilter filter : endpoint.filters()) {
      known.add(filter.wireValue());
    }
    throw new IllegalArgumentException(
        "unknown parameter '" + name + "' for " + endpointName(endpoint) + "; allowed: " + known);
  }
}
