package dev.usagekit.testkit;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageAudioSpeechesResult;
import dev.usagekit.model.UsageAudioTranscriptionsResult;
import dev.usagekit.model.UsageCodeInterpreterSessionsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEmbeddingsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFileSearchCallsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageModerationsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Builders with realistic defaults for every value of the API, so that a test sets only what it is about.
 *
 * <pre>{@code
 * UsageCompletionsResult result = TestData.completions().model("gpt-4o-mini").inputTokens(5_000).build();
 * UsageTimeBucket bucket = TestData.bucket(1762128000L, BucketWidth.ONE_DAY, result);
 * List<UsageResponse> pages = TestData.pages(
 *     TestData.buckets(1762128000L, BucketWidth.ONE_DAY, 10, result), 3); // 4 pages, cursors chained
 * mockWebServer.enqueue(new MockResponse().setBody(TestData.json(pages.get(0))));
 * }</pre>
 *
 * <p>Result builders come pre-filled with the counts an endpoint requires (small, plausible numbers) and no
 * grouping field: like the API's answer to a request without {@code group_by}. Each call returns a new
 * builder of the model's own type, so any field can be overridden.
 */
public final class TestData {
  private TestData() {}

  /** Completions: 1,000 input tokens (200 cached), 250 output tokens, 4 requests. */
  public static UsageCompletionsResult.Builder completions() {
    return UsageCompletionsResult.builder()
        .inputTokens(1_000)
        .inputCachedTokens(200L)
        .outputTokens(250)
        .numModelRequests(4);
  }

  /** Embeddings: 160 input tokens, 2 requests. */
  public static UsageEmbeddingsResult.Builder embeddings() {
    return UsageEmbeddingsResult.builder().inputTokens(160).numModelRequests(2);
  }

  /** Moderations: 220 input tokens, 3 requests. */
  public static UsageModerationsResult.Builder moderations() {
    return UsageModerationsResult.builder().inputTokens(220).numModelRequests(3);
  }

  /** Images: 2 images, 2 requests. */
  public static UsageImagesResult.Builder images() {
    return UsageImagesResult.builder().images(2).numModelRequests(2);
  }

  /** Audio speeches: 480 characters, 3 requests. */
  public static UsageAudioSpeechesResult.Builder audioSpeeches() {
    return UsageAudioSpeechesResult.builder().characters(480).numModelRequests(3);
  }

  /** Audio transcriptions: 95 seconds, 2 requests. */
  public static UsageAudioTranscriptionsResult.Builder audioTranscriptions() {
    return UsageAudioTranscriptionsResult.builder().seconds(95).numModelRequests(2);
  }

  /** Vector stores: 1 MiB. */
  public static UsageVectorStoresResult.Builder vectorStores() {
    return UsageVectorStoresResult.builder().usageBytes(1_048_576);
  }

  /** Code interpreter sessions: 1 session. */
  public static UsageCodeInterpreterSessionsResult.Builder codeInterpreterSessions() {
    return UsageCodeInterpreterSessionsResult.builder().numSessions(1);
  }

  /** File search calls: 4 calls. */
  public static UsageFileSearchCallsResult.Builder fileSearchCalls() {
    return UsageFileSearchCallsResult.builder().numRequests(4);
  }

  /** Web search calls: 3 calls by 3 model requests. */
  public static UsageWebSearchCallsResult.Builder webSearchCalls() {
    return UsageWebSearchCallsResult.builder().numModelRequests(3).numRequests(3);
  }

  /** Costs: 0.06 USD. */
  public static CostsResult.Builder costs() {
    return CostsResult.builder().amount(usd("0.06"));
  }

  /**
   * A result of a type this version does not know, such as the API may add: {@code object} and one count,
   * {@code num_requests: 1}.
   */
  public static UnknownUsageResult.Builder unknown(String object) {
    Objects.requireNonNull(object, "object == null");
    return UnknownUsageResult.builder()
        .object(object)
        .putAdditionalProperties("num_requests", Json.NODES.numberNode(1));
  }

