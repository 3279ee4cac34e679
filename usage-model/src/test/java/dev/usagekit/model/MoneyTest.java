package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Money and quantities are BigDecimal, read exactly (value and scale, compared with {@link
 * BigDecimal#equals}) from a JSON number or a JSON string, and written as a JSON number that reads
 * back equal.
 */
class MoneyTest {

  private static String costs(String value) {
    return """
    {"object": "organization.costs.result", "amount": {"value": %s, "currency": "usd"}}
    """
        .formatted(value);
  }

  private static BigDecimal amountOf(String json) {
    CostsResult result = (CostsResult) read(json, UsageResult.class);
    assertThat(result.amount()).isNotNull();
    return result.amount().value();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.06",
        "0E-6176",
        "0.0692840000000000000",
        "1E+3",
        "-12.50",
        "0",
        "7",
        "123456789012345678901234567890.123456789012345678901234567890"
      })
  void numberAmountIsExact(String text) {
    assertThat(amountOf(costs(text))).isEqualTo(new BigDecimal(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.06",
        "0E-6176",
        "0.0692840000000000000",
        "1E+3",
        "-12.50",
        "0",
        "7",
        "123456789012345678901234567890.123456789012345678901234567890"
      })
  void stringAmountIsExact(String text) {
    assertThat(amountOf(costs("\"" + text + "\""))).isEqualTo(new BigDecimal(text));
  }

  @Test
  void zeroWithHugeNegativeExponentKeepsItsScale() {
    BigDecimal value = amountOf(costs("\"0E-6176\""));

    assertThat(value.signum()).isZero();
    assertThat(value.scale()).isEqualTo(6176);
    assertThat(value).isNotEqualTo(BigDecimal.ZERO);
  }

  @Test
  void trailingZerosAreKept() {
    BigDecimal value = amountOf(costs("0.0692840000000000000"));

    assertThat(value.scale()).isEqualTo(19);
    assertThat(value.unscaledValue()).hasToString("692840000000000000");
  }

  @Test
  void numberWithMoreDigitsThanADoubleIsExact() {
    assertThat(amountOf(costs("0.1000000000000000055511151231257827")))
        .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
  }

  @Test
  void amountIsExactWhenObjectComesLast() {
    // Jackson buffers the fields before "object" to choose the type, then replays them.
    String json =
        """
        {"amount": {"value": 0.0692840000000000000, "currency": "usd"},
         "quantity": 1.50000000000000000001,
         "object": "organization.costs.result"}
        """;

    CostsResult result = (CostsResult) read(json, UsageResult.class);

    assertThat(result.amount().value()).isEqualTo(new BigDecimal("0.0692840000000000000"));
    assertThat(result.quantity()).isEqualTo(new BigDecimal("1.50000000000000000001"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000", "2.50", "\"0.0692840000000000000\"", "\"1E+3\""})
  void quantityIsExactFromNumberOrString(String json) {
    CostsResult result =
        (CostsResult)
            read(
                "{\"object\": \"organization.costs.result\", \"quantity\": " + json + "}",
                UsageResult.class);

    assertThat(result.quantity()).isEqualTo(new BigDecimal(json.replace("\"", "")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0E-6176", "0.0692840000000000000", "1E+3", "0.06", "-5", "1E-400"})
  void encodedAmountIsANumberThatDecodesEqual(String text) {
    CostsAmount amount = CostsAmount.builder().value(new BigDecimal(text)).currency("usd").build();

    String json = write(amount);

    assertThat(tree(json).get("value").isNumber()).isTrue();
    assertThat(read(json, CostsAmount.class)).isEqualTo(amount);
  }

  @Test
  void encodedAmountKeepsTheNumberText() {
    CostsAmount amount =
        CostsAmount.builder()
            .value(new BigDecimal("0.0692840000000000000"))
            .currency("usd")
            .build();

    assertThat(write(amount)).isEqualTo("{\"value\":0.0692840000000000000,\"currency\":\"usd\"}");
  }

  @Test
  void encodedAmountOfZeroWithHugeScaleIsShort() {
    CostsAmount amount =
        CostsAmount.builder().value(new BigDecimal("0E-6176")).currency("usd").build();

    assertThat(write(amount)).isEqualTo("{\"value\":0E-6176,\"currency\":\"usd\"}");
  }

  @Test
  void aHugeScaleIsWrittenInExponentFormByDefault() throws Exception {
    CostsAmount amount =
        CostsAmount.builder().value(new BigDecimal("0E-6176")).currency("usd").build();

    String json = MAPPER.writeValueAsString(amount);

    assertThat(json).isEqualTo("{\"value\":0E-6176,\"currency\":\"usd\"}");
    assertThat(MAPPER.readValue(json, CostsAmount.class)).isEqualTo(amount);
  }

  /**
   * Since the redesign amounts are written by Jackson's own BigDecimal writer, which follows the mapper: one set to
   * write plain decimals writes every digit of {@code 0E-6176}, which then exceeds Jackson's default limit of 1000
   * characters for a number when read back. Pinned as a known limitation of such mappers.
   */
  @Test
  void aMapperThatWritesPlainDecimalsWritesEveryDigit() throws Exception {
    ObjectMapper plain = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    CostsAmount amount =
        CostsAmount.builder().value(new BigDecimal("0E-6176")).currency("usd").build();

    String json = plain.writeValueAsString(amount);

    assertThat(json).isEqualTo("{\"value\":0." + "0".repeat(6176) + ",\"currency\":\"usd\"}");
    assertThatThrownBy(() -> MAPPER.readValue(json, CostsAmount.class))
        .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
  }

  @Test
  void encodedQuantityIsANumberThatDecodesEqual() {
    CostsResult result =
        CostsResult.builder().quantity(new BigDecimal("0E-10")).quantityUnit("tokens").build();

    String json = write(result);

    assertThat(json)
        .isEqualTo(
            "{\"object\":\"organization.costs.result\","
                + "\"quantity\":0E-10,\"quantity_unit\":\"tokens\"}");
    assertThat(read(json, UsageResult.class)).isEqualTo(result);
  }

  @Test
  void amountsReadTheSameWhateverTheMappersCoercionSettings() throws Exception {
    ObjectMapper strict =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    strict.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);

    CostsResult result = (CostsResult) strict.readValue(costs("\"0E-6176\""), UsageResult.class);

    assertThat(result.amount().value()).isEqualTo(new BigDecimal("0E-6176"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "\"\"", "\"NaN\"", "\"1 2\"", "true", "{}", "[]"})
  void amountValueThatIsNotANumberFailsNamingIt(String value) {
    assertThatThrownBy(() -> MAPPER.readValue(costs(value), UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("[\"amount\"]")
        .hasMessageContaining("[\"value\"]");
  }

  @Test
  void nullAmountValueFailsAsMissing() {
    assertThatThrownBy(() -> MAPPER.readValue(costs("null"), UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'value' of CostsAmount")
        .hasMessageContaining("[\"amount\"]");
  }

  @Test
  void amountStringWithSurroundingBlanksReadsTrimmed() {
    CostsResult result = (CostsResult) read(costs("\" 1.50 \""), UsageResult.class);

    assertThat(result.amount().value()).isEqualTo(new BigDecimal("1.50"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1E+999999999\"", "1E+101", "\"1E+100\"", "\"1E-10001\""})
  void amountOutOfRangeFailsNamingIt(String value) {
    assertThatThrownBy(() -> MAPPER.readValue(costs(value), UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("out of range")
        .hasMessageContaining("[\"value\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"0E-6176\"", "0E-6176", "\"9E+99\"", "1E-10000"})
  void amountAtTheEdgesOfItsRangeReadsExactly(String value) {
    CostsResult result = (CostsResult) read(costs(value), UsageResult.class);

    assertThat(result.amount().value()).isEqualTo(new BigDecimal(value.replace("\"", "")));
  }

  @Test
  void overlongNumberStringFails() {
    String digits = "1".repeat(1001);

    assertThatThrownBy(() -> MAPPER.readValue(costs("\"" + digits + "\""), UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void missingAmountValueFailsNamingIt() {
    String json =
        "{\"object\": \"organization.costs.result\", \"amount\": {\"currency\": \"usd\"}}";

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'value' of CostsAmount");
  }

  @Test
  void missingCurrencyFailsNamingIt() {
    String json = "{\"object\": \"organization.costs.result\", \"amount\": {\"value\": 1}}";

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResult.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'currency' of CostsAmount");
  }

  @Test
  void absentOrNullAmountIsNull() {
    CostsResult absent =
        (CostsResult) read("{\"object\": \"organization.costs.result\"}", UsageResult.class);
    CostsResult nullAmount =
        (CostsResult)
            read(
                "{\"object\": \"organization.costs.result\", \"amount\": null}", UsageResult.class);

    assertThat(absent.amount()).isNull();
    assertThat(nullAmount).isEqualTo(absent);
  }

  @Test
  void unknownQuantityUnitIsKept() {
    CostsResult result =
        (CostsResult)
            read(
                "{\"object\": \"organization.costs.result\", \"quantity\": 3,"
                    + " \"quantity_unit\": \"terabyte_fortnights\"}",
                UsageResult.class);

    assertThat(result.quantityUnit()).isEqualTo("terabyte_fortnights");
    JsonNode encoded = tree(write(result));
    assertThat(encoded.get("quantity_unit").asText()).isEqualTo("terabyte_fortnights");
  }

  @Test
  void amountsWithDifferentScalesAreNotEqualButCompareEqual() {
    BigDecimal a = amountOf(costs("0.06"));
    BigDecimal b = amountOf(costs("\"0.0600\""));

    assertThat(a).isNotEqualTo(b);
    assertThat(a).isEqualByComparingTo(b);
  }
}
