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
 * The aggregated file search calls usage details of one group in one time bucket: {@code object}
 * {@code "organization.usage.file_searches.result"}, upstream schema {@code
 * UsageFileSearchCallsResult}, returned by {@link UsageEndpoint#FILE_SEARCH_CALLS}.
 *
 * <p>Reading requires {@code num_requests}; every other field may be absent or null. The grouping
 * fields are set only when the request grouped by them. Unknown fields are ignored; nulls are not
 * written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageFileSearchCallsResult.Builder.class)
public abstract class UsageFileSearchCallsResult extends UsageResult {
  static final String OBJECT = "organization.usage.file_searches.result";

  UsageFileSearchCallsResult() {}

  /** Returns a new builder; {@code numRequests} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.file_searches.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The count of file search calls ({@code num_requests}). */
  @JsonProperty("num_requests")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  public abstract long numRequests();

  /** When {@code group_by=project_id}: the project ID of the grouped usage ({@code project_id}). */
  @JsonProperty("project_id")
  public abstract @Nullable String projectId();

  /** When {@code group_by=user_id}: the user ID of the grouped usage ({@code user_id}). */
  @JsonProperty("user_id")
  public abstract @Nullable String userId();

  /** When {@code group_by=api_key_id}: the API key ID of the grouped usage ({@code api_key_id}). */
  @JsonProperty("api_key_id")
  public abstract @Nullable String apiKeyId();

  /**
   * When {@code group_by=vector_store_id}: the vector store ID of the grouped usage ({@code
   * vector_store_id}).
   */
  @JsonProperty("vector_store_id")
  public abstract @Nullable String vectorStoreId();

  /**
   * Builds {@link UsageFileSearchCallsResult} values. Create one with {@link
   * UsageFileSearchCallsResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageFileSearchCallsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageFileSearchCallsResult build() {
      return Values.build(super::build, UsageFileSearchCallsResult.class);
    }
  }
}
