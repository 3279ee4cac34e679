package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.DAY;
import static dev.usagekit.rx.Fixtures.T0;
import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.exceptions.CompositeException;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.HttpException;
import retrofit2.Response;

/**
 * Sub-windows paged concurrently that fail at the same time: the stream ends with one typed {@link
 * UsageException}, the first failure, the others attached as suppressed, never a {@link CompositeException}.
 *
 * <p>Deterministic, on one thread: each sub-window's page is a subject the test completes or fails. The failures of
 * windows 2 and 3 are signalled while the page of window 1 is being emitted, which is when failures arriving on
 * other threads meet in {@code concatMapEager} and are combined.
 */
class SimultaneousFailuresTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final Map<Long, PublishSubject<UsageResponse>> windows = new ConcurrentHashMap<>();
  /** Four days in pages of one day: four sub-windows with concurrency 4. */
  private final UsageQuery<?> fourDays = UsageQuery.completions().startTime(T0).endTime(T0 + 4 * DAY).limit(1)
      .build();

  private PublishSubject<UsageResponse> window(int day) {
    return windows.computeIfAbsent(T0 + day * DAY, start -> PublishSubject.create());
  }

  private UsageStreams streams() {
    FakeUsageApi api = FakeUsageApi.byWindow((startTime, cursor) -> windows.computeIfAbsent(startTime,
        start -> PublishSubject.create()));
    return UsageStreams.builder(api.api()).retryPolicy(RetryPolicy.none()).scheduler(new TestScheduler())
        .concurrency(4).build();
  }

  private static HttpException http(int status) {
    return new HttpException(Response.error(status, ResponseBody.create(MediaType.get("application/json"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":null}}")));
  }

  @Test
  void twoSubWindowsFailingAtOnceEndTheStreamWithTheFirstFailureAndTheOtherSuppressed() {
    TestSubscriber<UsageTimeBucket> subscriber = streams().buckets(fourDays)
        .doOnNext(bucket -> {
          // While day 0 is being emitted, days 1 and 2 fail, as they would on two OkHttp threads.
          window(1).onError(http(429));
          window(2).onError(new SocketTimeoutException("timeout"));
        })
        .test();
    assertThat(windows).as("four sub-windows in flight").hasSize(4);

    window(0).onNext(page(Collections.singletonList(bucket(0)), null));
    window(0).onComplete();

    UsageApiException first = Fixtures.error(subscriber, UsageApiException.class);
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.pageNumber()).isEqualTo(1);
    assertThat(first.getSuppressed()).hasSize(1);
    assertThat(first.getSuppressed()[0]).isInstanceOf(UsageNetworkException.class)
        .hasMessageContaining("timeout");
    subscriber.assertValues(bucket(0));
    assertThat(window(3).hasObservers()).as("the fourth sub-window is cancelled").isFalse();
  }

  @Test
  void theSummaryOfTwoSimultaneousFailuresIsOneUsageException() {
    TestSubscriber<UsageTimeBucket> subscriber = streams().buckets(fourDays)
        .doOnNext(bucket -> {
          window(2).onError(new IOException("connection reset"));
          window(3).onError(http(503));
        })
        .test();

    window(0).onNext(page(Collections.singletonList(bucket(0)), null));
    window(0).onComplete();

    UsageNetworkException first = Fixtures.error(subscriber, UsageNetworkException.class);
    assertThat(first).hasMessageContaining("connection reset");
    assertThat(first.getSuppressed()).singleElement().isInstanceOf(UsageApiException.class);
  }

  @Test
  void firstOfACompositeIsItsFirstFailureWithTheRestSuppressed() {
    IOException a = new IOException("a");
    IllegalStateException b = new IllegalStateException("b");
    IOException c = new IOException("c");

    Throwable first = PageFailures.firstOf(new CompositeException(a, new CompositeException(b, c)));

    assertThat(first).isSameAs(a);
    assertThat(first.getSuppressed()).containsExactly(b, c);
    assertThat(PageFailures.firstOf(b)).isSameAs(b);
  }
}
