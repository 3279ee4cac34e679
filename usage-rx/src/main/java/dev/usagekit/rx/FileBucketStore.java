package dev.usagekit.rx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageTimeBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * A {@link BucketStore} in a directory: one JSON file per {@link CacheKey}, named by its {@link CacheKey#id()}.
 *
 * <pre>{@code
 * BucketStore store = FileBucketStore.create(Paths.get(System.getProperty("user.home"), ".cache", "usagekit"));
 * UsageStreams streams = UsageStreams.builder(api).bucketStore(store, adminKey).build();
 * }</pre>
 *
 * <p>A file holds its format, its key's id and bucket width, and the buckets as the model's Jackson mapping writes
 * them (exact amounts, unknown fields and unknown result types included). A file that does not read back whole
 * and valid (corrupt, cut short, of another format or version, of another key, buckets not whole or out of order)
 * is ignored as a miss and replaced at the next save. A save writes a temporary file beside the target and moves
 * it into place atomically, so readers, and other processes saving the same key, see the old file or the new one,
 * never a mix (concurrent saves: the last one wins; the other's buckets are fetched again next time). Failures to
 * read or write are misses, never errors of the stream. Thread-safe.
 */
public final class FileBucketStore implements BucketStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;

  private FileBucketStore(Path directory) {
    this.directory = directory;
  }

  /**
   * A store in {@code directory}, created (with its parents) at the first save if missing.
   *
   * @throws NullPointerException if {@code directory} is null
   */
  public static FileBucketStore create(Path directory) {
    return new FileBucketStore(Objects.requireNonNull(directory, "directory == null"));
  }

  /** The directory the files are in. */
  public Path directory() {
    return directory;
  }

  @Override
  public synchronized List<UsageTimeBucket> load(CacheKey key, long startTime, long endTime) {
    TreeMap<Long, UsageTimeBucket> saved = read(key);
    if (endTime <= startTime) {
      return new ArrayList<>();
    }
    return new ArrayList<>(saved.subMap(startTime, endTime).values());
  }

  @Override
  public synchronized void save(CacheKey key, List<UsageTimeBucket> buckets) {
    if (buckets.isEmpty()) {
      return;
    }
    TreeMap<Long, UsageTimeBucket> all = read(key);
    long width = key.bucketWidth().seconds();
    for (UsageTimeBucket bucket : buckets) {
      if (isWhole(bucket, width)) {
        all.put(bucket.startTime(), bucket);
      }
    }
    CacheFile file = new CacheFile();
    file.format = CacheKey.FORMAT;
    file.key = key.id();
    file.bucketWidth = key.bucketWidth().wireValue();
    file.buckets = new ArrayList<>(all.values());
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, key.id(), ".tmp");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        MAPPER.writeValue(out, file);
      }
      Files.move(temporary, fileOf(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (AtomicMoveNotSupportedException notAtomic) {
      // Never written in place: without an atomic move, nothing is cached.
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written is a miss next time, not a failed report.
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // left behind; a later save does not read it
        }
      }
    }
  }

  /** The buckets of {@code key}'s file by start, or none when it is missing or not whole and valid. */
  private TreeMap<Long, UsageTimeBucket> read(CacheKey key) {
    TreeMap<Long, UsageTimeBucket> buckets = new TreeMap<>();
    CacheFile file;
    try (InputStream in = Files.newInputStream(fileOf(key))) {
      file = MAPPER.readValue(in, CacheFile.class);
    } catch (NoSuchFileException missing) {
      return buckets;
    } catch (IOException | RuntimeException unreadable) {
      return buckets;
    }
    if (file == null || !CacheKey.FORMAT.equals(file.format) || !key.id().equals(file.key)
        || !key.bucketWidth().wireValue().equals(file.bucketWidth) || file.buckets == null) {
      return buckets;
    }
    long width = key.bucketWidth().seconds();
    long last = Long.MIN_VALUE;
    for (UsageTimeBucket bucket : file.buckets) {
      if (bucket == null || !isWhole(bucket, width) || bucket.startTime() <= last) {
        return new TreeMap<>();
      }
      last = bucket.startTime();
      buckets.put(bucket.startTime(), bucket);
    }
    return buckets;
  }

  private Path fileOf(CacheKey key) {
    return directory.resolve(key.id() + ".json");
  }

  static boolean isWhole(UsageTimeBucket bucket, long width) {
    return Math.floorMod(bucket.startTime(), width) == 0 && bucket.endTime() - bucket.startTime() == width;
  }

  @Override
  public String toString() {
    return "FileBucketStore{" + directory + "}";
  }

  /** The JSON of one file. */
  static final class CacheFile {
    @JsonProperty("format") @Nullable String format;
    @JsonProperty("key") @Nullable String key;
    @JsonProperty("bucket_width") @Nullable String bucketWidth;
    @JsonProperty("buckets") @Nullable List<UsageTimeBucket> buckets = Collections.emptyList();
  }
}
