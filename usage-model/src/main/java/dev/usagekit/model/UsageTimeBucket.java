package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * One time bucket of a {@link UsageResponse}: the results of the half-open interval [{@link
 * #startTime()}, {@link #endTime()}), one per group.
 *
 * <p>JSON: {@code
 * {"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[...]}}. Times are
 * Unix seconds. Reading requires every field ({@code object} must be {@code "bucket"}); the name
 * {@code result}, used for {@code results} by specs before 2026, is accepted too. Unknown fields
 * (such as {@code start_time_iso}) are ignored.
 */
// @Value.Parameter on every attribute: the JSON reader builds values in one step (no builder).
@Value.Immutable
@JsonDeserialize(using = JsonReaders.BucketReader.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"object", "start_time", "end_time", "results"})
public abstract class UsageTimeBucket {
  /** The JSON {@code object} value of every bucket. */
  static final String OBJECT = "bucket";

  UsageTimeBucket() {}

  /** Returns a new builder; the times must be set, {@code results} defaults to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "bucket"}. */
  @JsonProperty("object")
  public final String object() {
    return OBJECT;
  }

  /** Start of the bucket, inclusive, in Unix seconds ({@code start_time}). */
  @JsonProperty("start_time")
  @Value.Parameter
  public abstract long startTime();

  /** End of the bucket, exclusive, in Unix seconds ({@code end_time}). */
  @JsonProperty("end_time")
  @Value.Parameter
  public abstract long endTime();

  /**
   * The results of this bucket, one per group ({@code results}); their type depends on the
   * endpoint, see {@link UsageEndpoint#resultType()}.
   */
  @JsonProperty("results")
  @Value.Parameter
  public abstract List<UsageResult> results();

  /** Builds {@link UsageTimeBucket} values. Create one with {@link UsageTimeBucket#builder()}. */
  public static final class Builder extends ImmutableUsageTimeBucket.Builder {
    Builder() {}
  }
}
