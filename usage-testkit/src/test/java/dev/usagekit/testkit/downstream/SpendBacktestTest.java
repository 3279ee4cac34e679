package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.rx.SpendForecast;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageRecord;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Backtests of {@link SpendForecast} on data with a known month end: the synthetic organisation and generated
 * series with a trend, a weekly cycle, a spike and a project new mid-month. Each month is cut at day 7, 14 and 21
 * (the forecast made on the 8th, 15th and 22nd), the projection compared with the actual month total. The table it
 * prints is the one in docs/forecast.md.
 */
class SpendBacktestTest {
  private static final int[] CUTS = {7, 14, 21};
  private static final int SEEDS = 10;
  private static final LocalDate MONTH = LocalDate.of(2026, 11, 1); // 30 days, starts on a Sunday

  /** One scenario: puts a day's cost by project, given the day of the month (0 and below: the month before). */
  private interface Scenario {
    void costs(Map<String, BigDecimal> costs, LocalDate day, int dayOfMonth, Random random);
  }

  private static final class Result {
    final String scenario;
    final int cut;
    final double errorPercent;
    final boolean covered;
    final double widthPercent;

    Result(String scenario, int cut, double errorPercent, boolean covered, double widthPercent) {
      this.scenario = scenario;
      this.cut = cut;
      this.errorPercent = errorPercent;
      this.covered = covered;
      this.widthPercent = widthPercent;
    }
  }

