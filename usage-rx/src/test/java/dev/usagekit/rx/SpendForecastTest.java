package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.SpendLimitEnforcement;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The month-end forecast: exact month-to-date, weekday averages, interval, crossings, and what it cannot compare. */
class SpendForecastTest {
  private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

  private static SpendLimit limit(String dollars, String currency, String interval) {
    return SpendLimit.builder().object(SpendLimit.ORGANIZATION_OBJECT)
        .thresholdAmount(new BigDecimal(dollars).movePointRight(2)).currency(currency).interval(interval)
        .enforcement(SpendLimitEnforcement.builder().status("enforcing").build()).build();
  }

  /** {@code perDay} every day from {@code from} (inclusive) to {@code to} (exclusive), on project {@code project}. */
  private static SpendForecast.Builder daily(SpendForecast.Builder builder, LocalDate from, LocalDate to,
      String project, String perDay) {
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      builder.cost(day, project, "usd", new BigDecimal(perDay));
    }
    return builder;
  }

  @Test
  void monthToDateIsTheExactSumOfTheMonthsCompleteDaysOnly() {
    SpendForecast forecast = SpendForecast.builder(LocalDate.of(2026, 12, 3))
        .cost(LocalDate.of(2026, 11, 30), "proj_a", "usd", new BigDecimal("5"))           // last month
        .cost(DEC_1, "proj_a", "usd", new BigDecimal("0.0692840000000000000"))
        .cost(DEC_1, "proj_b", "usd", new BigDecimal("0E-6176"))
        .cost(LocalDate.of(2026, 12, 2), null, "usd", new BigDecimal("0.1"))
        .cost(LocalDate.of(2026, 12, 3), "proj_a", "usd", new BigDecimal("7"))           // today: incomplete
        .build();

    assertThat(forecast.organization().monthToDate()).isEqualTo(new BigDecimal("0.1692840000000000000"));
    assertThat(forecast.projects().get("proj_a").monthToDate()).isEqualTo(new BigDecimal("0.0692840000000000000"));
    assertThat(forecast.monthToDateByCurrency()).containsOnlyKeys("usd");
  }

  @Test
  void aSteadyRateProjectsExactlyWithNoSpread() {
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 11), "proj_a", "10").build();

    SpendForecast.Projection month = forecast.organization();
    assertThat(month.monthToDate()).isEqualByComparingTo("100");
    assertThat(month.projected()).isEqualByComparingTo("310.00");
    assertThat(month.low()).isEqualByComparingTo("310.00");
    assertThat(month.high()).isEqualByComparingTo("310.00");
    assertThat(month.historyDays()).isEqualTo(SpendForecast.DEFAULT_HISTORY_DAYS);
  }

  @Test
  void eachWeekdayIsProjectedAtItsOwnAverage() {
    SpendForecast.Builder builder = SpendForecast.builder(LocalDate.of(2026, 12, 15));
    for (LocalDate day = LocalDate.of(2026, 11, 1); day.isBefore(LocalDate.of(2026, 12, 15)); day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      builder.cost(day, "proj_a", "usd", new BigDecimal(weekend ? "2" : "10"));
    }

    SpendForecast.Projection month = builder.build().organization();

    assertThat(month.weekdayMean(DayOfWeek.MONDAY)).isEqualByComparingTo("10");
    assertThat(month.weekdayMean(DayOfWeek.SUNDAY)).isEqualByComparingTo("2");
    // Dec 15..31 2026: 13 weekdays and 4 weekend days.
    assertThat(month.projected()).isEqualByComparingTo(month.monthToDate().add(new BigDecimal(13 * 10 + 4 * 2)));
    assertThat(month.spread()).isEqualByComparingTo("0");
  }

  @Test
  void noisyDaysGiveAnIntervalAroundTheProjectionThatNarrowsAsTheMonthGoesOn() {
    SpendForecast.Builder early = SpendForecast.builder(LocalDate.of(2026, 12, 8));
    SpendForecast.Builder late = SpendForecast.builder(LocalDate.of(2026, 12, 25));
    for (LocalDate day = LocalDate.of(2026, 11, 1); day.isBefore(LocalDate.of(2026, 12, 31)); day = day.plusDays(1)) {
      String cost = day.getDayOfMonth() % 2 == 0 ? "12" : "8";
      early.cost(day, null, "usd", new BigDecimal(cost));
      late.cost(day, null, "usd", new BigDecimal(cost));
    }

    SpendForecast.Projection first = early.build().organization();
    SpendForecast.Projection last = late.build().organization();

    assertThat(first.low()).isLessThan(first.projected());
    assertThat(first.high()).isGreaterThan(first.projected());
    assertThat(last.high().subtract(last.low())).isLessThan(first.high().subtract(first.low()));
  }

  @Test
  void theLimitAndEachAlertAreCrossedOnTheFirstDayTheRunningTotalReachesThem() {
    SpendAlert half = SpendAlert.builder().id("alert_half").object(SpendAlert.ORGANIZATION_OBJECT)
        .thresholdAmount(new BigDecimal("5000")).currency("USD").interval("month").build();
    SpendAlert never = SpendAlert.builder().id("alert_never").object(SpendAlert.ORGANIZATION_OBJECT)
        .thresholdAmount(new BigDecimal("100000")).currency("USD").interval("month").build();
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 11), "proj_a", "10")
        .limit(limit("250", "USD", "month"))
        .alerts(java.util.Arrays.asList(half, never))
        .build();

    assertThat(forecast.limitCrossing()).isEqualTo(LocalDate.of(2026, 12, 25));
    Map<SpendAlert, LocalDate> alerts = forecast.alertCrossings();
    assertThat(alerts.get(half)).isEqualTo(LocalDate.of(2026, 12, 5));   // already crossed: an actual day
    assertThat(forecast.organization().alreadyCrossed(half.threshold())).isTrue();
    assertThat(alerts).containsEntry(never, null);
    assertThat(forecast.notes()).isEmpty();
  }

  @Test
  void aProjectIsForecastAgainstItsOwnLimit() {
    SpendForecast.Builder builder = SpendForecast.builder(LocalDate.of(2026, 12, 11));
    daily(builder, LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 11), "proj_a", "10");
    daily(builder, LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 11), "proj_b", "1");
    SpendForecast forecast = builder.projectLimit("proj_a", limit("200", "USD", "month"))
        .projectLimit("proj_gone", limit("5", "USD", "month")).build();

    assertThat(forecast.projectLimitCrossing("proj_a")).isEqualTo(LocalDate.of(2026, 12, 20));
    assertThat(forecast.projectLimitCrossing("proj_b")).isNull();
    assertThat(forecast.projects().get("proj_gone").monthToDate()).isEqualByComparingTo("0");
    assertThat(forecast.projectLimitCrossing("proj_gone")).isNull();
  }

  @Test
  void aProjectNewThisMonthIsAveragedOnlySinceItsFirstCost() {
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 11), "proj_new", "30").build();

    SpendForecast.Projection project = forecast.projects().get("proj_new");
    assertThat(project.historyDays()).isEqualTo(3);
    assertThat(project.dailyMean()).isEqualByComparingTo("30");
    assertThat(project.projected()).isEqualByComparingTo(new BigDecimal(90 + 21 * 30));
  }

  @Test
  void aLimitInAnotherCurrencyIsNotComparedAndSaysSo() {
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 11), null, "10")
        .limit(limit("250", "EUR", "month")).build();

    assertThat(forecast.limit()).isNull();
    assertThat(forecast.limitCrossing()).isNull();
    assertThat(forecast.currency()).isEqualTo("usd");
    assertThat(forecast.notes()).singleElement().asString().contains("EUR").contains("usd").contains("not compared");
  }

  @Test
  void aLimitOverAnotherIntervalThanTheMonthIsNotComparedAndSaysSo() {
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 11), null, "10")
        .limit(limit("250", "USD", "week")).build();

    assertThat(forecast.limitCrossing()).isNull();
    assertThat(forecast.notes()).singleElement().asString().contains("per week").contains("not per month");
  }

  @Test
  void aMonthWithNoCostsYetIsProjectedFromTheDaysBeforeIt() {
    SpendForecast forecast = daily(SpendForecast.builder(DEC_1), LocalDate.of(2026, 11, 1), DEC_1, null, "10")
        .limit(limit("250", "USD", "month")).build();

    assertThat(forecast.organization().monthToDate()).isEqualByComparingTo("0");
    assertThat(forecast.organization().projected()).isEqualByComparingTo("310.00");
    assertThat(forecast.limitCrossing()).isEqualTo(LocalDate.of(2026, 12, 25));
  }

  @Test
  void noCostsAtAllProjectTheMonthToDateAndSaySo() {
    SpendForecast forecast = SpendForecast.builder(LocalDate.of(2026, 12, 11))
        .limit(limit("250", "USD", "month")).build();

    assertThat(forecast.organization().projected()).isEqualByComparingTo("0");
    assertThat(forecast.organization().hasHistory()).isFalse();
    assertThat(forecast.limitCrossing()).isNull();
    assertThat(forecast.notes()).singleElement().asString().contains("no usd costs");
  }

  @Test
  void costsInASecondCurrencyAreCountedApartAndNoted() {
    SpendForecast forecast = daily(SpendForecast.builder(LocalDate.of(2026, 12, 11)),
        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 11), null, "10")
        .cost(LocalDate.of(2026, 12, 2), null, "EUR", new BigDecimal("3")).build();

    assertThat(forecast.monthToDateByCurrency()).containsEntry("eur", new BigDecimal("3"));
    assertThat(forecast.organization().monthToDate()).isEqualByComparingTo("100");
    assertThat(forecast.notes()).singleElement().asString().contains("eur");
  }
}
