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
 * An API key of a project, as {@code GET /organization/projects/{project_id}/api_keys} lists it ({@code object}
 * {@code "organization.project.api_key"}): its id, as usage results name it in {@code api_key_id}, the name reports
 * show, and its owner (a user or a service account) as the API sends it.
 *
 * <pre>{@code
 * ProjectApiKey key = ProjectApiKey.builder().id("key_abc").name("My API Key").createdAt(1711471533L).build();
 * }</pre>
 *
 * <p>Fields this version does not know are kept in {@link #additionalProperties()} and written back. The key's
 * secret is never sent whole: {@code redacted_value} is kept as sent.
 */
@Value.Immutable
@JsonDeserialize(builder = ProjectApiKey.Builder.class)
@JsonPropertyOrder({"object", "redacted_value", "name", "created_at", "last_used_at", "id", "owner"})
public abstract class ProjectApiKey {
  static final String OBJECT = "organization.project.api_key";

  ProjectApiKey() {}

  /** Returns a new builder; {@code id} and {@code createdAt} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "organization.project.api_key"}. */
  @JsonProperty("object")
  @Value.Derived
  public String object() {
    return OBJECT;
  }

  /** The redacted value of the key, such as {@code sk-abc...def}, or null ({@code redacted_value}). */
  @JsonProperty("redacted_value")
  public abstract @Nullable String redactedValue();

  /** The name of the key, or null when the API sends none ({@code name}). */
  @JsonProperty("name")
  public abstract @Nullable String name();

  /** When the key was created, in Unix seconds ({@code created_at}). */
  @JsonProperty("created_at")
  public abstract long createdAt();

  /** When the key was last used, in Unix seconds, or null ({@code last_used_at}). */
  @JsonProperty("last_used_at")
  public abstract @Nullable Long lastUsedAt();

  /** The key's id, as usage results name it in {@code api_key_id} ({@code id}). */
  @JsonProperty("id")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String id();

  /**
   * The owner of the key as the API sends it ({@code {type: "user" | "service_account", user | service_account:
   * {id, name, ...}}}), or null ({@code owner}).
   */
  @JsonProperty("owner")
  @JsonSetter(nulls = Nulls.SKIP) // a JSON null is no owner (null), not a NullNode
  public abstract @Nullable JsonNode owner();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link ProjectApiKey} values. Create one with {@link ProjectApiKey#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableProjectApiKey.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact; {@code object} is always the key's. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      if (!"object".equals(name)) {
        putAdditionalProperties(name, value);
      }
    }

    @Override
    public ProjectApiKey build() {
      return Values.build(super::build, ProjectApiKey.class);
    }
  }
}
