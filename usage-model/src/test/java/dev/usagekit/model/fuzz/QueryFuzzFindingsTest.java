package dev.usagekit.model.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void aNullListOfGroupByValuesIsAnInvalidParameter() {
    Map<String, List<String>> parameters = new HashMap<>();
    parameters.put("start_time", List.of("0"));
    parameters.put("group_by", null);

    assertThatThrownBy(() -> UsageQuery.fromQueryParameters(UsageEndpoint.COMPLETIONS, parameters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group_by");
  }

  @Test
  void aNullListOfFilterValuesIsAnInvalidParameter() {
    Map<String, List<String>> parameters = new HashMap<>();
    parameters.put("start_time", List.of("0"));
    parameters.put("models", null);

    assertThatThrownBy(() -> UsageQuery.fromQueryParameters(UsageEndpoint.COMPLETIONS, parameters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models");
  }

  @Test
  void aNullParameterNameIsAnInvalidParameter() {
    Map<String, List<String>> parameters = new HashMap<>();
    parameters.put("start_time", List.of("0"));
    parameters.put(null, List.of("x"));

    assertThatThrownBy(() -> UsageQuery.fromQueryParameters(UsageEndpoint.COMPLETIONS, parameters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter names");
  }
}
