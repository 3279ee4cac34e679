package dev.usagekit.rx;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Every page of a Usage or Costs query as one lazy, backpressured {@link Flowable}: of time buckets, of typed
 * results, or of pages.
 *
 * <pre>{@code
 * UsageApi api = UsageApiFactory.create(System.getenv("OPENAI_ADMIN_KEY"));
 * UsageStreams streams = UsageStreams.create(api);
 *
 * UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
 *     .start(Instant.parse("2026-10-01T00:00:00Z"))
 *     .end(Instant.parse("2026-11-01T00:00:00Z"))
 *     .groupBy(GroupByField.MODEL)
 *     .build();
 *
 * streams.results(query)                       // Flowable<UsageCompletionsResult>, across all pages
 *     .subscribe(r -> System.out.println(r.model() + ": " + r.inputTokens() + " input tokens"));
 *
 * UsageSummary summary = UsageSummary.summarizeBuckets(streams.buckets(query)).blockingGet();
 * }</pre>
 *
 * <p>A stream fetches the first page when downstream first requests an item, and each following page (the
 * {@code page} parameter set to the previous page's {@code next_page}) only when downstream has taken every item
 * of the previous page and requests more; it completes after the page with {@code has_more: false}. At most one
 * request is in flight (unless {@link Builder#concurrency(int)} pages sub-windows at the same time, or a {@link
 * Builder#bucketStore(BucketStore, String, String) bucket store} serves final buckets). Each subscription starts
 * again from the first page. Cancelling cancels the HTTP call in
 * flight (with {@link dev.usagekit.retrofit.UsageApiFactory}'s {@code UsageApi}) and fetches nothing more.
 *
 * <p>A page that fails is fetched again, from the same cursor, as the {@link RetryPolicy} says ({@link
 * RetryPolicy#defaults()} unless {@link Builder#retryPolicy(RetryPolicy) set}), so no bucket is skipped or
 * repeated; a page that still fails ends the stream with a {@link UsageException}: {@link UsageApiException} (an
 * HTTP error status), {@link UsageDecodingException} (a body that does not decode, or a broken paging protocol)
 * or {@link UsageNetworkException} (an I/O failure). When several fail at once (sub-windows paged concurrently),
 * the stream ends with the first of them, the others attached as {@linkplain Throwable#getSuppressed()
 * suppressed} exceptions: always one {@code UsageException}, never a combination of them.
 *
 * <p>No subscription makes more than {@link Builder#maxRequestsPerMinute(int) maxRequestsPerMinute} requests
 * (1,200 unless set) in any minute, retries and sub-windows included.
 *
 * <p>Instances are immutable and thread-safe; one serves any number of queries and subscribers.
 */
public final class UsageStreams {
  /** Pages a sub-window fetches ahead of downstream when paged concurrently. */
  private static final int PAGES_AHEAD = 2;
  private static final long DAY_SECONDS = 86_400L;

  private final UsageApi api;
  private final RetryPolicy retryPolicy;
  private final @Nullable Scheduler scheduler;
  private final int maxPages;
  private final int concurrency;
  private final @Nullable BucketStore store;
  private final @Nullable String storeServer;
  private final @Nullable String storeAccount;
  private final long finalAfterSeconds;
  private final int maxRequestsPerMinute;

  private UsageStreams(Builder builder) {
    this.api = builder.api;
    this.retryPolicy = builder.retryPolicy;
    this.scheduler = builder.scheduler;
    this.maxPages = builder.maxPages;
    this.concurrency = builder.concurrency;
    this.store = builder.store;
    this.storeServer = builder.storeServer;
    this.storeAccount = builder.storeAccount;
    this.finalAfterSeconds = builder.finalAfter.getSeconds();
    this.maxRequestsPerMinute = builder.maxRequestsPerMinute;
  }

  /**
   * Streams over {@code api} with the {@linkplain RetryPolicy#defaults() default retry policy}, waiting between
   * retries on {@link Schedulers#computation()}.
   *
   * @throws NullPointerException if {@code api} is null
   */
  public static UsageStreams create(UsageApi api) {
    return builder(api).build();
  }

  /**
   * A builder of streams over {@code api}.
   *
   * @throws NullPointerException if {@code api} is null
   */
  public static Builder builder(UsageApi api) {
    return new Builder(Objects.requireNonNull(api, "api == null"));
  }

  /**
   * The time buckets of every page of {@code query}, in order.
   *
   * <pre>{@code
   * streams.buckets(UsageQuery.costs().startTime(1730419200L).limit(30).build())
   *     .subscribe(bucket -> System.out.println(bucket.startTime() + ": " + bucket.results().size() + " results"));
   * }</pre>
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>The operator honors backpressure from downstream: it makes no request before downstream requests an
   *  item, buffers at most the buckets of the current page, and fetches the next page only when downstream
   *  requests more than the current page holds. At most one page is in flight. With {@link
   *  Builder#concurrency(int) concurrency} {@code n > 1}: once downstream requests, up to {@code n} sub-windows are
   *  fetched at the same time, each at most 2 pages ahead of downstream.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code buckets} does not operate by default on a particular {@link Scheduler}: each page is fetched by
   *  the {@code UsageApi} on the thread that requested it or that delivered the previous page, and its buckets are
   *  emitted on the thread that delivers the response (OkHttp's dispatcher threads for {@link
   *  dev.usagekit.retrofit.UsageApiFactory}'s {@code UsageApi}). Only the waits between retries run on the
   *  {@link Builder#scheduler(Scheduler) scheduler} of this {@code UsageStreams} ({@link Schedulers#computation()}
   *  by default), from which the retried page is then fetched.</dd>
   * </dl>
   *
   * @param query the query; its {@code limit} is the number of buckets per page
   * @return a cold {@code Flowable}: every subscription pages through the query from its first page
   * @throws NullPointerException if {@code query} is null
   */
  public Flowable<UsageTimeBucket> buckets(UsageQuery<?> query) {
    Objects.requireNonNull(query, "query == null");
    if (store != null) {
      return cachedBuckets(query);
    }
    return fetchedBuckets(query);
  }

  /** The buckets of {@code query} fetched, sequentially or in concurrent sub-windows. */
  private Flowable<UsageTimeBucket> fetchedBuckets(UsageQuery<?> query) {
    return fetchedBuckets(query, null);
  }

  /**
   * The buckets of {@code query} fetched, sequentially or in concurrent sub-windows; {@code onPage}, if not null,
   * sees each page once it passed the paging checks, before its buckets are emitted.
   */
  private Flowable<UsageTimeBucket> fetchedBuckets(UsageQuery<?> query, @Nullable Consumer<UsageResponse> onPage) {
    if (concurrency == 1) {
      return paged(query, page -> (onPage == null ? page : page.doOnSuccess(onPage))
          .flattenAsFlowable(UsageResponse::data), null);
    }
    return Paging.lazy(() -> (onPage == null ? concurrentPages(query) : concurrentPages(query).doOnNext(onPage))
        .concatMapIterable(UsageResponse::data, 1));
  }

  /**
   * The buckets of {@code query} with the {@link BucketStore}: the whole final buckets of the window that the
   * store holds from the first whole bucket on, without a contiguous gap, are served from it, loaded a day at a
   * time as downstream asks for them; the rest is fetched (a clipped first bucket before them, everything after
   * them), and the whole final buckets fetched are saved a day at a time. "Now" is the {@link
   * Builder#scheduler(Scheduler) scheduler}'s, read when subscribed; a fetched bucket is saved only if it is final
   * by the server's clock too (the {@link UsageResponse#serverDate()} of its page).
   */
  private Flowable<UsageTimeBucket> cachedBuckets(UsageQuery<?> query) {
    BucketStore store = Objects.requireNonNull(this.store);
    CacheKey key = CacheKey.of(query.endpoint(), query, Objects.requireNonNull(storeServer),
        Objects.requireNonNull(storeAccount));
    return Paging.lazy(() -> {
      long now = retryScheduler().now(TimeUnit.SECONDS);
      long width = query.effectiveBucketWidth().seconds();
      long start = query.startTime();
      long end = query.endTime() != null ? query.endTime() : now;
      long firstWhole = Math.floorDiv(start + width - 1, width) * width;
      long finalEnd = Math.min(Math.floorDiv(end, width), Math.floorDiv(now - finalAfterSeconds, width)) * width;
      if (finalEnd <= firstWhole) {
        return fetchedBuckets(query); // nothing final and whole: nothing to serve or to save
      }
      Stored stored = new Stored(store, key, width, firstWhole, finalEnd);
      List<UsageTimeBucket> first = stored.next();
      if (first.isEmpty()) {
        Saver saver = new Saver(store, key, width, firstWhole, finalEnd, finalAfterSeconds);
        return fetchedBuckets(query, saver::offer).doOnComplete(saver::flush);
      }
      Flowable<UsageTimeBucket> head = start < firstWhole
          ? fetchedBuckets(query.withWindow(start, firstWhole))
          : Flowable.<UsageTimeBucket>empty();
      Flowable<UsageTimeBucket> served = Flowable.fromIterable(first).concatWith(
          Flowable.defer(() -> Flowable.fromIterable(stored.next())).repeatUntil(stored::isDone));
      Flowable<UsageTimeBucket> tail = Flowable.defer(() -> {
        long from = stored.end();
        if (query.endTime() != null && from >= query.endTime()) {
          return Flowable.<UsageTimeBucket>empty();
        }
        Saver saver = new Saver(store, key, width, from, finalEnd, finalAfterSeconds);
        return fetchedBuckets(query.withWindow(from, query.endTime()), saver::offer).doOnComplete(saver::flush);
      });
      return Flowable.concat(head, served, tail);
    });
  }

  /**
   * The buckets a store holds without a gap from the start of a window, read a day at a time (what one file of a
   * {@link FileBucketStore} holds), so that a long window of small buckets never sits in memory whole.
   */
  private static final class Stored {
    private final BucketStore store;
    private final CacheKey key;
    private final long width;
    private final long until;
    private long end;
    private boolean gap;

    Stored(BucketStore store, CacheKey key, long width, long from, long until) {
      this.store = store;
      this.key = key;
      this.width = width;
      this.end = from;
      this.until = until;
    }

    /** Where the buckets served so far end: the first bucket not served. */
    long end() {
      return end;
    }

    boolean isDone() {
      return gap || end >= until;
    }

    /** The next day of stored buckets, up to the first one missing; empty when done. */
    List<UsageTimeBucket> next() {
      List<UsageTimeBucket> served = new ArrayList<>();
      if (isDone()) {
        return served;
      }
      long span = Math.max(DAY_SECONDS, width);
      long chunkEnd = Math.min(until, Math.floorDiv(end, span) * span + span);
      List<UsageTimeBucket> loaded;
      try {
        loaded = store.load(key, end, chunkEnd);
      } catch (RuntimeException broken) {
        loaded = new ArrayList<>(); // a store that fails is a miss (BucketStore asks it not to throw)
      }
      for (UsageTimeBucket bucket : loaded) {
        if (bucket.startTime() != end || bucket.endTime() != end + width) {
          break;
        }
        served.add(bucket);
        end += width;
      }
      if (end < chunkEnd) {
        gap = true;
      }
      return served;
    }
  }

  /**
   * Collects the whole final buckets a stream fetched and saves them a day at a time, and at its end. A bucket is
   * final when it ended {@code finalAfter} before now by both clocks: the local one ({@code until}) and the
   * server's ({@link UsageResponse#serverDate()} of its page, when known), so that a local clock that runs ahead
   * never caches a bucket the server has not closed.
   */
  private static final class Saver {
    /** At most this many buckets wait to be saved: a day of minutes. */
    private static final int BATCH = 1_440;
    private final BucketStore store;
    private final CacheKey key;
    private final long width;
    private final long span;
    private final long from;
    private final long until;
    private final long finalAfterSeconds;
    private final List<UsageTimeBucket> pending = new ArrayList<>();

    Saver(BucketStore store, CacheKey key, long width, long from, long until, long finalAfterSeconds) {
      this.store = store;
      this.key = key;
      this.width = width;
      this.span = Math.max(DAY_SECONDS, width);
      this.from = from;
      this.until = until;
      this.finalAfterSeconds = finalAfterSeconds;
    }

    void offer(UsageResponse page) {
      long finalUntil = until;
      Instant served = page.serverDate();
      if (served != null) {
        finalUntil = Math.min(finalUntil,
            Math.floorDiv(served.getEpochSecond() - finalAfterSeconds, width) * width);
      }
      for (UsageTimeBucket bucket : page.data()) {
        if (bucket.startTime() >= from && bucket.endTime() <= finalUntil && FileBucketStore.isWhole(bucket, width)) {
          if (pending.size() >= BATCH || !pending.isEmpty()
              && Math.floorDiv(pending.get(0).startTime(), span) != Math.floorDiv(bucket.startTime(), span)) {
            flush();
          }
          pending.add(bucket);
        }
      }
    }

    void flush() {
      if (!pending.isEmpty()) {
        List<UsageTimeBucket> batch = new ArrayList<>(pending);
        pending.clear();
        try {
          store.save(key, batch);
        } catch (RuntimeException broken) {
          // a store that fails keeps nothing (BucketStore asks it not to throw): the buckets are fetched next time
        }
      }
    }
  }

  /**
   * The results of every bucket of every page of {@code query}, in order, typed by the query's endpoint: a
   * {@code Flowable<UsageCompletionsResult>} for {@link UsageQuery#completions()}, a {@code
   * Flowable<CostsResult>} for {@link UsageQuery#costs()}, and so on.
   *
   * <pre>{@code
   * streams.results(UsageQuery.costs().startTime(1730419200L).groupBy(GroupByField.LINE_ITEM).build())
   *     .subscribe(cost -> System.out.println(cost.lineItem() + ": " + cost.amount().value()));
   * }</pre>
   *
   * <p>A result of another type than the endpoint's (such as an {@link dev.usagekit.model.UnknownUsageResult},
   * should the API start sending a result type this version does not know) cannot be a {@code R} and is left
   * out. Nothing is lost for callers who need those: a query built with {@link
   * UsageQuery#builder(dev.usagekit.model.UsageEndpoint)} has {@code R = UsageResult} and streams every result,
   * {@link #buckets(UsageQuery)} keeps every result of every bucket, and {@link UsageSummary} counts unknown
   * results too.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>The operator honors backpressure from downstream: it makes no request before downstream requests an
   *  item, buffers at most the results of the current page, and fetches the next page only when downstream
   *  requests more than the current page holds. At most one page is in flight. With {@link
   *  Builder#concurrency(int) concurrency} {@code n > 1}: once downstream requests, up to {@code n} sub-windows are
   *  fetched at the same time, each at most 2 pages ahead of downstream.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code results} does not operate by default on a particular {@link Scheduler}: each page is fetched by
   *  the {@code UsageApi} on the thread that requested it or that delivered the previous page, and its results
   *  are emitted on the thread that delivers the response (OkHttp's dispatcher threads for {@link
   *  dev.usagekit.retrofit.UsageApiFactory}'s {@code UsageApi}). Only the waits between retries run on the
   *  {@link Builder#scheduler(Scheduler) scheduler} of this {@code UsageStreams} ({@link Schedulers#computation()}
   *  by default), from which the retried page is then fetched.</dd>
   * </dl>
   *
   * @param query the query; its {@code limit} is the number of buckets per page
   * @param <R> the result type of the query's endpoint
   * @return a cold {@code Flowable}: every subscription pages through the query from its first page
   * @throws NullPointerException if {@code query} is null
   */
  public <R extends UsageResult> Flowable<R> results(UsageQuery<R> query) {
    Objects.requireNonNull(query, "query == null");
    Class<R> type = query.resultType();
    if (store != null) {
      return Paging.lazy(() -> cachedBuckets(query).concatMapIterable(bucket -> resultsOf(bucket, type)));
    }
    if (concurrency == 1) {
      return paged(query, page -> page.flattenAsFlowable(p -> resultsOf(p, type)), null);
    }
    return Paging.lazy(() -> concurrentPages(query).concatMapIterable(p -> resultsOf(p, type), 1));
  }

  /**
   * Every page of {@code query}, in order, as the API sent it.
   *
   * <pre>{@code
   * streams.pages(query)
   *     .subscribe(page -> System.out.println(page.data().size() + " buckets, next " + page.nextPage()));
   * }</pre>
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>The operator honors backpressure from downstream: it fetches one page per item requested, none before
   *  the first request, and at most one page is in flight.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code pages} does not operate by default on a particular {@link Scheduler}: each page is fetched by
   *  the {@code UsageApi} on the thread that requested it or that delivered the previous page, and emitted on the
   *  thread that delivers the response (OkHttp's dispatcher threads for {@link
   *  dev.usagekit.retrofit.UsageApiFactory}'s {@code UsageApi}). Only the waits between retries run on the
   *  {@link Builder#scheduler(Scheduler) scheduler} of this {@code UsageStreams} ({@link Schedulers#computation()}
   *  by default), from which the retried page is then fetched.</dd>
   * </dl>
   *
   * @param query the query; its {@code limit} is the number of buckets per page
   * @return a cold {@code Flowable}: every subscription pages through the query from its first page
   * @throws NullPointerException if {@code query} is null
   */
  public Flowable<UsageResponse> pages(UsageQuery<?> query) {
    Objects.requireNonNull(query, "query == null");
    return paged(query, Single::toFlowable, null);
  }

  /**
   * Follows {@code query} live: the buckets of its window from its start up to now, then, every {@link
   * FollowOptions#interval() interval}, the buckets that changed, each emitted again until it is final.
   *
   * <pre>{@code
   * UsageQuery<UsageCompletionsResult> today = UsageQuery.completions()
   *     .start(Instant.parse("2026-11-22T00:00:00Z"))
   *     .bucketWidth(BucketWidth.ONE_HOUR)
   *     .build();                                              // no end: up to now, and on
   * FollowOptions options = FollowOptions.builder()
   *     .interval(Duration.ofMinutes(1))
   *     .grace(Duration.ofHours(1))
   *     .resumeFrom(store.loadOr(today.startTime()))
   *     .build();
   *
   * Disposable following = streams.follow(today, options).subscribe(update -> {
   *   dashboard.put(update.bucket().startTime(), update.bucket());   // new or changed bucket
   *   if (update.isFinal()) {
   *     store.save(update.resumeFrom());                              // survives a restart
   *   }
   * });
   * }</pre>
   *
   * <p>The first poll, made at once, fetches every page of the window from the start (the query's, or {@link
   * FollowOptions#resumeFrom()}) to now and emits every bucket of it. Each later poll fetches only the window from
   * the oldest bucket that is not final yet to now, and emits a bucket only when it is new, when its results
   * differ from the last ones emitted for it (late data), or when it has become final. A bucket is final once its
   * end is at least {@link FollowOptions#grace() grace} before now (the newest bucket, which the API may clip at
   * the current time, counts as a whole {@code bucket_width} long); it is emitted final exactly once and never
   * fetched again. Each {@link BucketUpdate} carries {@link BucketUpdate#resumeFrom()}, the end of the last final
   * bucket: persisted and passed back as {@link FollowOptions.Builder#resumeFrom(long)}, a new stream goes on with
   * no gap and no final bucket emitted twice.
   *
   * <p>Every page is fetched as in {@link #buckets(UsageQuery)}: retried from its cursor as this {@code
   * UsageStreams}' {@link RetryPolicy} says (waiting for a 429's {@code Retry-After}, or backing off
   * exponentially), one request at a time; polls never overlap. A poll whose page still fails ends the stream with
   * its {@link UsageException}; resubscribe with the last {@code resumeFrom()} to go on. The stream never
   * completes on its own: cancel it to stop.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>The operator honors backpressure from downstream: a poll makes its first request only once downstream
   *  has requested an update, and the next poll starts only after downstream took every update of the previous
   *  one. Ticks that come meanwhile are dropped but one, which polls as soon as downstream requests more: a slow
   *  consumer never makes requests pile up, and never gets updates older than one poll. Buffered at most: the
   *  updates of one poll.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>The ticks run on {@link FollowOptions#scheduler()} ({@link Schedulers#computation()} unless set), and
   *  its {@link Scheduler#now(java.util.concurrent.TimeUnit) now} decides which buckets are final, so a {@code
   *  TestScheduler} drives the stream in virtual time. A poll's pages are fetched by the {@code UsageApi} from
   *  the tick's thread (or the thread that requested), updates are emitted on the thread that delivers the
   *  response, and waits between retries run on the {@link Builder#scheduler(Scheduler) scheduler} of this
   *  {@code UsageStreams}.</dd>
   * </dl>
   *
   * @param query an open-ended query (no {@code end_time}); its {@code limit} is the number of buckets per page
   * @param options interval, grace period, scheduler and resume point; {@link FollowOptions#defaults()} for
   *     polls every minute with a grace period of one hour
   * @return a cold {@code Flowable}: every subscription starts from the start again, with nothing emitted yet
   * @throws NullPointerException if {@code query} or {@code options} is null
   * @throws IllegalArgumentException if {@code query} has an end time
   */
  public Flowable<BucketUpdate> follow(UsageQuery<?> query, FollowOptions options) {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(options, "options == null");
    if (query.endTime() != null) {
      throw new IllegalArgumentException("query must have no end_time to be followed, had end_time "
          + query.endTime());
    }
    Scheduler ticks = options.scheduler();
    return Flowable.defer(() -> Follow.updates(this, query, options,
        ticks != null ? ticks : Schedulers.computation())); // resolved late, so RxJavaPlugins' hooks apply
  }

  /** The buckets of {@code query} paged sequentially, whatever the concurrency: a poll of {@link #follow}. */
  Flowable<UsageTimeBucket> sequentialBuckets(UsageQuery<?> query) {
    return paged(query, page -> page.flattenAsFlowable(UsageResponse::data), null);
  }

  /** The retry policy of these streams. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** How many sub-windows of a query are paged at the same time; 1 pages sequentially. */
  public int concurrency() {
    return concurrency;
  }

  @Override
  public String toString() {
    return "UsageStreams{" + retryPolicy + ", concurrency=" + concurrency + "}";
  }

  /**
   * The pages of {@code query}'s sub-windows ({@link Windows#split}), up to {@link #concurrency} of them paged at
   * the same time, emitted in time order. Every sub-window is paged as in {@link #paged} with its own guards; they
   * share a {@link BackoffGate}, the {@link RequestCeiling}, the page budget and the check that buckets come in
   * order, once. Failures of several sub-windows at once end the stream as the first of them ({@link
   * PageFailures#firstOf}).
   *
   * <p>{@code concatMapEager} subscribes to {@code concurrency} sub-windows at once, each fetching at most {@value
   * #PAGES_AHEAD} pages ahead, and emits their pages in order: memory stays at most {@code concurrency * }{@value
   * #PAGES_AHEAD} pages. Callers hold the whole back with {@link Paging#lazy} until downstream requests an item.
   */
  private Flowable<UsageResponse> concurrentPages(UsageQuery<?> query) {
    return Flowable.defer(() -> {
      Windows.Shared shared = new Windows.Shared(new BackoffGate(this::retryScheduler),
          new RequestCeiling(this::retryScheduler, maxRequestsPerMinute), maxPages, query.endpoint());
      long now = retryScheduler().now(TimeUnit.SECONDS);
      return Flowable.fromIterable(Windows.split(query, now))
          .concatMapEager(window -> paged(window, Single::toFlowable, shared), concurrency, PAGES_AHEAD)
          .map(shared::inOrder)
          // Sub-windows that fail at the same time reach concatMapEager together, which combines them.
          .onErrorResumeNext(e -> Flowable.error(PageFailures.firstOf(e)));
    });
  }

  /**
   * The paging pipeline: {@code flatten} turns the {@code Single} of one page into the items of that page.
   *
   * <p>Per subscription: a {@link Paging.State} holds the next cursor. One page is a {@code Single} that calls the
   * API when subscribed, retries from the same cursor, and advances the state when it succeeds. {@link
   * Paging#lazy} holds its subscription back until downstream requests an item, so a page is fetched only on
   * demand; {@code repeatUntil} subscribes to the next page after the previous one completed (all its items
   * emitted), carrying the outstanding demand over, until the state saw the last page. {@code repeatUntil}
   * resubscribes in a loop rather than by recursion and keeps nothing of past pages, so any number of pages runs
   * in constant stack and memory.
   */
  private <T> Flowable<T> paged(UsageQuery<?> query,
      Function<Single<UsageResponse>, Flowable<T>> flatten, @Nullable Windows.Shared shared) {
    return Flowable.defer(() -> {
      Paging.State state = new Paging.State(query, maxPages);
      Random random = retryPolicy.newRandom();
      RequestCeiling ceiling = shared != null ? shared.ceiling
          : new RequestCeiling(this::retryScheduler, maxRequestsPerMinute);
      return Paging.lazy(() -> flatten.apply(page(query, state, random, shared, ceiling)))
          .repeatUntil(state::isDone);
    });
  }

  /**
   * The next page of {@code state}, retried from its cursor, advancing {@code state} when it arrives; every
   * attempt first waits for a place under the {@code ceiling} of requests a minute. With {@code shared} (a
   * sub-window), it counts against the stream's page budget and waits for the shared backoff gate.
   */
  private Single<UsageResponse> page(UsageQuery<?> query, Paging.State state, Random random,
      @Nullable Windows.Shared shared, RequestCeiling ceiling) {
    String cursor = state.cursor();
    int pageNumber = state.pageNumber();
    UsageEndpoint endpoint = query.endpoint();
    Single<UsageResponse> page = Single
        .defer(() -> UsageApiPages.fetch(api, query, cursor).singleOrError())
        .onErrorResumeNext(e -> Single.error(PageFailures.toUsageException(e, endpoint, pageNumber, cursor)));
    Completable before = ceiling.acquire();
    if (shared != null) {
      shared.reservePage(pageNumber, cursor);
      before = shared.gate.awaitOpen().andThen(before);
    }
    page = before.andThen(page);
    if (retryPolicy.maxRetries() > 0) {
      page = page.retryWhen(retryPolicy.retryHandler(this::retryScheduler, random,
          shared != null ? shared.gate : null));
    }
    return page.doOnSuccess(state::advance);
  }

  /** The API these streams fetch from. */
  UsageApi api() {
    return api;
  }

  Scheduler retryScheduler() {
    // Resolved when needed, so that RxJavaPlugins' scheduler hooks apply.
    return scheduler != null ? scheduler : Schedulers.computation();
  }

  private static <R extends UsageResult> List<R> resultsOf(UsageResponse page, Class<R> type) {
    List<R> results = new ArrayList<>();
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        if (type.isInstance(result)) {
          results.add(type.cast(result));
        }
      }
    }
    return results;
  }

  private static <R extends UsageResult> List<R> resultsOf(UsageTimeBucket bucket, Class<R> type) {
    List<R> results = new ArrayList<>();
    for (UsageResult result : bucket.results()) {
      if (type.isInstance(result)) {
        results.add(type.cast(result));
      }
    }
    return results;
  }

  /** Configures and builds {@link UsageStreams}. Not thread-safe; reusable. */
  public static final class Builder {
    /** The default of {@link #maxPages(int)}. */
    public static final int DEFAULT_MAX_PAGES = 100_000;
    /** The most sub-windows {@link #concurrency(int)} allows to be paged at the same time. */
    public static final int MAX_CONCURRENCY = 16;
    /** The default of {@link #maxRequestsPerMinute(int)}. */
    public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 1_200;

    private final UsageApi api;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable Scheduler scheduler;
    private int maxPages = DEFAULT_MAX_PAGES;
    private int concurrency = 1;
    private @Nullable BucketStore store;
    private @Nullable String storeServer;
    private @Nullable String storeAccount;
    private Duration finalAfter = FollowOptions.defaults().grace();
    private int maxRequestsPerMinute = DEFAULT_MAX_REQUESTS_PER_MINUTE;

    Builder(UsageApi api) {
      this.api = api;
    }

    /**
     * When and how long to wait before fetching a failed page again; {@link RetryPolicy#defaults()} unless set,
     * {@link RetryPolicy#none()} to fail at the first error.
     *
     * @throws NullPointerException if {@code retryPolicy} is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The scheduler the waits between retries run on, and from which a retried page is fetched; {@link
     * Schedulers#computation()} unless set. Nothing else runs on it. Tests pass a {@code TestScheduler} to retry
     * in virtual time.
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * The most pages one subscription fetches before it fails with a {@link UsageDecodingException} naming the
     * cursor: a bound on what a server can make a stream do. {@value #DEFAULT_MAX_PAGES} unless set, far above a
     * real query (a year of minutes at the largest page is 366 pages).
     *
     * @throws IllegalArgumentException if {@code maxPages} is less than 1
     */
    public Builder maxPages(int maxPages) {
      if (maxPages < 1) {
        throw new IllegalArgumentException("maxPages must be >= 1, was " + maxPages);
      }
      this.maxPages = maxPages;
      return this;
    }

    /**
     * How many sub-windows of a query {@link UsageStreams#buckets} and {@link UsageStreams#results} page at the same time; 1 (the
     * default) pages the whole window sequentially, one request at a time, exactly as before this option.
     *
     * <p>With {@code n > 1}, the window is cut at bucket boundaries (UTC multiples of the bucket width, where the
     * API starts its buckets) into sub-windows of one page each ({@code limit} buckets), and {@code n} of them are
     * paged at the same time (a window that does not start on a boundary is paged sequentially: where the API
     * puts the buckets of such a window is not documented). Buckets and results come in time order, each exactly
     * once, the same as from a sequential run; a window without an end ends at "now" of the {@link #scheduler(Scheduler) scheduler}'s
     * clock, its newest part (from 15 minutes before now) left open-ended as in a
     * sequential run. The paging guards hold per sub-window and for the whole stream ({@link #maxPages(int)}
     * counts every page). A 429 in any sub-window holds back every request of the stream until its {@code
     * Retry-After} has passed; cancelling cancels every call in flight. At most {@code n * 2} pages are buffered.
     * {@link UsageStreams#pages} stays sequential (its cursors are the API's), and so does {@link UsageStreams#follow}'s paging of a poll.
     *
     * <p>Requests count against the API's rate limits as usual: the API allows far more requests a minute than
     * a handful of concurrent pages make, and a 429 slows all of them. Calls made through {@link
     * dev.usagekit.retrofit.UsageApiFactory}'s client also stay within its {@code Dispatcher}'s {@code
     * maxRequestsPerHost} (5 by default).
     *
     * @throws IllegalArgumentException if {@code concurrency} is not between 1 and {@value #MAX_CONCURRENCY}
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", was "
            + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Keeps final buckets in {@code store} and serves them from it: {@link UsageStreams#buckets} and {@link
     * UsageStreams#results} fetch only the part of a window the store does not hold. A bucket is final, saved and
     * served from the store, once it ended at least {@link #finalAfter(Duration) finalAfter} ago by the local clock
     * (the {@link #scheduler(Scheduler) scheduler}'s) and by the server's (the {@code Date} of the response that
     * brought it, {@link UsageResponse#serverDate()}, when the {@code UsageApi} gives it, as {@code
     * UsageApiFactory}'s does), and is whole (aligned to its width and one width long; the clipped first bucket of
     * a window starting between boundaries is always fetched). A local clock that runs ahead of the server's thus
     * never caches a bucket the server has not closed. A re-run over a window that is wholly final makes no
     * request; over a window that is partly final, only the open part is fetched. Stored buckets are read a day at
     * a time, as downstream asks for them. Off unless set. {@link UsageStreams#pages} and {@link
     * UsageStreams#follow} do not use the store.
     *
     * <pre>{@code
     * builder.bucketStore(FileBucketStore.create(cacheDir), "https://api.openai.com/v1/", adminKey);
     * }</pre>
     *
     * <p>Buckets are kept under a {@link CacheKey} of the query, {@code baseUrl} (another server's buckets are
     * never served) and {@code adminKey}: the key is not kept, only a salted hash of it that tells organisations
     * apart.
     *
     * @param baseUrl the base URL the {@code UsageApi} of this builder calls, as given to {@code
     *     UsageApiFactory.Builder.baseUrl} ({@code "https://api.openai.com/v1/"} unless you set another)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL
     */
    public Builder bucketStore(BucketStore store, String baseUrl, String adminKey) {
      this.store = Objects.requireNonNull(store, "store == null");
      this.storeServer = CacheKey.serverOf(baseUrl);
      this.storeAccount = CacheKey.accountOf(Objects.requireNonNull(adminKey, "adminKey == null"));
      return this;
    }

    /**
     * How long after its end a bucket is final, for the {@link #bucketStore bucket store}: {@link
     * FollowOptions#grace() the default grace of follow}, one hour, unless set. Late data arriving after it is
     * not seen in stored buckets: raise it for endpoints the API completes later.
     *
     * @throws IllegalArgumentException if {@code finalAfter} is negative
     */
    public Builder finalAfter(Duration finalAfter) {
      Objects.requireNonNull(finalAfter, "finalAfter == null");
      if (finalAfter.isNegative()) {
        throw new IllegalArgumentException("finalAfter must not be negative, was " + finalAfter);
      }
      this.finalAfter = finalAfter;
      return this;
    }

    /**
     * The most requests one subscription makes in any minute (a sliding minute of the {@link #scheduler(Scheduler)
     * scheduler}'s clock), first attempts, retries and every sub-window of a {@link #concurrency(int) concurrent}
     * stream together: {@value #DEFAULT_MAX_REQUESTS_PER_MINUTE} (20 a second) unless set. A request that would
     * exceed it waits until the oldest request of the last minute is a minute old. It bounds what a failing or
     * hostile server can make a stream send (with {@link RetryPolicy#minRetryAfter()} bounding each page's
     * retries), far above what a sequential stream makes against the real API (a page takes a few hundred
     * milliseconds). Each poll of {@link UsageStreams#follow} is one subscription. Raise it if your organisation's
     * rate limit allows and you page many sub-windows of short pages at once.
     *
     * @throws IllegalArgumentException if {@code maxRequestsPerMinute} is less than 1
     */
    public Builder maxRequestsPerMinute(int maxRequestsPerMinute) {
      if (maxRequestsPerMinute < 1) {
        throw new IllegalArgumentException("maxRequestsPerMinute must be >= 1, was " + maxRequestsPerMinute);
      }
      this.maxRequestsPerMinute = maxRequestsPerMinute;
      return this;
    }

    /** Builds the streams. */
    public UsageStreams build() {
      return new UsageStreams(this);
    }
  }
}
