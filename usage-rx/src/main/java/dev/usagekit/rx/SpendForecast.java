package dev.usagekit.rx;

import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * Where the month's spend is heading: month-to-date costs, a month-end projection with an interval, and the day the
 * hard spend limit or a spend alert would be crossed at the current rate; for the organization and for each
 * project, against its own limit.
 *
 * <pre>{@code
 * SpendForecast forecast = SpendForecast.builder(LocalDate.of(2026, 12, 7))   // days before this are complete
 *     .costs(streams.buckets(UsageQuery.costs().startTime(nov22).groupBy(GroupByField.PROJECT_ID).limit(31)
 *         .build()).toList().blockingGet())
 *     .limit(spend.organizationLimit().blockingGet())
 *     .alerts(spend.organizationAlerts().toList().blockingGet())
 *     .build();
 * SpendForecast.Projection month = forecast.organization();
 * System.out.println(month.monthToDate() + " so far, " + month.projected() + " by month end ("
 *     + month.low() + " to " + month.high() + "), limit crossed on " + forecast.limitCrossing());
 * }</pre>
 *
 * <p>The method, written for a finance reader in {@code docs/forecast.md}: the month-to-date is the exact sum of the
 * costs of the month's complete days (those before {@code asOf}). Each day of the week gets the average cost of
 * that weekday over the last {@value #DEFAULT_HISTORY_DAYS} complete days (or {@link Builder#historyDays}),
 * starting no earlier than the first day with any cost (a project that is new is not averaged with days before it
 * existed). The trend is how much a day's cost grew per day over those days, once each day's weekday average is
 * taken out (a straight line through them, least squares). Each remaining day of the month ({@code asOf}
 * included) is expected to cost its weekday's average moved along the trend (never below zero); the projection is
 * the month-to-date plus those days. The spread is the standard deviation of the days around weekday average and
 * trend; the interval is the projection plus or minus 1.645 times the standard error of the remaining total: the
 * day-to-day noise of {@code L} remaining days, the error of the averages ({@code L^2/n} for {@code n} days
 * averaged) and that of the trend (about a 90% interval when days vary independently). A threshold is crossed on
 * the first day whose running total (actual up to {@code asOf}, expected after) reaches it.
 *
 * <p>Money is exact {@link BigDecimal}: the month-to-date as summed; projections, bounds and averages rounded to
 * cents. The forecast is in one currency: the limit's if there is one and costs are in it, otherwise the one with
 * the most cost; what it cannot compare (a limit in another currency or over another interval than the month,
 * costs in other currencies, no costs at all) is said in {@link #notes()}, never thrown.
 */
public final class SpendForecast {
  /** Complete days averaged unless {@link Builder#historyDays} says otherwise. */
  public static final int DEFAULT_HISTORY_DAYS = 14;
  /** The two-sided 90% quantile of the normal distribution: the interval's width in standard deviations. */
  static final double Z90 = 1.645;

  private final LocalDate asOf;
  private final String currency;
  private final Projection organization;
  private final Map<String, Projection> projects;
  private final Map<String, BigDecimal> monthToDateByCurrency;
  private final @Nullable SpendLimit limit;
  private final List<SpendAlert> alerts;
  private final Map<String, SpendLimit> projectLimits;
  private final List<String> notes;

  private SpendForecast(Builder builder) {
    this.asOf = builder.asOf;
    this.monthToDateByCurrency = builder.monthToDateByCurrency();
    List<String> notes = new ArrayList<>();
    this.currency = builder.currency(notes);
    this.limit = comparable(builder.limit, "the organization's", currency, notes);
    List<SpendAlert> alerts = new ArrayList<>();
    for (SpendAlert alert : builder.alerts) {
      if (comparable(alert.currency(), alert.interval(), "spend alert " + alert.id(), currency, notes)) {
        alerts.add(alert);
      }
    }
    this.alerts = Collections.unmodifiableList(alerts);
    Map<String, SpendLimit> projectLimits = new TreeMap<>();
    for (Map.Entry<String, SpendLimit> e : builder.projectLimits.entrySet()) {
      SpendLimit projectLimit = comparable(e.getValue(), "project " + e.getKey() + "'s", currency, notes);
      if (projectLimit != null) {
        projectLimits.put(e.getKey(), projectLimit);
      }
    }
    this.projectLimits = Collections.unmodifiableMap(projectLimits);

    Map<LocalDate, BigDecimal> total = builder.days.get(currency) != null
        ? builder.days.get(currency) : new TreeMap<LocalDate, BigDecimal>();
    this.organization = new Projection(total, asOf, builder.historyDays);
    if (!organization.hasHistory()) {
      notes.add("no " + currency + " costs in the " + builder.historyDays + " complete days before " + asOf
          + ": nothing to project from; the projection is the month-to-date");
    }
    Map<String, Projection> projects = new TreeMap<>();
    Map<String, Map<LocalDate, BigDecimal>> byProject = builder.projectDays.get(currency);
    if (byProject != null) {
      for (Map.Entry<String, Map<LocalDate, BigDecimal>> e : byProject.entrySet()) {
        projects.put(e.getKey(), new Projection(e.getValue(), asOf, builder.historyDays));
      }
    }
    for (String projectId : projectLimits.keySet()) {
      if (!projects.containsKey(projectId)) {
        projects.put(projectId, new Projection(new TreeMap<LocalDate, BigDecimal>(), asOf, builder.historyDays));
      }
    }
    this.projects = Collections.unmodifiableMap(projects);
    this.notes = Collections.unmodifiableList(notes);
  }

  /**
   * A builder of the forecast made on {@code asOf}: the days before it are complete, {@code asOf} and the rest of
   * its month are projected.
   *
   * @throws NullPointerException if {@code asOf} is null
   */
  public static Builder builder(LocalDate asOf) {
    return new Builder(Objects.requireNonNull(asOf, "asOf == null"));
  }

  /** The day the forecast is made on: the first day that is not complete. */
  public LocalDate asOf() {
    return asOf;
  }

  /** The first day of the month forecast. */
  public LocalDate monthStart() {
    return asOf.withDayOfMonth(1);
  }

  /** The last day of the month forecast. */
  public LocalDate monthEnd() {
    return asOf.withDayOfMonth(asOf.lengthOfMonth());
  }

  /** The currency of the projections, lowercase as costs name it ({@code "usd"}). */
  public String currency() {
    return currency;
  }

  /** The month-to-date of every currency the costs are in, exact, lowercase currency first in name order. */
  public Map<String, BigDecimal> monthToDateByCurrency() {
    return monthToDateByCurrency;
  }

  /** The organization's month: every cost in {@link #currency()}, whatever its project. */
  public Projection organization() {
    return organization;
  }

  /**
   * Each project's month, by project id: every project with costs in {@link #currency()} in the month or the
   * history, and every project with a limit.
   */
  public Map<String, Projection> projects() {
    return projects;
  }

  /** The organization's hard limit, if it has one that can be compared (same currency, monthly). */
  public @Nullable SpendLimit limit() {
    return limit;
  }

  /** The day the organization reaches its hard limit at the current rate; null if no limit or not this month. */
  public @Nullable LocalDate limitCrossing() {
    return limit != null ? organization.crossing(limit.threshold()) : null;
  }

  /** The spend alerts that can be compared, each with the day it fires at the current rate (null: not this month). */
  public Map<SpendAlert, LocalDate> alertCrossings() {
    Map<SpendAlert, LocalDate> crossings = new LinkedHashMap<>();
    for (SpendAlert alert : alerts) {
      crossings.put(alert, organization.crossing(alert.threshold()));
    }
    return Collections.unmodifiableMap(crossings);
  }

  /** The project limits that can be compared, by project id. */
  public Map<String, SpendLimit> projectLimits() {
    return projectLimits;
  }

  /** The day project {@code projectId} reaches its limit; null if it has none or not this month. */
  public @Nullable LocalDate projectLimitCrossing(String projectId) {
    SpendLimit projectLimit = projectLimits.get(projectId);
    Projection projection = projects.get(projectId);
    return projectLimit != null && projection != null ? projection.crossing(projectLimit.threshold()) : null;
  }

  /** What could not be compared or projected, one sentence each; empty when everything could. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    return "SpendForecast{" + asOf + ", " + currency + ", " + organization + ", " + projects.size() + " projects}";
  }

  private static @Nullable SpendLimit comparable(@Nullable SpendLimit limit, String whose, String currency,
      List<String> notes) {
    if (limit == null) {
      return null;
    }
    return comparable(limit.currency(), limit.interval(), whose + " hard limit", currency, notes) ? limit : null;
  }

  private static boolean comparable(String limitCurrency, String interval, String what, String currency,
      List<String> notes) {
    if (!SpendLimit.MONTH.equals(interval)) {
      notes.add(what + " is per " + interval + ", not per month: not compared with the month's costs");
      return false;
    }
    if (!limitCurrency.equalsIgnoreCase(currency)) {
      notes.add(what + " is in " + limitCurrency + " and the costs are in " + currency + ": not compared");
      return false;
    }
    return true;
  }

  /**
   * One month of one series (the organization's or a project's): month-to-date, projection, interval, and the days
   * it crosses thresholds.
   */
  public static final class Projection {
    private final LocalDate asOf;
    private final BigDecimal monthToDate;
    private final Map<LocalDate, BigDecimal> actual; // the month's complete days
    private final Map<DayOfWeek, BigDecimal> weekdayMeans = new EnumMap<>(DayOfWeek.class);
    private final BigDecimal dailyMean;
    private final double spread;
    /** Cost added per day by the trend, and the day (epoch day, fractional) the weekday averages stand for. */
    private final double trend;
    private final double historyCenter;
    private final int historyDays;
    private final BigDecimal projected;
    private final BigDecimal low;
    private final BigDecimal high;

    Projection(Map<LocalDate, BigDecimal> days, LocalDate asOf, int historyDays) {
      this.asOf = asOf;
      LocalDate monthStart = asOf.withDayOfMonth(1);
      Map<LocalDate, BigDecimal> actual = new TreeMap<>();
      BigDecimal mtd = BigDecimal.ZERO;
      LocalDate first = null;
      for (Map.Entry<LocalDate, BigDecimal> e : days.entrySet()) {
        if (e.getKey().isBefore(asOf)) {
          if (!e.getKey().isBefore(monthStart)) {
            mtd = mtd.add(e.getValue());
            actual.put(e.getKey(), e.getValue());
          }
          if (first == null && e.getValue().signum() != 0 && !e.getKey().isBefore(asOf.minusDays(historyDays))) {
            first = e.getKey();
          }
        }
      }
      this.monthToDate = mtd;
      this.actual = actual;

      // The history: from the first day with a cost within the last historyDays complete days, to asOf.
      List<LocalDate> history = new ArrayList<>();
      for (LocalDate day = first; day != null && day.isBefore(asOf); day = day.plusDays(1)) {
        history.add(day);
      }
      this.historyDays = history.size();
      Map<DayOfWeek, BigDecimal> sums = new EnumMap<>(DayOfWeek.class);
      Map<DayOfWeek, Integer> counts = new EnumMap<>(DayOfWeek.class);
      BigDecimal sum = BigDecimal.ZERO;
      for (LocalDate day : history) {
        BigDecimal cost = valueOf(days, day);
        sum = sum.add(cost);
        DayOfWeek weekday = day.getDayOfWeek();
        sums.put(weekday, sums.containsKey(weekday) ? sums.get(weekday).add(cost) : cost);
        counts.put(weekday, counts.containsKey(weekday) ? counts.get(weekday) + 1 : 1);
      }
      this.dailyMean = history.isEmpty() ? BigDecimal.ZERO
          : sum.divide(BigDecimal.valueOf(history.size()), MathContext.DECIMAL64);
      for (Map.Entry<DayOfWeek, BigDecimal> e : sums.entrySet()) {
        weekdayMeans.put(e.getKey(), e.getValue().divide(BigDecimal.valueOf(counts.get(e.getKey())),
            MathContext.DECIMAL64));
      }
      // The trend: a straight line (least squares) through the days with their weekday's pattern taken out.
      double center = 0;
      for (LocalDate day : history) {
        center += day.toEpochDay();
      }
      center = history.isEmpty() ? asOf.toEpochDay() : center / history.size();
      double sxx = 0;
      double sxz = 0;
      for (LocalDate day : history) {
        double t = day.toEpochDay() - center;
        double z = valueOf(days, day).subtract(meanOf(day.getDayOfWeek())).doubleValue();
        sxx += t * t;
        sxz += t * z;
      }
      this.historyCenter = center;
      this.trend = history.size() >= 3 && sxx > 0 ? sxz / sxx : 0;
      // Spread of the days around weekday average and trend; degrees of freedom: days minus weekdays minus slope.
      double squares = 0;
      for (LocalDate day : history) {
        double residual = valueOf(days, day).subtract(meanOf(day.getDayOfWeek())).doubleValue()
            - trend * (day.toEpochDay() - center);
        squares += residual * residual;
      }
      int freedom = history.size() - weekdayMeans.size() - (trend != 0 ? 1 : 0);
      if (freedom < 1) {
        freedom = history.size() - 1;
      }
      this.spread = freedom >= 1 ? Math.sqrt(squares / freedom) : 0;

      BigDecimal rest = BigDecimal.ZERO;
      int left = 0;
      double distance = 0; // the sum over the remaining days of their distance from the history's center
      for (LocalDate day = asOf; day.getMonth() == asOf.getMonth(); day = day.plusDays(1)) {
        rest = rest.add(expected(day));
        left++;
        distance += day.toEpochDay() - center;
      }
      this.projected = cents(mtd.add(rest));
      double trendError = sxx > 0 && trend != 0 ? spread / Math.sqrt(sxx) * distance : 0;
      double halfWidth = history.isEmpty() ? 0
          : Z90 * Math.sqrt(spread * spread * (left + (double) left * left / history.size())
              + trendError * trendError);
      BigDecimal half = cents(new BigDecimal(halfWidth));
      BigDecimal lower = projected.subtract(half);
      this.low = lower.compareTo(mtd) < 0 ? cents(mtd) : lower;
      this.high = projected.add(half);
    }

    /** The expected cost of {@code day}: its weekday's average moved along the trend, never below zero. */
    private BigDecimal expected(LocalDate day) {
      BigDecimal value = meanOf(day.getDayOfWeek())
          .add(new BigDecimal(trend * (day.toEpochDay() - historyCenter)), MathContext.DECIMAL64);
      return value.signum() < 0 ? BigDecimal.ZERO : value;
    }

    private static BigDecimal valueOf(Map<LocalDate, BigDecimal> days, LocalDate day) {
      BigDecimal value = days.get(day);
      return value != null ? value : BigDecimal.ZERO;
    }

    private BigDecimal meanOf(DayOfWeek weekday) {
      BigDecimal mean = weekdayMeans.get(weekday);
      return mean != null ? mean : dailyMean;
    }

    /** The exact sum of the costs of the month's complete days (before the forecast's day). */
    public BigDecimal monthToDate() {
      return monthToDate;
    }

    /** The month-end projection, rounded to cents. */
    public BigDecimal projected() {
      return projected;
    }

    /** The interval's lower bound, never below the month-to-date, rounded to cents. */
    public BigDecimal low() {
      return low;
    }

    /** The interval's upper bound, rounded to cents. */
    public BigDecimal high() {
      return high;
    }

    /** The average daily cost over the history, rounded to cents. */
    public BigDecimal dailyMean() {
      return cents(dailyMean);
    }

    /** The average cost of {@code weekday} over the history (the overall average if the history has none), cents. */
    public BigDecimal weekdayMean(DayOfWeek weekday) {
      return cents(meanOf(Objects.requireNonNull(weekday, "weekday == null")));
    }

    /** How much the daily cost grows (or, negative, shrinks) per day over the history, rounded to cents. */
    public BigDecimal trendPerDay() {
      return cents(new BigDecimal(trend));
    }

    /** The standard deviation of a day around its weekday's average and the trend, rounded to cents. */
    public BigDecimal spread() {
      return cents(new BigDecimal(spread));
    }

    /** How many complete days the averages are over: 0 when there were no costs to average. */
    public int historyDays() {
      return historyDays;
    }

    /** Whether there were costs to average (otherwise the projection is the month-to-date). */
    public boolean hasHistory() {
      return historyDays > 0;
    }

    /** The month's complete days and their costs, exact, in date order. */
    public Map<LocalDate, BigDecimal> actualDays() {
      return Collections.unmodifiableMap(actual);
    }

    /** The projected cost of each remaining day of the month (the forecast's day included), rounded to cents. */
    public Map<LocalDate, BigDecimal> projectedDays() {
      Map<LocalDate, BigDecimal> projectedDays = new TreeMap<>();
      for (LocalDate day = asOf; day.getMonth() == asOf.getMonth(); day = day.plusDays(1)) {
        projectedDays.put(day, cents(expected(day)));
      }
      return Collections.unmodifiableMap(projectedDays);
    }

    /**
     * The day the running total reaches {@code threshold}: a past day if it already has (from the actual days),
     * else the projected day; null if it does not within the month.
     *
     * @throws NullPointerException if {@code threshold} is null
     */
    public @Nullable LocalDate crossing(BigDecimal threshold) {
      Objects.requireNonNull(threshold, "threshold == null");
      BigDecimal running = BigDecimal.ZERO;
      for (Map.Entry<LocalDate, BigDecimal> e : actual.entrySet()) {
        running = running.add(e.getValue());
        if (running.compareTo(threshold) >= 0) {
          return e.getKey();
        }
      }
      for (LocalDate day = asOf; day.getMonth() == asOf.getMonth(); day = day.plusDays(1)) {
        running = running.add(expected(day));
        if (running.compareTo(threshold) >= 0) {
          return day;
        }
      }
      return null;
    }

    /** Whether the actual month-to-date has already reached {@code threshold}. */
    public boolean alreadyCrossed(BigDecimal threshold) {
      return monthToDate.compareTo(Objects.requireNonNull(threshold, "threshold == null")) >= 0;
    }

    @Override
    public String toString() {
      return "Projection{monthToDate=" + monthToDate + ", projected=" + projected + " [" + low + ", " + high
          + "], dailyMean=" + dailyMean() + ", trendPerDay=" + trendPerDay() + ", spread=" + spread() + ", historyDays="
          + historyDays + "}";
    }

    private static BigDecimal cents(BigDecimal value) {
      return value.setScale(2, RoundingMode.HALF_UP);
    }
  }

  /** Builds a {@link SpendForecast}; create one with {@link SpendForecast#builder(LocalDate)}. */
  public static final class Builder {
    private final LocalDate asOf;
    private int historyDays = DEFAULT_HISTORY_DAYS;
    private @Nullable SpendLimit limit;
    private final List<SpendAlert> alerts = new ArrayList<>();
    private final Map<String, SpendLimit> projectLimits = new LinkedHashMap<>();
    /** Currency to day to cost, every project together. */
    private final Map<String, Map<LocalDate, BigDecimal>> days = new TreeMap<>();
    /** Currency to project to day to cost. */
    private final Map<String, Map<String, Map<LocalDate, BigDecimal>>> projectDays = new TreeMap<>();

    Builder(LocalDate asOf) {
      this.asOf = asOf;
    }

    /**
     * Adds the costs results of {@code buckets} (daily buckets of {@code GET /organization/costs}, grouped by
     * {@code project_id} or not); results of other types are ignored. A bucket's day is the UTC date of its start.
     */
    public Builder costs(Iterable<? extends UsageTimeBucket> buckets) {
      Objects.requireNonNull(buckets, "buckets == null");
      for (UsageTimeBucket bucket : buckets) {
        LocalDate day = Instant.ofEpochSecond(bucket.startTime()).atZone(ZoneOffset.UTC).toLocalDate();
        for (UsageResult result : bucket.results()) {
          if (result instanceof CostsResult) {
            CostsResult costs = (CostsResult) result;
            CostsAmount amount = costs.amount();
            if (amount != null) {
              cost(day, costs.projectId(), amount.currency(), amount.value());
            }
          }
        }
      }
      return this;
    }

    /**
     * Adds {@code amount} in {@code currency} spent on {@code day} by project {@code projectId} (null: no project).
     *
     * @throws NullPointerException if {@code day}, {@code currency} or {@code amount} is null
     */
    public Builder cost(LocalDate day, @Nullable String projectId, String currency, BigDecimal amount) {
      Objects.requireNonNull(day, "day == null");
      Objects.requireNonNull(amount, "amount == null");
      String key = Objects.requireNonNull(currency, "currency == null").toLowerCase(Locale.ROOT);
      if (amount.signum() == 0) {
        amount = BigDecimal.ZERO; // "0E-6176" is exact but its scale would carry into every sum
      }
      add(days.computeIfAbsent(key, k -> new TreeMap<>()), day, amount);
      if (projectId != null) {
        add(projectDays.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(projectId, k -> new TreeMap<>()),
            day, amount);
      }
      return this;
    }

    /** The organization's hard limit; null (the default) for none. */
    public Builder limit(@Nullable SpendLimit limit) {
      this.limit = limit;
      return this;
    }

    /** The organization's spend alerts. */
    public Builder alerts(Iterable<SpendAlert> alerts) {
      Objects.requireNonNull(alerts, "alerts == null");
      for (SpendAlert alert : alerts) {
        this.alerts.add(Objects.requireNonNull(alert, "alerts contains null"));
      }
      return this;
    }

    /** The hard limit of project {@code projectId}. */
    public Builder projectLimit(String projectId, SpendLimit limit) {
      projectLimits.put(Objects.requireNonNull(projectId, "projectId == null"),
          Objects.requireNonNull(limit, "limit == null"));
      return this;
    }

    /**
     * How many complete days before the forecast's day the averages are over; {@value #DEFAULT_HISTORY_DAYS} by
     * default. Costs of days before that and before the month are not needed.
     *
     * @throws IllegalArgumentException if {@code historyDays} is not between 1 and 366
     */
    public Builder historyDays(int historyDays) {
      if (historyDays < 1 || historyDays > 366) {
        throw new IllegalArgumentException("historyDays must be between 1 and 366, was " + historyDays);
      }
      this.historyDays = historyDays;
      return this;
    }

    /** The first day whose costs the forecast reads: the month's start or the history's, whichever is earlier. */
    public LocalDate firstDayNeeded() {
      LocalDate history = asOf.minusDays(historyDays);
      LocalDate month = asOf.withDayOfMonth(1);
      return history.isBefore(month) ? history : month;
    }

    /** The forecast. */
    public SpendForecast build() {
      return new SpendForecast(this);
    }

    private static void add(Map<LocalDate, BigDecimal> series, LocalDate day, BigDecimal amount) {
      BigDecimal before = series.get(day);
      series.put(day, before != null ? before.add(amount) : amount);
    }

    Map<String, BigDecimal> monthToDateByCurrency() {
      Map<String, BigDecimal> totals = new TreeMap<>();
      LocalDate monthStart = asOf.withDayOfMonth(1);
      for (Map.Entry<String, Map<LocalDate, BigDecimal>> e : days.entrySet()) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> day : e.getValue().entrySet()) {
          if (!day.getKey().isBefore(monthStart) && day.getKey().isBefore(asOf)) {
            total = total.add(day.getValue());
          }
        }
        totals.put(e.getKey(), total);
      }
      return Collections.unmodifiableMap(totals);
    }

    /** The currency to forecast in: the limit's if costs are in it, else the one with the most cost, else usd. */
    String currency(List<String> notes) {
      String chosen = null;
      if (limit != null && days.containsKey(limit.currency().toLowerCase(Locale.ROOT))) {
        chosen = limit.currency().toLowerCase(Locale.ROOT);
      }
      if (chosen == null) {
        BigDecimal most = null;
        for (Map.Entry<String, Map<LocalDate, BigDecimal>> e : days.entrySet()) {
          BigDecimal total = BigDecimal.ZERO;
          for (BigDecimal value : e.getValue().values()) {
            total = total.add(value);
          }
          if (most == null || total.compareTo(most) > 0) {
            most = total;
            chosen = e.getKey();
          }
        }
      }
      if (chosen == null) {
        chosen = limit != null ? limit.currency().toLowerCase(Locale.ROOT) : "usd";
      }
      for (String other : days.keySet()) {
        if (!other.equals(chosen)) {
          notes.add("costs in " + other + " are not in the projection (it is in " + chosen + "); their "
              + "month-to-date is listed apart");
        }
      }
      return chosen;
    }
  }
}
