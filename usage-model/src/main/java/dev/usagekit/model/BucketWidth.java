package dev.usagekit.model;

import java.util.Objects;

/**
 * The width of the time buckets of a response: the {@code bucket_width} query parameter.
 *
 * <pre>{@code
 * BucketWidth width = BucketWidth.fromWireValue("1h"); // ONE_HOUR
 * String parameter = width.wireValue();               // "1h"
 * long seconds = width.seconds();                     // 3600
 * }</pre>
 *
 * <p>Which widths an endpoint allows, and its limits per width, are in {@link UsageEndpoint}.
 */
public enum BucketWidth {
  /** One minute, {@code 1m}. */
  ONE_MINUTE("1m", 60L),
  /** One hour, {@code 1h}. */
  ONE_HOUR("1h", 3_600L),
  /** One day, {@code 1d}: the default of every endpoint, and the only width of costs. */
  ONE_DAY("1d", 86_400L);

  private final String wireValue;
  private final long seconds;

  BucketWidth(String wireValue, long seconds) {
    this.wireValue = wireValue;
    this.seconds = seconds;
  }

  /**
   * The value of the {@code bucket_width} query parameter: {@code "1m"}, {@code "1h"} or {@code
   * "1d"}.
   */
  public String wireValue() {
    return wireValue;
  }

  /** The width in seconds: 60, 3600 or 86400. */
  public long seconds() {
    return seconds;
  }

  /**
   * Returns the width whose {@link #wireValue()} is {@code wireValue}.
   *
   * @throws IllegalArgumentException if {@code wireValue} is not one of {@code 1m}, {@code 1h},
   *     {@code 1d}; the message names the allowed values
   */
  public static BucketWidth fromWireValue(String wireValue) {
    Objects.requireNonNull(wireValue, "wireValue == null");
    for (BucketWidth width : values()) {
      if (width.wireValue.equals(wireValue)) {
        return width;
      }
    }
    throw new IllegalArgumentException(
        "bucket_width must be one of [1m, 1h, 1d], was: \"" + wireValue + "\"");
  }
}
