package dev.usagekit.rx;

import static dev.usagekit.rx.Fixtures.bucket;
import static dev.usagekit.rx.Fixtures.buckets;
import static dev.usagekit.rx.Fixtures.completionsQuery;
import static dev.usagekit.rx.Fixtures.pageResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApiFactory;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cancelling a stream cancels the HTTP call in flight and stops the paging. */
class CancellationTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private final MockWebServer server = new MockWebServer();
  /** Every OkHttp call made, in order. */
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  /** Counts down when OkHttp reports a call failed because it was canceled. */
  private final CountDownLatch canceledCallFailed = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  /** The real, asynchronous UsageApi of UsageApiFactory, on a client that records its calls. */
  private UsageStreams asyncStreams() {
    OkHttpClient client = new OkHttpClient.Builder()
        .eventListenerFactory(call -> {
          calls.add(call);
          return new EventListener() {
            @Override
            public void callFailed(Call failed, IOException e) {
              if (failed.isCanceled()) {
                canceledCallFailed.countDown();
              }
            }
          };
        })
        .build();
    return UsageStreams.create(UsageApiFactory.builder()
        .adminKey("sk-admin-test")
        .client(client)
        .baseUrl(server.url("/v1/").toString())
        .build());
  }

  @Test
  void cancellingWhileAPageIsInFlightCancelsTheHttpCall() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)); // the page never comes
    TestSubscriber<UsageTimeBucket> subscriber = asyncStreams().buckets(completionsQuery()).test();
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull(); // the page is in flight

    subscriber.cancel();

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).isCanceled()).isTrue();
    assertThat(canceledCallFailed.await(10, TimeUnit.SECONDS))
        .as("OkHttp reports the call failed as canceled").isTrue();
    subscriber.assertEmpty();
  }

  @Test
  void cancellingTheSecondPageInFlightFetchesNoFurtherPage() throws Exception {
    server.enqueue(pageResponse(buckets(0, 1), "c1"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(pageResponse(buckets(1, 2), null));
    TestSubscriber<UsageTimeBucket> subscriber = asyncStreams().buckets(completionsQuery()).test();
    server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getRequestUrl().queryParameter("page")).isEqualTo("c1");

    subscriber.cancel();

    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).isCanceled()).isTrue();
    assertThat(canceledCallFailed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    subscriber.assertValuesOnly(bucket(0));
  }

  @Test
  void cancellingBetweenPagesFetchesNothingMore() {
    server.enqueue(pageResponse(buckets(0, 1), "c1"));
    server.enqueue(pageResponse(buckets(1, 2), null));
    UsageStreams streams = UsageStreams.create(TestApis.synchronous(server));
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test(0);
    subscriber.request(1);

    subscriber.cancel();
    subscriber.request(5);

    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertValuesOnly(bucket(0));
  }

  @Test
  void cancellingDuringARetryWaitMakesNoFurtherRequest() {
    server.enqueue(Fixtures.status(503));
    server.enqueue(pageResponse(buckets(0, 1), null));
    TestScheduler scheduler = new TestScheduler();
    UsageStreams streams = UsageStreams.builder(TestApis.synchronous(server)).scheduler(scheduler).build();
    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(completionsQuery()).test();
    assertThat(server.getRequestCount()).isEqualTo(1); // waiting to retry

    subscriber.cancel();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    assertThat(server.getRequestCount()).isEqualTo(1);
    subscriber.assertEmpty();
  }
}
