package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.observers.TestObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The overall deadline of a call and the cap on the size of a response body. */
@Timeout(60) // a deadline that is not signalled would otherwise leave the test waiting forever
class CallLimitsTest {
  private static final String KEY = "sk-admin-limits-0123456789abcdef";
  private static final String PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  static {
    Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.SEVERE);
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

  private UsageApiFactory.Builder builder() {
    return UsageApiFactory.builder().adminKey(KEY).baseUrl(server.url("/v1/").toString());
  }

  private static UsageResponse costs(UsageApi api) {
    return GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L).blockingFirst();
  }

  /** {@code PAGE} with {@code padding} spaces before its closing brace: valid JSON of any size. */
  private static String pageOf(int bytes) {
    StringBuilder page = new StringBuilder(PAGE);
    while (page.length() < bytes) {
      page.insert(page.length() - 1, ' ');
    }
    return page.toString();
  }

  private static Buffer gzip(String text) throws IOException {
    Buffer compressed = new Buffer();
    try (BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
      sink.writeUtf8(text);
    }
    return compressed;
  }

  @Test
  void aBodyThatTricklesPastTheCallTimeoutFailsTheCall() {
    // One byte every 100 ms: no read ever waits long enough for the read timeout; only the call deadline ends it.
    server.enqueue(new MockResponse().setBody(pageOf(10_000)).throttleBody(1, 100, TimeUnit.MILLISECONDS));
    UsageApi api = builder().callTimeout(300, TimeUnit.MILLISECONDS).build();

    Throwable failure = catchThrowable(() -> costs(api));

    assertThat(failure).isInstanceOf(RuntimeException.class).hasCauseInstanceOf(InterruptedIOException.class);
  }

  @Test
  void aServerThatNeverAnswersFailsTheCallAtItsDeadline() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    UsageApi api = builder().callTimeout(300, TimeUnit.MILLISECONDS).build();

    Throwable failure = catchThrowable(() -> costs(api));

    assertThat(failure).isInstanceOf(RuntimeException.class).hasCauseInstanceOf(InterruptedIOException.class);
    assertThat(failure.getCause()).hasMessage("timeout");
  }

  @Test
  void disposingStillCancelsTheCallAndSignalsNothing() throws InterruptedException {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    AtomicReference<okhttp3.Call> call = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
      call.set(chain.call());
      started.countDown();
      return chain.proceed(chain.request());
    }).build();
    UsageApi api = builder().client(client).build();

    TestObserver<UsageResponse> observer =
        GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L).test();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    observer.dispose();

    assertThat(call.get().isCanceled()).isTrue();
    observer.assertEmpty();
  }

  @Test
  void everyCallHasAGenerousDeadlineByDefaultAndTheClientsOwnIsKept() {
    assertThat(builder().buildClient(KEY).callTimeoutMillis()).isEqualTo(60_000);
    OkHttpClient own = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
    assertThat(builder().client(own).buildClient(KEY).callTimeoutMillis()).isEqualTo(5_000);
    assertThat(builder().client(own).callTimeout(2, TimeUnit.MINUTES).buildClient(KEY).callTimeoutMillis())
        .isEqualTo(120_000);
  }

  @Test
  void aGzipBodyThatInflatesPastTheLimitFailsWithResponseTooLarge() throws IOException {
    Buffer compressed = gzip(pageOf(200_000));
    assertThat(compressed.size()).isLessThan(4_096);
    server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(compressed));
    UsageApi api = builder().maxResponseBytes(16_384).build();

    Throwable failure = catchThrowable(() -> costs(api));

    assertThat(failure).hasCauseInstanceOf(ResponseTooLargeException.class);
    ResponseTooLargeException tooLarge = (ResponseTooLargeException) failure.getCause();
    assertThat(tooLarge.limit()).isEqualTo(16_384);
    assertThat(tooLarge.bytesRead()).isEqualTo(16_385);
    assertThat(tooLarge).hasMessage("Response body exceeds the limit of 16384 bytes after decompression (read "
        + "16385 bytes); raise it with UsageApiFactory.Builder.maxResponseBytes(long)");
  }

  @Test
  void aGzipBodyThatInflatesToExactlyTheLimitIsRead() throws IOException {
    server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(gzip(pageOf(16_384))));

    UsageResponse page = costs(builder().maxResponseBytes(16_384).build());

    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aDeclaredLengthPastTheLimitFailsBeforeTheBodyIsRead() {
    server.enqueue(new MockResponse().setBody(pageOf(20_000)));

    Throwable failure = catchThrowable(() -> costs(builder().maxResponseBytes(16_384).build()));

    assertThat(failure).hasCauseInstanceOf(ResponseTooLargeException.class);
    assertThat(((ResponseTooLargeException) failure.getCause()).bytesRead()).isZero();
    assertThat(failure.getCause()).hasMessageContaining("20000 bytes (Content-Length) exceeds the limit of 16384");
  }

  @Test
  void theLimitAlsoBoundsWhatTheHttpLogReadsAndErrorBodies() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(500).setHeader("Content-Encoding", "gzip")
        .setBody(gzip(pageOf(200_000))));
    UsageApi api = builder().maxResponseBytes(16_384)
        .httpLogging(HttpLoggingInterceptor.Level.BODY, message -> { }).build();

    Throwable failure = catchThrowable(() -> costs(api));

    assertThat(failure).hasCauseInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void limitsMustBePositive() {
    assertThatIllegalArgumentException().isThrownBy(() -> builder().maxResponseBytes(0))
        .withMessage("maxResponseBytes must be positive, but is 0");
    assertThatIllegalArgumentException().isThrownBy(() -> builder().callTimeout(-1, TimeUnit.SECONDS))
        .withMessage("callTimeout must be positive, but is -1 SECONDS");
    assertThatIllegalArgumentException().isThrownBy(() -> builder().callTimeout(10, TimeUnit.MICROSECONDS))
        .withMessage("callTimeout must be at least 1 millisecond, but is 10 MICROSECONDS");
  }
}
