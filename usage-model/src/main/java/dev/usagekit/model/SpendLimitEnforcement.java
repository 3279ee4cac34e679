package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Whether a hard spend limit is enforcing ({@code enforcement} of a {@link SpendLimit}).
 *
 * <pre>{@code
 * boolean blocking = limit.enforcement().isEnforcing();
 * }</pre>
 *
 * <p>The status stays an open string: {@code enforcing} and {@code inactive} today. Fields this version does not
 * know are kept in {@link #additionalProperties()} and written back.
 */
@Value.Immutable
@JsonDeserialize(builder = SpendLimitEnforcement.Builder.class)
public abstract class SpendLimitEnforcement {
  /** The status of a limit that blocks requests once spend reaches it. */
  public static final String ENFORCING = "enforcing";

  SpendLimitEnforcement() {}

  /** Returns a new builder; {@code status} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code enforcing}, {@code inactive}, or a status this version does not know ({@code status}). */
  @JsonProperty("status")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String status();

  /** Whether {@link #status()} is {@value #ENFORCING}. */
  @JsonIgnore
  public final boolean isEnforcing() {
    return ENFORCING.equals(status());
  }

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link SpendLimitEnforcement} values. Create one with {@link SpendLimitEnforcement#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableSpendLimitEnforcement.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public SpendLimitEnforcement build() {
      return Values.build(super::build, SpendLimitEnforcement.class);
    }
  }
}
