package dev.usagekit.testkit.downstream;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import java.util.ArrayList;
import java.util.List;

/** The group_by fields of an endpoint that the API accepts all at once. */
final class GroupFields {
  private GroupFields() {}

  /** Every group field of the endpoint, but costs by user_id, which the API refuses with project_id (400). */
  static List<GroupByField> allTogether(UsageEndpoint endpoint) {
    List<GroupByField> fields = new ArrayList<>(endpoint.groupByFields());
    if (ResultFields.of(endpoint.resultType()).amount() != null && fields.contains(GroupByField.PROJECT_ID)) {
      fields.remove(GroupByField.USER_ID);
    }
    return fields;
  }
}
