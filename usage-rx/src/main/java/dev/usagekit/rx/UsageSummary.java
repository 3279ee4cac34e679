package dev.usagekit.rx;

import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.reactivestreams.Publisher;

/**
 * Totals of usage and costs: overall, per model, project, user, API key, cost line item and bucket. Counts are
 * {@code long} sums; costs are exact {@code BigDecimal} sums kept per currency.
 *
 * <pre>{@code
 * // With Rx: pages are fetched as the sums need them.
 * UsageSummary summary = UsageSummary.summarizeBuckets(streams.buckets(query)).blockingGet();
 *
 * // Without Rx: any Iterable of buckets or of results.
 * UsageSummary fromPage = UsageSummary.ofBuckets(page.data());
 *
 * long tokens = summary.total().get(UsageMetric.INPUT_TOKENS);
 * BigDecimal usd = summary.byProject().get("proj_abc").cost("usd");
 * for (Map.Entry<Long, UsageTotals> day : summary.byBucket().entrySet()) {
 *   System.out.println(Instant.ofEpochSecond(day.getKey()) + " " + day.getValue().costs());
 * }
 * }</pre>
 *
 * <p>What each result adds: its counts ({@link UsageMetric}: tokens, requests, images, characters, seconds,
 * bytes, sessions, tool calls) and, for costs results, its amount in its currency. It is added to {@link
 * #total()}, and to the group of each grouping field it has: model, project, user, API key and line item. A
 * result has a grouping field only when the query grouped by it ({@code group_by}): the groups of a field the
 * query did not group by are empty. Results of a type this version does not know are added from their fields of
 * the same names, and counted in {@link #unknownResults()}.
 *
 * <p>Immutable. The maps iterate in key order (buckets by start time).
 */
public final class UsageSummary {
  private final long buckets;
  private final long unknownResults;
  private final UsageTotals total;
  private final Map<String, UsageTotals> byModel;
  private final Map<String, UsageTotals> byProject;
  private final Map<String, UsageTotals> byUser;
  private final Map<String, UsageTotals> byApiKey;
  private final Map<String, UsageTotals> byLineItem;
  private final Map<Long, UsageTotals> byBucket;

  UsageSummary(long buckets, long unknownResults, UsageTotals total, Map<String, UsageTotals> byModel,
      Map<String, UsageTotals> byProject, Map<String, UsageTotals> byUser, Map<String, UsageTotals> byApiKey,
      Map<String, UsageTotals> byLineItem, Map<Long, UsageTotals> byBucket) {
    this.buckets = buckets;
    this.unknownResults = unknownResults;
    this.total = total;
    this.byModel = frozen(byModel);
    this.byProject = frozen(byProject);
    this.byUser = frozen(byUser);
    this.byApiKey = frozen(byApiKey);
    this.byLineItem = frozen(byLineItem);
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
      aggregator.addResult(Objects.requireNonNull(result, "results contains null"), null);
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
        .collect(UsageAggregator::new, (aggregator, result) -> aggregator.addResult(result, null))
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

  /** Totals per {@code model}: of the results of a query grouped by model. */
  public Map<String, UsageTotals> byModel() {
    return byModel;
  }

  /** Totals per {@code project_id}: of the results of a query grouped by project (usage or costs). */
  public Map<String, UsageTotals> byProject() {
    return byProject;
  }

  /** Totals per {@code user_id}: of the results of a query grouped by user. */
  public Map<String, UsageTotals> byUser() {
    return byUser;
  }

  /** Totals per {@code api_key_id}: of the results of a query grouped by API key (usage or costs). */
  public Map<String, UsageTotals> byApiKey() {
    return byApiKey;
  }

  /** Totals per cost {@code line_item}: of the costs results of a query grouped by line item. */
  public Map<String, UsageTotals> byLineItem() {
    return byLineItem;
  }

  /**
   * Totals per bucket, keyed by the bucket's start time (Unix seconds), in time order: one entry per day for
   * daily buckets, including buckets without results.
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
        && byModel.equals(that.byModel)
        && byProject.equals(that.byProject)
        && byUser.equals(that.byUser)
        && byApiKey.equals(that.byApiKey)
        && byLineItem.equals(that.byLineItem)
        && byBucket.equals(that.byBucket);
  }

  @Override
  public int hashCode() {
    return Objects.hash(buckets, unknownResults, total, byModel, byProject, byUser, byApiKey, byLineItem,
        byBucket);
  }

  @Override
  public String toString() {
    return "UsageSummary{buckets=" + buckets + ", total=" + total
        + (unknownResults != 0 ? ", unknownResults=" + unknownResults : "")
        + (byModel.isEmpty() ? "" : ", byModel=" + byModel)
        + (byProject.isEmpty() ? "" : ", byProject=" + byProject)
        + (byUser.isEmpty() ? "" : ", byUser=" + byUser)
        + (byApiKey.isEmpty() ? "" : ", byApiKey=" + byApiKey)
        + (byLineItem.isEmpty() ? "" : ", byLineItem=" + byLineItem)
        + (byBucket.isEmpty() ? "" : ", byBucket=" + byBucket)
        + "}";
  }

  private static <K> Map<K, UsageTotals> frozen(Map<K, UsageTotals> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
