package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import org.junit.jupiter.api.Test;

/**
 * Part 1 of the stream's issue, as the stream relies on it: typed queries (in usage-model) fail before any
 * request, naming the parameter and the allowed values. Kept here until usage-model has its own query tests.
 */
class UsageQueryValidationTest {
  private static final long T0 = Fixtures.T0;

  @Test
  void aMissingStartIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageQuery.completions().build())
        .withMessageContaining("start_time is required");
  }

  @Test
  void anEndNotAfterTheStartIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.completions().startTime(T0).endTime(T0).build())
        .withMessageContaining("end_time must be after start_time");
  }

  @Test
  void negativeTimesAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageQuery.completions().startTime(-1).build())
        .withMessageContaining("start_time must be Unix seconds >= 0");
  }

  @Test
  void costsAcceptOnlyDailyBuckets() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.costs().startTime(T0).bucketWidth(BucketWidth.ONE_HOUR).build())
        .withMessageContaining("bucket_width 1h").withMessageContaining("allowed: [1d]");
  }

  @Test
  void theLimitMustBeWithinTheMaximumOfTheWidth() {
    assertThat(UsageQuery.completions().startTime(T0).bucketWidth(BucketWidth.ONE_MINUTE).limit(1440).build()
        .limit()).isEqualTo(1440);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.completions().startTime(T0).limit(32).build())
        .withMessageContaining("limit must be between 1 and 31");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.costs().startTime(T0).limit(181).build())
        .withMessageContaining("limit must be between 1 and 180");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.completions().startTime(T0).bucketWidth(BucketWidth.ONE_HOUR).limit(0).build())
        .withMessageContaining("limit must be between 1 and 168");
  }

  @Test
  void aGroupByTheEndpointDoesNotAcceptIsRejectedNamingTheAllowedOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.costs().startTime(T0).groupBy(GroupByField.MODEL).build())
        .withMessageContaining("group_by model").withMessageContaining("allowed: [project_id, line_item");
  }

  @Test
  void aFilterTheEndpointDoesNotAcceptIsRejectedNamingTheAllowedOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageQuery.builder(UsageEndpoint.VECTOR_STORES).startTime(T0)
            .filter(UsageFilter.MODELS, "gpt-4o").build())
        .withMessageContaining("filter models").withMessageContaining("allowed: [project_ids]");
  }
}
