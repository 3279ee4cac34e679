package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * One page of a Usage or Costs response: the time buckets, and the cursor of the next page.
 *
 * <pre>{@code
 * UsageResponse page = new ObjectMapper().readValue(json, UsageResponse.class);
 * for (UsageTimeBucket bucket : page.data()) {
 *   for (UsageResult result : bucket.results()) {
 *     if (result instanceof UsageCompletionsResult) {
 *       long tokens = ((UsageCompletionsResult) result).inputTokens();
 *     }
 *   }
 * }
 * if (page.hasMore()) {
 *   String cursor = page.nextPage(); // pass as the "page" parameter of the next request
 * }
 * }</pre>
 *
 * <p>JSON: {@code {"object":"page","data":[...],"has_more":true,"next_page":"page_..."}}. Reading
 * requires {@code data} and {@code has_more}; {@code next_page} may be absent or null. Fields this
 * version does not know are kept in {@link #additionalProperties()}. Writing always writes {@code
 * next_page}, null included, as the spec requires.
 */
@Value.Immutable
@JsonDeserialize(builder = UsageResponse.Builder.class)
@JsonIgnoreProperties(value = "object", allowGetters = true)
@JsonPropertyOrder({"object", "data", "has_more", "next_page"})
public abstract class UsageResponse {
  /** The JSON {@code object} value of every page. */
  static final String OBJECT = "page";

  UsageResponse() {}

  /** Returns a new builder; {@code hasMore} must be set, {@code data} defaults to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "page"}. */
  @JsonProperty("object")
  public final String object() {
    return OBJECT;
  }

  /** The time buckets of this page, in time order ({@code data}). */
  @JsonProperty("data")
  @JsonSetter(nulls = Nulls.SKIP, contentNulls = Nulls.FAIL) // a null list reads as empty, a null element fails
  public abstract List<UsageTimeBucket> data();

  /** Whether a further page exists ({@code has_more}). */
  @JsonProperty("has_more")
  @JsonSetter(nulls = Nulls.FAIL)
  public abstract boolean hasMore();

  /**
   * The cursor of the next page, to pass as the {@code page} query parameter ({@code next_page});
   * null on the last page.
   */
  @JsonProperty("next_page")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public abstract @Nullable String nextPage();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /**
   * When the server sent this page: its HTTP {@code Date} header, which the {@code UsageApi} of {@code
   * UsageApiFactory} sets; null when unknown (a page decoded from JSON, or from another {@code UsageApi}). The
   * server's clock, beside the local one, decides which buckets are final enough to cache. No part of the JSON,
   * nor of {@code equals}, {@code hashCode} or {@code toString}: the same page sent at another time is equal.
   */
  @JsonIgnore
  @Value.Auxiliary
  public abstract @Nullable Instant serverDate();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }


  /** Builds {@link UsageResponse} values. Create one with {@link UsageResponse#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableUsageResponse.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public UsageResponse build() {
      return Values.build(super::build, UsageResponse.class);
    }
  }
}
