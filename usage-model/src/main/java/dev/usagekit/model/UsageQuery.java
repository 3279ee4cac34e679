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
 * <p>Each endpoint has a typed factory ({@link #completions()}, {@link #costs()}, ...); {@link
 * #builder(UsageEndpoint)} takes any endpoint. {@code build()} validates everything against the endpoint's row
 * of {@link UsageEndpoint} before any request is made, and fails with an {@link IllegalArgumentException} whose
 * message names the parameter and the allowed values. What this release does not know yet (a new {@code
 * group_by} value or filter) goes through {@link Builder#additionalQueryParameter}, unchecked.
 *
 * @param <R> the result type of the endpoint
 */
public final class UsageQuery<R extends UsageResult> {
  private static final Set<String> TYPED_PARAMETERS = Collections.unmodifiableSet(new LinkedHashSet<>(
      java.util.Arrays.asList("start_time", "end_time", "bucket_width", "limit", "page")));

  private final UsageEndpoint endpoint;
  private final Class<R> resultType;
  private final long startTime;
  private final @Nullable Long endTime;
  private final @Nullable BucketWidth bucketWidth;
  private final @Nullable Integer limit;
  private final List<GroupByField> groupBy;
  private final Map<UsageFilter, List<String>> filters;
  private final Map<String, List<String>> additional;

  private UsageQuery(Builder<R> builder) {
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
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : builder.additional.entrySet()) {
      extra.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    this.additional = Collections.unmodifiableMap(extra);
  }

  /** A builder for {@code GET /organization/usage/completions}. */
  public static Builder<UsageCompletionsResult> completions() {
    return new Builder<>(UsageEndpoint.COMPLETIONS, UsageCompletionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/decisions}. */
  public static Builder<UsageDecisionsResult> decisions() {
    return new Builder<>(UsageEndpoint.DECISIONS, UsageDecisionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/embeddings}. */
  public static Builder<UsageEmbeddingsResult> embeddings() {
    return new Builder<>(UsageEndpoint.EMBEDDINGS, UsageEmbeddingsResult.class);
  }

  /** A builder for {@code GET /organization/usage/moderations}. */
  public static Builder<UsageModerationsResult> moderations() {
    return new Builder<>(UsageEndpoint.MODERATIONS, UsageModerationsResult.class);
  }

  /** A builder for {@code GET /organization/usage/images}. */
  public static Builder<UsageImagesResult> images() {
    return new Builder<>(UsageEndpoint.IMAGES, UsageImagesResult.class);
  }

  /** A builder for {@code GET /organization/usage/audio_speeches}. */
  public static Builder<UsageAudioSpeechesResult> audioSpeeches() {
    return new Builder<>(UsageEndpoint.AUDIO_SPEECHES, UsageAudioSpeechesResult.class);
  }

  /** A builder for {@code GET /organization/usage/audio_transcriptions}. */
  public static Builder<UsageAudioTranscriptionsResult> audioTranscriptions() {
    return new Builder<>(UsageEndpoint.AUDIO_TRANSCRIPTIONS, UsageAudioTranscriptionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/vector_stores}. */
  public static Builder<UsageVectorStoresResult> vectorStores() {
    return new Builder<>(UsageEndpoint.VECTOR_STORES, UsageVectorStoresResult.class);
  }

  /** A builder for {@code GET /organization/usage/code_interpreter_sessions}. */
  public static Builder<UsageCodeInterpreterSessionsResult> codeInterpreterSessions() {
    return new Builder<>(UsageEndpoint.CODE_INTERPRETER_SESSIONS, UsageCodeInterpreterSessionsResult.class);
  }

  /** A builder for {@code GET /organization/usage/file_search_calls}. */
  public static Builder<UsageFileSearchCallsResult> fileSearchCalls() {
    return new Builder<>(UsageEndpoint.FILE_SEARCH_CALLS, UsageFileSearchCallsResult.class);
  }

  /** A builder for {@code GET /organization/usage/web_search_calls}. */
  public static Builder<UsageWebSearchCallsResult> webSearchCalls() {
    return new Builder<>(UsageEndpoint.WEB_SEARCH_CALLS, UsageWebSearchCallsResult.class);
  }

  /** A builder for {@code GET /organization/costs}. */
  public static Builder<CostsResult> costs() {
    return new Builder<>(UsageEndpoint.COSTS, CostsResult.class);
  }

  /**
   * A builder for any endpoint, for callers that choose the endpoint at run time (a command line, a config file).
   */
  public static Builder<UsageResult> builder(UsageEndpoint endpoint) {
    return new Builder<>(Objects.requireNonNull(endpoint, "endpoint == null"), UsageResult.class);
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
   * The parameters set through {@link Builder#additionalQueryParameter}, by name, in the order given: sent
   * unchecked after the known ones.
   */
  public Map<String, List<String>> additionalQueryParameters() {
    return additional;
  }

  /**
   * This query with another window, validated again. Paging and polling streams use it to move the window on.
   */
  public UsageQuery<R> withWindow(long startTime, @Nullable Long endTime) {
    Builder<R> builder = new Builder<>(endpoint, resultType);
    builder.bucketWidth = bucketWidth;
    builder.limit = limit;
    builder.groupBy.addAll(groupBy);
    for (Map.Entry<UsageFilter, List<String>> e : filters.entrySet()) {
      builder.filters.put(e.getKey(), new LinkedHashSet<>(e.getValue()));
    }
    for (Map.Entry<String, List<String>> e : additional.entrySet()) {
      builder.additional.put(e.getKey(), new ArrayList<>(e.getValue()));
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
    for (Map.Entry<String, List<String>> e : additional.entrySet()) {
      List<String> known = parameters.get(e.getKey());
      if (known == null) {
        parameters.put(e.getKey(), e.getValue());
      } else {
        List<String> both = new ArrayList<>(known);
        both.addAll(e.getValue());
        parameters.put(e.getKey(), Collections.unmodifiableList(both));
      }
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
        && filters.equals(that.filters)
        && additional.equals(that.additional);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, startTime, endTime, bucketWidth, limit, groupBy, filters, additional);
  }

  @Override
  public String toString() {
    return "UsageQuery{" + endpoint.path() + " " + toQueryParameters(null) + "}";
  }

  /**
   * Builds a {@link UsageQuery}: the window, the bucket width, the page size, {@code group_by} and the filters.
   * Every setter records; {@link #build()} checks everything against the endpoint's row of {@link UsageEndpoint}.
   *
   * @param <R> the result type of the endpoint
   */
  public static final class Builder<R extends UsageResult> {
    final UsageEndpoint endpoint;
    final Class<R> resultType;
    private boolean startSet;
    long startTime;
    @Nullable Long endTime;
    @Nullable BucketWidth bucketWidth;
    @Nullable Integer limit;
    final Set<GroupByField> groupBy = new LinkedHashSet<>();
    final Map<UsageFilter, Set<String>> filters = new EnumMap<>(UsageFilter.class);
    final Map<String, List<String>> additional = new LinkedHashMap<>();

    Builder(UsageEndpoint endpoint, Class<R> resultType) {
      this.endpoint = endpoint;
      this.resultType = resultType;
    }

    /** Start of the window, inclusive, in Unix seconds. Required. */
    public Builder<R> startTime(long unixSeconds) {
      this.startTime = unixSeconds;
      this.startSet = true;
      return this;
    }

    /** Start of the window, inclusive; sub-second precision is truncated. Required. */
    public Builder<R> start(Instant start) {
      return startTime(Objects.requireNonNull(start, "start == null").getEpochSecond());
    }

    /** End of the window, exclusive, in Unix seconds. Optional: without it the window runs up to now. */
    public Builder<R> endTime(long unixSeconds) {
      this.endTime = unixSeconds;
      return this;
    }

    /** End of the window, exclusive; sub-second precision is truncated. */
    public Builder<R> end(Instant end) {
      return endTime(Objects.requireNonNull(end, "end == null").getEpochSecond());
    }

    /**
     * The window from {@code start}, inclusive, lasting {@code length}.
     *
     * @throws IllegalArgumentException if the window ends beyond the range of {@link Instant}
     */
    public Builder<R> window(Instant start, Duration length) {
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
    public Builder<R> bucketWidth(BucketWidth bucketWidth) {
      this.bucketWidth = Objects.requireNonNull(bucketWidth, "bucketWidth == null");
      return this;
    }

    /** Number of buckets per page, 1 up to the endpoint's maximum for the bucket width. */
    public Builder<R> limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Adds fields to group results by; each must be one the endpoint accepts. */
    public Builder<R> groupBy(GroupByField... fields) {
      Objects.requireNonNull(fields, "fields == null");
      for (GroupByField field : fields) {
        groupBy.add(Objects.requireNonNull(field, "fields contains null"));
      }
      return this;
    }

    /** Adds fields to group results by; each must be one the endpoint accepts. */
    public Builder<R> groupBy(Iterable<GroupByField> fields) {
      Objects.requireNonNull(fields, "fields == null");
      for (GroupByField field : fields) {
        groupBy.add(Objects.requireNonNull(field, "fields contains null"));
      }
      return this;
    }

    Builder<R> addFilter(UsageFilter filter, Iterable<String> values) {
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
      return this;
    }

    Builder<R> addFilter(UsageFilter filter, String[] values) {
      Objects.requireNonNull(values, filter.wireValue() + " == null");
      List<String> list = new ArrayList<>(values.length);
      Collections.addAll(list, values);
      return addFilter(filter, list);
    }


    /** Only usage or costs of these projects ({@code project_ids}): every endpoint. */
    public Builder<R> projectIds(String... projectIds) {
      return addFilter(UsageFilter.PROJECT_IDS, projectIds);
    }

    /** Only usage of these users ({@code user_ids}). */
    public Builder<R> userIds(String... userIds) {
      return addFilter(UsageFilter.USER_IDS, userIds);
    }

    /** Only usage or costs of these API keys ({@code api_key_ids}). */
    public Builder<R> apiKeyIds(String... apiKeyIds) {
      return addFilter(UsageFilter.API_KEY_IDS, apiKeyIds);
    }

    /** Only usage of these models, matched exactly, such as {@code gpt-4o-2024-08-06} ({@code models}). */
    public Builder<R> models(String... models) {
      return addFilter(UsageFilter.MODELS, models);
    }

    /** Completions only: true for batch jobs only, false for non-batch jobs only ({@code batch}). */
    public Builder<R> batch(boolean batch) {
      filters.put(UsageFilter.BATCH, Collections.singleton(Boolean.toString(batch)));
      return this;
    }

    /** Images only: {@code image.generation}, {@code image.edit}, {@code image.variation} ({@code sources}). */
    public Builder<R> sources(String... sources) {
      return addFilter(UsageFilter.SOURCES, sources);
    }

    /** Images only: {@code 256x256}, {@code 512x512}, {@code 1024x1024}, ... ({@code sizes}). */
    public Builder<R> sizes(String... sizes) {
      return addFilter(UsageFilter.SIZES, sizes);
    }

    /** File search calls only: these vector stores ({@code vector_store_ids}). */
    public Builder<R> vectorStoreIds(String... vectorStoreIds) {
      return addFilter(UsageFilter.VECTOR_STORE_IDS, vectorStoreIds);
    }

    /** Web search calls only: {@code low}, {@code medium}, {@code high} ({@code context_levels}). */
    public Builder<R> contextLevels(String... contextLevels) {
      return addFilter(UsageFilter.CONTEXT_LEVELS, contextLevels);
    }

    /** Costs only: these line items, matched exactly, such as {@code "gpt-4o, input"} ({@code line_items}). */
    public Builder<R> lineItems(String... lineItems) {
      return addFilter(UsageFilter.LINE_ITEMS, lineItems);
    }

    /**
     * Adds values to any list filter, such as {@link UsageFilter#MODELS}; {@link #batch(boolean)} sets the
     * boolean one.
     */
    public Builder<R> filter(UsageFilter filter, String... values) {
      return addFilter(requireList(filter), values);
    }

    /** Adds values to any list filter, such as {@link UsageFilter#MODELS}. */
    public Builder<R> filter(UsageFilter filter, Iterable<String> values) {
      return addFilter(requireList(filter), values);
    }

    /**
     * The escape hatch for what this release does not know yet: sends {@code name=value} for each value,
     * unchecked, after the parameters this release knows. A new {@code group_by} value goes through it as
     * {@code additionalQueryParameter("group_by", "some_new_field")} (added to the known ones); a new filter as
     * {@code additionalQueryParameter("some_new_filter", "a", "b")} (repeated keys, like every array parameter).
     * Once a release knows them, they are typed ({@code api_source} became {@link GroupByField#API_SOURCE},
     * {@code line_items} {@link UsageFilter#LINE_ITEMS}). The API's own answer (such as a 400)
     * is the only check. The typed parameters ({@code start_time}, {@code end_time}, {@code bucket_width},
     * {@code limit}, {@code page}) cannot be set here.
     *
     * @throws IllegalArgumentException if {@code name} is blank or a typed parameter, or a value is null
     */
    public Builder<R> additionalQueryParameter(String name, String... values) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(values, "values == null");
      if (name.trim().isEmpty() || TYPED_PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "additionalQueryParameter name must not be blank or one of " + TYPED_PARAMETERS + ", was: \"" + name + "\"");
      }
      List<String> list = additional.get(name);
      if (list == null) {
        list = new ArrayList<>();
        additional.put(name, list);
      }
      for (String value : values) {
        list.add(Objects.requireNonNull(value, "values contains null"));
      }
      return this;
    }

    private static UsageFilter requireList(UsageFilter filter) {
      Objects.requireNonNull(filter, "filter == null");
      if (filter.isBoolean()) {
        throw new IllegalArgumentException(filter.wireValue() + " is a boolean filter: use batch(boolean)");
      }
      return filter;
    }

    /**
     * Validates and builds the query.
     *
     * @throws IllegalArgumentException naming the parameter and its allowed values when any is invalid
     */
    public UsageQuery<R> build() {
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







}
