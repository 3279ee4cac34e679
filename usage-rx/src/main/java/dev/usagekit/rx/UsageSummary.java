package dev.usagekit.rx;

import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import javax.annotation.Nullable;
import org.reactivestreams.Publisher;

/**
 * Totals of usage and costs: overall, per value of each field results are grouped by, and per bucket. Count
 * metrics are {@code long} sums, level metrics their latest value and peak, costs exact {@code BigDecimal} sums
 * per currency. This is the one aggregator: every report of usagekit reads its numbers here.
 *
 * <pre>{@code
 * // With Rx: pages are fetched as the sums need them.
 * UsageSummary summary = UsageSummary.summarizeBuckets(streams.buckets(query)).blockingGet();
 *
 * // Without Rx: any Iterable of buckets or of results.
 * UsageSummary fromPage = UsageSummary.ofBuckets(page.data());
 *
 * long tokens = summary.total().count("input_tokens");
 * BigDecimal usd = summary.groups("project_id").get("proj_abc").cost("usd");
 * for (Map.Entry<Long, UsageTotals> day : summary.byBucket().entrySet()) {
 *   System.out.println(Instant.ofEpochSecond(day.getKey()) + " " + day.getValue().costs());
 * }
 * }</pre>
 *
 * <p>What each result adds is read through {@link dev.usagekit.model.ResultFields}: its metrics under their JSON
 * names, its amount in its currency, and its group fields ({@code model}, {@code project_id}, {@code line_item},
 * ...). A result has a group field only when the query grouped by it ({@code group_by}): the groups of a field
 * the query did not group by are absent. Results of a type this version does not know are added from the fields
 * their JSON carried (integers from 0 to 10^15 as counts, an {@code amount} as money, strings as groups), and counted in {@link
 * #unknownResults()}.
 *
 * <p>Immutable. The maps iterate in key order (buckets by start time).
 */
public final class UsageSummary {
  /**
   * The most values of one group field whose totals are kept apart: 10,000, far more than any organisation has
   * projects, users or API keys, and a bound on the memory a server sending endless ids can take.
   */
  public static final int MAX_GROUP_VALUES = 10_000;
  /** The value under which the results of the values past {@link #MAX_GROUP_VALUES} of a group field add up. */
  public static final String OTHER_VALUES = "(other)";

  private final long buckets;
  private final long unknownResults;
  private final UsageTotals total;
  private final Map<String, Map<String, UsageTotals>> groups;
  private final Map<Long, UsageTotals> byBucket;

