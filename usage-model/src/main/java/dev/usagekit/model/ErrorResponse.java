package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The body of an error response: {@code
 * {"error":{"message":...,"type":...,"param":...,"code":...}}} (upstream schema {@code
 * ErrorResponse}).
 *
 * <pre>{@code
 * ErrorResponse body = new ObjectMapper().readValue(json, ErrorResponse.class);
 * String message = body.error().message();
 * }</pre>
 *
 * <p>Reading requires {@code error}; fields this version does not know are kept in {@link
 * #additionalProperties()}.
 */
@Value.Immutable
@JsonDeserialize(builder = ErrorResponse.Builder.class)
public abstract class ErrorResponse {
  ErrorResponse() {}

  /** Returns a new builder; {@code error} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The error ({@code error}). */
  @JsonProperty("error")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract ApiError error();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }


  /** Builds {@link ErrorResponse} values. Create one with {@link ErrorResponse#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableErrorResponse.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public ErrorResponse build() {
      return Values.build(super::build, ErrorResponse.class);
    }
  }
}
