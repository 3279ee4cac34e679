package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.immutables.value.Value;

/**
 * One page of {@code GET /organization/users}: {@code {object:"list", data:[user], first_id, last_id,
 * has_more}}. The next page is asked for with {@code after} set to {@link #lastId()}.
 *
 * <pre>{@code
 * UserListResponse page = new ObjectMapper().readValue(json, UserListResponse.class);
 * for (User user : page.data()) {
 *   System.out.println(user.id() + " " + user.email());
 * }
 * }</pre>
 */
@Value.Immutable
@JsonDeserialize(builder = UserListResponse.Builder.class)
@JsonPropertyOrder({"object", "data", "first_id", "last_id", "has_more"})
public abstract class UserListResponse {
  UserListResponse() {}

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON {@code object} value: always {@code "list"}. */
  @JsonProperty("object")
  @Value.Derived
  public String object() {
    return "list";
  }

  /** The users of this page ({@code data}). */
  @JsonProperty("data")
  public abstract List<User> data();

  /** The id of the first user of the page, or null ({@code first_id}). */
  @JsonProperty("first_id")
  public abstract @Nullable String firstId();

  /** The id of the last user of the page: the {@code after} of the next page, or null ({@code last_id}). */
  @JsonProperty("last_id")
  public abstract @Nullable String lastId();

  /** Whether another page follows ({@code has_more}). */
  @JsonProperty("has_more")
  @Value.Default
  public boolean hasMore() {
    return false;
  }

  /** The fields of the JSON object that this version does not know, by name; written back after the others. */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

  /** Builds {@link UserListResponse} values. Create one with {@link UserListResponse#builder()}. */
  @JsonBuilder
  public static final class Builder extends ImmutableUserListResponse.Builder {
    Builder() {}

    /** Reads a field this version does not know, numbers exact; {@code object} is always {@code list}. */
    @JsonAnySetter
    @JsonDeserialize(contentUsing = ExactJsonNodeDeserializer.class) // the value of an any-setter is its content
    void jsonAdditionalProperty(String name, JsonNode value) {
      if (!"object".equals(name)) {
        putAdditionalProperties(name, value);
      }
    }

    @Override
    public UserListResponse build() {
      return Values.build(super::build, UserListResponse.class);
    }
  }
}
