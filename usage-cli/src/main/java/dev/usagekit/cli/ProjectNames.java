package dev.usagekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The names of projects, by id: from the projects listing of the run, and from the {@code project_name} that real
 * costs results carry (undocumented; kept in {@code additionalProperties()}). Reports show a project as {@code
 * name (id)} where its name is known, and as its id elsewhere. The names of users (their email, else their name)
 * and of API keys, from the users and API keys listings of the run when the report groups by {@code user_id} or
 * {@code api_key_id}, are kept here too and shown the same way ({@link #label(String, String)}, csv {@code
 * user_name} and {@code api_key_name}).
 */
final class ProjectNames {
  static final String PROJECT_ID = "project_id";
  static final String PROJECT_NAME = "project_name";
  static final String USER_ID = "user_id";
  static final String USER_NAME = "user_name";
  static final String API_KEY_ID = "api_key_id";
  static final String API_KEY_NAME = "api_key_name";

  private final Map<String, String> byId = new LinkedHashMap<>();
  /** The names of users and API keys, by field ({@code user_id}, {@code api_key_id}), by id. */
  private final Map<String, Map<String, String>> others = new LinkedHashMap<>();

  /** No names: every project shows as its id. */
  static ProjectNames none() {
    return new ProjectNames();
  }

  /** Names from a listing, by id. */
  static ProjectNames of(Map<String, String> byId) {
    ProjectNames names = new ProjectNames();
    names.byId.putAll(byId);
    return names;
  }

  /** Adds the names of the values of {@code field} ({@link #USER_ID} or {@link #API_KEY_ID}), by id; returns this. */
  synchronized ProjectNames names(String field, Map<String, String> byId) {
    Map<String, String> names = others.get(field);
    if (names == null) {
      names = new LinkedHashMap<>();
      others.put(field, names);
    }
    names.putAll(byId);
    return this;
  }

  /** The name of user {@code id}, or null when it is not known. */
  @Nullable String userName(@Nullable String id) {
    return name(USER_ID, id);
  }

  /** The name of the value {@code id} of {@code field} (a user or API key id), or null when it is not known. */
  synchronized @Nullable String name(String field, @Nullable String id) {
    Map<String, String> names = others.get(field);
    return id == null || names == null ? null : names.get(id);
  }

  /**
   * A value of field {@code field} as reports show it: a project, user or API key id as {@code name (id)} when its
   * name is known, anything else as it is.
   */
  String label(String field, String value) {
    if (PROJECT_ID.equals(field)) {
      return label(value);
    }
    String name = name(field, value);
    return name == null || name.equals(value) ? value : name + " (" + value + ")";
  }

  /** Learns the names the results of {@code page} carry; a listed name stays. */
  synchronized void page(UsageResponse page) {
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        JsonNode name = result.additionalProperties().get(PROJECT_NAME);
        ResultField idField = ResultFields.of(result).field(PROJECT_ID);
        Object id = idField == null ? null : idField.valueOf(result);
        if (name != null && name.isTextual() && !name.textValue().isEmpty() && id != null
            && !byId.containsKey(id.toString())) {
          byId.put(id.toString(), name.textValue());
        }
      }
    }
  }

  /** The name of project {@code id}, or null when it is not known. */
  synchronized @Nullable String name(@Nullable String id) {
    return id == null ? null : byId.get(id);
  }

  /** {@code name (id)} when the name is known, else {@code id}. */
  String label(String id) {
    String name = name(id);
    return name == null || name.equals(id) ? id : name + " (" + id + ")";
  }

  /** Whether {@code name} is the name of exactly one project; false for null. */
  synchronized boolean isUnique(@Nullable String name) {
    if (name == null) {
      return false;
    }
    int projects = 0;
    for (String each : byId.values()) {
      projects += each.equals(name) ? 1 : 0;
    }
    return projects == 1;
  }

  synchronized boolean isEmpty() {
    return byId.isEmpty();
  }
}
