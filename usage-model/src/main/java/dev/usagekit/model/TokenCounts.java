package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import javax.annotation.Nullable;

/**
 * The token counts of completions and decisions results, declared once, in the spec's order: a count the API
 * adds to both is one accessor here ({@code @Metric}, with what it is part of), and both types have it.
 *
 * <pre>{@code
 * Long cached = completions.inputCachedTokens();   // the same accessor on a UsageDecisionsResult
 * }</pre>
 *
 * <p>Reading requires {@code input_tokens}, {@code output_tokens} and {@code num_model_requests} (as the spec
 * does for both types); every other count may be absent or null, and a missing count reads as null, never as 0.
 */
interface TokenCounts {
  /**
   * The aggregated number of input tokens used, including cached and cache-write tokens. This
   * includes text, audio, and image tokens. For customers subscribed to Scale Tier, this includes
   * Scale Tier tokens ({@code input_tokens}).
   */
  @JsonProperty("input_tokens")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  long inputTokens();
  /**
   * The aggregated number of cached input tokens used across text, audio, and image inputs. For
   * customers subscribed to Scale Tier, this includes Scale Tier tokens ({@code
   * input_cached_tokens}).
   */
  @JsonProperty("input_cached_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputCachedTokens();

  /**
   * The aggregated number of input tokens written to the cache, 30-minute and 12-hour retention together
   * ({@code input_cache_write_tokens}).
   */
  @JsonProperty("input_cache_write_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputCacheWriteTokens();

  /**
   * The aggregated number of input tokens written to the cache with a 12-hour retention period ({@code
   * input_cache_write_12h_tokens}; since 2026-10).
   */
  @JsonProperty("input_cache_write_12h_tokens")
  @Metric(partOf = "input_cache_write_tokens")
  @Nullable Long inputCacheWrite12hTokens();

  /**
   * The aggregated number of input tokens written to the cache with a 30-minute retention period ({@code
   * input_cache_write_30m_tokens}; since 2026-10); absent or null in older responses.
   */
  @JsonProperty("input_cache_write_30m_tokens")
  @Metric(partOf = "input_cache_write_tokens")
  @Nullable Long inputCacheWrite30mTokens();

  /**
   * The aggregated number of uncached input tokens used across text, audio, and image inputs,
   * excluding cache-write tokens ({@code input_uncached_tokens}).
   */
  @JsonProperty("input_uncached_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputUncachedTokens();

  /**
   * The aggregated number of output tokens used across text, audio, and image outputs. For
   * customers subscribed to Scale Tier, this includes Scale Tier tokens ({@code output_tokens}).
   */
  @JsonProperty("output_tokens")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  long outputTokens();

  /**
   * The aggregated number of uncached text input tokens used, excluding cache-write tokens ({@code
   * input_text_tokens}).
   */
  @JsonProperty("input_text_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputTextTokens();

  /** The aggregated number of text output tokens used ({@code output_text_tokens}). */
  @JsonProperty("output_text_tokens")
  @Metric(partOf = "output_tokens")
  @Nullable Long outputTextTokens();

  /** The aggregated number of cached text input tokens used ({@code input_cached_text_tokens}). */
  @JsonProperty("input_cached_text_tokens")
  @Metric(partOf = "input_cached_tokens")
  @Nullable Long inputCachedTextTokens();

  /** The aggregated number of uncached audio input tokens used ({@code input_audio_tokens}). */
  @JsonProperty("input_audio_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputAudioTokens();

  /**
   * The aggregated number of cached audio input tokens used ({@code input_cached_audio_tokens}).
   */
  @JsonProperty("input_cached_audio_tokens")
  @Metric(partOf = "input_cached_tokens")
  @Nullable Long inputCachedAudioTokens();

  /** The aggregated number of audio output tokens used ({@code output_audio_tokens}). */
  @JsonProperty("output_audio_tokens")
  @Metric(partOf = "output_tokens")
  @Nullable Long outputAudioTokens();

  /** The aggregated number of uncached image input tokens used ({@code input_image_tokens}). */
  @JsonProperty("input_image_tokens")
  @Metric(partOf = "input_tokens")
  @Nullable Long inputImageTokens();

  /**
   * The aggregated number of cached image input tokens used ({@code input_cached_image_tokens}).
   */
  @JsonProperty("input_cached_image_tokens")
  @Metric(partOf = "input_cached_tokens")
  @Nullable Long inputCachedImageTokens();

  /** The aggregated number of image output tokens used ({@code output_image_tokens}). */
  @JsonProperty("output_image_tokens")
  @Metric(partOf = "output_tokens")
  @Nullable Long outputImageTokens();

  /** The count of requests made to the model ({@code num_model_requests}). */
  @JsonProperty("num_model_requests")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  long numModelRequests();
}
