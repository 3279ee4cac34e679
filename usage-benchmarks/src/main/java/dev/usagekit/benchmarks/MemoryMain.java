package dev.usagekit.benchmarks;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * Streams 1,000,000 buckets (694 pages of 1,440 one-minute buckets plus a last page of 640, one completions
 * result per bucket, synthesized on the fly by the server) through {@code UsageStreams.buckets}. Run with
 * {@code -Xmx64m}: it must complete; prints heap used after a full GC (sampled every 100,000 buckets and at the
 * end) and the peak heap.
 */
public final class MemoryMain {
  private MemoryMain() {}

  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int perPage = 1_440;
    int pageCount = (int) ((total + perPage - 1) / perPage);
    try (PageServer server = new PageServer(pageCount, n -> {
      int buckets = (int) Math.min(perPage, total - (long) n * perPage);
      return Pages.completions(buckets, 1, (long) n * perPage, n + 1 < pageCount, PageServer.next(n, pageCount));
    })) {
      UsageStreams streams = UsageStreams.create(UsageApiFactory.builder()
          .adminKey("sk-admin-benchmark")
          .baseUrl(server.baseUrl().toString())
          .client(new OkHttpClient())
          .build());
      UsageQuery<?> query = UsageQuery.completions()
          .startTime(Pages.START).bucketWidth(BucketWidth.ONE_MINUTE).limit(perPage).build();
      long idle = usedAfterGc();
      System.out.printf("baseline: heap used after GC before streaming (server up, client built) %.1f MB%n",
          idle / 1e6);
      AtomicLong seen = new AtomicLong();
      long maxAfterGc = 0;
      long started = System.nanoTime();
      long count = streams.buckets(query)
          .doOnNext(b -> {
            long n = seen.incrementAndGet();
            if (n % 100_000 == 0) {
              System.out.printf("%,9d buckets, heap used after GC %5.1f MB%n", n, usedAfterGc() / 1e6);
            }
          })
          .count()
          .blockingGet();
      long elapsed = System.nanoTime() - started;
      long after = usedAfterGc();
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf("buckets=%d pages=%d seconds=%.2f maxHeap=%.1fMB heapUsedAfterGc=%.1fMB"
          + " (%.2fx the baseline) peakHeapSumOfPools=%.1fMB%n", count, pageCount, elapsed / 1e9,
          Runtime.getRuntime().maxMemory() / 1e6, after / 1e6, (double) after / idle, peak / 1e6);
      if (count != total) {
        throw new AssertionError("expected " + total + " buckets, got " + count);
      }
    }
    System.exit(0);
  }

  static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
