package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link FileBucketStore}: a file per key and UTC day; whatever is wrong with a file (cut short, garbage, huge, not
 * a file, a link) is a miss of its day only, told once, never a failure; writes never go through a planted link.
 */
class FileBucketStoreTest {
  private static final long MINUTE = 60L;
  private static final long DAY = 86_400L;
  /** 2026-10-01T00:00:00Z. */
  private static final long START = 1_790_812_800L;
  private static final CacheKey KEY = CacheKey.of(UsageQuery.completions().startTime(START)
      .bucketWidth(BucketWidth.ONE_MINUTE).build(), "https://api.openai.com/v1/", "sk-admin-file-store");

  @TempDir Path directory;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  private FileBucketStore store() {
    return FileBucketStore.create(directory, warnings::add);
  }

  /** One-minute buckets from {@code from} (inclusive) to {@code to} (exclusive). */
  private static List<UsageTimeBucket> minutes(long from, long to) {
    List<UsageTimeBucket> buckets = new ArrayList<>();
    for (long start = from; start < to; start += MINUTE) {
      buckets.add(UsageTimeBucket.builder().startTime(start).endTime(start + MINUTE)
          .addResults(UsageCompletionsResult.builder().inputTokens(start % 7).outputTokens(1).numModelRequests(1)
              .build())
          .build());
    }
    return buckets;
  }

  private Path dayFile(String day) {
    return directory.resolve(KEY.id()).resolve(day + ".json");
  }

