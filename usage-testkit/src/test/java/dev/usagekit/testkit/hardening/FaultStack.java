package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.SyntheticOrganization;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The real stack of one scenario: a {@link FakeUsageServer}, an OkHttp client with a dispatcher whose threads
 * belong to this scenario, the generated {@code UsageApi} from {@link UsageApiFactory}, and {@link UsageStreams}
 * retrying as {@link #POLICY} says on a {@link RecordingScheduler}. {@link #closeAndCheckNoLeaks} tears it
 * down and checks that no call, connection, response body or thread outlived the scenario.
 */
final class FaultStack {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  /** Buckets per page. */
  static final int LIMIT = 3;
  /** Pages of {@link #QUERY}. */
  static final int PAGES = 200;
  static final Instant END = START.plus(Duration.ofHours((long) LIMIT * PAGES));
  static final SyntheticOrganization ORG = SyntheticOrganization.generate(7, START, 25);

  /** 600 hourly buckets of completions grouped by model: 200 pages of 3 buckets. */
  static final UsageQuery<UsageCompletionsResult> QUERY = UsageQuery.completions()
      .start(START)
      .end(END)
      .bucketWidth(BucketWidth.ONE_HOUR)
      .groupBy(GroupByField.MODEL)
      .limit(LIMIT)
      .build();

  static final int MAX_RETRIES = 3;
  /** Backoffs of exactly 10, 20 and 40 ms (no jitter), asked of the {@link RecordingScheduler}, which waits none. */
  static final RetryPolicy POLICY = RetryPolicy.builder()
      .maxRetries(MAX_RETRIES)
      .initialBackoff(Duration.ofMillis(10))
      .multiplier(2)
      .maxBackoff(Duration.ofSeconds(1))
      .jitter(0)
      .build();

  /**
   * The read timeout of the calls a scenario picks (those that meet a fault that never answers in time); all
   * others keep OkHttp's 10 s, so that a busy machine cannot make a fault-free page time out.
   */
  static final long SHORT_READ_TIMEOUT_MILLIS = 100;

  /**
   * One pool for every scenario. OkHttp 3 cleans each pool up on a thread of one JVM-wide executor that cannot be
   * shut down, a thread that keeps watching a pool for its keep-alive (5 minutes) after its last connection: a
   * pool per scenario would leave one such thread per scenario behind. Every scenario must leave it empty.
   */
  static final ConnectionPool POOL = new ConnectionPool();

  /**
   * JVM-wide daemon threads that nothing of a scenario can shut down, by name: OkHttp 3's pool cleaner (see
   * {@link #POOL}), Okio's timeout watchdog, and the evictor RxJava's {@code Schedulers} start when first loaded;
   * with OkHttp 4 (-Pokhttp4), the threads of its one JVM-wide task runner, named "OkHttp TaskRunner" when idle
   * (and "OkHttp ConnectionPool" while they clean the pool up), which end 60 s after their last task.
   * A scenario may start at most one of each, and two task runner threads (OkHttp 4 runs a task on one while
   * another waits for the next).
   */
  static final Set<String> SHARED_THREADS =
      Set.of("OkHttp ConnectionPool", "Okio Watchdog", "RxCachedWorkerPoolEvictor-1", "OkHttp TaskRunner");

  final FakeUsageServer server;
  final OkHttpClient client;
  final CallEvents events = new CallEvents();
  final RecordingScheduler retries;
  final UsageStreams streams;
  private final ExecutorService callThreads;
  private final ExecutorService retryThread;

  /**
   * Starts a stack.
   *
   * @param configure adds to the server's builder (the organisation and a fixed clock are set)
   * @param shortReadTimeout which requests, by their {@code page} parameter (null for the first page), get a
   *     read timeout of {@link #SHORT_READ_TIMEOUT_MILLIS}
   */
  FaultStack(Consumer<FakeUsageServer.Builder> configure, Predicate<String> shortReadTimeout) {
    FakeUsageServer.Builder builder = FakeUsageServer.builder()
        .clock(Clock.fixed(END.plus(Duration.ofDays(1)), ZoneOffset.UTC))
        .organization(ORG);
    configure.accept(builder);
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    callThreads = Executors.newCachedThreadPool(named("hardening-okhttp-"));
    retryThread = Executors.newSingleThreadExecutor(named("hardening-retry-"));
    client = new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(callThreads))
        .connectionPool(POOL)
        .eventListener(events)
        .addInterceptor(chain -> shortReadTimeout.test(chain.request().url().queryParameter("page"))
            ? chain.withReadTimeout((int) SHORT_READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).proceed(chain.request())
            : chain.proceed(chain.request()))
        .build();
    UsageApi api = UsageApiFactory.builder().client(client).adminKey(server.adminKey()).baseUrl(server.url())
        .build();
    retries = new RecordingScheduler(retryThread);
    streams = UsageStreams.builder(api).retryPolicy(POLICY).scheduler(retries).build();
  }

  FaultStack() {
    this(builder -> {}, page -> false);
  }

  /**
   * For {@code shortReadTimeout}: the first {@code calls} calls for each of {@code pages} (by their fault-free
   * cursors; calls for one page are made one after another), those that meet the injected faults.
   */
  static Predicate<String> firstCalls(int calls, int... pages) {
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    Set<String> cursors = new HashSet<>();
    for (int page : pages) {
      cursors.add(String.valueOf(Baseline.get().cursor(page)));
    }
    return page -> cursors.contains(String.valueOf(page))
        && counts.computeIfAbsent(String.valueOf(page), p -> new AtomicInteger()).getAndIncrement() < calls;
  }

  /** A fault to enqueue just before page {@code page} (1 for the first) is requested, {@code times} times. */
  record Injection(int page, Fault fault, int times) {}

  /**
   * Subscribes to the buckets of {@link #QUERY} and, using backpressure to stop before each page that gets
   * faults, enqueues them just before that page is requested; then requests everything and waits for the end.
   */
  TestSubscriber<UsageTimeBucket> run(Injection... injections) {
    TestSubscriber<UsageTimeBucket> subscriber = start(injections);
    subscriber.request(Long.MAX_VALUE);
    return await(subscriber);
  }

  /** {@link #run}, up to the last injection: everything before its page has arrived, nothing more requested. */
  TestSubscriber<UsageTimeBucket> start(Injection... injections) {
    Arrivals<UsageTimeBucket> subscriber = new Arrivals<>();
    streams.buckets(QUERY).subscribe(subscriber);
    long requested = 0;
    for (Injection injection : injections) {
      long before = (long) (injection.page() - 1) * LIMIT;
      assertThat(before).as("injections in page order").isGreaterThanOrEqualTo(requested);
      if (before > requested) {
        subscriber.request(before - requested);
        subscriber.awaitArrivals((int) (before - requested));
        requested = before;
      }
      assertThat(subscriber.values()).as("buckets before page %d", injection.page()).hasSize((int) before);
      subscriber.assertNoErrors();
      assertThat(server.requests()).extracting(RecordedUsageRequest::page)
          .as("no request for page %d before it is requested", injection.page())
          .doesNotContain(Baseline.get().cursor(injection.page()));
      server.enqueue(injection.fault(), injection.times());
    }
    return subscriber;
  }

  /** A test subscriber, requesting nothing at first, that can wait for items without polling. */
  static final class Arrivals<T> extends TestSubscriber<T> {
    private final Semaphore arrived = new Semaphore(0);

    Arrivals() {
      super(0L);
    }

    @Override
    public void onNext(T t) {
      super.onNext(t);
      arrived.release();
    }

    @Override
    public void onError(Throwable t) {
      super.onError(t);
      arrived.release(Integer.MAX_VALUE / 2); // no more items will come: wake the waiter
    }

    @Override
    public void onComplete() {
      super.onComplete();
      arrived.release(Integer.MAX_VALUE / 2);
    }

    /** Waits until {@code count} more items arrived, or the stream ended. */
    void awaitArrivals(int count) {
      try {
        assertThat(arrived.tryAcquire(count, 60, TimeUnit.SECONDS)).as("%d items arrived", count).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static <T> TestSubscriber<T> await(TestSubscriber<T> subscriber) {
    boolean ended;
    try {
      ended = subscriber.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertThat(ended).as("the stream ended").isTrue();
    return subscriber;
  }

  /** The requests the server received for page {@code page} of {@link #QUERY}, by its fault-free cursor. */
  List<RecordedUsageRequest> requestsOfPage(int page) {
    String cursor = Baseline.get().cursor(page);
    return server.requests().stream()
        .filter(r -> java.util.Objects.equals(r.page(), cursor))
        .collect(Collectors.toList());
  }

  /**
   * Stops everything this scenario started and checks that nothing leaked: after the call threads have
   * terminated, the dispatcher has no running or queued call, every call ended and released its connection,
   * every response body was read to its end or failed, no pooled connection is in use, and no thread started
   * since {@code threadsBefore} is alive but the shared ones of {@link #SHARED_THREADS} (one each at most).
   * Thread counts assume that no other test runs at the same time (JUnit runs tests one after another here).
   */
  void closeAndCheckNoLeaks(Set<Thread> threadsBefore) throws InterruptedException {
    List<String> leaks = new ArrayList<>();
    try {
      callThreads.shutdown();
      retryThread.shutdown();
      if (!callThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        leaks.add("OkHttp call threads still busy");
      }
      if (!retryThread.awaitTermination(30, TimeUnit.SECONDS)) {
        leaks.add("retry thread still busy");
      }
      Dispatcher dispatcher = client.dispatcher();
      if (dispatcher.runningCallsCount() != 0 || dispatcher.queuedCallsCount() != 0) {
        leaks.add(dispatcher.runningCallsCount() + " running and " + dispatcher.queuedCallsCount()
            + " queued calls");
      }
      leaks.addAll(events.problems());
      if (POOL.connectionCount() != POOL.idleConnectionCount()) {
        leaks.add((POOL.connectionCount() - POOL.idleConnectionCount()) + " pooled connections in use");
      }
      POOL.evictAll();
      if (POOL.connectionCount() != 0) {
        leaks.add(POOL.connectionCount() + " connections left in the pool after evictAll()");
      }
    } finally {
      server.close();
    }
    List<Thread> newShared = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (threadsBefore.contains(thread)) {
        continue;
      }
      if (SHARED_THREADS.contains(thread.getName())) {
        newShared.add(thread);
      } else {
        thread.join(TimeUnit.SECONDS.toMillis(10)); // its executor has terminated: it is on its way out
        if (thread.isAlive()) {
          leaks.add("thread " + thread.getName() + " still alive");
        }
      }
    }
    for (String name : SHARED_THREADS) {
      long started = newShared.stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
      if (started > (name.equals("OkHttp TaskRunner") ? 2 : 1)) {
        leaks.add(started + " new threads named " + name);
      }
    }
    assertThat(leaks).as("leaks").isEmpty();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
