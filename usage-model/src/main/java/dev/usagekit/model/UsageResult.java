package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeResolver;

/**
 * One result of a {@link UsageTimeBucket}: the aggregated usage (or costs) of one group in one time
 * bucket. The concrete type is chosen by the JSON {@code object} value:
 *
 * <ul>
 *   <li>{@code organization.usage.completions.result}: {@link UsageCompletionsResult}
 *   <li>{@code organization.usage.embeddings.result}: {@link UsageEmbeddingsResult}
 *   <li>{@code organization.usage.moderations.result}: {@link UsageModerationsResult}
 *   <li>{@code organization.usage.images.result}: {@link UsageImagesResult}
 *   <li>{@code organization.usage.audio_speeches.result}: {@link UsageAudioSpeechesResult}
 *   <li>{@code organization.usage.audio_transcriptions.result}: {@link
 *       UsageAudioTranscriptionsResult}
 *   <li>{@code organization.usage.vector_stores.result}: {@link UsageVectorStoresResult}
 *   <li>{@code organization.usage.code_interpreter_sessions.result}: {@link
 *       UsageCodeInterpreterSessionsResult}
 *   <li>{@code organization.usage.file_searches.result}: {@link UsageFileSearchCallsResult}
 *   <li>{@code organization.usage.web_searches.result}: {@link UsageWebSearchCallsResult}
 *   <li>{@code organization.costs.result}: {@link CostsResult}
 *   <li>any other value: {@link UnknownUsageResult}, which keeps every field
 * </ul>
 *
 * <p>The set of subclasses is closed: they all live in this package. Use {@code instanceof}, or
 * {@link UsageEndpoint#resultType()} to learn which type an endpoint returns.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = UsageResult.OBJECT_PROPERTY,
    visible = true,
    defaultImpl = UnknownUsageResult.class)
// Jackson's handling of the above, without buffering when "object" is the first field.
@JsonTypeResolver(JsonCodecs.UsageResultTypeResolverBuilder.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = UsageCompletionsResult.class, name = UsageCompletionsResult.OBJECT),
  @JsonSubTypes.Type(value = UsageEmbeddingsResult.class, name = UsageEmbeddingsResult.OBJECT),
  @JsonSubTypes.Type(value = UsageModerationsResult.class, name = UsageModerationsResult.OBJECT),
  @JsonSubTypes.Type(value = UsageImagesResult.class, name = UsageImagesResult.OBJECT),
  @JsonSubTypes.Type(
      value = UsageAudioSpeechesResult.class,
      name = UsageAudioSpeechesResult.OBJECT),
  @JsonSubTypes.Type(
      value = UsageAudioTranscriptionsResult.class,
      name = UsageAudioTranscriptionsResult.OBJECT),
  @JsonSubTypes.Type(value = UsageVectorStoresResult.class, name = UsageVectorStoresResult.OBJECT),
  @JsonSubTypes.Type(
      value = UsageCodeInterpreterSessionsResult.class,
      name = UsageCodeInterpreterSessionsResult.OBJECT),
  @JsonSubTypes.Type(
      value = UsageFileSearchCallsResult.class,
      name = UsageFileSearchCallsResult.OBJECT),
  @JsonSubTypes.Type(
      value = UsageWebSearchCallsResult.class,
      name = UsageWebSearchCallsResult.OBJECT),
  @JsonSubTypes.Type(value = CostsResult.class, name = CostsResult.OBJECT),
})
public abstract class UsageResult {
  /** The JSON property that names the type of a result. */
  static final String OBJECT_PROPERTY = "object";

  UsageResult() {}

  /**
   * The JSON {@code object} value naming the type of this result, for example {@code
   * "organization.usage.completions.result"}.
   */
  @JsonProperty(OBJECT_PROPERTY)
  public abstract String object();
}
