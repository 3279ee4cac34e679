package dev.usagekit.rx;

import dev.usagekit.model.UsageTimeBucket;
import java.util.List;

/**
 * Where {@link UsageStreams} keeps final buckets, so that a query over a window that has closed is answered
 * without a request. An app backs it with its own storage (a database table keyed by {@link CacheKey#id()} and
 * start time: SQLite or Room on Android); {@link #inMemory()} serves tests, {@link FileBucketStore} a command-line
 * tool.
 *
 * <pre>{@code
 * UsageStreams streams = UsageStreams.builder(api)
 *     .bucketStore(FileBucketStore.create(cacheDir), baseUrl, adminKey)   // only a salted hash of the key is kept
 *     .build();
 * }</pre>
 *
 * <p>Only whole buckets (aligned to their width, one width long) that are final are ever saved: older than the
 * {@link UsageStreams.Builder#finalAfter finalization grace}, they never change. A store may forget anything at
 * any time (that costs requests, never correctness); what {@link #load} returns must be exactly what was saved,
 * or nothing. Implementations must be thread-safe, and should treat their own failures (a corrupt or unreadable
 * entry, a full disk) as a miss rather than throw ({@link UsageStreams} takes an exception of a store for a miss
 * too). {@link UsageStreams} loads a day of buckets (or one bucket wider than a day) at a time, and saves at most
 * a day of buckets at a time, so a store whose cost grows with the range asked for stays cheap.
 */
public interface BucketStore {
  /**
   * The buckets saved under {@code key} that start in {@code [startTime, endTime)}, in time order; empty when none.
   */
  List<UsageTimeBucket> load(CacheKey key, long startTime, long endTime);

  /** Saves {@code buckets} (in time order) under {@code key}, replacing saved buckets with the same start. */
  void save(CacheKey key, List<UsageTimeBucket> buckets);

  /** A store in this process's memory: for tests, or a cache that lives as long as the process. Thread-safe. */
  static BucketStore inMemory() {
    return new InMemoryBucketStore();
  }
}
