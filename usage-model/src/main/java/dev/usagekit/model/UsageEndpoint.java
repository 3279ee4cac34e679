package dev.usagekit.model;

import static dev.usagekit.model.GroupByField.API_KEY_ID;
import static dev.usagekit.model.GroupByField.API_SOURCE;
import static dev.usagekit.model.GroupByField.CONTEXT_LEVEL;
import static dev.usagekit.model.GroupByField.LINE_ITEM;
import static dev.usagekit.model.GroupByField.MODEL;
import static dev.usagekit.model.GroupByField.PROJECT_ID;
import static dev.usagekit.model.GroupByField.SERVICE_TIER;
import static dev.usagekit.model.GroupByField.SIZE;
import static dev.usagekit.model.GroupByField.SOURCE;
import static dev.usagekit.model.GroupByField.USER_ID;
import static dev.usagekit.model.GroupByField.VECTOR_STORE_ID;
import static dev.usagekit.model.UsageFilter.API_KEY_IDS;
import static dev.usagekit.model.UsageFilter.CONTEXT_LEVELS;
import static dev.usagekit.model.UsageFilter.LINE_ITEMS;
import static dev.usagekit.model.UsageFilter.MODELS;
import static dev.usagekit.model.UsageFilter.PROJECT_IDS;
import static dev.usagekit.model.UsageFilter.SIZES;
import static dev.usagekit.model.UsageFilter.SOURCES;
import static dev.usagekit.model.UsageFilter.USER_IDS;
import static dev.usagekit.model.UsageFilter.VECTOR_STORE_IDS;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The one table of endpoint facts: for each of the twelve GET endpoints of the Usage and Costs API,
 * its path, operation, result type, allowed {@code group_by} fields, filters, bucket widths and
 * limits. Other modules read these facts here instead of repeating them.
 *
 * <pre>{@code
 * UsageEndpoint endpoint = UsageEndpoint.forPath("organization/usage/images");
 * endpoint.resultType();                         // UsageImagesResult.class
 * endpoint.groupByFields().contains(GroupByField.SIZE);  // true
 * endpoint.maxLimit(BucketWidth.ONE_HOUR);       // 168
 * UsageEndpoint.COSTS.bucketWidths();            // [ONE_DAY]
 * }</pre>
 *
 * <p>Facts from the project's OpenAPI document (operations {@code usage-*}): upstream's, plus the changes
 * after it that the official SDK's types record (decisions, {@code api_source}, costs by user and line item). Lists are in spec order
 * and, like the sets, unmodifiable.
 */
