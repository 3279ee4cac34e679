package dev.usagekit.micrometer;

import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.HttpException;
import retrofit2.Response;
import retrofit2.http.Query;

/**
 * The completions endpoint of the API faked in this process for long soaks, without HTTP or JSON: a ledger of
 * records (model, input tokens), answered as the API pages it (hourly buckets aligned to UTC and clipped to the
 * window and to the scheduler's now, {@code limit} per page, results summed per model), with scripted failures
 * (429 with a {@code Retry-After}, 503). It keeps nothing per request, so its memory grows only with the ledger.
 * Not thread-safe: the soak runs on one thread.
 */
final class LedgerApi {
  private static final long HOUR = 3_600L;

  private final Scheduler clock;
  private final NavigableMap<Long, List<Object[]>> ledger = new TreeMap<>();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final Deque<Long> retryAfters = new ArrayDeque<>();
  private final UsageApi api;
  private final Map<Method, int[]> positions = new java.util.HashMap<>();
  long requests;
  long rateLimited;
  long serverErrors;

  LedgerApi(Scheduler clock) {
    this.clock = clock;
    this.api = (UsageApi) Proxy.newProxyInstance(UsageApi.class.getClassLoader(), new Class<?>[] {UsageApi.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? proxy == args[0]
                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "LedgerApi";
          }
          int[] at = positions.computeIfAbsent(method, LedgerApi::positions);
          Long start = (Long) args[at[0]];
          Long end = (Long) args[at[1]];
          Integer limit = (Integer) args[at[2]];
          String cursor = (String) args[at[3]];
          return Observable.defer(() -> Observable.just(answer(start, end, limit != null ? limit : 24, cursor)));
        });
  }

  UsageApi api() {
    return api;
  }

  /** Adds a record at {@code timestamp}. */
  void add(long timestamp, String model, long inputTokens) {
    ledger.computeIfAbsent(timestamp, t -> new ArrayList<>(1))
        .add(new Object[] {model, inputTokens, clock.now(TimeUnit.SECONDS)});
  }

  /** The next {@code times} requests fail with {@code status}; a 429 with {@code Retry-After: retryAfter}. */
  void fail(int status, long retryAfterSeconds, int times) {
    for (int i = 0; i < times; i++) {
      failures.add(status);
      retryAfters.add(retryAfterSeconds);
    }
  }

  /** The input tokens of every record before {@code end}: the truth the counters must reach. */
  long inputTokensBefore(long end) {
    long sum = 0;
    for (List<Object[]> records : ledger.headMap(end, false).values()) {
      for (Object[] record : records) {
        sum += (Long) record[1];
      }
    }
    return sum;
  }

  /** The records of [from, to) as "timestamp+tokens@addedAt". */
  List<String> describe(long from, long to) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Long, List<Object[]>> e : ledger.subMap(from, true, to, false).entrySet()) {
      for (Object[] record : e.getValue()) {
        out.add(e.getKey() + "+" + record[1] + "@" + record[2]);
      }
    }
    return out;
  }

  long records() {
    long count = 0;
    for (List<Object[]> records : ledger.values()) {
      count += records.size();
    }
    return count;
  }

  private UsageResponse answer(long start, @Nullable Long end, int limit, @Nullable String cursor) {
    requests++;
    Integer status = failures.poll();
    if (status != null) {
      long retryAfter = retryAfters.poll();
      if (status == 429) {
        rateLimited++;
      } else {
        serverErrors++;
      }
      throw error(status, retryAfter);
    }
    long now = clock.now(TimeUnit.SECONDS);
    long until = end != null ? Math.min(end, now) : now;
    long from = cursor != null ? Long.parseLong(cursor) : start;
    List<UsageTimeBucket> data = new ArrayList<>();
    long bucketStart = from;
    while (bucketStart < until && data.size() < limit) {
      long bucketEnd = Math.min(until, Math.floorDiv(bucketStart, HOUR) * HOUR + HOUR);
      UsageTimeBucket.Builder bucket = UsageTimeBucket.builder().startTime(bucketStart).endTime(bucketEnd);
      Map<String, long[]> byModel = new TreeMap<>();
      for (List<Object[]> records : ledger.subMap(bucketStart, true, bucketEnd, false).values()) {
        for (Object[] record : records) {
          long[] sums = byModel.computeIfAbsent((String) record[0], m -> new long[2]);
          sums[0] += (Long) record[1];
          sums[1]++;
        }
      }
      for (Map.Entry<String, long[]> e : byModel.entrySet()) {
        bucket.addResults(UsageCompletionsResult.builder().model(e.getKey()).inputTokens(e.getValue()[0])
            .outputTokens(0).numModelRequests(e.getValue()[1]).build());
      }
      data.add(bucket.build());
      bucketStart = bucketEnd;
    }
    boolean more = bucketStart < until;
    return UsageResponse.builder().data(data).hasMore(more).nextPage(more ? Long.toString(bucketStart) : null)
        .build();
  }

  private static HttpException error(int status, long retryAfterSeconds) {
    Headers headers = status == 429 ? Headers.of("Retry-After", Long.toString(retryAfterSeconds), "x-request-id",
        "req_soak") : Headers.of("x-request-id", "req_soak");
    okhttp3.Response raw = new okhttp3.Response.Builder().code(status).message("error").protocol(Protocol.HTTP_1_1)
        .request(new Request.Builder().url("http://soak.invalid/v1/organization/usage/completions").build())
        .headers(headers).build();
    String body = "{\"error\":{\"message\":\"status " + status + "\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":null}}";
    return new HttpException(Response.error(ResponseBody.create(MediaType.get("application/json"), body), raw));
  }

  /** Where {@code start_time}, {@code end_time}, {@code limit} and {@code page} are among the method's parameters. */
  private static int[] positions(Method method) {
    String[] names = {"start_time", "end_time", "limit", "page"};
    int[] positions = new int[names.length];
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int n = 0; n < names.length; n++) {
      positions[n] = -1;
      for (int i = 0; i < annotations.length; i++) {
        for (Annotation annotation : annotations[i]) {
          if (annotation instanceof Query && ((Query) annotation).value().equals(names[n])) {
            positions[n] = i;
          }
        }
      }
      if (positions[n] < 0) {
        throw new AssertionError(method + " has no " + names[n] + " parameter");
      }
    }
    return positions;
  }
}
