package dev.usagekit.model.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageQuery;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What QueryValidationFuzzTest found, each fixed in UsageQuery: failures are IllegalArgumentExceptions. */
class QueryFuzzFindingsTest {

  @Test
  void aWindowEndingAfterInstantMaxIsAnInvalidArgument() {
    assertThatThrownBy(() -> UsageQuery.completions().window(Instant.MAX, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window")
        .hasMessageContaining("beyond the range of Instant");
  }

  @Test
  void aWindowWhoseLengthOverflowsIsAnInvalidArgument() {
    assertThatThrownBy(() -> UsageQuery.costs().window(Instant.EPOCH, Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beyond the range of Instant");
  }
}
