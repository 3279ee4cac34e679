package dev.usagekit.rx;

import dev.usagekit.model.UsageTimeBucket;
import javax.annotation.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/**
 * The Reactive Streams TCK against {@link UsageStreams#buckets}: pages of 3 buckets from an in-memory API that
 * computes each page when asked, so even the "unbounded" publishers cost nothing until requested. Run by the
 * JUnit Platform's TestNG engine.
 */
public class PagingPublisherTckTest extends PublisherVerification<UsageTimeBucket> {
  /** How long the TCK waits for an expected signal: 20 times the old 50 ms, which a loaded
   * 2-core machine once missed; a few tests wait it out in full, so it is not larger. */
  private static final long TIMEOUT_MILLIS = 1_000;
  /** How long it watches for a signal that must not come (a pass costs this much, so kept short). */
  private static final long NO_SIGNAL_MILLIS = 50;

  public PagingPublisherTckTest() {
    super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNAL_MILLIS));
  }

  @Override
  public Publisher<UsageTimeBucket> createPublisher(long elements) {
    return UsageStreams.create(FakeUsageApi.serving(elements, 3).api()).buckets(Fixtures.completionsQuery());
  }

  /**
   * None: the stream is lazy and fails only when a page is requested, while the TCK's failed-publisher tests
   * expect {@code onError} without any request. Failures on request are covered by ErrorMappingTest.
   */
  @Override
  public @Nullable Publisher<UsageTimeBucket> createFailedPublisher() {
    return null;
  }
}
