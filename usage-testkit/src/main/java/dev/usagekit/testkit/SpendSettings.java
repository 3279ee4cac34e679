package dev.usagekit.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The fake's spend limits and alerts, and its answers to {@code GET /organization/spend_limit}, {@code
 * /organization/spend_alerts} and their {@code /organization/projects/{project_id}/...} twins. A limit that is not
 * set answers 404 ({@code invalid_request_error}), as does a project the fake does not know; alerts are listed in
 * the order they were given, {@code limit} per page (1 to 100, default 20), after the id of {@code after}.
 */
final class SpendSettings {
  private static final Pattern PROJECT_PATH =
      Pattern.compile("organization/projects/([^/]+)/(spend_limit|spend_alerts)");
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @Nullable SpendLimit organizationLimit;
  final List<SpendAlert> organizationAlerts = new ArrayList<>();
  final Map<String, SpendLimit> projectLimits = new LinkedHashMap<>();
  final Map<String, List<SpendAlert>> projectAlerts = new LinkedHashMap<>();

  SpendSettings copy() {
    SpendSettings copy = new SpendSettings();
    copy.organizationLimit = organizationLimit;
    copy.organizationAlerts.addAll(organizationAlerts);
    copy.projectLimits.putAll(projectLimits);
    for (Map.Entry<String, List<SpendAlert>> e : projectAlerts.entrySet()) {
      copy.projectAlerts.put(e.getKey(), new ArrayList<>(e.getValue()));
    }
    return copy;
  }

  /**
   * The answer to {@code GET relativePath} (the path under the base path), or null when the path is none of the
   * spend operations.
   */
  @Nullable FakeUsageApi.Answer answer(String relativePath, Map<String, List<String>> parameters,
      Map<String, String> projectNames) {
    if (relativePath.equals("organization/spend_limit")) {
      return limit(organizationLimit, relativePath);
    }
    if (relativePath.equals("organization/spend_alerts")) {
      return alerts(organizationAlerts, parameters);
    }
    Matcher project = PROJECT_PATH.matcher(relativePath);
    if (!project.matches()) {
      return null;
    }
    String projectId = project.group(1);
    if (!projectNames.containsKey(projectId) && !projectLimits.containsKey(projectId)
        && !projectAlerts.containsKey(projectId)) {
      return new FakeUsageApi.Answer(404, ApiErrors.body("No such project: '" + projectId + "'",
          ApiErrors.INVALID_REQUEST, "project_id", null), null);
    }
    if (project.group(2).equals("spend_limit")) {
      return limit(projectLimits.get(projectId), relativePath);
    }
    List<SpendAlert> alerts = projectAlerts.get(projectId);
    return alerts(alerts != null ? alerts : Collections.<SpendAlert>emptyList(), parameters);
  }

  private static FakeUsageApi.Answer limit(@Nullable SpendLimit limit, String path) {
    if (limit == null) {
      return new FakeUsageApi.Answer(404, ApiErrors.body("No hard spend limit is set (" + path + ")",
          ApiErrors.INVALID_REQUEST, null, null), null);
    }
    return new FakeUsageApi.Answer(200, Json.write(limit), null);
  }

  private static FakeUsageApi.Answer alerts(List<SpendAlert> alerts, Map<String, List<String>> parameters) {
    int limit = DEFAULT_LIMIT;
    String limitText = single(parameters, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        return new FakeUsageApi.Answer(400, ApiErrors.invalidParameter(
            "Invalid limit: must be an integer from 1 to " + MAX_LIMIT + ", got '" + limitText + "'", "limit"), null);
      }
    }
    String after = single(parameters, "after");
    int from = 0;
    if (after != null) {
      for (int i = 0; i < alerts.size(); i++) {
        if (alerts.get(i).id().equals(after)) {
          from = i + 1;
        }
      }
    }
    int to = Math.min(alerts.size(), from + limit);
    ObjectNode page = Json.object().put("object", "list");
    ArrayNode data = page.putArray("data");
    for (SpendAlert alert : alerts.subList(from, to)) {
      data.add(Json.tree(Json.write(alert)));
    }
    if (from < to) {
      page.put("first_id", alerts.get(from).id()).put("last_id", alerts.get(to - 1).id());
    } else {
      page.putNull("first_id").putNull("last_id");
    }
    page.put("has_more", to < alerts.size());
    return new FakeUsageApi.Answer(200, Json.write(page), null);
  }

  private static @Nullable String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
