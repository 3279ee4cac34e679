package dev.usagekit.rx;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The sums of a set of results: each {@link UsageMetric}, and costs per currency, exact.
 *
 * <pre>{@code
 * UsageTotals totals = summary.byProject().get("proj_abc");
 * long output = totals.get(UsageMetric.OUTPUT_TOKENS);
 * BigDecimal dollars = totals.cost("usd");          // exact: "0.0692840000000000000" + 0.06 = 0.1292840000000000000
 * Map<String, BigDecimal> all = totals.costs();      // {"eur"=..., "usd"=...}: currencies never summed together
 * }</pre>
 *
 * <p>Immutable. Two totals are equal when they counted as many results with the same sums; costs compare with
 * {@link BigDecimal#equals}, scale included.
 */
public final class UsageTotals {
  private final long results;
  private final Map<UsageMetric, Long> counts;
  private final Map<String, BigDecimal> costs;

  UsageTotals(long results, EnumMap<UsageMetric, Long> counts, TreeMap<String, BigDecimal> costs) {
    this.results = results;
    this.counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    this.costs = Collections.unmodifiableMap(new TreeMap<>(costs));
  }

  /** How many results were added up. */
  public long results() {
    return results;
  }

  /** The sum of {@code metric}; 0 when no result carried it. */
  public long get(UsageMetric metric) {
    Objects.requireNonNull(metric, "metric == null");
    Long count = counts.get(metric);
    return count != null ? count : 0L;
  }

  /** The sum of every metric some result carried (even if the sum is 0), in {@link UsageMetric} order. */
  public Map<UsageMetric, Long> counts() {
    return counts;
  }

  /**
   * The exact sum of the costs in {@code currency} (ISO 4217, any case, such as {@code "usd"}); {@link
   * BigDecimal#ZERO} when there were none.
   */
  public BigDecimal cost(String currency) {
    Objects.requireNonNull(currency, "currency == null");
    BigDecimal cost = costs.get(currency.toLowerCase(Locale.ROOT));
    return cost != null ? cost : BigDecimal.ZERO;
  }

  /**
   * The exact sum of the costs per currency (lowercase), in currency order; empty when there were no costs. Sums
   * keep the scale of their terms ({@code 0.0692840000000000000 + 0.06 = 0.1292840000000000000}), except that
   * zero amounts add nothing, not even their scale (the API writes zero as {@code "0E-6176"}).
   */
  public Map<String, BigDecimal> costs() {
    return costs;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UsageTotals)) {
      return false;
    }
    UsageTotals that = (UsageTotals) o;
    return results == that.results && counts.equals(that.counts) && costs.equals(that.costs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(results, counts, costs);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("UsageTotals{results=").append(results);
    for (Map.Entry<UsageMetric, Long> e : counts.entrySet()) {
      s.append(", ").append(e.getKey().wireValue()).append('=').append(e.getValue());
    }
    for (Map.Entry<String, BigDecimal> e : costs.entrySet()) {
      s.append(", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return s.append('}').toString();
  }
}
