package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's example, verbatim: the starting point of every test in this package. */
@ExtendWith(FakeUsageServerExtension.class)
class ReadmeExampleTest {
  @Test
  void costsAreSummedPerProject(FakeUsageServer server, UsageApi api) {
    server.add(Instant.parse("2026-11-01T09:30:00Z"),
        TestData.costs().projectId("proj_a").amount(TestData.usd("1.25")).build());
    server.add(Instant.parse("2026-11-01T17:45:00Z"),
        TestData.costs().projectId("proj_a").amount(TestData.usd("0.75")).build());

    UsageQuery<CostsResult> query = UsageQuery.costs()
        .start(Instant.parse("2026-11-01T00:00:00Z"))
        .end(Instant.parse("2026-11-02T00:00:00Z"))
        .groupBy(GroupByField.PROJECT_ID)
        .build();
    UsageResponse page = UsageApiPages.fetch(api, query, null).blockingFirst();

    CostsResult costs = (CostsResult) page.data().get(0).results().get(0);
    assertThat(costs.projectId()).isEqualTo("proj_a");
    assertThat(costs.amount().value()).isEqualByComparingTo("2.00");
  }
}
