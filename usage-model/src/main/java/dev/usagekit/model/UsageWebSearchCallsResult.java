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
 * The aggregated web search calls usage details of one group in one time bucket: {@code object}
 * {@code "organization.usage.web_searches.result"}, upstream schema {@code
 * UsageWebSearchCallsResult}, returned by {@link UsageEndpoint#WEB_SEARCH_CALLS}.
 *
 * <p>Reading requires {@code num_model_requests} and {@code num_requests}; every other field may be
 * absent or null. The grouping fields are set only when the request grouped by them. Fields this
 * version does not know are kept in {@link #additionalProperties()}; nulls are not written.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageWebSearchCallsResult.Builder.class)
public abstract class UsageWebSearchCallsResult extends UsageResult {
  static final String OBJECT = "organization.usage.web_searches.result";

  UsageWebSearchCallsResult() {}

  /** Returns a new builder; {@code numModelRequests} and {@code numRequests} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.usage.web_searches.result"}. */
  @Override
  @JsonProperty(OBJECT_PROPERTY)
  public final String object() {
    return OBJECT;
  }

  /** The count of model requests ({@code num_model_requests}). */
  @JsonProperty("num_model_requests")
  @JsonSetter(nulls = Nulls.FAIL)
  @Metric
  public abstract long numModelRequests();

  /** The count of web search calls ({@code num_requests}). */
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

  /** When {@code group_by=model}: the model name of the grouped usage ({@code model}). */
  @JsonProperty("model")
  public abstract @Nullable String model();

  /**
   * When {@code group_by=context_level}: the search context size of the grouped usage ({@code
   * context_level}).
   */
  @JsonProperty("context_level")
  public abstract @Nullable String contextLevel();

  /**
   * When {@code group_by=api_source}: {@code agents_api} for attributed Agents API activity, {@code unlabeled}
   * for all other ({@code api_source}; since 2026-10); null without source grouping. Any other value the API
   * adds is kept as it is.
   */
  @JsonProperty("api_source")
  public abstract @Nullable String apiSource();

  /**
   * Builds {@link UsageWebSearchCallsResult} values. Create one with {@link
   * UsageWebSearchCallsResult#builder()}.
   */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageWebSearchCallsResult.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageWebSearchCallsResult build() {
      return Values.build(super::build, UsageWebSearchCallsResult.class);
    }
  }
}
