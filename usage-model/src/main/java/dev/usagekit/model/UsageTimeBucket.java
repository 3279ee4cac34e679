package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * One time bucket of a {@link UsageResponse}: the results of the half-open interval [{@link
 * #startTime()}, {@link #endTime()}), one per group.
 *
 * <p>JSON: {@code
 * {"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[...]}}. Times are
 * Unix seconds. Reading requires the times and {@code results}; the name {@code result}, used for {@code results}
 * by specs before 2026, is accepted too. Fields this version does not know (such as {@code
 * start_time_iso}) are kept in {@link #additionalProperties()}.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageTimeBucket.Builder.class)
@JsonIgnoreProperties(value = "object", allowGetters = true)
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
  @JsonSetter(nulls = Nulls.FAIL)
  public abstract long startTime();

  /** End of the bucket, exclusive, in Unix seconds ({@code end_time}). */
  @JsonProperty("end_time")
  @JsonSetter(nulls = Nulls.FAIL)
  public abstract long endTime();

  /**
   * The results of this bucket, one per group ({@code results}); their type depends on the
   * endpoint, see {@link UsageEndpoint#resultType()}.
   */
  @JsonProperty("results")
  @JsonAlias("result")
  @JsonSetter(nulls = Nulls.SKIP, contentNulls = Nulls.FAIL) // a null list reads as empty, a null element fails
  public abstract List<UsageResult> results();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }


  /** Builds {@link UsageTimeBucket} values. Create one with {@link UsageTimeBucket#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageTimeBucket.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageTimeBucket build() {
      return Values.build(super::build, UsageTimeBucket.class);
    }
  }
}
