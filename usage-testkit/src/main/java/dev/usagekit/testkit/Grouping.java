package dev.usagekit.testkit;

/** Which of an endpoint's canned pages {@link UsageFixtures#page} returns. */
public enum Grouping {
  /**
   * Without {@code group_by}: one result per bucket, every grouping field {@code null}, as the API writes it.
   */
  UNGROUPED,
  /**
   * With {@code group_by}: several results per bucket, the grouped fields set (for example {@code project_id}
   * and {@code model}), the others {@code null}.
   */
  GROUPED
}
