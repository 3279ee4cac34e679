package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.math.BigDecimal;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A hard spend limit: the organization's ({@code GET /organization/spend_limit}, {@code object} {@code
 * "organization.spend_limit"}) or a project's ({@code GET /organization/projects/{project_id}/spend_limit},
 * {@code "project.spend_limit"}).
 *
 * <pre>{@code
 * SpendLimit limit = new ObjectMapper().readValue(json, SpendLimit.class);
 * BigDecimal dollars = limit.threshold();          // threshold_amount 10000 (cents) is 100.00
 * boolean blocking = limit.enforcement().isEnforcing();
 * }</pre>
 *
 * <p>{@code threshold_amount} is in cents of {@link #currency()} (uppercase, {@code "USD"}; costs name it {@code
 * "usd"}); it is read exactly from a JSON number or string, as costs amounts are. {@code interval} ({@code month}
 * today) and the enforcement status stay open strings. Fields this version does not know are kept in {@link
 * #additionalProperties()} and written back.
 */
@Value.Immutable
@JsonDeserialize(builder = SpendLimit.Builder.class)
@JsonPropertyOrder({"object", "threshold_amount", "currency", "interval", "enforcement"})
public abstract class SpendLimit {
  /** The {@code object} of the organization's limit. */
  public static final String ORGANIZATION_OBJECT = "organization.spend_limit";
  /** The {@code object} of a project's limit. */
  public static final String PROJECT_OBJECT = "project.spend_limit";
  /** The only {@code interval} the API documents: the calendar month. */
  public static final String MONTH = "month";

  SpendLimit() {}

  /** Returns a new builder; every field must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@value #ORGANIZATION_OBJECT} or {@value #PROJECT_OBJECT} ({@code object}). */
  @JsonProperty("object")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String object();

  /** The limit in cents of {@link #currency()}, exact ({@code threshold_amount}). */
  @JsonProperty("threshold_amount")
  @JsonDeserialize(using = ExactDecimalDeserializer.class)
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract BigDecimal thresholdAmount();

  /** The currency, as the API sends it ({@code "USD"}) ({@code currency}). */
  @JsonProperty("currency")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String currency();

  /** The period the limit applies to: {@value #MONTH}, or one this version does not know ({@code interval}). */
  @JsonProperty("interval")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String interval();

  /** Whether the limit is enforcing ({@code enforcement}). */
  @JsonProperty("enforcement")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract SpendLimitEnforcement enforcement();

  /** The limit in units of {@link #currency()} (dollars): {@link #thresholdAmount()} divided by 100, exact. */
  public final BigDecimal threshold() {
    return thresholdAmount().movePointLeft(2);
  }

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link SpendLimit} values. Create one with {@link SpendLimit#builder()}. */
  // JsonBuilder without its @JsonIgnoreProperties("object"): "object" says the organization's or a project's
  @JsonPOJOBuilder(withPrefix = "")
  @JsonAutoDetect(setterVisibility = JsonAutoDetect.Visibility.NONE)
  public static final class Builder extends ImmutableSpendLimit.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public SpendLimit build() {
      return Values.build(super::build, SpendLimit.class);
    }
  }
}
