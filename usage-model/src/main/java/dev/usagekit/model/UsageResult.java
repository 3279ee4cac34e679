package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.annotation.JsonTypeResolver;
import java.util.Map;

/**
 * One result of a {@link UsageTimeBucket}: the aggregated usage (or costs) of one group in one time
 * bucket. The concrete type is chosen by the JSON {@code object} value, through the endpoint table:
 * {@link UsageEndpoint#resultType()} of the endpoint whose {@link UsageEndpoint#resultObject()} it is,
 * or {@link UnknownUsageResult} for a value no endpoint names (a type added to the API after this release).
 *
 * <pre>{@code
 * for (UsageResult result : bucket.results()) {
 *   ResultFields fields = ResultFields.of(result);
 *   for (ResultField metric : fields.metrics()) {
 *     System.out.println(metric.name() + " = " + metric.valueOf(result));
 *   }
 *   JsonNode undocumented = result.additionalProperties().get("project_name");
 * }
 * }</pre>
 *
 * <p>Every result keeps the fields this version does not know in {@link #additionalProperties()}, and
 * writes them back. The set of subclasses is closed: they all live in this package.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.CUSTOM,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = UsageResult.OBJECT_PROPERTY,
    visible = false,
    defaultImpl = UnknownUsageResult.class)
@JsonTypeIdResolver(ResultTypeIdResolver.class)
@JsonTypeResolver(ResultTypeResolverBuilder.class)
@JsonIgnoreProperties(value = UsageResult.OBJECT_PROPERTY, allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(UsageResult.OBJECT_PROPERTY)
public abstract class UsageResult {
  /** The JSON property that names the type of a result. */
  static final String OBJECT_PROPERTY = "object";

  UsageResult() {}

  /**
   * The JSON {@code object} value naming the type of this result, for example {@code
   * "organization.usage.completions.result"}.
   */
  @JsonProperty(OBJECT_PROPERTY)
  public abstract String object();

  /**
   * The fields of the JSON object that this version does not know, by name, in JSON order: undocumented
   * ones such as {@code project_name}, and fields the API added after this release. They are written back
   * after the known ones. The trees belong to this value: treat them as read-only.
   */
  @JsonIgnore // written by jsonAdditionalProperties(), read by the builder's any-setter
  public abstract Map<String, JsonNode> additionalProperties();

  /** Writes {@link #additionalProperties()} after the known fields. */
  @JsonAnyGetter
  Map<String, JsonNode> jsonAdditionalProperties() {
    return additionalProperties();
  }

}
