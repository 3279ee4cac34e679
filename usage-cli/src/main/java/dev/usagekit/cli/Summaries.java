package dev.usagekit.cli;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.rx.UsageTotals;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import javax.annotation.Nullable;

/**
 * What the table and HTML reports show of a query, added up by {@link UsageSummary} (the one aggregator) as the
 * pages come: the whole window, and each combination of the query's {@code group_by} values. Results are kept
 * nowhere, and per-bucket totals only for at most {@link #MAX_SLOTS} slots: a window of more buckets than that
 * (a year of minutes) is shown in slots of several buckets each, so a report of a million buckets needs no more
 * memory than one of a thousand.
 */
final class Summaries {
  /** The value of a group field a result does not carry. */
  static final String NONE = "-";
  /** The most per-bucket lines a report keeps; the slots of longer windows span several buckets. */
  static final int MAX_SLOTS = 1500;

  final long pages;
  final UsageSummary all;
  /** Per combination of the {@code group_by} values (in the order given); empty when the query is not grouped. */
  final Map<List<String>, UsageSummary> groups;
  /** How many buckets each entry of a summary's {@code byBucket()} adds up (1 but for long windows). */
  final long bucketsPerSlot;
  /** The start of the first bucket sent and the end of the last (Unix seconds); both null when none was sent. */
  final @Nullable Long first;
  final @Nullable Long last;

  private Summaries(long pages, UsageSummary all, Map<List<String>, UsageSummary> groups, long bucketsPerSlot,
      long[] edges) {
    this.pages = pages;
    this.all = all;
    this.groups = groups;
    this.bucketsPerSlot = bucketsPerSlot;
    this.first = all.buckets() == 0 ? null : Long.valueOf(edges[0]);
    this.last = all.buckets() == 0 ? null : Long.valueOf(edges[1]);
  }

  /** How many buckets were sent. */
  long buckets() {
    return all.buckets();
  }

  /**
   * Adds up {@code pages} of {@code query} (subscribing to them once) per combination of its {@code group_by}
   * values; a window of more than {@link #MAX_SLOTS} buckets (an open one ending at {@code now}) in slots of
   * several buckets, aligned on the window's start.
   *
   * @param slotsPerGroup whether each group keeps its totals per slot too (the charts), or only its total
   */
  static Single<Summaries> of(Flowable<UsageResponse> pages, UsageQuery<?> query, Instant now,
      boolean slotsPerGroup) {
    List<String> groupBy = new ArrayList<>();
    for (GroupByField field : query.groupBy()) {
      groupBy.add(field.wireValue());
    }
    long width = query.effectiveBucketWidth().seconds();
    long start = query.startTime();
    long end = query.endTime() != null ? query.endTime() : Math.max(start, now.getEpochSecond());
    long bucketsPerSlot = Math.max(1, ((end - start + width - 1) / width + MAX_SLOTS - 1) / MAX_SLOTS);
    long slot = bucketsPerSlot * width;
    LongUnaryOperator slotOf = bucketsPerSlot == 1 ? LongUnaryOperator.identity()
        : bucketStart -> bucketStart - Math.floorMod(bucketStart - start, slot);
    return pages.publish(shared -> {
      Flowable<UsageTimeBucket> buckets = shared.concatMapIterable(UsageResponse::data);
      Single<Map<List<String>, UsageSummary>> groups = groupBy.isEmpty()
          ? Single.just(Collections.<List<String>, UsageSummary>emptyMap())
          : byGroup(buckets, groupBy, slotsPerGroup ? slotOf : bucketStart -> start);
      Single<long[]> edges = buckets.collect(() -> new long[2], (edge, bucket) -> {
        edge[0] = edge[1] == 0 ? bucket.startTime() : edge[0];
        edge[1] = bucket.endTime();
      });
      return Single.zip(shared.count(), UsageSummary.summarizeBuckets(buckets, slotOf), groups, edges,
          (count, all, byGroup, edge) -> new Summaries(count, all, byGroup, bucketsPerSlot, edge)).toFlowable();
    }).singleOrError();
  }

  private static Single<Map<List<String>, UsageSummary>> byGroup(Flowable<UsageTimeBucket> buckets,
      List<String> groupBy, LongUnaryOperator slotOf) {
    return buckets
        .concatMapIterable(bucket -> split(bucket, groupBy))
        .groupBy(Map.Entry::getKey)
        .flatMapSingle(group -> UsageSummary.summarizeBuckets(group.map(Map.Entry::getValue), slotOf)
            .map(summary -> new SimpleImmutableEntry<>(group.getKey(), summary)), false, Integer.MAX_VALUE)
        .collect(LinkedHashMap::new, (Map<List<String>, UsageSummary> map,
            Map.Entry<List<String>, UsageSummary> group) -> map.put(group.getKey(), group.getValue()));
  }

  /** One bucket per group present in {@code bucket}, holding that group's results. */
  private static List<Map.Entry<List<String>, UsageTimeBucket>> split(UsageTimeBucket bucket, List<String> groupBy) {
    Map<List<String>, UsageTimeBucket.Builder> parts = new LinkedHashMap<>();
    for (UsageResult result : bucket.results()) {
      List<String> key = key(result, groupBy);
      UsageTimeBucket.Builder part = parts.get(key);
      if (part == null) {
        part = UsageTimeBucket.builder();
        part.startTime(bucket.startTime()).endTime(bucket.endTime());
        parts.put(key, part);
      }
      part.addResults(result);
    }
    List<Map.Entry<List<String>, UsageTimeBucket>> split = new ArrayList<>();
    for (Map.Entry<List<String>, UsageTimeBucket.Builder> part : parts.entrySet()) {
      split.add(new SimpleImmutableEntry<>(part.getKey(), part.getValue().build()));
    }
    return split;
  }

  /** The values of the fields {@code names} in {@code result}, read through {@link ResultFields}. */
  static List<String> key(UsageResult result, List<String> names) {
    ResultFields fields = ResultFields.of(result);
    List<String> key = new ArrayList<>(names.size());
    for (String name : names) {
      ResultField field = fields.field(name);
      Object value = field == null ? null : field.valueOf(result);
      key.add(value == null ? NONE : value.toString());
    }
    return key;
  }

  /** The value a report shows of a metric in {@code totals}: a count's sum, a level's latest value; or null. */
  static @Nullable BigDecimal metric(UsageTotals totals, String name) {
    Long value = totals.counts().containsKey(name) ? totals.counts().get(name) : totals.latest().get(name);
    return value == null ? null : BigDecimal.valueOf(value);
  }
}
