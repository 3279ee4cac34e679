package dev.usagekit.benchmarks;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * Streams 1,000,000 buckets (694 pages of 1,440 one-minute buckets plus a last page of 640, one completions
 * result per bucket) through {@code UsageStreams.buckets}, from a {@link PageServerMain} started as a separate
 * JVM (its heap is not this one's). Run with {@code -Xmx64m}: it must complete; prints the heap used after a
 * full GC before streaming (idle: client built, nothing requested), every 100,000 buckets and at the end, the
 * peak of those samples against idle, and the peak heap.
 *
 * <pre>
 * java -Xmx64m -cp target/benchmarks.jar dev.usagekit.benchmarks.MemoryMain [total] [baseUrl]
 * </pre>
 *
 * With {@code baseUrl}, uses that server (started apart, e.g. with {@link PageServerMain}) instead.
 */
public final class MemoryMain {
  private MemoryMain() {}

  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int perPage = 1_440;
    int pageCount = PageServerMain.pageCount(total, perPage);
    Process server = null;
    String baseUrl;
    if (args.length > 1) {
      baseUrl = args[1];
    } else {
      String java = ProcessHandle.current().info().command().orElse("java");
      server = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          PageServerMain.class.getName(), Long.toString(total), Integer.toString(perPage))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      baseUrl = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      if (baseUrl == null) {
        throw new IllegalStateException("the page server did not start");
      }
      System.out.printf("page server: pid %d at %s%n", server.pid(), baseUrl);
    }
    try {
      run(total, pageCount, perPage, baseUrl);
    } finally {
      if (server != null) {
        server.getOutputStream().close(); // the server stops when its standard input closes
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroy();
        }
      }
    }
    System.exit(0);
  }

  private static void run(long total, int pageCount, int perPage, String baseUrl) throws Exception {
    UsageStreams streams = UsageStreams.create(UsageApiFactory.builder()
        .adminKey("sk-admin-benchmark")
        .baseUrl(baseUrl)
        .client(new OkHttpClient())
        .build());
    UsageQuery<?> query = UsageQuery.completions()
        .startTime(Pages.START).bucketWidth(BucketWidth.ONE_MINUTE).limit(perPage).build();
    long idle = usedAfterGc();
    System.out.printf("idle: heap used after GC before streaming (client built) %.1f MB%n", idle / 1e6);
    AtomicLong seen = new AtomicLong();
    List<Long> samples = new ArrayList<>();
    long started = System.nanoTime();
    long count = streams.buckets(query)
        .doOnNext(b -> {
          long n = seen.incrementAndGet();
          if (n % 100_000 == 0) {
            long used = usedAfterGc();
            samples.add(used);
            System.out.printf("%,9d buckets, heap used after GC %5.1f MB%n", n, used / 1e6);
          }
        })
        .count()
        .blockingGet();
    long elapsed = System.nanoTime() - started;
    long after = usedAfterGc();
    long peakAfterGc = samples.stream().mapToLong(Long::longValue).max().orElse(after);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("buckets=%d pages=%d seconds=%.2f maxHeap=%.1fMB idleAfterGc=%.1fMB"
        + " peakAfterGcWhileStreaming=%.1fMB (%.2fx idle) endAfterGc=%.1fMB (%.2fx idle)"
        + " peakHeapSumOfPools=%.1fMB%n", count, pageCount, elapsed / 1e9,
        Runtime.getRuntime().maxMemory() / 1e6, idle / 1e6, peakAfterGc / 1e6, (double) peakAfterGc / idle,
        after / 1e6, (double) after / idle, peak / 1e6);
    if (count != total) {
      throw new AssertionError("expected " + total + " buckets, got " + count);
    }
  }

  static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
