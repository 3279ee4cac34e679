package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The monetary value of a {@link CostsResult} in its currency ({@code amount}).
 *
 * <p>JSON: {@code {"value":0.06,"currency":"usd"}}. The value is read exactly, value and scale,
 * from a JSON number or from a JSON string (real responses send both, for example {@code "0E-6176"}
 * and {@code "0.0692840000000000000"}); compare amounts with {@link BigDecimal#compareTo} when the
 * scale does not matter. It is written as a JSON number that reads back equal. Reading requires
 * both fields; fields this version does not know are kept in {@link #additionalProperties()}.
 */
@Value.Immutable
@JsonDeserialize(builder = CostsAmount.Builder.class)
@JsonPropertyOrder({"value", "currency"})
public abstract class CostsAmount {
  CostsAmount() {}

  /** Returns a new builder; {@code value} and {@code currency} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The numeric value of the cost ({@code value}). */
  @JsonProperty("value")
  @JsonDeserialize(using = ExactDecimalDeserializer.class)
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract BigDecimal value();

  /** Lowercase ISO-4217 currency, for example {@code "usd"} ({@code currency}). */
  @JsonProperty("currency")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String currency();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }


  /** Builds {@link CostsAmount} values. Create one with {@link CostsAmount#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableCostsAmount.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public CostsAmount build() {
      return Values.build(super::build, CostsAmount.class);
    }
  }
}
