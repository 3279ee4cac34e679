package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * Picks a result's type from its {@code object} value through the endpoint table ({@link
 * UsageEndpoint#forResultObject}), so a new result type is one table row; a value no row names is an {@link
 * UnknownUsageResult}.
 */
final class ResultTypeIdResolver extends TypeIdResolverBase {
  @Override
  public String idFromValue(Object value) {
    return ((UsageResult) value).object();
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return idFromValue(value);
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    UsageEndpoint endpoint = UsageEndpoint.forResultObject(id);
    return context.constructType(endpoint != null ? endpoint.resultType() : UnknownUsageResult.class);
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }
}
