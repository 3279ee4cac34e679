package dev.usagekit.rx;

import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Observable;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A year of daily costs of a large made-up organisation (many projects, each using every line item of six models
 * every day) exported to FOCUS CSV, run by {@link FocusHeapTest} in a JVM of its own with a small heap. Pages are
 * made as they are asked for, as a server would send them, so the heap holds what the export holds.
 *
 * <p>{@code stream <days> <projects>}: writes the CSV (counted, not kept) and prints {@code rows=N bytes=N}.
 * {@code collect <days> <projects>}: collects every row in a list first, the baseline that must not fit.
 */
public final class FocusHeapMain {
  static final String[] MODELS = {"gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "o3-mini-2025-01-31",
    "gpt-4.1-2025-04-14", "text-embedding-3-small", "gpt-image-1"};
  static final String[] KINDS = {"input", "cached input", "output", "batch input"};
  static final long START = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86_400L;

  private FocusHeapMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int days = Integer.parseInt(args[1]);
    int projects = Integer.parseInt(args[2]);
    UsageStreams streams = UsageStreams.create(api(days, projects).api());
    FocusExport export = FocusExport.builder().billingAccount("org-large", "Large Org").build();
    Instant start = Instant.ofEpochSecond(START);
    Instant end = Instant.ofEpochSecond(START + days * DAY);
    if ("collect".equals(mode)) {
      List<FocusRow> all = export.rows(streams.buckets(FocusExport.query(start, end))).toList().blockingGet();
      System.out.println("rows=" + all.size());
      return;
    }
    Counting out = new Counting();
    long rows = export.writeCsv(export.rows(streams.buckets(FocusExport.query(start, end))), out);
    Runtime runtime = Runtime.getRuntime();
    System.out.println("rows=" + rows + " bytes=" + out.chars + " maxHeap=" + runtime.maxMemory());
  }

  /** Serves the organisation's costs in pages of the query's 7 days, each page made when it is asked for. */
  static FakeUsageApi api(int days, int projects) {
    return FakeUsageApi.of(cursor -> {
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(days, from + 7);
      List<UsageTimeBucket> buckets = new ArrayList<>();
      for (int day = from; day < to; day++) {
        buckets.add(bucket(day, projects));
      }
      return Observable.just(UsageResponse.builder().data(buckets).hasMore(to < days)
          .nextPage(to < days ? Integer.toString(to) : null).build());
    });
  }

  static UsageTimeBucket bucket(int day, int projects) {
    UsageTimeBucket.Builder bucket = UsageTimeBucket.builder().startTime(START + day * DAY)
        .endTime(START + (day + 1) * DAY);
    for (int p = 0; p < projects; p++) {
      for (String model : MODELS) {
        for (String kind : KINDS) {
          long tokens = 1_000L + 37L * p + day;
          bucket.addResults(CostsResult.builder()
              .amount(CostsAmount.builder().value(BigDecimal.valueOf(tokens * 15L, 8)).currency("usd").build())
              .projectId("proj_" + p)
              .lineItem(model + ", " + kind)
              .quantity(BigDecimal.valueOf(tokens))
              .quantityUnit("tokens")
              .build());
        }
      }
    }
    return bucket.build();
  }

  /** Counts what is written, keeps nothing. */
  static final class Counting extends Writer {
    long chars;

    @Override
    public void write(char[] buffer, int offset, int length) {
      chars += length;
    }

    @Override
    public void write(String text) {
      chars += text.length();
    }

    @Override
    public void write(int c) {
      chars++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
