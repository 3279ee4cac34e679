package dev.usagekit.rx;

import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import javax.annotation.Nullable;

/**
 * The mutable accumulator behind {@link UsageSummary}: it reads every result through {@link ResultFields}, so it
 * knows no result type. Not thread-safe: fed by one thread, or serially.
 */
final class UsageAggregator {
  private long buckets;
  private long unknownResults;
  private final Tally total = new Tally();
  private final Map<String, Map<String, Tally>> groups = new TreeMap<>();
  private final Map<Long, Tally> byBucket = new TreeMap<>();
  private final LongUnaryOperator entryKey;

  UsageAggregator() {
    this(LongUnaryOperator.identity());
  }

  /** @param entryKey the key of the {@code byBucket} entry a bucket's totals go to, from its start time */
  UsageAggregator(LongUnaryOperator entryKey) {
    this.entryKey = entryKey;
  }

  void addBucket(UsageTimeBucket bucket) {
    buckets++;
    Long start = bucket.startTime();
    Tally tally = tallyOf(byBucket, entryKey.applyAsLong(start));
    for (UsageResult result : bucket.results()) {
      add(result, start, tally);
    }
  }

  void addResult(UsageResult result) {
    add(result, null, null);
  }

  private void add(UsageResult result, @Nullable Long bucket, @Nullable Tally bucketTally) {
    if (result instanceof UnknownUsageResult) {
      unknownResults++;
    }
    ResultFields fields = ResultFields.of(result);
    total.add(fields, result, bucket);
    if (bucketTally != null) {
      bucketTally.add(fields, result, bucket);
    }
    for (ResultField group : fields.groups()) {
      Object value = group.valueOf(result);
      if (value != null) {
        Map<String, Tally> byValue = groups.get(group.name());
        if (byValue == null) {
          byValue = new TreeMap<>();
          groups.put(group.name(), byValue);
        }
        String key = value.toString();
        if (byValue.size() >= UsageSummary.MAX_GROUP_VALUES && !byValue.containsKey(key)) {
          key = UsageSummary.OTHER_VALUES;
        }
        tallyOf(byValue, key).add(fields, result, bucket);
      }
    }
  }

  UsageSummary summary() {
    Map<String, Map<String, UsageTotals>> groupTotals = new TreeMap<>();
    for (Map.Entry<String, Map<String, Tally>> e : groups.entrySet()) {
      groupTotals.put(e.getKey(), totals(e.getValue()));
    }
    return new UsageSummary(buckets, unknownResults, total.totals(), groupTotals, totals(byBucket));
  }

  private static <K> Tally tallyOf(Map<K, Tally> map, K key) {
    Tally tally = map.get(key);
    if (tally == null) {
      tally = new Tally();
      map.put(key, tally);
    }
    return tally;
  }

  private static <K> Map<K, UsageTotals> totals(Map<K, Tally> tallies) {
    Map<K, UsageTotals> totals = new TreeMap<>();
    for (Map.Entry<K, Tally> e : tallies.entrySet()) {
      totals.put(e.getKey(), e.getValue().totals());
    }
    return totals;
  }

  /** Running sums of one group: counts add up, levels keep their latest bucket's sum and their peak. */
  static final class Tally {
    private long results;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final TreeMap<String, BigDecimal> costs = new TreeMap<>();

    void add(ResultFields fields, UsageResult result, @Nullable Long bucket) {
      results++;
      for (ResultField metric : fields.metrics()) {
        Object value = metric.valueOf(result);
        if (!(value instanceof Long)) {
          continue;
        }
        long v = (Long) value;
        if (metric.role() == ResultField.Role.LEVEL) {
          Level level = levels.get(metric.name());
          if (level == null) {
            level = new Level();
            levels.put(metric.name(), level);
          }
          level.add(bucket, v);
        } else {
          Long sum = counts.get(metric.name());
          counts.put(metric.name(), sum == null ? v : Math.addExact(sum, v));
        }
      }
      ResultField amountField = fields.amount();
      Object amount = amountField == null ? null : amountField.valueOf(result);
      if (amount instanceof CostsAmount) {
        addCost((CostsAmount) amount);
      }
    }

    private void addCost(CostsAmount amount) {
      String currency = amount.currency().toLowerCase(Locale.ROOT);
      BigDecimal cost = amount.value();
      BigDecimal sum = costs.get(currency);
      if (sum == null) {
        costs.put(currency, cost.signum() == 0 ? BigDecimal.ZERO : cost);
      } else if (cost.signum() != 0) {
        // A zero adds nothing, not even its scale: the API sends zero as "0E-6176", whose scale would
        // otherwise make every later sum carry 6,176 decimal places.
        costs.put(currency, sum.add(cost));
      }
    }

    UsageTotals totals() {
      Map<String, Long> latest = new LinkedHashMap<>();
      Map<String, Long> peaks = new LinkedHashMap<>();
      for (Map.Entry<String, Level> e : levels.entrySet()) {
        latest.put(e.getKey(), e.getValue().sum);
        peaks.put(e.getKey(), e.getValue().peak);
      }
      return new UsageTotals(results, counts, latest, peaks, costs);
    }
  }

  /** A level's sum over the results of the latest bucket, and the highest such sum. */
  private static final class Level {
    private @Nullable Long bucket;
    private boolean started;
    private long sum;
    private long peak;

    void add(@Nullable Long bucket, long value) {
      if (!started || (bucket != null && !bucket.equals(this.bucket))) {
        started = true;
        this.bucket = bucket;
        sum = 0;
      }
      sum = Math.addExact(sum, value);
      peak = Math.max(peak, sum);
    }
  }
}
