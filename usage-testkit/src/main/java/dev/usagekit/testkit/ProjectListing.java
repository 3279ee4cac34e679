package dev.usagekit.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The fake's {@code GET /organization/projects}: the named projects, in id order, {@code limit} per page (1 to 100,
 * default 20), after the id of {@code after}, as the API's list page ({@code object: "list"}, {@code data},
 * {@code first_id}, {@code last_id}, {@code has_more}); and {@code GET /organization/users}, paged the same way.
 */
final class ProjectListing {
  /** The path under the base path. */
  static final String PATH = "organization/projects";
  /** The path of the users listing under the base path. */
  static final String USERS_PATH = "organization/users";
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  /** What the fake says of a project's creation: 2024-03-26, the same for all. */
  private static final long CREATED_AT = 1711471533L;

  final int status;
  final String body;

  private ProjectListing(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** The page that {@code parameters} ask for, of the projects {@code names} (id to name). */
  static ProjectListing page(Map<String, String> names, Map<String, List<String>> parameters) {
    return page(names, parameters, Kind.PROJECTS);
  }

  /** The project whose API keys {@code path} (under the base path) lists, or null when it lists no keys. */
  static @Nullable String apiKeysProject(String path) {
    String prefix = PATH + "/";
    String suffix = "/api_keys";
    if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
      return null;
    }
    String project = path.substring(prefix.length(), path.length() - suffix.length());
    return project.contains("/") ? null : project;
  }

  /** The page that {@code parameters} ask for, of the API keys {@code names} (id to name) of one project. */
  static ProjectListing apiKeys(Map<String, String> names, Map<String, List<String>> parameters) {
    return page(names, parameters, Kind.API_KEYS);
  }

  /** The page that {@code parameters} ask for, of the users {@code emails} (id to email). */
  static ProjectListing users(Map<String, String> emails, Map<String, List<String>> parameters) {
    return page(emails, parameters, Kind.USERS);
  }

  private enum Kind { PROJECTS, USERS, API_KEYS }

  private static ProjectListing page(Map<String, String> names, Map<String, List<String>> parameters, Kind kind) {
    int limit = DEFAULT_LIMIT;
    String limitText = single(parameters, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        return new ProjectListing(400, ApiErrors.invalidParameter(
            "Invalid limit: must be an integer from 1 to " + MAX_LIMIT + ", got '" + limitText + "'", "limit"));
      }
    }
    String after = single(parameters, "after");
    List<Map.Entry<String, String>> projects = new ArrayList<>(new TreeMap<>(names).entrySet());
    int from = 0;
    if (after != null) {
      while (from < projects.size() && projects.get(from).getKey().compareTo(after) <= 0) {
        from++;
      }
    }
    int to = Math.min(projects.size(), from + limit);
    ObjectNode page = Json.object().put("object", "list");
    ArrayNode data = page.putArray("data");
    for (Map.Entry<String, String> project : projects.subList(from, to)) {
      if (kind == Kind.API_KEYS) {
        ObjectNode key = data.addObject().put("object", "organization.project.api_key")
            .put("redacted_value", "sk-...abcd").put("name", project.getValue()).put("created_at", CREATED_AT)
            .putNull("last_used_at").put("id", project.getKey()).put("owner_project_access", "active");
        key.putObject("owner").put("type", "user");
        continue;
      }
      if (kind == Kind.USERS) {
        data.addObject().put("object", "organization.user").put("id", project.getKey()).putNull("name")
            .put("email", project.getValue()).put("role", "reader").put("added_at", CREATED_AT);
        continue;
      }
      data.addObject().put("id", project.getKey()).put("object", "organization.project")
          .put("name", project.getValue()).put("created_at", CREATED_AT).putNull("archived_at")
          .put("status", "active");
    }
    if (from < to) {
      page.put("first_id", projects.get(from).getKey()).put("last_id", projects.get(to - 1).getKey());
    } else {
      page.putNull("first_id").putNull("last_id");
    }
    page.put("has_more", to < projects.size());
    return new ProjectListing(200, Json.write(page));
  }

  private static @Nullable String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
