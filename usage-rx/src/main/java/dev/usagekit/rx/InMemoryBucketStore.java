package dev.usagekit.rx;

import dev.usagekit.model.UsageTimeBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link BucketStore#inMemory()}. */
final class InMemoryBucketStore implements BucketStore {
  private final Map<CacheKey, TreeMap<Long, UsageTimeBucket>> buckets = new HashMap<>();

  @Override
  public synchronized List<UsageTimeBucket> load(CacheKey key, long startTime, long endTime) {
    TreeMap<Long, UsageTimeBucket> saved = buckets.get(key);
    if (saved == null || endTime <= startTime) {
      return new ArrayList<>();
    }
    return new ArrayList<>(saved.subMap(startTime, endTime).values());
  }

  @Override
  public synchronized void save(CacheKey key, List<UsageTimeBucket> toSave) {
    TreeMap<Long, UsageTimeBucket> saved = buckets.computeIfAbsent(key, k -> new TreeMap<>());
    for (UsageTimeBucket bucket : toSave) {
      saved.put(bucket.startTime(), bucket);
    }
  }

  @Override
  public String toString() {
    return "BucketStore.inMemory()";
  }
}
