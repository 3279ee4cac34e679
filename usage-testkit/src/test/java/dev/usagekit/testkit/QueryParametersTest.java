package dev.usagekit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The fake's server side of a query: what the client sends reads back as the same query, bad input names itself. */
class QueryParametersTest {
  private static final long NOV_1 = 1_761_955_200L;

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyParameterOfEveryEndpointReadsBackAsTheSameQuery(UsageEndpoint endpoint) {
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(endpoint).startTime(NOV_1).endTime(NOV_1 + 86_400);
    for (UsageFilter filter : endpoint.filters()) {
      if (filter.isBoolean()) {
        builder.batch(true);
      } else if (filter.allowedValues().isEmpty()) {
        builder.filter(filter, "x1", "x2");
      } else {
        builder.filter(filter, filter.allowedValues().iterator().next());
      }
    }
    UsageQuery<UsageResult> query = builder.groupBy(endpoint.groupByFields()).limit(3).build();

    UsageQuery<UsageResult> parsed = QueryParameters.parse(endpoint, query.toQueryParameters("cursor"));

    assertThat(parsed).isEqualTo(query);
    assertThat(parsed.toQueryParameters(null)).isEqualTo(query.toQueryParameters(null));
  }

  @Test
  void badParametersFailNamingTheParameter() {
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.COMPLETIONS, params("start_time", "soon")))
        .hasMessage("start_time must be an integer (Unix seconds), was 'soon'");
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.COSTS, params("start_time", "1", "bucket_width", "1h")))
        .hasMessage("bucket_width '1h' is not allowed; allowed: [1d]");
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.COMPLETIONS, params("start_time", "1", "batch", "yes")))
        .hasMessage("batch must be true or false, was 'yes'");
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.VECTOR_STORES, params("start_time", "1", "group_by", "model")))
        .hasMessage("group_by 'model' is not accepted by vector_stores; allowed: [project_id]");
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.VECTOR_STORES, params("start_time", "1", "models", "m")))
        .hasMessage("unknown parameter 'models' for vector_stores; allowed: "
            + "[start_time, end_time, bucket_width, limit, group_by, page, project_ids]");
    assertThatThrownBy(() -> QueryParameters.parse(UsageEndpoint.COSTS, params("limit", "5")))
        .hasMessageContaining("start_time is required");
  }

  private static Map<String, List<String>> params(String... namesAndValues) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], Collections.singletonList(namesAndValues[i + 1]));
    }
    return map;
  }
}
