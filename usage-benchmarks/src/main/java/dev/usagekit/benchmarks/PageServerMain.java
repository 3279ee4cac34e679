package dev.usagekit.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The page server of {@link MemoryMain} in a process of its own, so that the client's heap holds only what the
 * client holds (MockWebServer keeps every request it has served, and builds each response in memory). Serves
 * {@code total} one-minute buckets, one completions result each, {@code perPage} buckets a page, synthesized on
 * the fly; prints its base URL on the first line of standard output, and stops when standard input closes.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.usagekit.benchmarks.PageServerMain [total] [perPage]
 * </pre>
 */
public final class PageServerMain {
  private PageServerMain() {}

  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int perPage = args.length > 1 ? Integer.parseInt(args[1]) : 1_440;
    int pageCount = pageCount(total, perPage);
    try (PageServer server = new PageServer(pageCount, n -> page(n, total, perPage))) {
      System.out.println(server.baseUrl());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // wait for the parent to close our standard input (or die)
      }
    }
    System.exit(0);
  }

  static int pageCount(long total, int perPage) {
    return (int) ((total + perPage - 1) / perPage);
  }

  /** Page {@code n}: buckets {@code n * perPage} on, one completions result each, chained by cursors. */
  static byte[] page(int n, long total, int perPage) {
    int pageCount = pageCount(total, perPage);
    int buckets = (int) Math.min(perPage, total - (long) n * perPage);
    return Pages.completions(buckets, 1, (long) n * perPage, n + 1 < pageCount, PageServer.next(n, pageCount));
  }
}
