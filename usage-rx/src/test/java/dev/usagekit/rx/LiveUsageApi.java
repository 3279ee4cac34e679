package dev.usagekit.rx;

import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.HttpException;
import retrofit2.Response;

/**
 * An in-memory {@link UsageApi} whose data grows while a stream runs: hourly completions buckets, UTC-aligned,
 * of the window [start_time, end_time or the scheduler's now), the newest one clipped at now, in pages of
 * {@code limit} (cursor: the index of the page's first bucket). Records the start_time and page of every call;
 * answers the next calls with queued failures first.
 */
final class LiveUsageApi {
  static final long HOUR = 3600L;

  record Call(long startTime, String page) {}

  private final Scheduler clock;
  private final TreeMap<Long, Long> tokensByHour = new TreeMap<>();
  private final Deque<Throwable> failures = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();
  private final UsageApi api;

  LiveUsageApi(Scheduler clock) {
    this.clock = clock;
    this.api = (UsageApi) Proxy.newProxyInstance(UsageApi.class.getClassLoader(), new Class<?>[] {UsageApi.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("toString") ? "LiveUsageApi" : null;
          }
          long start = (Long) args[0];
          Long end = (Long) args[1];
          // limit and page come last before additionalQueryParameters
          Integer limit = (Integer) args[args.length - 3];
          String page = (String) args[args.length - 2];
          return Observable.defer(() -> answer(start, end, limit == null ? 24 : limit, page));
        });
  }

  UsageApi api() {
    return api;
  }

  /** Adds {@code tokens} input tokens at {@code time} (Unix seconds). */
  LiveUsageApi add(long time, long tokens) {
    tokensByHour.merge(time - Math.floorMod(time, HOUR), tokens, Long::sum);
    return this;
  }

  LiveUsageApi fail(Throwable failure) {
    failures.add(failure);
    return this;
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The start_time of every call. */
  List<Long> starts() {
    return calls.stream().map(Call::startTime).toList();
  }

  /** A 429 as Retrofit reports it, asking to retry after {@code seconds}. */
  static HttpException rateLimited(long seconds) {
    okhttp3.Response raw = new okhttp3.Response.Builder()
        .code(429).message("Too Many Requests").protocol(Protocol.HTTP_1_1)
        .request(new Request.Builder().url("http://localhost/v1/organization/usage/completions").build())
        .header("Retry-After", Long.toString(seconds))
        .build();
    return new HttpException(Response.error(
        ResponseBody.create(MediaType.get("application/json"), "{\"error\":{\"message\":\"slow down\","
            + "\"type\":\"requests\",\"param\":null,\"code\":null}}"), raw));
  }

  private Observable<UsageResponse> answer(long start, Long end, int limit, String page) {
    calls.add(new Call(start, page == null ? "" : page));
    if (!failures.isEmpty()) {
      return Observable.error(failures.poll());
    }
    long until = end != null ? end : clock.now(TimeUnit.SECONDS);
    List<UsageTimeBucket> all = new ArrayList<>();
    for (long s = start; s < until; s = s - Math.floorMod(s, HOUR) + HOUR) {
      long e = Math.min(s - Math.floorMod(s, HOUR) + HOUR, until);
      UsageTimeBucket.Builder bucket = UsageTimeBucket.builder().startTime(s).endTime(e);
      long tokens = 0;
      boolean any = false;
      for (Map.Entry<Long, Long> hour : tokensByHour.subMap(s - Math.floorMod(s, HOUR), true, e, false).entrySet()) {
        tokens += hour.getValue();
        any = true;
      }
      if (any) {
        bucket.addResults(UsageCompletionsResult.builder().inputTokens(tokens).outputTokens(0).numModelRequests(1)
            .build());
      }
      all.add(bucket.build());
    }
    int from = page == null ? 0 : Integer.parseInt(page);
    int to = Math.min(all.size(), from + limit);
    String next = to < all.size() ? Integer.toString(to) : null;
    return Observable.just(UsageResponse.builder().data(all.subList(from, to)).hasMore(next != null)
        .nextPage(next).build());
  }
}
