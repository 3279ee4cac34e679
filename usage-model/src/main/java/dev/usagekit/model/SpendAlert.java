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
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * A spend alert: an email sent when spend in the interval reaches a threshold. The organization's ({@code GET
 * /organization/spend_alerts}, {@code object} {@code "organization.spend_alert"}) or a project's ({@code
 * "project.spend_alert"}).
 *
 * <pre>{@code
 * SpendAlert alert = SpendAlert.builder().id("alert_abc").object(SpendAlert.ORGANIZATION_OBJECT)
 *     .thresholdAmount(new BigDecimal(80000))
 *     .currency("USD").interval("month").build();
 * BigDecimal dollars = alert.threshold();           // 800.00
 * }</pre>
 *
 * <p>As {@link SpendLimit}: {@code threshold_amount} is in cents, read exactly from a number or a string; {@code
 * interval} stays open. The notification channel is kept as it came ({@link #notificationChannel()}). Fields this
 * version does not know are kept in {@link #additionalProperties()} and written back.
 */
@Value.Immutable
@JsonDeserialize(builder = SpendAlert.Builder.class)
@JsonPropertyOrder({"id", "object", "threshold_amount", "currency", "interval", "notification_channel"})
public abstract class SpendAlert {
  /** The {@code object} of an organization's alert. */
  public static final String ORGANIZATION_OBJECT = "organization.spend_alert";
  /** The {@code object} of a project's alert. */
  public static final String PROJECT_OBJECT = "project.spend_alert";

  SpendAlert() {}

  /** Returns a new builder; every field but {@code notification_channel} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The alert's id ({@code id}). */
  @JsonProperty("id")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String id();

  /** {@value #ORGANIZATION_OBJECT} or {@value #PROJECT_OBJECT} ({@code object}). */
  @JsonProperty("object")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String object();

  /** The threshold in cents of {@link #currency()}, exact ({@code threshold_amount}). */
  @JsonProperty("threshold_amount")
  @JsonDeserialize(using = ExactDecimalDeserializer.class)
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract BigDecimal thresholdAmount();

  /** The currency, as the API sends it ({@code "USD"}) ({@code currency}). */
  @JsonProperty("currency")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String currency();

  /** The period spend is summed over: {@code month}, or one this version does not know ({@code interval}). */
  @JsonProperty("interval")
  @JsonSetter(nulls = Nulls.SKIP)
  public abstract String interval();

  /** Who is told, as sent ({@code notification_channel}: type, recipients, subject prefix); null if absent. */
  @JsonProperty("notification_channel")
  @JsonSetter(nulls = Nulls.SKIP) // a JSON null is no channel (null), not a NullNode
  public abstract @Nullable JsonNode notificationChannel();

  /** The threshold in units of {@link #currency()} (dollars): {@link #thresholdAmount()} divided by 100, exact. */
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

  /** Builds {@link SpendAlert} values. Create one with {@link SpendAlert#builder()}. */
  // JsonBuilder without its @JsonIgnoreProperties("object"): "object" says the organization's or a project's
  @JsonPOJOBuilder(withPrefix = "")
  @JsonAutoDetect(setterVisibility = JsonAutoDetect.Visibility.NONE)
  public static final class Builder extends ImmutableSpendAlert.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public SpendAlert build() {
      return Values.build(super::build, SpendAlert.class);
    }
  }
}
