package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.rx.BucketStore;
import dev.usagekit.rx.CacheKey;
import dev.usagekit.rx.FileBucketStore;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageFixtures;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Final buckets kept in a BucketStore are served without a request; what is open is fetched. */
class BucketCacheTest {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOW = START.plus(Duration.ofDays(30));
  static final SyntheticOrganization ORG = SyntheticOrganization.generate(2026, START, 30);

  @RegisterExtension
  static final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(server -> server
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .organization(ORG));

  @TempDir Path directory;

  /** Streams whose clock reads the fake's now. */
  private static UsageStreams streams(FakeUsageServer server, UsageApi api, BucketStore store, String adminKey,
      int concurrency) {
    return UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).concurrency(concurrency)
        .scheduler(new TestScheduler(NOW.getEpochSecond(), TimeUnit.SECONDS))
        .bucketStore(store, server.url(), adminKey).build();
  }

  private static UsageStreams uncached(UsageApi api) {
    return UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void aWhollyFinalWindowIsServedAgainWithoutARequest(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> tenDays = UsageQuery.completions().start(START).end(START.plus(Duration.ofDays(10)))
        .bucketWidth(BucketWidth.ONE_HOUR).limit(48).groupBy(GroupByField.MODEL).build();
    List<UsageTimeBucket> expected = uncached(api).buckets(tenDays).toList().blockingGet();
    BucketStore store = BucketStore.inMemory();

    List<UsageTimeBucket> first = streams(server, api, store, server.adminKey(), 1).buckets(tenDays).toList().blockingGet();
    int before = server.requestCount();
    List<UsageTimeBucket> again = streams(server, api, store, server.adminKey(), 4).buckets(tenDays).toList().blockingGet();

    assertThat(first).isEqualTo(expected);
    assertThat(again).isEqualTo(expected);
    assertThat(server.requestCount() - before).as("requests of the second run").isZero();
  }

  @Test
  void aPartlyFinalWindowFetchesOnlyItsOpenPart(FakeUsageServer server, UsageApi api) throws Exception {
    UsageQuery<?> lastTwoDays = UsageQuery.completions().start(NOW.minus(Duration.ofDays(2)))
        .bucketWidth(BucketWidth.ONE_HOUR).groupBy(GroupByField.PROJECT_ID).build(); // open: up to now
    List<UsageTimeBucket> expected = uncached(api).buckets(lastTwoDays).toList().blockingGet();
    BucketStore store = BucketStore.inMemory();
    streams(server, api, store, server.adminKey(), 1).buckets(lastTwoDays).toList().blockingGet();
    int before = server.requestCount();

    List<UsageTimeBucket> again = streams(server, api, store, server.adminKey(), 1).buckets(lastTwoDays).toList()
        .blockingGet();

    assertThat(again).isEqualTo(expected);
    List<RecordedUsageRequest> requests = server.requests();
    assertThat(requests.size() - before).as("one page for the open hour").isEqualTo(1);
    RecordedUsageRequest open = requests.get(requests.size() - 1);
    assertThat(open.query().startTime()).as("final: older than one hour")
        .isEqualTo(NOW.minus(Duration.ofHours(1)).getEpochSecond());
  }

  @Test
  void everyEndpointGivesTheSameBucketsAndResultsFetchedCachedAndConcurrent(FakeUsageServer server,
      UsageApi api) {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      UsageQuery<UsageResult> query = UsageQuery.builder(endpoint).start(START.plus(Duration.ofHours(5)))
          .bucketWidth(BucketWidth.ONE_DAY).limit(3).build(); // a clipped first bucket, then whole days to now
      BucketStore store = FileBucketStore.create(directory.resolve(endpoint.name()));
      List<UsageTimeBucket> sequential = uncached(api).buckets(query).toList().blockingGet();

      List<UsageTimeBucket> cold = streams(server, api, store, server.adminKey(), 3).buckets(query).toList().blockingGet();
      int before = server.requestCount();
      List<UsageTimeBucket> warm = streams(server, api, store, server.adminKey(), 3).buckets(query).toList().blockingGet();
      int warmRequests = server.requestCount() - before;
      List<UsageResult> results = streams(server, api, store, server.adminKey(), 2).results(query).toList().blockingGet();

      assertThat(cold).as("%s", endpoint).isEqualTo(sequential);
      assertThat(warm).as("%s", endpoint).isEqualTo(sequential);
      assertThat(results).as("%s", endpoint).isEqualTo(sequential.stream()
          .flatMap(bucket -> bucket.results().stream()).collect(Collectors.toList()));
      assertThat(warmRequests).as("%s: the clipped first day and the open last one", endpoint).isEqualTo(2);
    }
  }

  @Test
  void anotherAdminKeyDoesNotSeeTheBucketsOfTheFirst(FakeUsageServer server, UsageApi api) {
    UsageQuery<?> query = UsageQuery.costs().start(START).end(START.plus(Duration.ofDays(7))).build();
    BucketStore store = BucketStore.inMemory();
    streams(server, api, store, server.adminKey(), 1).buckets(query).toList().blockingGet();
    int before = server.requestCount();

    streams(server, api, store, "sk-admin-another-organisation", 1).buckets(query).toList().blockingGet();

    assertThat(server.requestCount() - before).isEqualTo(1);
    assertThat(CacheKey.of(query, server.url(), server.adminKey()))
        .isNotEqualTo(CacheKey.of(query, server.url(), "sk-admin-another"));
    assertThat(CacheKey.of(query, server.url(), server.adminKey()).toString()).doesNotContain(server.adminKey());
  }

  @Test
  void exactAmountsUnknownFieldsAndUnknownResultTypesReadBackUnchanged() throws Exception {
    FileBucketStore store = FileBucketStore.create(directory);
    CacheKey key = CacheKey.of(UsageQuery.costs().start(START).build(), "https://api.openai.com/v1/", "sk-admin-x");
    List<UsageTimeBucket> buckets = new ArrayList<>();
    buckets.addAll(UsageFixtures.costsWithStringAmounts().value().data());
    UsageTimeBucket unknown = UsageFixtures.unknownResultType().value().data().get(0);
    buckets.add(UsageTimeBucket.builder().from(unknown)
        .startTime(unknown.startTime() + 86_400).endTime(unknown.endTime() + 86_400).build());

    store.save(key, buckets);
    List<UsageTimeBucket> read = FileBucketStore.create(directory).load(key, 0, Long.MAX_VALUE);

    assertThat(read).isEqualTo(buckets);
    assertThat(new ObjectMapper().writeValueAsString(read)).isEqualTo(new ObjectMapper().writeValueAsString(buckets));
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(key.id());
    }
    try (Stream<Path> files = Files.list(directory.resolve(key.id()))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("a file per day")
          .hasSize((int) buckets.stream().map(b -> Math.floorDiv(b.startTime(), 86_400L)).distinct().count())
          .allMatch(name -> name.matches("\\d{4}-\\d{2}-\\d{2}\\.json"));
    }
  }

  @Test
  void corruptForeignAndOlderFormatFilesAreIgnoredAndRewritten(FakeUsageServer server, UsageApi api)
      throws Exception {
    UsageQuery<?> week = UsageQuery.costs().start(START).end(START.plus(Duration.ofDays(7)))
        .groupBy(GroupByField.LINE_ITEM).build();
    UsageQuery<?> otherWeek = UsageQuery.costs().start(START).end(START.plus(Duration.ofDays(7))).build();
    FileBucketStore store = FileBucketStore.create(directory);
    List<UsageTimeBucket> expected = streams(server, api, store, server.adminKey(), 1).buckets(week).toList().blockingGet();
    streams(server, api, store, server.adminKey(), 1).buckets(otherWeek).toList().blockingGet();
    Path file = directory.resolve(CacheKey.of(week, server.url(), server.adminKey()).id()).resolve("2026-10-01.json");
    Path foreign = directory.resolve(CacheKey.of(otherWeek, server.url(), server.adminKey()).id())
        .resolve("2026-10-01.json");
    String good = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);

    List<String> corruptions = new ArrayList<>();
    corruptions.add(good.substring(0, good.length() / 2));                          // cut short
    corruptions.add("not json at all");
    corruptions.add("");
    corruptions.add(good.replace("usagekit-bucket-cache/2", "usagekit-bucket-cache/1")); // older format
    corruptions.add(new String(Files.readAllBytes(foreign), StandardCharsets.UTF_8));   // another key's file
    corruptions.add(good.replaceFirst("\"end_time\":(\\d+)", "\"end_time\":1"));   // a bucket not whole
    for (String corrupt : corruptions) {
      Files.write(file, corrupt.getBytes(StandardCharsets.UTF_8));
      int before = server.requestCount();

      List<UsageTimeBucket> buckets = streams(server, api, store, server.adminKey(), 1).buckets(week).toList().blockingGet();

      assertThat(buckets).isEqualTo(expected);
      assertThat(server.requestCount() - before).as("fetched again: %s", corrupt).isEqualTo(1);
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as("rewritten").isEqualTo(good);
    }
  }

  @Test
  void concurrentSavesLeaveAWholeFile() throws Exception {
    CacheKey key = CacheKey.of(UsageQuery.costs().start(START).build(), "https://api.openai.com/v1/", "sk-admin-x");
    List<UsageTimeBucket> buckets = UsageFixtures.costsWithStringAmounts().value().data();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<UsageTimeBucket>>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        FileBucketStore store = FileBucketStore.create(directory); // as separate processes: no shared lock
        runs.add(threads.submit(() -> {
          store.save(key, buckets);
          return store.load(key, 0, Long.MAX_VALUE);
        }));
      }
      for (Future<List<UsageTimeBucket>> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(buckets);
      }
    } finally {
      threads.shutdownNow();
    }
    try (Stream<Path> files = Files.list(directory.resolve(key.id()))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .allMatch(name -> name.endsWith(".json"))
          .hasSize((int) buckets.stream().map(b -> Math.floorDiv(b.startTime(), 86_400L)).distinct().count());
    }
  }
}
