package dev.usagekit.rx;

import dev.usagekit.model.UsageResponse;
import dev.usagekit.retrofit.UsageApi;
import io.reactivex.rxjava3.core.Observable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.annotation.Nullable;
import retrofit2.http.Query;

/**
 * An in-memory {@link UsageApi}, for tests where HTTP is not the point: every method answers the page of its
 * cursor (its parameter {@code @Query("page")}) from a function. Records the cursors it was asked for.
 */
final class FakeUsageApi {
  private final List<String> cursors = Collections.synchronizedList(new ArrayList<>());
  private final UsageApi api;

  private FakeUsageApi(java.util.function.BiFunction<Long, String, Observable<UsageResponse>> pages) {
    this.api = (UsageApi) Proxy.newProxyInstance(UsageApi.class.getClassLoader(), new Class<?>[] {UsageApi.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
          }
          String cursor = (String) parameter(method, args, "page");
          Long startTime = (Long) parameter(method, args, "start_time");
          return Observable.defer(() -> {
            cursors.add(cursor == null ? "" : cursor);
            return pages.apply(startTime, cursor);
          });
        });
  }

  /** Answers each cursor (null for the first page) with the given function's page. */
  static FakeUsageApi of(Function<String, Observable<UsageResponse>> pages) {
    return new FakeUsageApi((startTime, cursor) -> pages.apply(cursor));
  }

  /** Answers each request with the page the function gives for its {@code start_time} and cursor (or null). */
  static FakeUsageApi byWindow(java.util.function.BiFunction<Long, String, Observable<UsageResponse>> pages) {
    return new FakeUsageApi(pages);
  }

  /**
   * Serves {@code total} buckets ({@link Fixtures#bucket}) in pages of {@code perPage}, computed on demand, so
   * that even {@code Long.MAX_VALUE} buckets cost nothing until requested. The cursor of the page starting at
   * bucket {@code i} is {@code "b<i>"}. Zero buckets are one empty last page.
   */
  static FakeUsageApi serving(long total, int perPage) {
    return of(cursor -> {
      long from = cursor == null ? 0L : Long.parseLong(cursor.substring(1));
      long to = from + Math.min(perPage, total - from);
      String next = to < total ? "b" + to : null;
      return Observable.just(Fixtures.page(Fixtures.buckets(from, to), next));
    });
  }

  UsageApi api() {
    return api;
  }

  /** The cursors asked for, in order; the first page's is "". */
  List<String> cursors() {
    synchronized (cursors) {
      return new ArrayList<>(cursors);
    }
  }

  int requestCount() {
    return cursors.size();
  }

  private static @Nullable Object parameter(Method method, Object[] args, String name) {
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Query && ((Query) annotation).value().equals(name)) {
          return args[i];
        }
      }
    }
    throw new AssertionError(method + " has no " + name + " parameter");
  }

  private static @Nullable Object objectMethod(Object proxy, Method method, @Nullable Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "FakeUsageApi";
    }
  }
}
