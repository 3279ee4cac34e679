package dev.usagekit.rx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import okhttp3.mockwebserver.MockResponse;

/** Canned queries, buckets and pages. Bucket {@code i} starts on day {@code i} after {@link #T0}. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  /** 2024-11-01T00:00:00Z. */
  static final long T0 = 1730419200L;
  static final long DAY = 86_400L;

  private Fixtures() {}

  static UsageQuery<UsageCompletionsResult> completionsQuery() {
    return UsageQuery.completions().startTime(T0).build();
  }

  /** Bucket {@code i}: day {@code i}, one completions result with {@code i} input tokens. */
  static UsageTimeBucket bucket(long i) {
    return UsageTimeBucket.builder()
        .startTime(T0 + i * DAY)
        .endTime(T0 + (i + 1) * DAY)
        .addResults(UsageCompletionsResult.builder()
            .inputTokens(i)
            .outputTokens(2 * i)
            .numModelRequests(1)
            .build())
        .build();
  }

  static List<UsageTimeBucket> buckets(long from, long toExclusive) {
    List<UsageTimeBucket> buckets = new ArrayList<>();
    for (long i = from; i < toExclusive; i++) {
      buckets.add(bucket(i));
    }
    return buckets;
  }

  static UsageResponse page(List<UsageTimeBucket> buckets, @Nullable String nextPage) {
    return UsageResponse.builder().data(buckets).hasMore(nextPage != null).nextPage(nextPage).build();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 200 response holding the page of {@code buckets}, pointing at {@code nextPage} (null: the last page). */
  static MockResponse pageResponse(List<UsageTimeBucket> buckets, @Nullable String nextPage) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_ok")
        .setBody(json(page(buckets, nextPage)));
  }

  /** An API error response: {"error":{...}}. */
  static MockResponse errorResponse(int status, String type, @Nullable String code, @Nullable String param,
      String message) {
    String body = "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
        + ",\"param\":" + (param == null ? "null" : quote(param))
        + ",\"code\":" + (code == null ? "null" : quote(code)) + "}}";
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static MockResponse status(int status) {
    return errorResponse(status, status == 429 ? "requests" : "server_error", null, null, "status " + status);
  }

  /** The one error {@code subscriber} received, which must be a {@code type}. */
  static <T extends Throwable> T error(TestSubscriber<?> subscriber, Class<T> type) {
    AtomicReference<Throwable> error = new AtomicReference<>();
    subscriber.assertError(e -> {
      error.set(e);
      return type.isInstance(e);
    });
    return type.cast(error.get());
  }

  private static String quote(String s) {
    return json(s);
  }
}
