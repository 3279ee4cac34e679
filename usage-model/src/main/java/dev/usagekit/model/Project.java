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
 * A project of the organization, as {@code GET /organization/projects} lists it ({@code object} {@code
 * "organization.project"}): its id, the name reports show, and when it was created or archived.
 *
 * <pre>{@code
 * Project project = Project.builder().id("proj_abc").name("Support Assistant").createdAt(1730419200L).build();
 * }</pre>
 *
 * <p>Fields this version does not know are kept in {@link #additionalProperties()} and written back.
 */
@Value.Immutable
@JsonDeserialize(builder = Project.Builder.class)
@JsonPropertyOrder({"id", "object", "name", "created_at", "archived_at", "status", "external_key_id", "residency"})
public abstract class Project {
  static final String OBJECT = "organization.project";

  Project() {}

  /** Returns a new builder; {@code id} and {@code createdAt} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The project's id, as usage results name it in {@code project_id} ({@code id}). */
  @JsonProperty("id")
  @JsonSetter(nulls = Nulls.SKIP) // a null reads as missing: "Missing required property ..."
  public abstract String id();

  /** The JSON {@code object} value: always {@code "organization.project"}. */
  @JsonProperty("object")
  @Value.Derived
  public String object() {
    return OBJECT;
  }

  /** The name of the project, which appears in reporting; null when the API sends none ({@code name}). */
  @JsonProperty("name")
  public abstract @Nullable String name();

  /** When the project was created, in Unix seconds ({@code created_at}). */
  @JsonProperty("created_at")
  public abstract long createdAt();

  /** When the project was archived, in Unix seconds, or null ({@code archived_at}). */
  @JsonProperty("archived_at")
  public abstract @Nullable Long archivedAt();

  /** {@code active} or {@code archived}, or null ({@code status}). */
  @JsonProperty("status")
  public abstract @Nullable String status();

  /** The external key associated with the project, or null ({@code external_key_id}). */
  @JsonProperty("external_key_id")
  public abstract @Nullable String externalKeyId();

  /**
   * The project's data residency configuration, for example {@code GLOBAL} or {@code EU_STORAGE_PROCESSING}, or
   * null ({@code residency}). An open value: the upstream spec lists 12, the SDK 7.60.0 15, and a value neither
   * knows is kept as it is.
   */
  @JsonProperty("residency")
  public abstract @Nullable String residency();

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link Project} values. Create one with {@link Project#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableProject.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact; {@code object} is always the project's. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      if (!"object".equals(name)) {
        putAdditionalProperties(name, value);
      }
    }

    @Override
    public Project build() {
      return Values.build(super::build, Project.class);
    }
  }
}
