package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the builders of this package share. */
final class Values {
  private static final Pattern MISSING = Pattern.compile("some of required attributes are not set \\[(.*)]");

  private Values() {}

  /**
   * Builds a value, naming missing required attributes by their JSON names ({@code input_tokens}, not
   * {@code inputTokens}), so that a page missing a field says which field of the JSON it was.
   */
  static <T> T build(Supplier<T> build, Class<?> type) {
    try {
      return build.get();
    } catch (IllegalStateException e) {
      Matcher missing = MISSING.matcher(String.valueOf(e.getMessage()));
      if (!missing.find()) {
        throw e;
      }
      StringBuilder names = new StringBuilder();
      for (String attribute : missing.group(1).split(", ")) {
        names.append(names.length() == 0 ? "" : ", ").append('\'').append(jsonName(type, attribute)).append('\'');
      }
      throw new IllegalStateException(
          "Missing required property " + names + " of " + type.getSimpleName(), e);
    }
  }

  private static String jsonName(Class<?> type, String attribute) {
    try {
      Method accessor = type.getMethod(attribute);
      JsonProperty property = accessor.getAnnotation(JsonProperty.class);
      return property != null ? property.value() : attribute;
    } catch (NoSuchMethodException e) {
      return attribute;
    }
  }
}
