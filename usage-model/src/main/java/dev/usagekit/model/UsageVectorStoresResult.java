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
 * The aggregated vector stores usage details of one group in one time bucket: {@code object} {@code
 * "organization.usage.vector_stores.result"}, upstream schema {@code UsageVectorStoresResult},
 * returned by {@link UsageEndpoint#VECTOR_STORES}.
 *
 * <p>Reading requires {@code usage_bytes}; every other field may be absent or null. The grouping
 * fields are set only when the request grouped by them. Unknown fields are ignored; nulls are not
 * written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageVectorStoresResult.Builder.class)
public abstract class UsageVectorStoresResult extends UsageResult {
  static final String OBJECT = "organization.usage.vector_stores.result";

  UsageVectorStoresResult() {}

  /** Returns a new builder; {@code usageBytes} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.vector_stores.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The vector stores usage in bytes ({@code usage_bytes}). */
  @JsonProperty("usage_bytes")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric(Metric.Kind.LEVEL)
  public abstract long usageBytes();

  /** When {@code group_by=project_id}: the project ID of the grouped usage ({@code project_id}). */
  @JsonProperty("project_id")
  public abstract @Nullable String projectId();

  /**
   * Builds {@link UsageVectorStoresResult} values. Create one with {@link
   * UsageVectorStoresResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageVectorStoresResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageVectorStoresResult build() {
      return Values.build(super::build, UsageVectorStoresResult.class);
    }
  }
}
