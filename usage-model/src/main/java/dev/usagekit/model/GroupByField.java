package dev.usagekit.model;

import java.util.Objects;

/**
 * A field to group results by: a value of the {@code group_by} query parameter. Each set field
 * splits a bucket's results by that field, and the results then carry it (for example {@link
 * UsageCompletionsResult#model()} for {@link #MODEL}).
 *
 * <pre>{@code
 * GroupByField field = GroupByField.fromWireValue("project_id"); // PROJECT_ID
 * boolean allowed = UsageEndpoint.COSTS.groupByFields().contains(field); // true
 * }</pre>
 *
 * <p>Which fields an endpoint allows is {@link UsageEndpoint#groupByFields()}.
 */
public enum GroupByField {
  /** {@code project_id}: every endpoint. */
  PROJECT_ID("project_id"),
  /**
   * {@code user_id}: usage endpoints except vector stores and code interpreter sessions; costs (since 2026-10:
   * the API may answer 400 when combined with {@code project_id} grouping or the {@code project_ids} filter).
   */
  USER_ID("user_id"),
  /**
   * {@code api_key_id}: usage endpoints except vector stores and code interpreter sessions; costs.
   */
  API_KEY_ID("api_key_id"),
  /** {@code model}: completions, embeddings, moderations, images, audio, web search calls. */
  MODEL("model"),
  /** {@code batch}: completions and decisions. */
  BATCH("batch"),
  /** {@code service_tier}: completions and decisions. */
  SERVICE_TIER("service_tier"),
  /**
   * {@code source} ({@code image.generation}, {@code image.edit}, {@code image.variation}): images
   * only.
   */
  SOURCE("source"),
  /** {@code size}: images only. */
  SIZE("size"),
  /** {@code vector_store_id}: file search calls only. */
  VECTOR_STORE_ID("vector_store_id"),
  /** {@code context_level} (search context size): web search calls only. */
  CONTEXT_LEVEL("context_level"),
  /** {@code line_item}: costs only. */
  LINE_ITEM("line_item"),
  /**
   * {@code api_source} ({@code agents_api} or {@code unlabeled}; since 2026-10): completions, decisions, web
   * search calls and costs.
   */
  API_SOURCE("api_source");

  private final String wireValue;

  GroupByField(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value of the {@code group_by} query parameter, for example {@code "project_id"}. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Returns the field whose {@link #wireValue()} is {@code wireValue}.
   *
   * @throws IllegalArgumentException if no field has that wire value; the message names the allowed
   *     values
   */
  public static GroupByField fromWireValue(String wireValue) {
    Objects.requireNonNull(wireValue, "wireValue == null");
    StringBuilder allowed = new StringBuilder();
    for (GroupByField field : values()) {
      if (field.wireValue.equals(wireValue)) {
        return field;
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(field.wireValue);
    }
    throw new IllegalArgumentException(
        "group_by must be one of [" + allowed + "], was: \"" + wireValue + "\"");
  }
}
