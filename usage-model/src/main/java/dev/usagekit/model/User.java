package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * A user of the organization, as {@code GET /organization/users} lists it ({@code object} {@code
 * "organization.user"}): its id, as usage results name it in {@code user_id}, and the name or email reports show.
 *
 * <pre>{@code
 * User user = User.builder().id("user_abc").name("First Last").email("user@example.com").addedAt(1711471533L)
 *     .build();
 * }</pre>
 *
 * <p>Fields this version does not know are kept in {@link #additionalProperties()} and written back.
 */
@Value.Immutable
@JsonDeserialize(builder = User.Builder.class)
@JsonPropertyOrder({"object", "id", "name", "email", "role", "added_at"})
public abstract class User {
  static final String OBJECT = "organization.user";

  User() {}

  /** Returns a new builder; {@code id} and {@code addedAt} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.user"}. */
  @JsonProperty("object")
  @Value.Derived
  public String object() {
    return OBJECT;
  }

  /** The user's id, as usage results name it in {@code user_id} ({@code id}). */
  @JsonProperty("id")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String id();

  /** The user's name, or null ({@code name}). */
  @JsonProperty("name")
  public abstract @Nullable String name();

  /** The user's email address, or null ({@code email}). */
  @JsonProperty("email")
  public abstract @Nullable String email();

  /** {@code owner} or {@code reader}, or null ({@code role}). */
  @JsonProperty("role")
  public abstract @Nullable String role();

  /** When the user was added to the organization, in Unix seconds ({@code added_at}). */
  @JsonProperty("added_at")
  public abstract long addedAt();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link User} values. Create one with {@link User#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableUser.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact; {@code object} is always the user's. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      if (!"object".equals(name)) {
        putAdditionalProperties(name, value);
      }
    }

    @Override
    public User build() {
      return Values.build(super::build, User.class);
    }
  }
}
