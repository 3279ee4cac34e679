package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.observers.TestObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageApiFactoryTest {

  private static final String KEY = "sk-admin-0123456789abcdef";
  private static final String EMPTY_PAGE =
      "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  /** Keeps MockWebServer's per-request INFO lines out of the build log (held: JUL loggers are weak). */
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Test
  void defaultBaseUrlIsOpenAiV1() {
    List<Request> seen = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient offline = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          seen.add(chain.request());
          return new Response.Builder()
              .request(chain.request())
              .protocol(Protocol.HTTP_1_1)
              .code(200)
              .message("OK")
              .body(ResponseBody.create(MediaType.get("application/json"), EMPTY_PAGE))
              .build();
        })
        .build();
    UsageApi api = UsageApiFactory.builder().adminKey(KEY).client(offline).build();

    GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L).blockingFirst();

    assertThat(seen).singleElement().extracting(request -> request.url().toString())
        .isEqualTo("https://api.openai.com/v1/organization/costs?start_time=1730419200");
  }

  @Test
  void baseUrlWithoutTrailingSlashGetsOne() throws InterruptedException {
    UsageApi api = apiFor(server.url("/v1").toString());

    call(api);

    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/organization/costs?start_time=1730419200");
  }

  @Test
  void baseUrlWithTrailingSlashIsTakenAsIs() throws InterruptedException {
    UsageApi api = apiFor(server.url("/proxy/openai/v1/").toString());

    call(api);

    assertThat(server.takeRequest().getPath())
        .isEqualTo("/proxy/openai/v1/organization/costs?start_time=1730419200");
  }

  @Test
  void everyRequestCarriesTheBearerKey() throws InterruptedException {
    UsageApi api = apiFor(server.url("/v1/").toString());

    call(api);
    call(api);

    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void userAgentNamesUsagekitAndItsVersion() throws InterruptedException {
    call(apiFor(server.url("/v1/").toString()));

    assertThat(server.takeRequest().getHeader("User-Agent"))
        .isEqualTo("usagekit/" + System.getProperty("usagekit.version", Version.VERSION))
        .doesNotContain("${");
  }

  @Test
  void userAgentSetByTheCallersClientIsKept() throws InterruptedException {
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header("User-Agent", "acme-dashboard/2.1").build()))
        .build();
    UsageApi api = UsageApiFactory.builder()
        .adminKey(KEY).client(client).baseUrl(server.url("/v1/").toString()).build();

    call(api);

    assertThat(server.takeRequest().getHeader("User-Agent")).isEqualTo("acme-dashboard/2.1");
  }

  @Test
  void interceptorsOfTheCallersClientDoNotSeeTheKey() throws InterruptedException {
    List<String> seenByCallersInterceptor = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          seenByCallersInterceptor.add(String.valueOf(chain.request().header("Authorization")));
          return chain.proceed(chain.request());
        })
        .build();
    UsageApi api = UsageApiFactory.builder()
        .adminKey(KEY).client(client).baseUrl(server.url("/v1/").toString()).build();

    call(api);

    assertThat(seenByCallersInterceptor).containsExactly("null");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void theCallersClientIsNotModified() {
    OkHttpClient client = new OkHttpClient();

    UsageApiFactory.builder().adminKey(KEY).client(client).build();

    assertThat(client.interceptors()).isEmpty();
  }

  @Test
  void responsesArriveOnOkHttpsThreadsNotTheSubscribers() {
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE));
    UsageApi api = apiFor(server.url("/v1/").toString());

    String thread = GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L)
        .map(page -> Thread.currentThread().getName())
        .blockingFirst();

    assertThat(thread).startsWith("OkHttp").isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void subscribingReturnsBeforeTheCallIsAnswered() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        answer.await();
        return new MockResponse().setBody(EMPTY_PAGE);
      }
    });
    UsageApi api = apiFor(server.url("/v1/").toString());

    TestObserver<UsageResponse> observer = api
        .usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of())
        .test();

    observer.assertNoValues().assertNotComplete();
    answer.countDown();
    observer.await().assertValueCount(1).assertComplete();
  }

  @Test
  void callsWaitForTheDispatcherOfTheGivenClient() throws Exception {
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          firstArrived.countDown();
          answer.await(30, TimeUnit.SECONDS);
          return new MockResponse().setBody(EMPTY_PAGE);
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(1);
    UsageApi api = UsageApiFactory.builder().adminKey(KEY)
        .client(new OkHttpClient.Builder().dispatcher(dispatcher).build())
        .baseUrl(server.url("/v1/").toString()).build();

    TestObserver<UsageResponse> first = api
        .usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of()).test();
    TestObserver<UsageResponse> second = api
        .usageCosts(1730419200L, null, null, null, null, null, null, null, "page_2", Map.of()).test();

    assertThat(dispatcher.runningCallsCount()).isEqualTo(1);
    assertThat(dispatcher.queuedCallsCount()).isEqualTo(1);
    assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(dispatcher.queuedCallsCount()).isEqualTo(1);
    answer.countDown();
    first.await(30, TimeUnit.SECONDS);
    second.await(30, TimeUnit.SECONDS);
    first.assertValueCount(1).assertComplete();
    second.assertValueCount(1).assertComplete();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(mostInFlight).hasValue(1);
  }

  @Test
  void blockingOnAnotherCallWhileAResultIsDeliveredDoesNotDeadlock() {
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE));
    server.enqueue(new MockResponse().setBody(
        "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":\"page_3\"}"));
    UsageApi api = apiFor(server.url("/v1/").toString());

    String next = GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L)
        .map(first -> GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L, "page", "page_2")
            .blockingFirst())
        .blockingFirst()
        .nextPage();

    assertThat(next).isEqualTo("page_3");
  }

  @Test
  void nullAdminKeyIsRejectedSayingWhatToSet() {
    assertThatNullPointerException().isThrownBy(() -> UsageApiFactory.create(null))
        .withMessageStartingWith("adminKey == null")
        .withMessageContaining("OPENAI_ADMIN_KEY")
        .withMessageContaining("adminKey(...)");
  }

  @Test
  void emptyAdminKeyIsRejectedSayingWhatToSet() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.create(""))
        .withMessageStartingWith("adminKey is empty")
        .withMessageContaining("OPENAI_ADMIN_KEY")
        .withMessageContaining("adminKey(...)");
  }

  @Test
  void blankAdminKeyIsRejectedSayingWhatToSet() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.builder().adminKey(" \t\n"))
        .withMessageStartingWith("adminKey is blank")
        .withMessageContaining("OPENAI_ADMIN_KEY")
        .withMessageContaining("adminKey(...)");
  }

  @Test
  void aKeyWithASpaceInsideIsRejectedByIndexWithoutEchoingIt() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.create("sk-admin 123"))
        .withMessageContaining("adminKey")
        .withMessageContaining("index 8")
        .withMessageNotContaining("sk-admin");
  }

  @Test
  void adminKeyWithATrailingLineBreakIsRejectedWithoutEchoingIt() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.create(KEY + "\n"))
        .withMessageContaining("adminKey")
        .withMessageContaining("index " + KEY.length())
        .withMessageNotContaining(KEY)
        .withMessageNotContaining("sk-admin");
  }

  @Test
  void buildWithoutAdminKeyFailsSayingWhatToSet() {
    assertThatIllegalStateException().isThrownBy(() -> UsageApiFactory.builder().build())
        .withMessageContaining("adminKey(...)")
        .withMessageContaining("OPENAI_ADMIN_KEY");
  }

  @Test
  void aClientTheFactoryMakesDeliversOnDaemonThreads() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(EMPTY_PAGE));
    Thread thread = apiFor(server.url("/v1/").toString())
        .usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of())
        .map(page -> Thread.currentThread())
        .blockingFirst();

    assertThat(thread.isDaemon()).as("daemon: %s", thread.getName()).isTrue();
  }

  @Test
  void theCallersClientKeepsItsOwnDispatcherThreads() {
    OkHttpClient client = new OkHttpClient();
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(EMPTY_PAGE));
    Thread thread = UsageApiFactory.builder().adminKey(KEY).client(client).baseUrl(server.url("/v1/").toString())
        .build()
        .usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of())
        .map(page -> Thread.currentThread())
        .blockingFirst();

    assertThat(thread.isDaemon()).as("OkHttp's own dispatcher threads are not daemon").isFalse();
    assertThat(client.dispatcher().executorService().isShutdown()).as("the app's executor, never shut down").isFalse();
    client.dispatcher().executorService().shutdown();
  }

  @Test
  void nullClientIsRejected() {
    assertThatNullPointerException().isThrownBy(() -> UsageApiFactory.builder().client(null))
        .withMessage("client == null");
  }

  @Test
  void nullBaseUrlIsRejected() {
    assertThatNullPointerException().isThrownBy(() -> UsageApiFactory.builder().baseUrl(null))
        .withMessage("baseUrl == null");
  }

  @Test
  void baseUrlThatIsNotHttpIsRejectedNamingIt() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.builder().baseUrl("ftp://example.com/v1/"))
        .withMessage("baseUrl is not an http or https URL: ftp://example.com/v1/");
  }

  @Test
  void keyAppearsInNoToString() {
    UsageApiFactory.Builder builder = UsageApiFactory.builder().adminKey(KEY);
    UsageApi api = builder.build();

    assertThat(builder.toString()).doesNotContain(KEY);
    assertThat(api.toString()).doesNotContain(KEY);
  }

  private UsageApi apiFor(String baseUrl) {
    return UsageApiFactory.builder().adminKey(KEY).baseUrl(baseUrl).build();
  }

  private void call(UsageApi api) {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(EMPTY_PAGE));
    GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L).blockingFirst();
  }
}
