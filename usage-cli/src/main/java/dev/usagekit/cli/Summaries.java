package dev.usagekit.cli;

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
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * What the table and HTML reports show of a query, added up by {@link UsageSummary} (the one aggregator) as the
 * pages come: the whole window, and each combination of the query's {@code group_by} values. Results are kept
 * nowhere; only the edges of the buckets are.
 */
final class Summaries {
  /** The value of a group field a result does not carry. */
  static final String NONE = "-";

  final long pages;
  final UsageSummary all;
  /** Per combination of the {@code group_by} values (in the order given); empty when the query is not grouped. */
  final Map<List<String>, UsageSummary> groups;
  /** Start to end (Unix seconds) of every bucket sent, in time order. */
  final NavigableMap<Long, Long> edges;

  private Summaries(long pages, UsageSummary all, Map<List<String>, UsageSummary> groups,
      NavigableMap<Long, Long> edges) {
    this.pages = pages;
    this.all = all;
    this.groups = groups;
    this.edges = edges;
  }

  /** Adds up {@code pages} (subscribing to them once) per combination of the values of {@code groupBy}. */
  static Single<Summaries> of(Flowable<UsageResponse> pages, List<String> groupBy) {
    return pages.publish(shared -> {
      Flowable<UsageTimeBucket> buckets = shared.concatMapIterable(UsageResponse::data);
      Single<Map<List<String>, UsageSummary>> groups = groupBy.isEmpty()
          ? Single.just(Collections.<List<String>, UsageSummary>emptyMap())
          : byGroup(buckets, groupBy);
      Single<NavigableMap<Long, Long>> edges = buckets.collect(
          TreeMap::new, (map, bucket) -> map.put(bucket.startTime(), bucket.endTime()));
      return Single.zip(shared.count(), UsageSummary.summarizeBuckets(buckets), groups, edges, Summaries::new)
          .toFlowable();
    }).singleOrError();
  }

  private static Single<Map<List<String>, UsageSummary>> byGroup(Flowable<UsageTimeBucket> buckets,
      List<String> groupBy) {
    return buckets
        .concatMapIterable(bucket -> split(bucket, groupBy))
        .groupBy(Map.Entry::getKey)
        .flatMapSingle(group -> UsageSummary.summarizeBuckets(group.map(Map.Entry::getValue))
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
