package dev.usagekit.retrofit;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.core.Observable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Fetches one page of a {@link UsageQuery} through the generated {@link UsageApi}, calling the method of the
 * query's endpoint with the query's parameters.
 *
 * <pre>{@code
 * UsageApi api = UsageApiFactory.create(adminKey);
 * UsageQuery<CostsResult> query = UsageQuery.costs().startTime(1730419200L).limit(30).build();
 * UsageResponse first = UsageApiPages.fetch(api, query, null).blockingFirst();
 * UsageResponse second = UsageApiPages.fetch(api, query, first.nextPage()).blockingFirst();
 * }</pre>
 *
 * <p>To follow every page, use {@code UsageStreams} in {@code usage-rx}.
 */
public final class UsageApiPages {
  private UsageApiPages() {}

  /**
   * The page of {@code query} that starts at {@code cursor} ({@code null} for the first page).
   * The returned {@link Observable} makes the HTTP call when subscribed and emits exactly one page.
   */
  public static Observable<UsageResponse> fetch(UsageApi api, UsageQuery<?> query, @Nullable String cursor) {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(query, "query == null");
    Long start = query.startTime();
    Long end = query.endTime();
    BucketWidth width = query.bucketWidth();
    String bucketWidth = width != null ? width.wireValue() : null;
    List<String> groupBy = groupBy(query);
    Integer limit = query.limit();
    switch (query.endpoint()) {
      case COMPLETIONS:
        return api.usageCompletions(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            query.batch(), groupBy, limit, cursor);
      case EMBEDDINGS:
        return api.usageEmbeddings(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            groupBy, limit, cursor);
      case MODERATIONS:
        return api.usageModerations(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            groupBy, limit, cursor);
      case IMAGES:
        return api.usageImages(start, end, bucketWidth,
            list(query, UsageFilter.SOURCES), list(query, UsageFilter.SIZES),
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            groupBy, limit, cursor);
      case AUDIO_SPEECHES:
        return api.usageAudioSpeeches(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            groupBy, limit, cursor);
      case AUDIO_TRANSCRIPTIONS:
        return api.usageAudioTranscriptions(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            groupBy, limit, cursor);
      case VECTOR_STORES:
        return api.usageVectorStores(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), groupBy, limit, cursor);
      case CODE_INTERPRETER_SESSIONS:
        return api.usageCodeInterpreterSessions(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), groupBy, limit, cursor);
      case FILE_SEARCH_CALLS:
        return api.usageFileSearchCalls(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.VECTOR_STORE_IDS),
            groupBy, limit, cursor);
      case WEB_SEARCH_CALLS:
        return api.usageWebSearchCalls(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.USER_IDS),
            list(query, UsageFilter.API_KEY_IDS), list(query, UsageFilter.MODELS),
            list(query, UsageFilter.CONTEXT_LEVELS), groupBy, limit, cursor);
      case COSTS:
        return api.usageCosts(start, end, bucketWidth,
            list(query, UsageFilter.PROJECT_IDS), list(query, UsageFilter.API_KEY_IDS),
            groupBy, limit, cursor);
      default:
        throw new AssertionError("No UsageApi method for " + query.endpoint());
    }
  }

  private static @Nullable List<String> list(UsageQuery<?> query, UsageFilter filter) {
    List<String> values = query.filter(filter);
    return values.isEmpty() ? null : values;
  }

  private static @Nullable List<String> groupBy(UsageQuery<?> query) {
    if (query.groupBy().isEmpty()) {
      return null;
    }
    List<String> wire = new ArrayList<>(query.groupBy().size());
    for (GroupByField field : query.groupBy()) {
      wire.add(field.wireValue());
    }
    return wire;
  }
}
