package dev.usagekit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthetic organisation's amounts: BigDecimal's exact divide by 10^n, digit for digit and scale for scale. */
class PowerOfTenDivisionTest {
  @ParameterizedTest
  @CsvSource({
    "0, 6", "0.00, 6", "2.50, 6", "1250000, 6", "1000000, 6", "7000, 3", "0.075, 6", "15.00, 3",
    "123456789012345678901234567890.12, 6", "0.0001, 3", "10, 3", "100.0, 6"
  })
  void isBigDecimalsExactDivide(String value, int exponent) {
    BigDecimal dividend = new BigDecimal(value);
    BigDecimal expected = dividend.divide(BigDecimal.TEN.pow(exponent));

    BigDecimal actual = SyntheticOrganization.dividedByPowerOfTen(dividend, exponent);

    assertThat(actual).isEqualTo(expected); // equals: the same scale too, so the same JSON
    assertThat(actual.toPlainString()).isEqualTo(expected.toPlainString());
  }

  @Test
  void isBigDecimalsExactDivideForPricesTimesCounts() {
    Random random = new Random(7);
    String[] prices = {"2.50", "1.25", "10.00", "0.15", "0.075", "0.60", "1.10", "0.55", "4.40", "0.02", "0", "15.00"};
    for (int i = 0; i < 20_000; i++) {
      BigDecimal dividend = new BigDecimal(prices[random.nextInt(prices.length)])
          .multiply(BigDecimal.valueOf(random.nextInt(5_000_000)));
      int exponent = random.nextBoolean() ? 6 : 3;

      assertThat(SyntheticOrganization.dividedByPowerOfTen(dividend, exponent))
          .isEqualTo(dividend.divide(BigDecimal.TEN.pow(exponent)));
    }
  }
}