public enum UsageEndpoint {
  /** {@code GET /organization/usage/completions}: {@link UsageCompletionsResult}. */
  COMPLETIONS(
      "organization/usage/completions",
      "usage-completions",
      UsageCompletionsResult.OBJECT,
      UsageCompletionsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL, GroupByField.BATCH, SERVICE_TIER, API_SOURCE),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS, UsageFilter.BATCH),
      Limits.USAGE),
  /**
   * {@code GET /organization/usage/decisions}: {@link UsageDecisionsResult} (since 2026-10, after the upstream
   * OpenAPI document; from the official SDK's types).
   */
  DECISIONS(
      "organization/usage/decisions",
      "usage-decisions",
      UsageDecisionsResult.OBJECT,
      UsageDecisionsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL, GroupByField.BATCH, SERVICE_TIER, API_SOURCE),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS, UsageFilter.BATCH),
      Limits.USAGE),
  /** {@code GET /organization/usage/embeddings}: {@link UsageEmbeddingsResult}. */
  EMBEDDINGS(
      "organization/usage/embeddings",
      "usage-embeddings",
      UsageEmbeddingsResult.OBJECT,
      UsageEmbeddingsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS),
      Limits.USAGE),
  /** {@code GET /organization/usage/moderations}: {@link UsageModerationsResult}. */
  MODERATIONS(
      "organization/usage/moderations",
      "usage-moderations",
      UsageModerationsResult.OBJECT,
      UsageModerationsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS),
      Limits.USAGE),
  /** {@code GET /organization/usage/images}: {@link UsageImagesResult}. */
  IMAGES(
      "organization/usage/images",
      "usage-images",
      UsageImagesResult.OBJECT,
      UsageImagesResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL, SIZE, SOURCE),
      Arrays.asList(SOURCES, SIZES, PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS),
      Limits.USAGE),
  /** {@code GET /organization/usage/audio_speeches}: {@link UsageAudioSpeechesResult}. */
  AUDIO_SPEECHES(
      "organization/usage/audio_speeches",
      "usage-audio-speeches",
      UsageAudioSpeechesResult.OBJECT,
      UsageAudioSpeechesResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS),
      Limits.USAGE),
  /**
   * {@code GET /organization/usage/audio_transcriptions}: {@link UsageAudioTranscriptionsResult}.
   */
  AUDIO_TRANSCRIPTIONS(
      "organization/usage/audio_transcriptions",
      "usage-audio-transcriptions",
      UsageAudioTranscriptionsResult.OBJECT,
      UsageAudioTranscriptionsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS),
      Limits.USAGE),
  /** {@code GET /organization/usage/vector_stores}: {@link UsageVectorStoresResult}. */
  VECTOR_STORES(
      "organization/usage/vector_stores",
      "usage-vector-stores",
      UsageVectorStoresResult.OBJECT,
      UsageVectorStoresResult.class,
      Collections.singletonList(PROJECT_ID),
      Collections.singletonList(PROJECT_IDS),
      Limits.USAGE),
  /**
   * {@code GET /organization/usage/code_interpreter_sessions}: {@link
   * UsageCodeInterpreterSessionsResult}.
   */
  CODE_INTERPRETER_SESSIONS(
      "organization/usage/code_interpreter_sessions",
      "usage-code-interpreter-sessions",
      UsageCodeInterpreterSessionsResult.OBJECT,
      UsageCodeInterpreterSessionsResult.class,
      Collections.singletonList(PROJECT_ID),
      Collections.singletonList(PROJECT_IDS),
      Limits.USAGE),
  /**
   * {@code GET /organization/usage/file_search_calls}: {@link UsageFileSearchCallsResult}, whose
   * {@code object} is {@code organization.usage.file_searches.result}.
   */
  FILE_SEARCH_CALLS(
      "organization/usage/file_search_calls",
      "usage-file-search-calls",
      UsageFileSearchCallsResult.OBJECT,
      UsageFileSearchCallsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, VECTOR_STORE_ID),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, VECTOR_STORE_IDS),
      Limits.USAGE),
  /**
   * {@code GET /organization/usage/web_search_calls}: {@link UsageWebSearchCallsResult}, whose
   * {@code object} is {@code organization.usage.web_searches.result}.
   */
  WEB_SEARCH_CALLS(
      "organization/usage/web_search_calls",
      "usage-web-search-calls",
      UsageWebSearchCallsResult.OBJECT,
      UsageWebSearchCallsResult.class,
      Arrays.asList(PROJECT_ID, USER_ID, API_KEY_ID, MODEL, CONTEXT_LEVEL, API_SOURCE),
      Arrays.asList(PROJECT_IDS, USER_IDS, API_KEY_IDS, MODELS, CONTEXT_LEVELS),
      Limits.USAGE),
  /** {@code GET /organization/costs}: {@link CostsResult}; daily buckets only, up to 180. */
  COSTS(
      "organization/costs",
      "usage-costs",
      CostsResult.OBJECT,
      CostsResult.class,
      Arrays.asList(PROJECT_ID, LINE_ITEM, API_KEY_ID, USER_ID, API_SOURCE),
      Arrays.asList(PROJECT_IDS, API_KEY_IDS, LINE_ITEMS),
      Limits.COSTS);

  private final String path;
  private final String operationId;
  private final String resultObject;
  private final Class<? extends UsageResult> resultType;
  private final List<GroupByField> groupByFields;
  private final List<UsageFilter> filters;
  private final Limits limits;

  UsageEndpoint(
      String path,
      String operationId,
      String resultObject,
      Class<? extends UsageResult> resultType,
      List<GroupByField> groupByFields,
      List<UsageFilter> filters,
      Limits limits) {
    this.path = path;
    this.operationId = operationId;
    this.resultObject = resultObject;
    this.resultType = resultType;
    this.groupByFields = Collections.unmodifiableList(groupByFields);
    this.filters = Collections.unmodifiableList(filters);
    this.limits = limits;
  }

  /**
   * The path relative to the API base URL, without a leading slash, for example {@code
   * "organization/usage/completions"} or {@code "organization/costs"}.
   */
  public String path() {
    return path;
  }

  /** The {@code operationId} of the spec, for example {@code "usage-completions"}. */
  public String operationId() {
    return operationId;
  }

  /**
   * The JSON {@code object} value of this endpoint's results, for example {@code
   * "organization.usage.completions.result"}. It does not always follow the path: {@link
   * #FILE_SEARCH_CALLS} returns {@code "organization.usage.file_searches.result"}.
   */
  public String resultObject() {
    return resultObject;
  }

  /**
   * The type this endpoint's results decode to. A response may still hold an {@link
   * UnknownUsageResult} if the API starts sending a new {@code object} value.
   */
  public Class<? extends UsageResult> resultType() {
    return resultType;
  }

  /** The values of the {@code group_by} parameter this endpoint accepts, in spec order. */
  public List<GroupByField> groupByFields() {
    return groupByFields;
  }

  /** The filter parameters this endpoint accepts, in spec order. */
  public List<UsageFilter> filters() {
    return filters;
  }

  /**
   * The values of the {@code bucket_width} parameter this endpoint accepts: every width for usage,
   * only {@link BucketWidth#ONE_DAY} for {@link #COSTS}.
   */
  public Set<BucketWidth> bucketWidths() {
    return limits.widths;
  }

  /** The width used when a request sets no {@code bucket_width}: {@link BucketWidth#ONE_DAY}. */
  public BucketWidth defaultBucketWidth() {
    return BucketWidth.ONE_DAY;
  }

  /**
   * The number of buckets returned when a request sets no {@code limit}: 7 for {@code 1d}, 24 for
   * {@code 1h}, 60 for {@code 1m}.
   *
   * @throws IllegalArgumentException if this endpoint does not accept {@code width}
   */
  public int defaultLimit(BucketWidth width) {
    return limits.of(this, width)[0];
  }

  /**
   * The largest {@code limit} this endpoint accepts for {@code width}: 31 for {@code 1d} (180 for
   * {@link #COSTS}), 168 for {@code 1h}, 1440 for {@code 1m}. The smallest is 1.
   *
   * @throws IllegalArgumentException if this endpoint does not accept {@code width}
   */
  public int maxLimit(BucketWidth width) {
    return limits.of(this, width)[1];
  }

  /**
   * Returns the endpoint at {@code path}, for example {@code "organization/costs"}. A leading
   * slash, as in the spec's paths, is accepted.
   *
   * @throws IllegalArgumentException if no endpoint has that path; the message names the paths
   */
  public static UsageEndpoint forPath(String path) {
    Objects.requireNonNull(path, "path == null");
    String relative = path.startsWith("/") ? path.substring(1) : path;
    StringBuilder allowed = new StringBuilder();
    for (UsageEndpoint endpoint : values()) {
      if (endpoint.path.equals(relative)) {
        return endpoint;
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(endpoint.path);
    }
    throw new IllegalArgumentException(
        "path must be one of [" + allowed + "], was: \"" + path + "\"");
  }

  /**
   * Returns the endpoint whose results have the JSON {@code object} value {@code resultObject}, or
   * null if none does (a result type this version does not know).
   */
  public static @Nullable UsageEndpoint forResultObject(String resultObject) {
    Objects.requireNonNull(resultObject, "resultObject == null");
    for (UsageEndpoint endpoint : values()) {
      if (endpoint.resultObject.equals(resultObject)) {
        return endpoint;
      }
    }
    return null;
  }

  /** The bucket widths of an endpoint, with the default and maximum {@code limit} of each. */
  private static final class Limits {
    // Arguments: the {default, maximum} limits of 1m, 1h and 1d.
    static final Limits USAGE =
        new Limits(new int[] {60, 1440}, new int[] {24, 168}, new int[] {7, 31});
    static final Limits COSTS = new Limits(null, null, new int[] {7, 180});

    /** {default, maximum} limit by width; a width the endpoint does not accept is absent. */
    private final Map<BucketWidth, int[]> byWidth = new EnumMap<>(BucketWidth.class);

    private final Set<BucketWidth> widths;

    /** Takes the {default, maximum} limits of each width, or null for a width not accepted. */
    private Limits(@Nullable int[] minute, @Nullable int[] hour, @Nullable int[] day) {
      if (minute != null) {
        byWidth.put(BucketWidth.ONE_MINUTE, minute);
      }
      if (hour != null) {
        byWidth.put(BucketWidth.ONE_HOUR, hour);
      }
      if (day != null) {
        byWidth.put(BucketWidth.ONE_DAY, day);
      }
      widths = Collections.unmodifiableSet(EnumSet.copyOf(byWidth.keySet()));
    }

    int[] of(UsageEndpoint endpoint, BucketWidth width) {
      Objects.requireNonNull(width, "width == null");
      int[] limits = byWidth.get(width);
      if (limits == null) {
        StringBuilder allowed = new StringBuilder();
        for (BucketWidth w : widths) {
          allowed.append(allowed.length() == 0 ? "" : ", ").append(w.wireValue());
        }
        throw new IllegalArgumentException(
            "bucket_width of "
                + endpoint.path
                + " must be one of ["
                + allowed
                + "], was: \""
                + width.wireValue()
                + "\"");
      }
      return limits;
    }
  }
}
