package dev.usagekit.cli;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageFilter;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import javax.annotation.Nullable;

/**
 * What the table and HTML reports show of a query, added up by {@link UsageSummary} (the one aggregator) as the
 * pages come: the whole window, each combination of the query's {@code group_by} values, and each value of the
 * field the charts stack by. Results are kept nowhere, and memory is bounded whatever the server sends:
 * per-bucket totals for at most {@link #MAX_SLOTS} slots (a window of more buckets, such as a year of minutes, is
 * shown in slots of several buckets each), totals for at most {@link #MAX_GROUPS} groups and per-slot totals for
 * at most {@link #MAX_SERIES} values of the stacked field; the groups (counted in {@link #foldedGroups}) and
 * values past those are added up as one {@link #OTHER} (the charts draw the largest few values anyway).
 */
final class Summaries {
  /** The value of a group field a result does not carry. */
  static final String NONE = "-";
  /** The group (or stacked value) that adds up all those past the bounds. */
  static final String OTHER = UsageSummary.OTHER_VALUES;
  /** The most per-bucket lines a report keeps; the slots of longer windows span several buckets. */
  static final int MAX_SLOTS = 1500;
  /**
   * The most groups a report keeps apart (in the order they first come), far more than a table is read for: what
   * bounds the memory of a report grouped by an id the server has no end of.
   */
  static final int MAX_GROUPS = 1_000;
  /** The most values of the stacked field a chart keeps apart per slot (it draws the largest few). */
  static final int MAX_SERIES = 100;

  final long pages;
  final UsageSummary all;
  /** Totals per combination of the {@code group_by} values (in the order given); empty when not grouped. */
  final Map<List<String>, UsageSummary> groups;
  /** Per-slot totals per value of the stacked field; empty when there is none. */
  final Map<String, UsageSummary> series;
  /** How many groups were added up as {@link #OTHER}: {@link #MAX_GROUPS} means at least that many. */
  final int foldedGroups;
  /** How many buckets each entry of a summary's {@code byBucket()} adds up (1 but for long windows). */
  final long bucketsPerSlot;
  /** The start of the first bucket sent and the end of the last (Unix seconds); both null when none was sent. */
  final @Nullable Long first;
  final @Nullable Long last;

  private Summaries(long pages, UsageSummary all, Map<List<String>, UsageSummary> groups,
      Map<String, UsageSummary> series, int foldedGroups, long bucketsPerSlot, long[] edges) {
    this.pages = pages;
    this.all = all;
    this.groups = groups;
    this.series = series;
    this.foldedGroups = foldedGroups;
    this.bucketsPerSlot = bucketsPerSlot;
    this.first = all.buckets() == 0 ? null : Long.valueOf(edges[0]);
    this.last = all.buckets() == 0 ? null : Long.valueOf(edges[1]);
  }

  /** How many buckets were sent. */
  long buckets() {
    return all.buckets();
  }

