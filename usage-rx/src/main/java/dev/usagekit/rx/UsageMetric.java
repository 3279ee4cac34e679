package dev.usagekit.rx;

/**
 * A count that {@link UsageSummary} adds up, named after the JSON field of the results that carry it.
 *
 * <pre>{@code
 * long input = summary.total().get(UsageMetric.INPUT_TOKENS);
 * long requests = summary.byModel().get("gpt-4o-mini").get(UsageMetric.NUM_MODEL_REQUESTS);
 * }</pre>
 *
 * <p>Results of a type this version does not know ({@link dev.usagekit.model.UnknownUsageResult}) contribute
 * every integer field named like one of these.
 */
public enum UsageMetric {
  /** Input tokens, cached and cache-write tokens included (completions, embeddings, moderations). */
  INPUT_TOKENS("input_tokens"),
  /** Cached input tokens (completions). */
  INPUT_CACHED_TOKENS("input_cached_tokens"),
  /** Input tokens written to the cache (completions). */
  INPUT_CACHE_WRITE_TOKENS("input_cache_write_tokens"),
  /** Uncached input tokens, cache-write tokens excluded (completions). */
  INPUT_UNCACHED_TOKENS("input_uncached_tokens"),
  /** Output tokens (completions). */
  OUTPUT_TOKENS("output_tokens"),
  /** Uncached text input tokens (completions). */
  INPUT_TEXT_TOKENS("input_text_tokens"),
  /** Text output tokens (completions). */
  OUTPUT_TEXT_TOKENS("output_text_tokens"),
  /** Cached text input tokens (completions). */
  INPUT_CACHED_TEXT_TOKENS("input_cached_text_tokens"),
  /** Uncached audio input tokens (completions). */
  INPUT_AUDIO_TOKENS("input_audio_tokens"),
  /** Cached audio input tokens (completions). */
  INPUT_CACHED_AUDIO_TOKENS("input_cached_audio_tokens"),
  /** Audio output tokens (completions). */
  OUTPUT_AUDIO_TOKENS("output_audio_tokens"),
  /** Uncached image input tokens (completions). */
  INPUT_IMAGE_TOKENS("input_image_tokens"),
  /** Cached image input tokens (completions). */
  INPUT_CACHED_IMAGE_TOKENS("input_cached_image_tokens"),
  /** Image output tokens (completions). */
  OUTPUT_IMAGE_TOKENS("output_image_tokens"),
  /** Requests to a model (every usage endpoint with a model). */
  NUM_MODEL_REQUESTS("num_model_requests"),
  /** Images generated (images). */
  IMAGES("images"),
  /** Characters synthesized (audio speeches). */
  CHARACTERS("characters"),
  /** Seconds transcribed (audio transcriptions). */
  SECONDS("seconds"),
  /**
   * Bytes of vector storage (vector stores). Each bucket reports the storage in use, so a sum over buckets is
   * byte-buckets; read it per bucket with {@link UsageSummary#byBucket()}.
   */
  USAGE_BYTES("usage_bytes"),
  /** Code interpreter sessions (code interpreter sessions). */
  NUM_SESSIONS("num_sessions"),
  /** Tool calls: file searches or web searches (file search calls, web search calls). */
  NUM_REQUESTS("num_requests");

  private final String wireValue;

  UsageMetric(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The JSON field name, such as {@code "input_tokens"}. */
  public String wireValue() {
    return wireValue;
  }
}