  /** A result of {@code endpoint}'s type with the defaults of its builder above. */
  public static UsageResult result(UsageEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    switch (endpoint) {
      case COMPLETIONS:
        return completions().build();
      case EMBEDDINGS:
        return embeddings().build();
      case MODERATIONS:
        return moderations().build();
      case IMAGES:
        return images().build();
      case AUDIO_SPEECHES:
        return audioSpeeches().build();
      case AUDIO_TRANSCRIPTIONS:
        return audioTranscriptions().build();
      case VECTOR_STORES:
        return vectorStores().build();
      case CODE_INTERPRETER_SESSIONS:
        return codeInterpreterSessions().build();
      case FILE_SEARCH_CALLS:
        return fileSearchCalls().build();
      case WEB_SEARCH_CALLS:
        return webSearchCalls().build();
      case COSTS:
        return costs().build();
      default:
        throw new IllegalArgumentException("No test data for endpoint " + endpoint);
    }
  }

  /** An amount in USD, exact: {@code usd("0.0692840000000000000")}. */
  public static CostsAmount usd(String value) {
    Objects.requireNonNull(value, "value == null");
    return CostsAmount.builder().value(new BigDecimal(value)).currency("usd").build();
  }

  /**
   * The bucket [{@code startTime}, {@code startTime} + width) holding {@code results} (none: an empty bucket,
   * as the API sends for a time without usage).
   */
  public static UsageTimeBucket bucket(long startTime, BucketWidth width, UsageResult... results) {
    Objects.requireNonNull(width, "width == null");
    Objects.requireNonNull(results, "results == null");
    return UsageTimeBucket.builder()
        .startTime(startTime)
        .endTime(startTime + width.seconds())
        .addResults(results)
        .build();
  }

  /** {@code count} consecutive buckets from {@code startTime}, each holding {@code results}. */
  public static List<UsageTimeBucket> buckets(
      long startTime, BucketWidth width, int count, UsageResult... results) {
    Objects.requireNonNull(width, "width == null");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    List<UsageTimeBucket> buckets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      buckets.add(bucket(startTime + i * width.seconds(), width, results));
    }
    return buckets;
  }

  /** A single, last page of {@code buckets}: {@code has_more} false, {@code next_page} null. */
  public static UsageResponse page(UsageTimeBucket... buckets) {
    Objects.requireNonNull(buckets, "buckets == null");
    return UsageResponse.builder().data(Arrays.asList(buckets)).hasMore(false).nextPage(null).build();
  }

  /**
   * {@code buckets} split into pages of {@code pageSize}, chained like the API's: each page but the last has
   * {@code has_more} true and a {@code next_page} cursor ({@code page_...}, distinct per page); the last has
   * false and null. No buckets make one empty page.
   */
  public static List<UsageResponse> pages(List<UsageTimeBucket> buckets, int pageSize) {
    Objects.requireNonNull(buckets, "buckets == null");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
    }
    if (buckets.isEmpty()) {
      return Collections.singletonList(page());
    }
    List<UsageResponse> pages = new ArrayList<>();
    for (int from = 0; from < buckets.size(); from += pageSize) {
      int to = Math.min(buckets.size(), from + pageSize);
      boolean more = to < buckets.size();
      pages.add(UsageResponse.builder()
          .data(buckets.subList(from, to))
          .hasMore(more)
          .nextPage(more ? cursor(buckets.get(to).startTime(), to) : null)
          .build());
    }
    return Collections.unmodifiableList(pages);
  }

  /**
   * {@code value} (a page, bucket, result or error) as JSON, written by a plain {@code ObjectMapper} as the
   * model writes itself: ready for a {@code MockResponse} body.
   */
  public static String json(Object value) {
    return Json.write(Objects.requireNonNull(value, "value == null"));
  }

  private static String cursor(long nextStart, int index) {
    ByteBuffer bytes = ByteBuffer.allocate(12).putLong(nextStart).putInt(index);
    return PageCursor.PREFIX + Base64.getEncoder().encodeToString(bytes.array());
  }
}