  UsageSummary(long buckets, long unknownResults, UsageTotals total, Map<String, Map<String, UsageTotals>> groups,
      Map<Long, UsageTotals> byBucket) {
    this.buckets = buckets;
    this.unknownResults = unknownResults;
    this.total = total;
    Map<String, Map<String, UsageTotals>> frozen = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, UsageTotals>> e : groups.entrySet()) {
      frozen.put(e.getKey(), frozen(e.getValue()));
    }
    this.groups = Collections.unmodifiableMap(frozen);
    this.byBucket = frozen(byBucket);
  }

  /**
   * Adds up the results of {@code buckets}, which is iterated once (it may be lazy, such as {@code
   * flowable.blockingIterable()}).
   *
   * @throws NullPointerException if {@code buckets} is or contains null
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  public static UsageSummary ofBuckets(Iterable<? extends UsageTimeBucket> buckets) {
    Objects.requireNonNull(buckets, "buckets == null");
    UsageAggregator aggregator = new UsageAggregator();
    for (UsageTimeBucket bucket : buckets) {
      aggregator.addBucket(Objects.requireNonNull(bucket, "buckets contains null"));
    }
    return aggregator.summary();
  }

  /**
   * Adds up {@code results}, which is iterated once; they belong to no bucket, so {@link #byBucket()} is empty.
   *
   * @throws NullPointerException if {@code results} is or contains null
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  public static UsageSummary ofResults(Iterable<? extends UsageResult> results) {
    Objects.requireNonNull(results, "results == null");
    UsageAggregator aggregator = new UsageAggregator();
    for (UsageResult result : results) {
      aggregator.addResult(Objects.requireNonNull(result, "results contains null"));
    }
    return aggregator.summary();
  }

  /**
   * Adds up the results of the buckets {@code buckets} emits, such as {@link UsageStreams#buckets}; emits the
   * summary when it completes, or its error.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Consumes {@code buckets} in an unbounded manner (paging streams still fetch one page at a time).</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code summarizeBuckets} does not operate by default on a particular {@code Scheduler}: the summary is
   *  emitted on the thread {@code buckets} completes on.</dd>
   * </dl>
   *
   * @throws NullPointerException if {@code buckets} is null
   */
  public static Single<UsageSummary> summarizeBuckets(Publisher<? extends UsageTimeBucket> buckets) {
    Objects.requireNonNull(buckets, "buckets == null");
    return Flowable.fromPublisher(buckets)
        .collect(UsageAggregator::new, UsageAggregator::addBucket)
        .map(UsageAggregator::summary);
  }

  /**
   * Like {@link #summarizeBuckets(Publisher)}, with the totals of several buckets in one {@link #byBucket()} entry:
   * each bucket's go to the entry {@code entryKey.applyAsLong(startTime)}. For a long window of short buckets,
   * this keeps a chart's worth of entries instead of one per bucket. Within an entry, counts and costs add up
   * and a level is the latest and the peak of its per-bucket values, as in {@link #total()}.
   *
   * <pre>{@code
   * long week = 7 * 86_400L;
   * long monday = Instant.parse("2026-11-02T00:00:00Z").getEpochSecond();
   * UsageSummary weekly = UsageSummary.summarizeBuckets(streams.buckets(dailyQuery),
   *     start -> start - Math.floorMod(start - monday, week)).blockingGet();
   * }</pre>
   *
   * @throws NullPointerException if {@code buckets} or {@code entryKey} is null
   */
  public static Single<UsageSummary> summarizeBuckets(Publisher<? extends UsageTimeBucket> buckets,
      LongUnaryOperator entryKey) {
    Objects.requireNonNull(buckets, "buckets == null");
    Objects.requireNonNull(entryKey, "entryKey == null");
    return Flowable.fromPublisher(buckets)
        .collect(() -> new UsageAggregator(entryKey), UsageAggregator::addBucket)
        .map(UsageAggregator::summary);
  }

  /**
   * Adds up the results {@code results} emits, such as {@link UsageStreams#results}; emits the summary when it
   * completes, or its error. {@link #byBucket()} is empty.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Consumes {@code results} in an unbounded manner (paging streams still fetch one page at a time).</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>{@code summarizeResults} does not operate by default on a particular {@code Scheduler}: the summary is
   *  emitted on the thread {@code results} completes on.</dd>
   * </dl>
   *
   * @throws NullPointerException if {@code results} is null
   */
  public static Single<UsageSummary> summarizeResults(Publisher<? extends UsageResult> results) {
    Objects.requireNonNull(results, "results == null");
    return Flowable.fromPublisher(results)
        .collect(UsageAggregator::new, UsageAggregator::addResult)
        .map(UsageAggregator::summary);
  }

  /** How many buckets were added up (0 when summing results). */
  public long buckets() {
    return buckets;
  }

  /** How many of the results were of a type this version does not know (also counted in the totals). */
  public long unknownResults() {
    return unknownResults;
  }

  /** The totals of every result. */
  public UsageTotals total() {
    return total;
  }

  /**
   * Totals per value of the group field {@code field} (a JSON name such as {@code "project_id"}, {@code
   * "model"} or {@code "line_item"}), in value order; empty when no result carried that field. Values that came
   * after {@link #MAX_GROUP_VALUES} others of the same field add up under {@link #OTHER_VALUES}.
   */
  public Map<String, UsageTotals> groups(String field) {
    Objects.requireNonNull(field, "field == null");
    Map<String, UsageTotals> byValue = groups.get(field);
    return byValue != null ? byValue : Collections.<String, UsageTotals>emptyMap();
  }

  /** The group fields some result carried, in name order, each with its totals per value. */
  public Map<String, Map<String, UsageTotals>> groups() {
    return groups;
  }

  /**
   * Totals per bucket, keyed by the bucket's start time (Unix seconds), in time order: one entry per day for
   * daily buckets, including buckets without results; or per entry key, for a summary of {@link
   * #summarizeBuckets(Publisher, LongUnaryOperator)}.
   */
  public Map<Long, UsageTotals> byBucket() {
    return byBucket;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UsageSummary)) {
      return false;
    }
    UsageSummary that = (UsageSummary) o;
    return buckets == that.buckets
        && unknownResults == that.unknownResults
        && total.equals(that.total)
        && groups.equals(that.groups)
        && byBucket.equals(that.byBucket);
  }

  @Override
  public int hashCode() {
    return Objects.hash(buckets, unknownResults, total, groups, byBucket);
  }

  @Override
  public String toString() {
    return "UsageSummary{buckets=" + buckets + ", total=" + total
        + (unknownResults != 0 ? ", unknownResults=" + unknownResults : "")
        + (groups.isEmpty() ? "" : ", groups=" + groups)
        + (byBucket.isEmpty() ? "" : ", byBucket=" + byBucket)
        + "}";
  }

  private static <K> Map<K, UsageTotals> frozen(Map<K, UsageTotals> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
