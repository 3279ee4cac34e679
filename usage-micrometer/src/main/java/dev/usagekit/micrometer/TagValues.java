package dev.usagekit.micrometer;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Bounds the distinct values of each tag: the first {@code max} values seen are kept, every later one is folded
 * into {@link #OTHER}, and the first fold of a tag is logged once. Thread-safe.
 */
final class TagValues {
  /** The value every value past the bound is folded into. */
  static final String OTHER = "other";

  private static final Logger LOG = Logger.getLogger(UsageMetrics.class.getName());

  private final int max;
  private final Map<String, Set<String>> kept = new HashMap<>();
  private final Set<String> warned = new LinkedHashSet<>();

  TagValues(int max) {
    this.max = max;
  }

  /**
   * The value {@code value} of tag {@code key} is published under: itself while the tag has fewer than {@code max}
   * distinct values or when it is one of them, else {@link #OTHER}. The empty value (no value) is never folded.
   */
  synchronized String fold(String key, String value) {
    if (value.isEmpty()) {
      return value;
    }
    Set<String> values = kept.get(key);
    if (values == null) {
      values = new LinkedHashSet<>();
      kept.put(key, values);
    }
    if (values.contains(value)) {
      return value;
    }
    if (values.size() < max) {
      values.add(value);
      return value;
    }
    if (warned.add(key)) {
      LOG.warning("usage-micrometer: tag '" + key + "' has reached maxTagValues (" + max + " distinct values); "
          + "its further values are published as " + key + "=\"" + OTHER + "\" (counted in openai.usage.folded)");
    }
    return OTHER;
  }
}
