package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.testkit.RecordedUsageRequest;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/** The fault-free run of {@link FaultStack#QUERY}, made once: what every scenario is compared with. */
final class Baseline {
  private static @Nullable Baseline instance;

  private final List<UsageTimeBucket> buckets;
  private final List<String> cursors;

  private Baseline(List<UsageTimeBucket> buckets, List<String> cursors) {
    this.buckets = buckets;
    this.cursors = cursors;
  }

  /** The baseline, fetched through a stack of its own (checked for leaks too) on first use. */
  static synchronized Baseline get() {
    if (instance == null) {
      Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
      FaultStack stack = new FaultStack();
      TestSubscriber<UsageTimeBucket> run = FaultStack.await(stack.streams.buckets(FaultStack.QUERY).test());
      run.assertNoErrors().assertComplete();
      List<String> cursors = stack.server.requests().stream().map(RecordedUsageRequest::page)
          .collect(Collectors.toList());
      try {
        stack.closeAndCheckNoLeaks(threads);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      Baseline baseline = new Baseline(List.copyOf(run.values()), cursors);
      assertThat(baseline.buckets).hasSize(FaultStack.PAGES * FaultStack.LIMIT);
      assertThat(baseline.buckets).extracting(UsageTimeBucket::startTime).isSorted().doesNotHaveDuplicates();
      assertThat(baseline.buckets).filteredOn(b -> !b.results().isEmpty()).hasSizeGreaterThan(100);
      assertThat(cursors).hasSize(FaultStack.PAGES).doesNotHaveDuplicates();
      assertThat(cursors.get(0)).isNull();
      instance = baseline;
    }
    return instance;
  }

  /** Every bucket, in order. */
  List<UsageTimeBucket> buckets() {
    return buckets;
  }

  /** The buckets of the pages before page {@code page} (1 for the first): what a stream failing there emitted. */
  List<UsageTimeBucket> bucketsBefore(int page) {
    return buckets.subList(0, (page - 1) * FaultStack.LIMIT);
  }

  /** The cursor page {@code page} is requested with: null for the first page, then the previous next_page. */
  @Nullable String cursor(int page) {
    return cursors.get(page - 1);
  }

  /** The page (1 for the first) that {@code cursor} requests, or 0 if no fault-free request used it. */
  int pageOf(@Nullable String cursor) {
    return cursors.indexOf(cursor) + 1;
  }
}
