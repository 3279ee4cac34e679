package dev.usagekit.cli;

import java.util.Locale;

/**
 * The largest page body the tool accepts: as large as this JVM's heap can decode. A page is decoded whole, and
 * its objects take about {@value #HEAP_PER_BODY_BYTE} times its bytes (measured by {@code .ci/hostile/run} with
 * the densest pages the API's types allow), beside some {@value #BASE_HEAP_MB} MB the tool needs anyway: a 64 MB
 * heap decodes pages of about 1.2 MiB (the API's largest real pages are some hundred KB), the library's default
 * limit of 32 MiB needs about 800 MB. A larger page ends the report with exit 4 and a message that says which
 * {@code -Xmx} it needs, never with an {@code OutOfMemoryError}.
 *
 * <pre>{@code
 * long limit = PageLimit.forHeap(Runtime.getRuntime().maxMemory()); // 1.2 MiB under -Xmx64m
 * }</pre>
 */
final class PageLimit {
  /** Bytes of heap a byte of page body takes once decoded, with room to spare. */
  static final long HEAP_PER_BODY_BYTE = 24;
  /** Heap the tool needs beside the page being decoded. */
  static final long BASE_HEAP_MB = 32;
  /** Never less: a page of the API's own sizes always decodes. */
  static final long MIN_BYTES = 512L * 1024;
  /** Never more: the library's default ({@code UsageApiFactory.Builder.maxResponseBytes}). */
  static final long MAX_BYTES = 32L * 1024 * 1024;

  private PageLimit() {}

  /** The largest page body a heap of {@code maxHeapBytes} decodes. */
  static long forHeap(long maxHeapBytes) {
    long room = (maxHeapBytes - BASE_HEAP_MB * 1024 * 1024) / HEAP_PER_BODY_BYTE;
    return Math.max(MIN_BYTES, Math.min(MAX_BYTES, room));
  }

  /** The limit of this JVM. */
  static long ofThisJvm() {
    return forHeap(Runtime.getRuntime().maxMemory());
  }

  /** The {@code -Xmx} in MB that decodes a page of {@code bodyBytes}, rounded up to 32 MB. */
  static long heapMbFor(long bodyBytes) {
    long mb = BASE_HEAP_MB + (bodyBytes * HEAP_PER_BODY_BYTE + (1 << 20) - 1) / (1 << 20);
    return (mb + 31) / 32 * 32;
  }

  /** What a report that met a page past {@code limit} says after its error: how to give it the heap it needs. */
  static String advice(long limit) {
    return Commands.NAME + ": this JVM's heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MB) decodes pages of up to " + String.format(Locale.ROOT, "%.1f", limit / (1024.0 * 1024)) + " MiB, "
        + "and a page needs some " + HEAP_PER_BODY_BYTE + " bytes of heap a byte; for pages up to "
        + MAX_BYTES / (1024 * 1024) + " MiB run java -Xmx" + heapMbFor(MAX_BYTES) + "m -jar usage-report.jar";
  }
}
