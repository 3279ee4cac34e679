package dev.usagekit.retrofit;

import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.core.Observable;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;

/**
 * Calls a method of the generated {@link UsageApi} by its operationId, its parameters by the names of their
 * {@code @Query} annotations: a test written this way keeps compiling when the spec adds a parameter to the
 * operation (the generated method grows a positional argument; here it is left null, so left out).
 *
 * <pre>{@code
 * GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L, "page", "page_2").blockingFirst();
 * }</pre>
 */
final class GeneratedCalls {
  private GeneratedCalls() {}

  /**
   * Calls the operation with these {@code name, value} pairs; {@code additional} goes to its {@code @QueryMap}.
   * Fails naming the operation and the parameter the generated method does not have.
   */
  @SuppressWarnings("unchecked")
  static Observable<UsageResponse> call(
      UsageApi api, String operationId, Map<String, ?> additional, Object... namesAndValues) {
    Method method = method(operationId);
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    Object[] arguments = new Object[method.getParameterCount()];
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < arguments.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Query) {
          arguments[i] = values.remove(((Query) annotation).value());
        } else if (annotation instanceof QueryMap) {
          arguments[i] = additional;
        }
      }
    }
    if (!values.isEmpty()) {
      throw new AssertionError(operationId + " (UsageApi." + method.getName() + ") has no parameter "
          + values.keySet());
    }
    try {
      return (Observable<UsageResponse>) method.invoke(api, arguments);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }

  /** The generated method of an operationId ({@code usage-costs} is {@code usageCosts}). */
  static Method method(String operationId) {
    StringBuilder name = new StringBuilder();
    for (String part : operationId.split("-")) {
      name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return Arrays.stream(UsageApi.class.getMethods()).filter(m -> m.getName().contentEquals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("UsageApi has no method " + name + " for " + operationId));
  }
}
