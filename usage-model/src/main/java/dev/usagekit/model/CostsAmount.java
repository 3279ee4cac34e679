package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * The monetary value of a {@link CostsResult} in its currency ({@code amount}).
 *
 * <p>JSON: {@code {"value":0.06,"currency":"usd"}}. The value is read exactly, value and scale,
 * from a JSON number or from a JSON string (real responses send both, for example {@code "0E-6176"}
 * and {@code "0.0692840000000000000"}); compare amounts with {@link BigDecimal#compareTo} when the
 * scale does not matter. It is written as a JSON number that reads back equal. Reading requires
 * both fields; unknown fields are ignored.
 */
// @Value.Parameter on every attribute: the JSON reader builds values in one step (no builder).
@Value.Immutable
@JsonDeserialize(using = JsonCodecs.CostsAmountDeserializer.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"value", "currency"})
public abstract class CostsAmount {
  CostsAmount() {}

  /** Returns a new builder; {@code value} and {@code currency} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The numeric value of the cost ({@code value}). */
  @JsonProperty("value")
  @JsonSerialize(using = JsonCodecs.DecimalSerializer.class)
  @Value.Parameter
  public abstract BigDecimal value();

  /** Lowercase ISO-4217 currency, for example {@code "usd"} ({@code currency}). */
  @JsonProperty("currency")
  @Value.Parameter
  public abstract String currency();

  /** Builds {@link CostsAmount} values. Create one with {@link CostsAmount#builder()}. */
  public static final class Builder extends ImmutableCostsAmount.Builder {
    Builder() {}
  }
}
