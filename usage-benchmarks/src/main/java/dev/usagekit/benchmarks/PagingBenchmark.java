package dev.usagekit.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * 1,000 pages (7 daily buckets of 10 grouped completions results each) over loopback from a MockWebServer:
 * {@code usagekitFlowable} ({@code UsageStreams.buckets(query)} through usage-retrofit's UsageApi) against a
 * hand-written loop of OkHttp calls decoded by Jackson databind into POJOs ({@code handLoopDatabind}) or by the
 * hand-written streaming decoder ({@code handLoopStreaming}). Each op sums the input tokens of every result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PagingBenchmark {
  static final int PAGES = 1_000;
  static final int BUCKETS_PER_PAGE = 7;
  static final int RESULTS_PER_BUCKET = 10;

  PageServer server;
  byte[][] pages;
  UsageStreams streams;
  UsageStreams syncStreams;
  OkHttpClient syncClient;
  UsageQuery<UsageCompletionsResult> query;
  OkHttpClient usagekitClient;
  OkHttpClient handClient;
  ObjectMapper pojoMapper;
  StreamingDecoder streaming;
  HttpUrl firstPage;

  @Setup
  public void setUp() throws IOException {
    pages = new byte[PAGES][];
    for (int n = 0; n < PAGES; n++) {
      pages[n] = Pages.completions(BUCKETS_PER_PAGE, RESULTS_PER_BUCKET, (long) n * BUCKETS_PER_PAGE,
          n + 1 < PAGES, PageServer.next(n, PAGES));
    }
    server = new PageServer(PAGES, n -> pages[n]);
    streams = UsageStreams.create(UsageApiFactory.builder()
        .adminKey("sk-admin-benchmark")
        .baseUrl(server.baseUrl().toString())
        .client(usagekitClient = new OkHttpClient())
        .build());
    query = UsageQuery.completions()
        .startTime(Pages.START)
        .bucketWidth(BucketWidth.ONE_DAY)
        .limit(BUCKETS_PER_PAGE)
        .groupBy(GroupByField.PROJECT_ID, GroupByField.MODEL)
        .build();
    // Experiment, not a library configuration: the same UsageApi interface and converter, but Retrofit's
    // synchronous RxJava adapter (each page's call runs on the thread that subscribes, instead of being enqueued
    // on OkHttp's dispatcher threads), to measure what the per-page thread hand-off costs.
    syncClient = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer sk-admin-benchmark").build()))
        .build();
    syncStreams = UsageStreams.create(new Retrofit.Builder()
        .baseUrl(server.baseUrl())
        .client(syncClient)
        .addConverterFactory(JacksonConverterFactory.create(new ObjectMapper()))
        .addCallAdapterFactory(RxJava3CallAdapterFactory.createSynchronous())
        .build()
        .create(UsageApi.class));
    handClient = new OkHttpClient();
    pojoMapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    streaming = new StreamingDecoder(pojoMapper.getFactory());
    firstPage = server.baseUrl().newBuilder()
        .addPathSegments("organization/usage/completions")
        .addQueryParameter("start_time", Long.toString(Pages.START))
        .addQueryParameter("bucket_width", "1d")
        .addQueryParameter("limit", Integer.toString(BUCKETS_PER_PAGE))
        .addQueryParameter("group_by", "project_id")
        .addQueryParameter("group_by", "model")
        .build();
  }

  @TearDown
  public void tearDown() throws IOException {
    for (OkHttpClient client : new OkHttpClient[] {usagekitClient, syncClient, handClient}) {
      // Dispatcher threads are not daemons: stop them so that the forked JVM can exit.
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
    server.close();
  }

  @Benchmark
  public long usagekitFlowable() {
    return streams.buckets(query)
        .reduce(0L, (sum, bucket) -> sum + inputTokens(bucket))
        .blockingGet();
  }

  /** Experiment: {@link #usagekitFlowable} over a UsageApi with Retrofit's synchronous adapter (see setUp). */
  @Benchmark
  public long usagekitFlowableSyncAdapter() {
    return syncStreams.buckets(query)
        .reduce(0L, (sum, bucket) -> sum + inputTokens(bucket))
        .blockingGet();
  }

  @Benchmark
  public long handLoopDatabind() throws IOException {
    return handLoop(false);
  }

  @Benchmark
  public long handLoopStreaming() throws IOException {
    return handLoop(true);
  }

  private long handLoop(boolean stream) throws IOException {
    long sum = 0;
    String cursor = null;
    do {
      HttpUrl url = cursor == null ? firstPage : firstPage.newBuilder().addQueryParameter("page", cursor).build();
      Request request = new Request.Builder().url(url).header("Authorization", "Bearer sk-admin-benchmark").build();
      Pojos.Page page;
      try (Response response = handClient.newCall(request).execute()) {
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null) {
          throw new IOException("HTTP " + response.code());
        }
        try (InputStream in = body.byteStream()) {
          page = stream ? streaming.decode(in) : pojoMapper.readValue(in, Pojos.Page.class);
        }
      }
      for (Pojos.Bucket b : page.data) {
        for (Pojos.Result r : b.results) {
          sum += r.input_tokens;
        }
      }
      cursor = page.has_more ? page.next_page : null;
    } while (cursor != null);
    return sum;
  }

  static long inputTokens(UsageTimeBucket bucket) {
    long sum = 0;
    for (UsageResult r : bucket.results()) {
      sum += ((UsageCompletionsResult) r).inputTokens();
    }
    return sum;
  }
}