  @Test
  void threeDaysOfMinutesAreThreeFilesThatReadBackExactly() throws Exception {
    List<UsageTimeBucket> threeDays = minutes(START, START + 3 * DAY);

    store().save(KEY, threeDays);

    try (Stream<Path> files = Files.list(directory.resolve(KEY.id()))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()))
          .containsExactly("2026-10-01.json", "2026-10-02.json", "2026-10-03.json");
    }
    assertThat(store().load(KEY, START, START + 3 * DAY)).isEqualTo(threeDays);
    assertThat(store().load(KEY, START + DAY + 30 * MINUTE, START + DAY + 90 * MINUTE))
        .isEqualTo(minutes(START + DAY + 30 * MINUTE, START + DAY + 90 * MINUTE));
    assertThat(store().load(KEY, 0, Long.MAX_VALUE)).as("a range of any length").isEqualTo(threeDays);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aLoadOrSaveOfOneDayNeverOpensTheFileOfAnother() throws Exception {
    store().save(KEY, minutes(START, START + 3 * DAY));
    Files.write(dayFile("2026-10-02"), "garbage".getBytes(StandardCharsets.UTF_8));

    List<UsageTimeBucket> third = store().load(KEY, START + 2 * DAY, START + 3 * DAY);
    store().save(KEY, minutes(START, START + 10 * MINUTE));

    assertThat(third).isEqualTo(minutes(START + 2 * DAY, START + 3 * DAY));
    assertThat(warnings).as("the broken second day was never read").isEmpty();
  }

  @Test
  void aSaveAddsToTheBucketsOfItsDay() {
    store().save(KEY, minutes(START, START + 60 * MINUTE));
    store().save(KEY, minutes(START + 60 * MINUTE, START + 120 * MINUTE));

    assertThat(store().load(KEY, START, START + DAY)).isEqualTo(minutes(START, START + 120 * MINUTE));
  }

  /** What an attacker, a crash or a full disk leaves where the second day's file should be. */
  enum Damage {
    TRUNCATED, GARBAGE, HUGE, DIRECTORY, LINK_TO_A_VALID_FILE, ANOTHER_DAY
  }

  private void damage(Damage damage, Path file) throws Exception {
    byte[] good = Files.readAllBytes(file);
    Files.delete(file);
    switch (damage) {
      case TRUNCATED:
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        break;
      case GARBAGE:
        Files.write(file, "\u001b[2J\u001b]0;pwned\u0007{\"format\":[[[[".getBytes(StandardCharsets.UTF_8));
        break;
      case HUGE:
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
          huge.setLength(300L * 1024 * 1024); // 300 MB, sparse: no time or disk to write it
        }
        break;
      case DIRECTORY:
        Files.createDirectory(file); // a read fails as a permission would: chmod does not stop root
        break;
      case LINK_TO_A_VALID_FILE:
        Path elsewhere = Files.write(directory.resolve("elsewhere.json"), good);
        Files.createSymbolicLink(file, elsewhere);
        break;
      case ANOTHER_DAY:
        Files.copy(dayFile("2026-10-01"), file);
        break;
      default:
        throw new AssertionError(damage);
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aDamagedFileIsAMissOfItsDayWithOneWarning(Damage damage) throws Exception {
    List<UsageTimeBucket> threeDays = minutes(START, START + 3 * DAY);
    store().save(KEY, threeDays);
    damage(damage, dayFile("2026-10-02"));
    FileBucketStore store = store();

    List<UsageTimeBucket> loaded = store.load(KEY, START, START + 3 * DAY);
    List<UsageTimeBucket> again = store.load(KEY, START + DAY, START + 2 * DAY);

    List<UsageTimeBucket> expected = new ArrayList<>(minutes(START, START + DAY));
    expected.addAll(minutes(START + 2 * DAY, START + 3 * DAY));
    assertThat(loaded).isEqualTo(expected);
    assertThat(again).isEmpty();
    assertThat(warnings).as("one warning, however often the file is read").hasSize(1);
    assertThat(warnings.get(0)).contains("2026-10-02.json").contains("fetched again")
        .doesNotContainPattern("\\p{Cntrl}");
  }

  @ParameterizedTest
  @EnumSource(value = Damage.class, names = {"TRUNCATED", "GARBAGE", "HUGE", "LINK_TO_A_VALID_FILE", "ANOTHER_DAY"})
  void aDamagedFileIsReplacedAtTheNextSave(Damage damage) throws Exception {
    List<UsageTimeBucket> secondDay = minutes(START + DAY, START + 2 * DAY);
    store().save(KEY, minutes(START, START + 3 * DAY));
    damage(damage, dayFile("2026-10-02"));
    byte[] elsewhere = Files.exists(directory.resolve("elsewhere.json"))
        ? Files.readAllBytes(directory.resolve("elsewhere.json")) : null;

    store().save(KEY, secondDay);

    assertThat(store().load(KEY, START + DAY, START + 2 * DAY)).isEqualTo(secondDay);
    assertThat(Files.isSymbolicLink(dayFile("2026-10-02"))).as("the link replaced, not followed").isFalse();
    if (elsewhere != null) {
      assertThat(Files.readAllBytes(directory.resolve("elsewhere.json"))).as("the link's target untouched")
          .isEqualTo(elsewhere);
    }
    try (Stream<Path> files = Files.list(directory.resolve(KEY.id()))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .allMatch(name -> name.endsWith(".json"));
    }
  }

  @Test
  void aDirectoryWhereADayFileShouldBeMakesTheSaveOfThatDayAMissWithOneWarning() throws Exception {
    Files.createDirectories(dayFile("2026-10-02"));

    store().save(KEY, minutes(START + DAY, START + 2 * DAY));
    FileBucketStore store = store();
    store.save(KEY, minutes(START + DAY, START + 2 * DAY));
    store.save(KEY, minutes(START + DAY, START + 2 * DAY));

    assertThat(store.load(KEY, START, START + 3 * DAY)).isEmpty();
    assertThat(warnings).as("one per store: the first save's, then the second store's").hasSize(2);
  }

  @Test
  void aFileWhereTheCacheDirectoryShouldBeIsAMissWithOneWarning() throws Exception {
    Path notADirectory = Files.write(directory.resolve("cache"), new byte[] {1, 2, 3});
    FileBucketStore store = FileBucketStore.create(notADirectory, warnings::add);

    store.save(KEY, minutes(START, START + DAY));
    List<UsageTimeBucket> loaded = store.load(KEY, START, START + DAY);
    List<UsageTimeBucket> everything = store.load(KEY, 0, Long.MAX_VALUE);

    assertThat(loaded).isEmpty();
    assertThat(everything).isEmpty();
    assertThat(warnings).hasSize(1);
    assertThat(Files.readAllBytes(notADirectory)).containsExactly(1, 2, 3);
  }

  @Test
  void aKeyFolderThatIsALinkIsNotWrittenThrough() throws Exception {
    Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
    Files.createSymbolicLink(directory.resolve(KEY.id()), elsewhere);

    store().save(KEY, minutes(START, START + DAY));

    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aWarningHandlerThatThrowsDoesNotFailTheStore() throws Exception {
    store().save(KEY, minutes(START, START + DAY));
    Files.write(dayFile("2026-10-01"), new byte[] {0});
    FileBucketStore store = FileBucketStore.create(directory, warning -> {
      throw new IllegalStateException("handler");
    });

    assertThat(store.load(KEY, START, START + DAY)).isEmpty();
  }
}
