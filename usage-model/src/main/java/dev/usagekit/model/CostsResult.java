package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * The aggregated costs of one group in one time bucket ({@code object} {@code
 * "organization.costs.result"}, upstream schema {@code CostsResult}), returned by {@link
 * UsageEndpoint#COSTS}.
 *
 * <p>The spec requires only {@code object}: every other field may be absent or null. Real responses
 * always carry {@link #amount()}; the grouping fields are set only when the request grouped by
 * them, and {@link #quantity()} and {@link #quantityUnit()} only when grouped by {@code line_item}.
 * Nulls are not written; fields this version does not know are kept in {@link #additionalProperties()}.
 */
@Value.Immutable
@JsonDeserialize(builder = CostsResult.Builder.class)
public abstract class CostsResult extends UsageResult {
  static final String OBJECT = "organization.costs.result";

  CostsResult() {}

  /** Returns a new builder; every field is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.costs.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The monetary value in its associated currency ({@code amount}). */
  @JsonProperty("amount")
  public abstract @Nullable CostsAmount amount();

  /** When {@code group_by=line_item}: the line item of the grouped costs ({@code line_item}). */
  @JsonProperty("line_item")
  public abstract @Nullable String lineItem();

  /** When {@code group_by=project_id}: the project ID of the grouped costs ({@code project_id}). */
  @JsonProperty("project_id")
  public abstract @Nullable String projectId();

  /** When {@code group_by=api_key_id}: the API key ID of the grouped costs ({@code api_key_id}). */
  @JsonProperty("api_key_id")
  public abstract @Nullable String apiKeyId();

  /**
   * When {@code group_by=line_item}: the quantity of the grouped costs ({@code quantity}), exact,
   * read from a JSON number or string.
   */
  @JsonProperty("quantity")
  @JsonDeserialize(using = ExactDecimalDeserializer.class)
  public abstract @Nullable BigDecimal quantity();

  /**
   * The unit of {@link #quantity()} ({@code quantity_unit}), or null when no single supported unit
   * applies. Known units: {@code tokens}, {@code 1000_tokens}, {@code duration_seconds}, {@code
   * duration_minutes}, {@code duration_hours}, {@code gibibyte_hours}, {@code images}, {@code
   * characters}; any other string is kept as it is.
   */
  @JsonProperty("quantity_unit")
  public abstract @Nullable String quantityUnit();

  /**
   * When {@code group_by=user_id}: the user ID of the grouped costs ({@code user_id}; since 2026-10).
   */
  @JsonProperty("user_id")
  public abstract @Nullable String userId();

  /**
   * When {@code group_by=api_source}: {@code agents_api} for attributed Agents API activity, {@code unlabeled}
   * for all other ({@code api_source}; since 2026-10); null without source grouping. Any other value the API
   * adds is kept as it is.
   */
  @JsonProperty("api_source")
  public abstract @Nullable String apiSource();

  /** Builds {@link CostsResult} values. Create one with {@link CostsResult#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableCostsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public CostsResult build() {
      return Values.build(super::build, CostsResult.class);
    }
  }
}
