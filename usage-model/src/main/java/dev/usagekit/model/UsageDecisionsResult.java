package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * The aggregated Decisions API usage details of one group in one time bucket: {@code object} {@code
 * "organization.usage.decisions.result"}, schema {@code UsageDecisionsResult} (from openai-node 7.33.0),
 * returned by {@link UsageEndpoint#DECISIONS} (since 2026-10).
 *
 * <p>Reading requires {@code input_tokens}, {@code output_tokens} and {@code num_model_requests}, as the spec
 * does and as the official SDK types them (non-null since openai-node 7.33.0, the endpoint's first version;
 * openai-java: {@code long inputTokens()}); every other count may be absent or null, and a missing count reads
 * as null, never as 0. The token counts are declared once for completions and decisions, in {@code
 * TokenCounts}. The grouping fields are set only when the request grouped by them. Fields this version does not know are kept in {@link #additionalProperties()}; nulls are not written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageDecisionsResult.Builder.class)
public abstract class UsageDecisionsResult extends UsageResult implements TokenCounts {
  static final String OBJECT = "organization.usage.decisions.result";

  UsageDecisionsResult() {}

  /** Returns a new builder; {@code inputTokens}, {@code outputTokens} and {@code numModelRequests} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.decisions.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** When {@code group_by=project_id}: the project ID of the grouped usage ({@code project_id}). */
  @JsonProperty("project_id")
  public abstract @Nullable String projectId();

  /** When {@code group_by=user_id}: the user ID of the grouped usage ({@code user_id}). */
  @JsonProperty("user_id")
  public abstract @Nullable String userId();

  /** When {@code group_by=api_key_id}: the API key ID of the grouped usage ({@code api_key_id}). */
  @JsonProperty("api_key_id")
  public abstract @Nullable String apiKeyId();

  /** When {@code group_by=model}: the model name of the grouped usage ({@code model}). */
  @JsonProperty("model")
  public abstract @Nullable String model();

  /** When {@code group_by=batch}: whether the grouped usage is batch usage ({@code batch}). */
  @JsonProperty("batch")
  public abstract @Nullable Boolean batch();

  /**
   * When {@code group_by=service_tier}: the service tier of the grouped usage ({@code
   * service_tier}).
   */
  @JsonProperty("service_tier")
  public abstract @Nullable String serviceTier();

  /**
   * When {@code group_by=api_source}: {@code agents_api} for attributed Agents API activity, {@code unlabeled}
   * for all other ({@code api_source}; since 2026-10); null without source grouping. Any other value the API
   * adds is kept as it is.
   */
  @JsonProperty("api_source")
  public abstract @Nullable String apiSource();

  /**
   * Builds {@link UsageDecisionsResult} values. Create one with {@link
   * UsageDecisionsResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageDecisionsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageDecisionsResult build() {
      return Values.build(super::build, UsageDecisionsResult.class);
    }
  }
}
