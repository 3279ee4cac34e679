package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an accessor of a result type as a metric: a number that reports can add up or follow.
 *
 * <pre>{@code
 * @JsonProperty("input_tokens")
 * @Metric
 * public abstract long inputTokens();
 *
 * @JsonProperty("usage_bytes")
 * @Metric(Metric.Kind.LEVEL)
 * public abstract long usageBytes();
 * }</pre>
 *
 * <p>This annotation is all a new count needs to reach every aggregate and report: {@link ResultFields}
 * reads it, with the accessor's JSON name. It also makes reading strict: a metric is a JSON integer from 0
 * to {@value CountDeserializer#MAX_COUNT}; a string, a fraction, a negative or a larger number fails the page
 * with a message that names the field and the range.
 */
@Documented
@JacksonAnnotationsInside
@JsonDeserialize(using = CountDeserializer.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Metric {
  /** Whether the metric adds up over time or is a level; {@link Kind#COUNT} when not given. */
  Kind value() default Kind.COUNT;

  /**
   * The JSON name of the metric this one is a part of ({@code input_cached_tokens} is part of {@code
   * input_tokens}); empty for a metric that is no other's part. Reports show the metrics that are no part first.
   */
  String partOf() default "";

  /** How values of a metric combine over time. */
  enum Kind {
    /** Adds up: tokens, requests, images, seconds. The total of a window is the sum of its buckets. */
    COUNT,
    /**
     * A level, measured per bucket: vector store bytes in use. A window's value is its latest bucket's (and
     * its peak); a sum over buckets means nothing.
     */
    LEVEL
  }
}
