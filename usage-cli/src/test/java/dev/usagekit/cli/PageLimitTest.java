package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The page limit follows the heap: what a heap decodes is measured by {@code .ci/hostile/run} (a page just under
 * the limit of a 64 MB heap, in every format, with the densest results); here, the arithmetic.
 */
class PageLimitTest {
  private static final long MB = 1024L * 1024;

  @Test
  void a64MegabyteHeapTakesPagesOfAboutAMebibyteAndALargeOneTheLibrarysDefault() {
    assertThat(PageLimit.forHeap(62 * MB)).isBetween(1 * MB, 3 * MB / 2); // -Xmx64m: maxMemory() is a bit less
    assertThat(PageLimit.forHeap(8192 * MB)).isEqualTo(32 * MB);
    assertThat(PageLimit.forHeap(16 * MB)).isEqualTo(PageLimit.MIN_BYTES);
  }

  @Test
  void theAdviceNamesAHeapThatTakesTheLargestPage() {
    long heap = PageLimit.heapMbFor(PageLimit.MAX_BYTES) * MB;
    assertThat(PageLimit.forHeap(heap)).isEqualTo(PageLimit.MAX_BYTES);
    assertThat(PageLimit.advice(PageLimit.forHeap(64 * MB))).contains("-Xmx" + heap / MB + "m");
  }
}
