package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * The error of an {@link ErrorResponse} (upstream schema {@code Error}, renamed so as not to clash
 * with {@code java.lang.Error}).
 *
 * <p>JSON: {@code {"message":"...","type":"invalid_request_error","param":null,"code":null}}.
 * Reading requires {@code message} and {@code type}; {@code param} and {@code code} may be absent
 * or null. Writing always writes all four, nulls included, as the spec requires.
 */
@Value.Immutable
@JsonDeserialize(builder = ApiError.Builder.class)
@JsonPropertyOrder({"message", "type", "param", "code"})
public abstract class ApiError {
  ApiError() {}

  /** Returns a new builder; {@code message} and {@code type} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A human-readable description of the error ({@code message}). */
  @JsonProperty("message")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String message();

  /** The kind of error, for example {@code "invalid_request_error"} ({@code type}). */
  @JsonProperty("type")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String type();

  /** The request parameter the error is about, if any ({@code param}). */
  @JsonProperty("param")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public abstract @Nullable String param();

  /** A machine-readable error code, if any ({@code code}). */
  @JsonProperty("code")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public abstract @Nullable String code();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }


  /** Builds {@link ApiError} values. Create one with {@link ApiError#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableApiError.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      putAdditionalProperties(name, value);
    }

    @Override
    public ApiError build() {
      return Values.build(super::build, ApiError.class);
    }
  }
}