  private static double noise(Random random, double sd) {
    return random.nextGaussian() * sd;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(Math.max(0, value)).setScale(6, java.math.RoundingMode.HALF_UP);
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static final String[] NAMES = {"steady", "trend", "weekly", "spike", "new project"};
  private static final Scenario[] SCENARIOS = {
    // 100 a day, 10% noise
    (b, day, d, r) -> b.put("proj_a", money(100 + noise(r, 10))),
    // +1.5% a day from 100 (day 1 of the month before is day -29)
    (b, day, d, r) -> b.put("proj_a", money(100 * Math.pow(1.015, d)
        + noise(r, 8))),
    // weekdays 140, weekends 30
    (b, day, d, r) -> b.put("proj_a", money((weekend(day) ? 30 : 140) + noise(r, 10))),
    // 100 a day and one day of 1000 in the month, on a random day
    new Scenario() {
      int spikeDay = -1;

      @Override
      public void costs(Map<String, BigDecimal> b, LocalDate day, int d, Random r) {
        if (d == -29) { // the first day generated
          spikeDay = 1 + r.nextInt(MONTH.lengthOfMonth());
        }
        b.put("proj_a", money((d == spikeDay ? 1000 : 100) + noise(r, 10)));
      }
    },
    // 100 a day, and from day 15 a new project at 80 a day
    (b, day, d, r) -> {
      b.put("proj_a", money(100 + noise(r, 10)));
      if (d >= 15) {
        b.put("proj_new", money(80 + noise(r, 8)));
      }
    },
  };

  /** Every scenario, seed and cut: the forecast on the cut and the actual month total. */
  private static List<Result> generated() {
    List<Result> results = new ArrayList<>();
    for (int s = 0; s < SCENARIOS.length; s++) {
      for (int seed = 1; seed <= SEEDS; seed++) {
        for (int cut : CUTS) {
          Random random = new Random(seed * 31L + s);
          LocalDate asOf = MONTH.plusDays(cut);
          SpendForecast.Builder forecast = SpendForecast.builder(asOf);
          BigDecimal actual = BigDecimal.ZERO;
          for (LocalDate day = MONTH.minusDays(30); day.isBefore(MONTH.plusMonths(1)); day = day.plusDays(1)) {
            int d = (int) (day.toEpochDay() - MONTH.toEpochDay()) + 1;
            Map<String, BigDecimal> costs = new TreeMap<>();
            SCENARIOS[s].costs(costs, day, d, new Random(random.nextLong()));
            for (Map.Entry<String, BigDecimal> cost : costs.entrySet()) {
              forecast.cost(day, cost.getKey(), "usd", cost.getValue()); // the forecast reads only days before asOf
              if (d >= 1) {
                actual = actual.add(cost.getValue());
              }
            }
          }
          results.add(compare(NAMES[s], cut, forecast.build().organization(), actual));
        }
      }
    }
    return results;
  }

  /** The synthetic organisation of several seeds, its November cut at 7, 14 and 21. */
  private static List<Result> synthetic() {
    List<Result> results = new ArrayList<>();
    for (long seed = 1; seed <= 5; seed++) {
      SyntheticOrganization org = SyntheticOrganization.generate(seed,
          MONTH.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant(), 60);
      for (int cut : CUTS) {
        SpendForecast.Builder forecast = SpendForecast.builder(MONTH.plusDays(cut));
        BigDecimal actual = BigDecimal.ZERO;
        for (UsageRecord record : org.records(UsageEndpoint.COSTS)) {
          CostsResult costs = (CostsResult) record.result();
          LocalDate day = Instant.ofEpochSecond(record.timestamp()).atZone(ZoneOffset.UTC).toLocalDate();
          forecast.cost(day, costs.projectId(), costs.amount().currency(), costs.amount().value());
          if (!day.isBefore(MONTH)) {
            actual = actual.add(costs.amount().value());
          }
        }
        results.add(compare("synthetic organisation", cut, forecast.build().organization(), actual));
      }
    }
    return results;
  }

  private static Result compare(String scenario, int cut, SpendForecast.Projection projection, BigDecimal actual) {
    double truth = actual.doubleValue();
    double error = (projection.projected().doubleValue() - truth) / truth * 100;
    boolean covered = projection.low().compareTo(actual) <= 0 && actual.compareTo(projection.high()) <= 0;
    double width = (projection.high().doubleValue() - projection.low().doubleValue()) / truth * 100;
    return new Result(scenario, cut, error, covered, width);
  }

  private static String table(List<Result> results) {
    StringBuilder table = new StringBuilder(
        "| series | cut at day | mean error | mean absolute error | interval covers the actual end | mean width |\n"
        + "|---|---|---|---|---|---|\n");
    List<String> scenarios = new ArrayList<>();
    for (Result r : results) {
      if (!scenarios.contains(r.scenario)) {
        scenarios.add(r.scenario);
      }
    }
    for (String scenario : scenarios) {
      for (int cut : CUTS) {
        double error = 0;
        double absolute = 0;
        double width = 0;
        int covered = 0;
        int n = 0;
        for (Result r : results) {
          if (r.scenario.equals(scenario) && r.cut == cut) {
            error += r.errorPercent;
            absolute += Math.abs(r.errorPercent);
            width += r.widthPercent;
            covered += r.covered ? 1 : 0;
            n++;
          }
        }
        table.append(String.format(Locale.ROOT, "| %s | %d | %+.1f%% | %.1f%% | %d of %d | %.1f%% |%n",
            scenario, cut, error / n, absolute / n, covered, n, width / n));
      }
    }
    return table.toString();
  }

  private static long covered(List<Result> results) {
    return results.stream().filter(r -> r.covered).count();
  }

  @Test
  void onGeneratedSeriesTheIntervalCoversTheActualEndInMostCuts() {
    List<Result> results = generated();
    System.out.println("SpendForecast backtest, generated series (" + SEEDS + " seeds each):\n" + table(results));

    assertThat(results).hasSize(SCENARIOS.length * SEEDS * CUTS.length);
    assertThat(covered(results)).isGreaterThan(results.size() / 2);
  }

  @Test
  void onTheSyntheticOrganisationTheIntervalCoversTheActualEndInMostCuts() {
    List<Result> results = synthetic();
    System.out.println("SpendForecast backtest, synthetic organisation (5 seeds):\n" + table(results));

    assertThat(covered(results)).isGreaterThan(results.size() / 2);
  }

  @Test
  void theErrorShrinksAsTheMonthGoesOn() {
    List<Result> results = generated();
    results.addAll(synthetic());
    double[] meanAbsolute = new double[CUTS.length];
    for (int i = 0; i < CUTS.length; i++) {
      int cut = CUTS[i];
      meanAbsolute[i] = results.stream().filter(r -> r.cut == cut).mapToDouble(r -> Math.abs(r.errorPercent))
          .average().getAsDouble();
    }
    assertThat(meanAbsolute[2]).isLessThan(meanAbsolute[0]);
  }
}
