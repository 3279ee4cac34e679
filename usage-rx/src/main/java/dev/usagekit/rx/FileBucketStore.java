package dev.usagekit.rx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageTimeBucket;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A {@link BucketStore} in a directory: one folder per {@link CacheKey}, named by its {@link CacheKey#id()}, and in
 * it one JSON file per UTC day of buckets ({@code 2026-10-01.json}; with buckets wider than a day, one file per
 * bucket, named by its start day).
 *
 * <pre>{@code
 * BucketStore store = FileBucketStore.create(Paths.get(System.getProperty("user.home"), ".cache", "usagekit"),
 *     warning -> log.warn(warning));
 * UsageStreams streams = UsageStreams.builder(api).bucketStore(store, baseUrl, adminKey).build();
 * }</pre>
 *
 * <p>What a load or a save costs grows with the days it touches, never with what else the directory holds: a load
 * reads the files of the days asked for, a save reads and rewrites the files of the days of its buckets. A file
 * holds its format, its key's id, bucket width and day, and the buckets as the model's Jackson mapping writes them
 * (exact amounts, unknown fields and unknown result types included); at most {@value #MAX_FILE_BYTES} bytes (8 MiB)
 * each: a day whose buckets take more is not kept (it is fetched each time), so that reading any one file fits in a
 * small heap.
 *
 * <p>A file that does not read back whole and valid (corrupt, cut short, bigger than the bound, not a regular file,
 * unreadable, of another format or version, of another key or day, buckets not whole or out of order) is a miss:
 * its day is fetched again and the file replaced at the next save. The first such problem of a store, and the first
 * failure to write, is told to the store's warning handler, once: the report goes on without the cache. A save
 * writes a temporary file with a random name ({@link Files#createTempFile}, created new: never through a planted
 * link) beside the target and moves it into place atomically, so readers, and other processes saving the same key,
 * see the old file or the new one, never a mix (concurrent saves of one day: the last one wins; the other's buckets
 * are fetched again next time). Nothing is written through a symbolic link (a key folder or a day file that is
 * one), and a day file that is a link is not read. Files of the earlier layout (one {@code <id>.json} per key) are
 * never read; they may be deleted. Thread-safe.
 */
public final class FileBucketStore implements BucketStore {
  /** The largest file a store writes or reads: 8 MiB. */
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  private static final long DAY = 86_400L;
  /** A load over more days than this lists the key's folder instead of trying each day's name. */
  private static final long MAX_DAYS_TRIED = 62;
  private static final Pattern DAY_FILE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}\\.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;
  private final Consumer<String> warnings;
  private final AtomicBoolean warned = new AtomicBoolean();

  private FileBucketStore(Path directory, Consumer<String> warnings) {
    this.directory = directory;
    this.warnings = warnings;
  }

  /**
   * A store in {@code directory}, created (with its parents) at the first save if missing, that tells nobody of
   * the files it ignores.
   *
   * @throws NullPointerException if {@code directory} is null
   */
  public static FileBucketStore create(Path directory) {
    return create(directory, warning -> { });
  }

  /**
   * A store in {@code directory} that tells {@code warnings}, once, of the first file it ignores (corrupt, too big,
   * unreadable) or cannot write: a line naming the file and the problem, without its content.
   *
   * @throws NullPointerException if an argument is null
   */
  public static FileBucketStore create(Path directory, Consumer<String> warnings) {
    return new FileBucketStore(Objects.requireNonNull(directory, "directory == null"),
        Objects.requireNonNull(warnings, "warnings == null"));
  }

  /** The directory the files are in. */
  public Path directory() {
    return directory;
  }

  @Override
  public synchronized List<UsageTimeBucket> load(CacheKey key, long startTime, long endTime) {
    List<UsageTimeBucket> loaded = new ArrayList<>();
    if (endTime <= startTime) {
      return loaded;
    }
    long span = spanOf(key);
    long firstChunk = Math.floorDiv(startTime, span);
    long lastChunk = Math.floorDiv(endTime - 1, span);
    List<Long> chunks = new ArrayList<>();
    if (lastChunk - firstChunk < MAX_DAYS_TRIED) {
      for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
        chunks.add(chunk * span);
      }
    } else {
      chunks.addAll(savedChunks(key, firstChunk * span, lastChunk * span));
    }
    for (long chunk : chunks) {
      for (UsageTimeBucket bucket : read(key, chunk).values()) {
        if (bucket.startTime() >= startTime && bucket.startTime() < endTime) {
          loaded.add(bucket);
        }
      }
    }
    return loaded;
  }

  @Override
  public synchronized void save(CacheKey key, List<UsageTimeBucket> buckets) {
    long width = key.bucketWidth().seconds();
    long span = spanOf(key);
    TreeMap<Long, List<UsageTimeBucket>> byChunk = new TreeMap<>();
    for (UsageTimeBucket bucket : buckets) {
      if (isWhole(bucket, width)) {
        byChunk.computeIfAbsent(Math.floorDiv(bucket.startTime(), span) * span, c -> new ArrayList<>()).add(bucket);
      }
    }
    for (Map.Entry<Long, List<UsageTimeBucket>> chunk : byChunk.entrySet()) {
      TreeMap<Long, UsageTimeBucket> all = read(key, chunk.getKey());
      for (UsageTimeBucket bucket : chunk.getValue()) {
        all.put(bucket.startTime(), bucket);
      }
      if (!write(key, chunk.getKey(), all)) {
        return;
      }
    }
  }

  /** Writes one day's file; false when it cannot (the rest of the save is then given up too). */
  private boolean write(CacheKey key, long chunk, TreeMap<Long, UsageTimeBucket> buckets) {
    CacheFile file = new CacheFile();
    file.format = CacheKey.FORMAT;
    file.key = key.id();
    file.bucketWidth = key.bucketWidth().wireValue();
    file.day = dayOf(chunk);
    file.buckets = new ArrayList<>(buckets.values());
    Path folder = directory.resolve(key.id());
    Path target = folder.resolve(file.day + ".json");
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      try {
        Files.createDirectory(folder);
      } catch (FileAlreadyExistsException exists) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("it is not a directory");
        }
      }
      temporary = Files.createTempFile(folder, file.day + "-", ".tmp");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        MAPPER.writeValue(out, file);
      }
      if (Files.size(temporary) > MAX_FILE_BYTES) {
        return true; // a day this big is fetched each time; the next days may be kept
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
      return true;
    } catch (IOException | RuntimeException e) {
      warn("cannot write the cache file " + target + " (" + e.getClass().getSimpleName() + ": "
          + printable(e.getMessage()) + "); buckets are not cached");
      return false;
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // left behind: a temporary name is never read
        }
      }
    }
  }

  /** The buckets of {@code key}'s file of the day starting at {@code chunk}, by start: none when it is missing or
   * not whole and valid. */
  private TreeMap<Long, UsageTimeBucket> read(CacheKey key, long chunk) {
    TreeMap<Long, UsageTimeBucket> buckets = new TreeMap<>();
    String day = dayOf(chunk);
    Path path = directory.resolve(key.id()).resolve(day + ".json");
    CacheFile file;
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return ignored(path, "it is not a regular file");
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        return ignored(path, "it has " + attributes.size() + " bytes, more than the " + MAX_FILE_BYTES
            + " a cache file may have");
      }
      try (InputStream in = new Bounded(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), MAX_FILE_BYTES)) {
        file = MAPPER.readValue(in, CacheFile.class);
      }
    } catch (NoSuchFileException missing) {
      return buckets;
    } catch (IOException | RuntimeException unreadable) {
      return ignored(path, "it cannot be read as a cache file (" + unreadable.getClass().getSimpleName() + ")");
    }
    if (file == null || !CacheKey.FORMAT.equals(file.format) || !key.id().equals(file.key)
        || !key.bucketWidth().wireValue().equals(file.bucketWidth) || !day.equals(file.day)
        || file.buckets == null) {
      return ignored(path, "it is of another format, version, key or day");
    }
    long width = key.bucketWidth().seconds();
    long span = spanOf(key);
    long last = Long.MIN_VALUE;
    for (UsageTimeBucket bucket : file.buckets) {
      if (bucket == null || !isWhole(bucket, width) || bucket.startTime() <= last
          || Math.floorDiv(bucket.startTime(), span) * span != chunk) {
        return ignored(path, "its buckets are not whole, in order and of its day");
      }
      last = bucket.startTime();
      buckets.put(bucket.startTime(), bucket);
    }
    return buckets;
  }

  /** The starts of the days of {@code key} that have a file, from {@code first} to {@code last}, in order. */
  private List<Long> savedChunks(CacheKey key, long first, long last) {
    List<Long> chunks = new ArrayList<>();
    Path folder = directory.resolve(key.id());
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        ignored(folder, "it is not a directory");
      }
      return chunks;
    }
    long span = spanOf(key);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (DAY_FILE.matcher(name).matches()) {
          long chunk;
          try {
            chunk = LocalDate.parse(name.substring(0, 10)).toEpochDay() * DAY;
          } catch (RuntimeException notADate) {
            continue;
          }
          if (chunk >= first && chunk <= last && Math.floorMod(chunk, span) == 0) {
            chunks.add(chunk);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      ignored(folder, "it cannot be listed (" + e.getClass().getSimpleName() + ")");
      return new ArrayList<>();
    }
    Collections.sort(chunks);
    return chunks;
  }

  private TreeMap<Long, UsageTimeBucket> ignored(Path path, String why) {
    warn("ignoring the cache file " + path + ": " + why + "; its buckets are fetched again");
    return new TreeMap<>();
  }

  /** Tells the first problem of this store; later ones would say the same of other files, so they are not told. */
  private void warn(String warning) {
    if (warned.compareAndSet(false, true)) {
      try {
        warnings.accept(warning + " (further cache problems are not reported)");
      } catch (RuntimeException ignored) {
        // a warning handler that fails must not fail the stream
      }
    }
  }

  /** The seconds one file spans: a UTC day, or one bucket of a width longer than a day. */
  static long spanOf(CacheKey key) {
    return Math.max(DAY, key.bucketWidth().seconds());
  }

  private static String dayOf(long chunk) {
    return LocalDate.ofEpochDay(Math.floorDiv(chunk, DAY)).toString();
  }

  /** {@code message} without control characters, shortened: exception messages may quote a path or a name. */
  private static String printable(@Nullable String message) {
    if (message == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < message.length() && out.length() < 200; i++) {
      char c = message.charAt(i);
      out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    return out.toString();
  }

  static boolean isWhole(UsageTimeBucket bucket, long width) {
    return Math.floorMod(bucket.startTime(), width) == 0 && bucket.endTime() - bucket.startTime() == width;
  }

  @Override
  public String toString() {
    return "FileBucketStore{" + directory + "}";
  }

  /** Fails a read that goes past {@code limit} bytes: a file that grew after its size was checked. */
  private static final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw new IOException("longer than " + MAX_FILE_BYTES + " bytes");
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new IOException("longer than " + MAX_FILE_BYTES + " bytes");
        }
      }
      return n;
    }
  }

  /** The JSON of one file. */
  static final class CacheFile {
    @JsonProperty("format") @Nullable String format;
    @JsonProperty("key") @Nullable String key;
    @JsonProperty("bucket_width") @Nullable String bucketWidth;
    @JsonProperty("day") @Nullable String day;
    @JsonProperty("buckets") @Nullable List<UsageTimeBucket> buckets = Collections.emptyList();
  }
}
