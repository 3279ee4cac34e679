package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * The aggregated audio transcriptions usage details of one group in one time bucket: {@code object}
 * {@code "organization.usage.audio_transcriptions.result"}, upstream schema {@code
 * UsageAudioTranscriptionsResult}, returned by {@link UsageEndpoint#AUDIO_TRANSCRIPTIONS}.
 *
 * <p>Reading requires {@code seconds} and {@code num_model_requests}; every other field may be
 * absent or null. The grouping fields are set only when the request grouped by them. Fields this
 * version does not know are kept in {@link #additionalProperties()}; nulls are not written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageAudioTranscriptionsResult.Builder.class)
public abstract class UsageAudioTranscriptionsResult extends UsageResult {
  static final String OBJECT = "organization.usage.audio_transcriptions.result";

  UsageAudioTranscriptionsResult() {}

  /** Returns a new builder; {@code seconds} and {@code numModelRequests} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The JSON {@code object} value: always {@code "organization.usage.audio_transcriptions.result"}.
   */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The number of seconds processed ({@code seconds}). */
  @JsonProperty("seconds")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  public abstract long seconds();

  /** The count of requests made to the model ({@code num_model_requests}). */
  @JsonProperty("num_model_requests")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  public abstract long numModelRequests();

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

  /**
   * Builds {@link UsageAudioTranscriptionsResult} values. Create one with {@link
   * UsageAudioTranscriptionsResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageAudioTranscriptionsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageAudioTranscriptionsResult build() {
      return Values.build(super::build, UsageAudioTranscriptionsResult.class);
    }
  }
}
