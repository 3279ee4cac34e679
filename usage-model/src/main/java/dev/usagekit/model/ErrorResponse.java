package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
 * <p>Reading requires {@code error}; unknown fields are ignored.
 */
@Value.Immutable
@JsonDeserialize(using = JsonReaders.ErrorResponseReader.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class ErrorResponse {
  ErrorResponse() {}

  /** Returns a new builder; {@code error} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The error ({@code error}). */
  @JsonProperty("error")
  public abstract ApiError error();

  /** Builds {@link ErrorResponse} values. Create one with {@link ErrorResponse#builder()}. */
  public static final class Builder extends ImmutableErrorResponse.Builder {
    Builder() {}
  }
}
