package dev.usagekit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spend limit and spend alerts read as upstream documents them, exactly, and keep what they do not know. */
class SpendTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void upstreamsLimitExamplesReadForTheOrganizationAndAProject() throws Exception {
    Map<String, String> examples = ProjectSpec.responseExamples("OrganizationSpendLimitResource");
    examples.putAll(ProjectSpec.responseExamples("ProjectSpendLimitResource"));
    assertThat(examples).hasSize(2);

    for (String json : examples.values()) {
      SpendLimit limit = mapper.readValue(json, SpendLimit.class);
      assertThat(limit.thresholdAmount()).isEqualByComparingTo(mapper.readTree(json).get("threshold_amount")
          .decimalValue());
      assertThat(limit.threshold()).isEqualByComparingTo(limit.thresholdAmount().movePointLeft(2));
      assertThat(limit.currency()).isEqualTo(mapper.readTree(json).get("currency").textValue());
      assertThat(limit.interval()).isEqualTo(SpendLimit.MONTH);
      assertThat(limit.enforcement().isEnforcing()).isTrue();
      assertThat(limit.object()).isEqualTo(mapper.readTree(json).get("object").textValue());
      assertThat(mapper.readTree(mapper.writeValueAsString(limit))).isEqualTo(mapper.readTree(json));
    }
  }

  @Test
  void upstreamsAlertListExamplesRead() throws Exception {
    Map<String, String> examples = ProjectSpec.responseExamples("OrganizationSpendAlertListResource");
    examples.putAll(ProjectSpec.responseExamples("ProjectSpendAlertListResource"));
    assertThat(examples).hasSize(2);

    for (String json : examples.values()) {
      SpendAlertListResponse page = mapper.readValue(json, SpendAlertListResponse.class);
      SpendAlert alert = page.data().get(0);
      assertThat(alert.id()).isEqualTo(page.lastId());
      assertThat(alert.threshold()).isEqualByComparingTo(new BigDecimal(
          mapper.readTree(json).get("data").get(0).get("threshold_amount").asText()).movePointLeft(2));
      assertThat(alert.notificationChannel().get("recipients").get(0).textValue()).contains("@");
      assertThat(page.hasMore()).isFalse();
      assertThat(mapper.readTree(mapper.writeValueAsString(page))).isEqualTo(mapper.readTree(json));
    }
  }

  @Test
  void thresholdReadsExactlyFromAStringAndUnknownStatusesAndFieldsStay() throws Exception {
    String json = "{\"object\":\"project.spend_limit\",\"threshold_amount\":\"12345678901234567890\","
        + "\"currency\":\"EUR\",\"interval\":\"week\",\"enforcement\":{\"status\":\"paused\",\"since\":1},"
        + "\"project_id\":\"proj_a\"}";

    SpendLimit limit = mapper.readValue(json, SpendLimit.class);

    assertThat(limit.thresholdAmount()).isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(limit.threshold()).isEqualTo(new BigDecimal("123456789012345678.90"));
    assertThat(limit.interval()).isEqualTo("week");
    assertThat(limit.enforcement().status()).isEqualTo("paused");
    assertThat(limit.enforcement().isEnforcing()).isFalse();
    assertThat(limit.enforcement().additionalProperties()).containsKey("since");
    assertThat(limit.additionalProperties().get("project_id").textValue()).isEqualTo("proj_a");
    assertThat(mapper.readValue(mapper.writeValueAsString(limit), SpendLimit.class)).isEqualTo(limit);
  }

  @Test
  void aLimitWithoutItsAmountNamesTheMissingField() {
    assertThatThrownBy(() -> mapper.readValue("{\"object\":\"organization.spend_limit\",\"currency\":\"USD\","
        + "\"interval\":\"month\",\"enforcement\":{\"status\":\"enforcing\"}}", SpendLimit.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("'threshold_amount'");
  }
}
