package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.RetryPolicy;
import dev.usagekit.rx.SpendStreams;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake answers the spend limit and alerts, and the synthetic organisation has a limit, alerts and a project limit. */
class SpendFakeTest {
  private static final SyntheticOrganization ORG =
      SyntheticOrganization.generate(42, Instant.parse("2026-11-01T00:00:00Z"), 30);

  @Test
  void theSyntheticOrganisationStaysBelowItsLimitButCrossesItsProjectLimitInAMonth() {
    BigDecimal month = ORG.totalCost();
    Map<String, SpendLimit> projectLimits = ORG.projectSpendLimits();
    assertThat(projectLimits).hasSize(1);
    String project = projectLimits.keySet().iterator().next();

    assertThat(ORG.spendLimit().threshold()).isGreaterThan(month);
    assertThat(ORG.spendLimit().enforcement().isEnforcing()).isTrue();
    assertThat(ORG.spendAlerts()).hasSize(2)
        .allMatch(alert -> alert.threshold().compareTo(ORG.spendLimit().threshold()) < 0);
    assertThat(ORG.spendAlerts().get(0).threshold()).isLessThan(month);   // the first alert fires
    assertThat(projectLimits.get(project).threshold()).isLessThan(costOf(project));
    assertThat(projectLimits.get(project).object()).isEqualTo(SpendLimit.PROJECT_OBJECT);
  }

  @Test
  void theFakeServesTheOrganisationsLimitAlertsAndProjectLimits() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.builder().organization(ORG).start()) {
      SpendStreams spend = spend(server);
      String limited = ORG.projectSpendLimits().keySet().iterator().next();
      String unlimited = ORG.projects().stream().map(SyntheticOrganization.Project::id)
          .filter(id -> !id.equals(limited)).findFirst().get();

      assertThat(spend.organizationLimit().blockingGet()).isEqualTo(ORG.spendLimit());
      assertThat(spend.organizationAlerts().toList().blockingGet()).isEqualTo(ORG.spendAlerts());
      assertThat(spend.projectLimit(limited).blockingGet()).isEqualTo(ORG.projectSpendLimits().get(limited));
      assertThat(spend.projectLimit(unlimited).isEmpty().blockingGet()).isTrue();
      assertThat(spend.projectLimit("proj_deleted").isEmpty().blockingGet()).isTrue();
      assertThat(spend.projectAlerts(limited).toList().blockingGet()).isEmpty();
    }
  }

  @Test
  void aFakeWithoutALimitAnswers404AndPagesManyAlerts() throws Exception {
    SpendAlert.Builder alert = SpendAlert.builder().object(SpendAlert.ORGANIZATION_OBJECT)
        .thresholdAmount(BigDecimal.TEN).currency("USD").interval("month");
    List<SpendAlert> alerts = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) {
      alerts.add(alert.id(String.format("alert_%03d", i)).build());
    }
    try (FakeUsageServer server = FakeUsageServer.builder().spendAlerts(alerts).start()) {
      SpendStreams spend = spend(server);

      assertThat(spend.organizationLimit().isEmpty().blockingGet()).isTrue();
      assertThat(spend.organizationAlerts().toList().blockingGet()).isEqualTo(alerts);
      assertThat(server.requests()).hasSize(3); // the limit, then alerts in pages of 100
    }
  }

  private static SpendStreams spend(FakeUsageServer server) {
    UsageApi api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
    return SpendStreams.of(UsageStreams.builder(api).retryPolicy(RetryPolicy.none()).build());
  }

  private static BigDecimal costOf(String projectId) {
    BigDecimal total = BigDecimal.ZERO;
    for (UsageRecord record : ORG.records(UsageEndpoint.COSTS)) {
      CostsResult costs = (CostsResult) record.result();
      if (projectId.equals(costs.projectId())) {
        total = total.add(costs.amount().value());
      }
    }
    return total;
  }
}
