package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.UsageDecodingException;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Fault#overlappingBuckets()}: each bucket beside a shifted copy; the stream refuses it, counts nothing twice. */
@ExtendWith(FakeUsageServerExtension.class)
class OverlappingBucketsTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86_400L;

  @Test
  void everyBucketComesWithACopyShiftedByHalfItsLength(FakeUsageServer server) {
    server.enqueue(Fault.overlappingBuckets());

    Http.Reply reply = Http.get(server, "organization/costs?start_time=" + NOV_1 + "&end_time=" + (NOV_1 + 2 * DAY));

    JsonNode data = reply.json().get("data");
    assertThat(data).hasSize(4);
    assertThat(data.get(0).get("start_time").asLong()).isEqualTo(NOV_1);
    assertThat(data.get(1).get("start_time").asLong()).isEqualTo(NOV_1 + DAY / 2);
    assertThat(data.get(1).get("end_time").asLong()).isEqualTo(NOV_1 + DAY + DAY / 2);
    assertThat(data.get(2).get("start_time").asLong()).isEqualTo(NOV_1 + DAY);
    assertThat(Fault.overlappingBuckets()).hasToString("Fault.overlappingBuckets()")
        .isEqualTo(Fault.overlappingBuckets());
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void theStreamFailsNamingTheBucketAndCountsNoDayTwice(int concurrency, FakeUsageServer server, UsageApi api) {
    server.add(Instant.ofEpochSecond(NOV_1 + 3_600), TestData.costs().projectId("proj_a").build());
    server.enqueue(Fault.overlappingBuckets(), 8);
    UsageQuery<?> fourWeeks = UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 28 * DAY).limit(7).build();
    UsageStreams streams = UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).concurrency(concurrency)
        .scheduler(new TestScheduler(NOV_1 + 40 * DAY, TimeUnit.SECONDS)).build();

    TestSubscriber<UsageTimeBucket> subscriber = streams.buckets(fourWeeks).test()
        .awaitDone(30, TimeUnit.SECONDS);

    // Concurrent sub-windows fail in any order: the first to fail names its own shifted bucket.
    java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
    subscriber.assertError(e -> error.compareAndSet(null, e));
    assertThat(error.get()).isInstanceOf(UsageDecodingException.class)
        .satisfies(e -> assertThat(e.getMessage()).containsPattern("bucket \\[\\d+, \\d+\\) overlaps the previous "
            + "bucket"));
    if (concurrency == 1) {
      assertThat(error.get()).hasMessageContaining("bucket [" + (NOV_1 + DAY / 2) + ", "
          + (NOV_1 + DAY + DAY / 2) + ") overlaps");
    }
    assertThat(subscriber.values()).hasSizeLessThanOrEqualTo(1);
  }
}
