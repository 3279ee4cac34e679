package dev.usagekit.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/** Writes exact numbers: plain for machines, grouped for people, money rounded to its minor unit. */
final class Numbers {
  private Numbers() {}

  /** Exact, without exponent or trailing zeros: {@code 0.069284}, {@code 1500}, {@code 0}. */
  static String plain(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    return value.stripTrailingZeros().toPlainString();
  }

  /** Exact, with thousands separators: {@code 1,234,567}, {@code 1,234.5}. */
  static String grouped(BigDecimal value) {
    return group(plain(value));
  }

  /**
   * Rounded (half up) to the minor unit of {@code currency} (2 digits for {@code usd} and for a
   * currency Java does not know), grouped, with the currency as the API names it: {@code 1,234.57
   * usd}.
   */
  static String money(BigDecimal value, String currency) {
    BigDecimal rounded = value.setScale(minorDigits(currency), RoundingMode.HALF_UP);
    return group(rounded.toPlainString()) + " " + currency;
  }

  static int minorDigits(String currency) {
    try {
      int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  private static String group(String plain) {
    int start = plain.startsWith("-") ? 1 : 0;
    int dot = plain.indexOf('.');
    int end = dot < 0 ? plain.length() : dot;
    StringBuilder text = new StringBuilder(plain.length() + plain.length() / 3);
    text.append(plain, 0, start);
    for (int i = start; i < end; i++) {
      if (i > start && (end - i) % 3 == 0) {
        text.append(',');
      }
      text.append(plain.charAt(i));
    }
    text.append(plain, end, plain.length());
    return text.toString();
  }
}
