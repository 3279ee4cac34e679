package dev.usagekit.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A query parameter that filters results: the array parameters ({@code project_ids}, {@code
 * models}, ...; repeated keys on the wire) and the boolean {@code batch}.
 *
 * <pre>{@code
 * UsageFilter filter = UsageFilter.fromWireValue("sizes");   // SIZES
 * filter.allowedValues();   // [256x256, 512x512, 1024x1024, 1792x1792, 1024x1792]
 * UsageFilter.BATCH.isBoolean();                             // true
 * }</pre>
 *
 * <p>Which filters an endpoint allows is {@link UsageEndpoint#filters()}.
 */
public enum UsageFilter {
  /** {@code project_ids}: every endpoint. */
  PROJECT_IDS("project_ids", "project_id"),
  /** {@code user_ids}: usage endpoints except vector stores and code interpreter sessions. */
  USER_IDS("user_ids", "user_id"),
  /**
   * {@code api_key_ids}: usage endpoints except vector stores and code interpreter sessions; costs.
   */
  API_KEY_IDS("api_key_ids", "api_key_id"),
  /** {@code models}: completions, decisions, embeddings, moderations, images, audio, web search calls. */
  MODELS("models", "model"),
  /**
   * {@code batch}, a boolean: completions and decisions. True returns only batch usage, false only non-batch
   * usage.
   */
  BATCH("batch", "batch"),
  /**
   * {@code sources}: images only; one of {@code image.generation}, {@code image.edit}, {@code
   * image.variation}.
   */
  SOURCES("sources", "source", "image.generation", "image.edit", "image.variation"),
  /**
   * {@code sizes}: images only; one of {@code 256x256}, {@code 512x512}, {@code 1024x1024}, {@code
   * 1792x1792}, {@code 1024x1792}.
   */
  SIZES("sizes", "size", "256x256", "512x512", "1024x1024", "1792x1792", "1024x1792"),
  /** {@code vector_store_ids}: file search calls only. */
  VECTOR_STORE_IDS("vector_store_ids", "vector_store_id"),
  /**
   * {@code context_levels} (search context size): web search calls only; one of {@code low}, {@code
   * medium}, {@code high}.
   */
  CONTEXT_LEVELS("context_levels", "context_level", "low", "medium", "high"),
  /** {@code line_items} (exact {@code line_item} names, such as {@code "gpt-4o, input"}; since 2026-09): costs only. */
  LINE_ITEMS("line_items", "line_item");

  private final String wireValue;
  private final String field;
  private final Set<String> allowedValues;

  UsageFilter(String wireValue, String field, String... allowedValues) {
    this.wireValue = wireValue;
    this.field = field;
    this.allowedValues =
        Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(allowedValues)));
  }

  /** The name of the query parameter, for example {@code "project_ids"} or {@code "batch"}. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * The JSON name of the result field this filter matches, for example {@code "project_id"} for {@code
   * project_ids}: results whose field has one of the filter's values pass.
   */
  public String field() {
    return field;
  }

  /** Whether this filter is a single boolean ({@link #BATCH}) rather than an array of strings. */
  public boolean isBoolean() {
    return this == BATCH;
  }

  /**
   * The values this filter accepts, in spec order; empty when it accepts any string (IDs, model
   * names) and for the boolean {@link #BATCH}. Unmodifiable.
   */
  public Set<String> allowedValues() {
    return allowedValues;
  }

  /**
   * Returns the filter whose {@link #wireValue()} is {@code wireValue}.
   *
   * @throws IllegalArgumentException if no filter has that name; the message names the allowed
   *     values
   */
  public static UsageFilter fromWireValue(String wireValue) {
    Objects.requireNonNull(wireValue, "wireValue == null");
    StringBuilder allowed = new StringBuilder();
    for (UsageFilter filter : values()) {
      if (filter.wireValue.equals(wireValue)) {
        return filter;
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(filter.wireValue);
    }
    throw new IllegalArgumentException(
        "filter must be one of [" + allowed + "], was: \"" + wireValue + "\"");
  }
}