  /**
   * Adds up {@code pages} of {@code query} (subscribing to them once); a window of more than {@link #MAX_SLOTS}
   * buckets (an open one ending at {@code now}) in slots of several buckets, aligned on the window's start.
   *
   * @param stackedField the result field whose values the charts stack, with totals per slot; or null
   */
  static Single<Summaries> of(Flowable<UsageResponse> pages, UsageQuery<?> query, Instant now,
      @Nullable String stackedField) {
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
      Folding groupKeys = new Folding(groupBy, MAX_GROUPS);
      Folding seriesKeys = new Folding(
          stackedField == null ? Collections.<String>emptyList() : Collections.singletonList(stackedField), MAX_SERIES);
      Single<Map<List<String>, UsageSummary>> groups = groupBy.isEmpty()
          ? Single.just(Collections.<List<String>, UsageSummary>emptyMap())
          : byKey(buckets, groupKeys, bucketStart -> start);
      Single<Map<List<String>, UsageSummary>> series = stackedField == null
          ? Single.just(Collections.<List<String>, UsageSummary>emptyMap())
          : byKey(buckets, seriesKeys, slotOf);
      Single<long[]> edges = buckets.collect(() -> new long[2], (edge, bucket) -> {
        edge[0] = edge[1] == 0 ? bucket.startTime() : edge[0];
        edge[1] = bucket.endTime();
      });
      return Single.zip(shared.count(), UsageSummary.summarizeBuckets(buckets, slotOf), groups, series, edges,
          (count, all, byGroup, bySeries, edge) -> {
            Map<String, UsageSummary> seriesByValue = new LinkedHashMap<>();
            for (Map.Entry<List<String>, UsageSummary> value : bySeries.entrySet()) {
              seriesByValue.put(value.getKey().get(0), value.getValue());
            }
            return new Summaries(count, all, byGroup, seriesByValue, groupKeys.folded(),
                bucketsPerSlot, edge);
          }).toFlowable();
    }).singleOrError();
  }

  private static Single<Map<List<String>, UsageSummary>> byKey(Flowable<UsageTimeBucket> buckets, Folding keys,
      LongUnaryOperator slotOf) {
    return buckets
        .concatMapIterable(bucket -> split(bucket, keys))
        .groupBy(Map.Entry::getKey)
        .flatMapSingle(group -> UsageSummary.summarizeBuckets(group.map(Map.Entry::getValue), slotOf)
            .map(summary -> new SimpleImmutableEntry<>(group.getKey(), summary)), false, Integer.MAX_VALUE)
        .collect(LinkedHashMap::new, (Map<List<String>, UsageSummary> map,
            Map.Entry<List<String>, UsageSummary> group) -> map.put(group.getKey(), group.getValue()));
  }

  /** One bucket per key present in {@code bucket}, holding the results of that key. */
  private static List<Map.Entry<List<String>, UsageTimeBucket>> split(UsageTimeBucket bucket, Folding keys) {
    Map<List<String>, UsageTimeBucket.Builder> parts = new LinkedHashMap<>();
    for (UsageResult result : bucket.results()) {
      List<String> key = keys.keyOf(result);
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

  /**
   * The key of a result's group: its values of some fields; past the first {@code max} keys, {@link #OTHER}. It
   * remembers at most {@code max} of the keys it folded, to count them.
   */
  private static final class Folding {
    private final List<String> fields;
    private final int max;
    private final List<String> other;
    private final Set<List<String>> kept = new HashSet<>();
    private final Set<List<String>> folded = new HashSet<>();

    Folding(List<String> fields, int max) {
      this.fields = fields;
      this.max = max;
      this.other = Collections.nCopies(fields.size(), OTHER);
    }

    List<String> keyOf(UsageResult result) {
      List<String> key = key(result, fields);
      if (kept.contains(key) || (kept.size() < max && kept.add(key))) {
        return key;
      }
      if (folded.size() < max) {
        folded.add(key);
      }
      return other;
    }

    /** How many keys were folded into {@link #OTHER}; {@code max} means at least that many. */
    int folded() {
      return folded.size();
    }
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

  /**
   * One line saying that {@code query} found nothing: its endpoint, window and filters; for {@code models}, that
   * names are matched exactly.
   */
  static String nothingFound(UsageQuery<?> query) {
    StringBuilder text = new StringBuilder("Nothing found: no ")
        .append(Commands.title(query.endpoint()).toLowerCase(java.util.Locale.ROOT))
        .append(" from ").append(Times.label(query.startTime(), false)).append(" UTC to ")
        .append(query.endTime() == null ? "now" : Times.label(query.endTime(), false) + " UTC");
    List<String> filters = new ArrayList<>();
    for (Map.Entry<UsageFilter, List<String>> filter : query.filters().entrySet()) {
      filters.add(filter.getKey().wireValue() + "=" + Commands.join(filter.getValue()));
    }
    if (!filters.isEmpty()) {
      text.append(" matching ").append(Printable.visible(String.join("; ", filters)));
    }
    text.append('.');
    if (query.filters().containsKey(UsageFilter.MODELS)) {
      text.append(" Model names are matched exactly, as the API reports them (for example gpt-4o-2024-08-06, "
          + "not gpt-4o): group by model without the filter to see them.");
    }
    return text.toString();
  }
}
