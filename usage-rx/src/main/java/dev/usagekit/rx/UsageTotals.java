package dev.usagekit.rx;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The totals of a set of results: each count metric summed, each level metric's latest value and peak, and
 * costs per currency, exact. Metrics are named by their JSON names ({@link dev.usagekit.model.ResultField#name()}).
 *
 * <pre>{@code
 * UsageTotals totals = summary.groups("project_id").get("proj_abc");
 * long output = totals.count("output_tokens");
 * long stored = totals.latest("usage_bytes");        // a level: the latest bucket's value, never a sum over time
 * BigDecimal dollars = totals.cost("usd");           // exact: "0.0692840000000000000" + 0.06 = 0.1292840000000000000
 * Map<String, BigDecimal> all = totals.costs();      // {"eur"=..., "usd"=...}: currencies never summed together
 * }</pre>
 *
 * <p>Immutable. Two totals are equal when they counted as many results with the same values; costs compare with
 * {@link BigDecimal#equals}, scale included.
 */
public final class UsageTotals {
  private final long results;
  private final Map<String, Long> counts;
  private final Map<String, Long> latest;
  private final Map<String, Long> peaks;
  private final Map<String, BigDecimal> costs;

  UsageTotals(long results, Map<String, Long> counts, Map<String, Long> latest, Map<String, Long> peaks,
      Map<String, BigDecimal> costs) {
    this.results = results;
    this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    this.latest = Collections.unmodifiableMap(new LinkedHashMap<>(latest));
    this.peaks = Collections.unmodifiableMap(new LinkedHashMap<>(peaks));
    this.costs = Collections.unmodifiableMap(new TreeMap<>(costs));
  }

  /** How many results were added up. */
  public long results() {
    return results;
  }

  /** The sum of the count metric {@code name}, such as {@code "input_tokens"}; 0 when no result carried it. */
  public long count(String name) {
    Objects.requireNonNull(name, "name == null");
    Long count = counts.get(name);
    return count != null ? count : 0L;
  }

  /** The sum of every count metric some result carried (even if the sum is 0), in the order first seen. */
  public Map<String, Long> counts() {
    return counts;
  }

  /**
   * The latest value of the level metric {@code name}, such as {@code "usage_bytes"}: the sum over the results of
   * the latest bucket; 0 when no result carried it.
   */
  public long latest(String name) {
    Objects.requireNonNull(name, "name == null");
    Long value = latest.get(name);
    return value != null ? value : 0L;
  }

  /** The latest value of every level metric some result carried, in the order first seen. */
  public Map<String, Long> latest() {
    return latest;
  }

  /** The highest per-bucket value of every level metric some result carried, in the order first seen. */
  public Map<String, Long> peaks() {
    return peaks;
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
    return results == that.results && counts.equals(that.counts) && latest.equals(that.latest)
        && peaks.equals(that.peaks) && costs.equals(that.costs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(results, counts, latest, peaks, costs);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("UsageTotals{results=").append(results);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      s.append(", ").append(e.getKey()).append('=').append(e.getValue());
    }
    for (Map.Entry<String, Long> e : latest.entrySet()) {
      s.append(", ").append(e.getKey()).append("(latest)=").append(e.getValue())
          .append(", ").append(e.getKey()).append("(peak)=").append(peaks.get(e.getKey()));
    }
    for (Map.Entry<String, BigDecimal> e : costs.entrySet()) {
      s.append(", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return s.append('}').toString();
  }
}
