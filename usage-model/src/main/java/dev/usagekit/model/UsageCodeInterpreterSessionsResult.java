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
 * The aggregated code interpreter sessions usage details of one group in one time bucket: {@code
 * object} {@code "organization.usage.code_interpreter_sessions.result"}, upstream schema {@code
 * UsageCodeInterpreterSessionsResult}, returned by {@link UsageEndpoint#CODE_INTERPRETER_SESSIONS}.
 *
 * <p>Reading requires {@code num_sessions}; every other field may be absent or null. The grouping
 * fields are set only when the request grouped by them. Unknown fields are ignored; nulls are not
 * written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageCodeInterpreterSessionsResult.Builder.class)
public abstract class UsageCodeInterpreterSessionsResult extends UsageResult {
  static final String OBJECT = "organization.usage.code_interpreter_sessions.result";

  UsageCodeInterpreterSessionsResult() {}

  /** Returns a new builder; {@code numSessions} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The JSON {@code object} value: always {@code
   * "organization.usage.code_interpreter_sessions.result"}.
   */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The number of code interpreter sessions ({@code num_sessions}). */
  @JsonProperty("num_sessions")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  public abstract long numSessions();

  /** When {@code group_by=project_id}: the project ID of the grouped usage ({@code project_id}). */
  @JsonProperty("project_id")
  public abstract @Nullable String projectId();

  /**
   * Builds {@link UsageCodeInterpreterSessionsResult} values. Create one with {@link
   * UsageCodeInterpreterSessionsResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageCodeInterpreterSessionsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageCodeInterpreterSessionsResult build() {
      return Values.build(super::build, UsageCodeInterpreterSessionsResult.class);
    }
  }
}
