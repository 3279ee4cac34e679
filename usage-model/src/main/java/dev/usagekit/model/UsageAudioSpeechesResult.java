package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * The aggregated audio speeches usage details of one group in one time bucket: {@code object}
 * {@code "organization.usage.audio_speeches.result"}, upstream schema {@code
 * UsageAudioSpeechesResult}, returned by {@link UsageEndpoint#AUDIO_SPEECHES}.
 *
 * <p>Reading requires {@code characters} and {@code num_model_requests}; every other field may be
 * absent or null. The grouping fields are set only when the request grouped by them. Unknown fields
 * are ignored; nulls are not written.
 */
// @Value.Parameter on every attribute: the JSON reader builds values in one step (no builder).
@Value.Immutable
@JsonDeserialize(using = UsageAudioSpeechesResult.Reader.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "object",
  "characters",
  "num_model_requests",
  "project_id",
  "user_id",
  "api_key_id",
  "model"
})
public abstract class UsageAudioSpeechesResult extends UsageResult {
  static final String OBJECT = "organization.usage.audio_speeches.result";

  UsageAudioSpeechesResult() {}

  /** Returns a new builder; {@code characters} and {@code numModelRequests} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.audio_speeches.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The number of characters processed ({@code characters}). */
  @JsonProperty("characters")
  @Value.Parameter
  public abstract long characters();

  /** The count of requests made to the model ({@code num_model_requests}). */
  @JsonProperty("num_model_requests")
  @Value.Parameter
  public abstract long numModelRequests();

  /** When {@code group_by=project_id}: the project ID of the grouped usage ({@code project_id}). */
  @JsonProperty("project_id")
  @Value.Parameter
  public abstract @Nullable String projectId();

  /** When {@code group_by=user_id}: the user ID of the grouped usage ({@code user_id}). */
  @JsonProperty("user_id")
  @Value.Parameter
  public abstract @Nullable String userId();

  /** When {@code group_by=api_key_id}: the API key ID of the grouped usage ({@code api_key_id}). */
  @JsonProperty("api_key_id")
  @Value.Parameter
  public abstract @Nullable String apiKeyId();

  /** When {@code group_by=model}: the model name of the grouped usage ({@code model}). */
  @JsonProperty("model")
  @Value.Parameter
  public abstract @Nullable String model();

  /**
   * Builds {@link UsageAudioSpeechesResult} values. Create one with {@link
   * UsageAudioSpeechesResult#builder()}.
   */
  public static final class Builder extends ImmutableUsageAudioSpeechesResult.Builder {
    Builder() {}
  }

  /** Reads this type: its two required counts, then optional strings ({@link JsonReaders}). */
  static final class Reader extends JsonReaders.CountsResultReader<UsageAudioSpeechesResult> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(UsageAudioSpeechesResult.class, 2,
          (c, s) -> ImmutableUsageAudioSpeechesResult.of(c[0], c[1], s[0], s[1], s[2], s[3]));
    }
  }
}
