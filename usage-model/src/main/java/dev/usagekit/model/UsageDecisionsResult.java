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
 * <p>Every field may be absent or null: the official SDK types every count of this newer endpoint as
 * nullable, so a missing count reads as null, never as 0. The grouping fields are set only when the request
 * grouped by them. Fields this version does not know are kept in {@link #additionalProperties()}; nulls are not written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageDecisionsResult.Builder.class)
public abstract class UsageDecisionsResult extends UsageResult {
  static final String OBJECT = "organization.usage.decisions.result";

  UsageDecisionsResult() {}

  /** Returns a new builder; every field is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.decisions.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /**
   * The aggregated number of input tokens used, including cached and cache-write tokens. This
   * includes text, audio, and image tokens. For customers subscribed to Scale Tier, this includes
   * Scale Tier tokens ({@code input_tokens}).
   */
  @JsonProperty("input_tokens")
  @Metric
  public abstract @Nullable Long inputTokens();

  /**
   * The aggregated number of cached input tokens used across text, audio, and image inputs. For
   * customers subscribed to Scale Tier, this includes Scale Tier tokens ({@code
   * input_cached_tokens}).
   */
  @JsonProperty("input_cached_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputCachedTokens();

  /**
   * The aggregated number of input tokens written to the cache, 30-minute and 12-hour retention together
   * ({@code input_cache_write_tokens}).
   */
  @JsonProperty("input_cache_write_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputCacheWriteTokens();

  /**
   * The aggregated number of input tokens written to the cache with a 12-hour retention period ({@code
   * input_cache_write_12h_tokens}; since 2026-10).
   */
  @JsonProperty("input_cache_write_12h_tokens")
  @Metric(partOf = "input_cache_write_tokens")
  public abstract @Nullable Long inputCacheWrite12hTokens();

  /**
   * The aggregated number of input tokens written to the cache with a 30-minute retention period ({@code
   * input_cache_write_30m_tokens}; since 2026-10); absent or null in older responses.
   */
  @JsonProperty("input_cache_write_30m_tokens")
  @Metric(partOf = "input_cache_write_tokens")
  public abstract @Nullable Long inputCacheWrite30mTokens();

  /**
   * The aggregated number of uncached input tokens used across text, audio, and image inputs,
   * excluding cache-write tokens ({@code input_uncached_tokens}).
   */
  @JsonProperty("input_uncached_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputUncachedTokens();

  /**
   * The aggregated number of output tokens used across text, audio, and image outputs. For
   * customers subscribed to Scale Tier, this includes Scale Tier tokens ({@code output_tokens}).
   */
  @JsonProperty("output_tokens")
  @Metric
  public abstract @Nullable Long outputTokens();

  /**
   * The aggregated number of uncached text input tokens used, excluding cache-write tokens ({@code
   * input_text_tokens}).
   */
  @JsonProperty("input_text_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputTextTokens();

  /** The aggregated number of text output tokens used ({@code output_text_tokens}). */
  @JsonProperty("output_text_tokens")
  @Metric(partOf = "output_tokens")
  public abstract @Nullable Long outputTextTokens();

  /** The aggregated number of cached text input tokens used ({@code input_cached_text_tokens}). */
  @JsonProperty("input_cached_text_tokens")
  @Metric(partOf = "input_cached_tokens")
  public abstract @Nullable Long inputCachedTextTokens();

  /** The aggregated number of uncached audio input tokens used ({@code input_audio_tokens}). */
  @JsonProperty("input_audio_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputAudioTokens();

  /**
   * The aggregated number of cached audio input tokens used ({@code input_cached_audio_tokens}).
   */
  @JsonProperty("input_cached_audio_tokens")
  @Metric(partOf = "input_cached_tokens")
  public abstract @Nullable Long inputCachedAudioTokens();

  /** The aggregated number of audio output tokens used ({@code output_audio_tokens}). */
  @JsonProperty("output_audio_tokens")
  @Metric(partOf = "output_tokens")
  public abstract @Nullable Long outputAudioTokens();

  /** The aggregated number of uncached image input tokens used ({@code input_image_tokens}). */
  @JsonProperty("input_image_tokens")
  @Metric(partOf = "input_tokens")
  public abstract @Nullable Long inputImageTokens();

  /**
   * The aggregated number of cached image input tokens used ({@code input_cached_image_tokens}).
   */
  @JsonProperty("input_cached_image_tokens")
  @Metric(partOf = "input_cached_tokens")
  public abstract @Nullable Long inputCachedImageTokens();

  /** The aggregated number of image output tokens used ({@code output_image_tokens}). */
  @JsonProperty("output_image_tokens")
  @Metric(partOf = "output_tokens")
  public abstract @Nullable Long outputImageTokens();

  /** The count of requests made to the model ({@code num_model_requests}). */
  @JsonProperty("num_model_requests")
  @Metric
  public abstract @Nullable Long numModelRequests();

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
