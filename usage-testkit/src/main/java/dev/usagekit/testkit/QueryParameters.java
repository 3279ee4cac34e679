package dev.usagekit.testkit;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The server side of a query: reads one from the parameters of a request, as the API validates them. */
final class QueryParameters {
  private QueryParameters() {}

  /**
   * Reads a query from its wire form, as an HTTP server receives it: {@code start_time}, {@code end_time},
   * {@code bucket_width}, {@code limit}, {@code group_by} and the endpoint's filters, each with its values
   * in order. {@code page} is ignored (it is a cursor, not part of the query). Unknown parameters are rejected,
   * and so are a null name or a null list of values.
   *
   * @throws IllegalArgumentException naming the offending parameter and its allowed values
   */
  static UsageQuery<UsageResult> parse(
      UsageEndpoint endpoint, Map<String, List<String>> parameters) {
    Objects.requireNonNull(parameters, "parameters == null");
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(endpoint);
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      String name = e.getKey();
      List<String> values = e.getValue();
      if (name == null) {
        throw new IllegalArgumentException("parameter names must not be null");
      }
      if (values == null) {
        throw new IllegalArgumentException(name + " must have a list of values, was null");
      }
      switch (name) {
        case "page":
          break;
        case "start_time":
          builder.startTime(parseLong(name, single(name, values)));
          break;
        case "end_time":
          builder.endTime(parseLong(name, single(name, values)));
          break;
        case "bucket_width":
          builder.bucketWidth(parseEnum(name, single(name, values), endpoint.bucketWidths()));
          break;
        case "limit":
          builder.limit(parseInt(name, single(name, values)));
          break;
        case "group_by":
          for (String value : values) {
            builder.groupBy(parseGroupBy(endpoint, value));
          }
          break;
        default:
          UsageFilter filter = filterNamed(endpoint, name);
          if (filter.isBoolean()) {
            builder.batch(parseBoolean(name, single(name, values)));
          } else {
            builder.filter(filter, values);
          }
      }
    }
    return builder.build();
  }


  private static String single(String name, List<String> values) {
    if (values == null || values.size() != 1) {
      throw new IllegalArgumentException(name + " must be given exactly once");
    }
    return values.get(0);
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer (Unix seconds), was '" + value + "'");
    }
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
    }
  }

  private static boolean parseBoolean(String name, String value) {
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
  }

  private static BucketWidth parseEnum(String name, String value, Set<BucketWidth> allowed) {
    for (BucketWidth width : allowed) {
      if (width.wireValue().equals(value)) {
        return width;
      }
    }
    throw new IllegalArgumentException(name + " '" + value + "' is not allowed; allowed: " + wireValues(allowed));
  }

  private static GroupByField parseGroupBy(UsageEndpoint endpoint, String value) {
    for (GroupByField field : endpoint.groupByFields()) {
      if (field.wireValue().equals(value)) {
        return field;
      }
    }
    throw new IllegalArgumentException("group_by '" + value + "' is not accepted by " + endpointName(endpoint)
        + "; allowed: " + wireValues(endpoint.groupByFields()));
  }

  private static UsageFilter filterNamed(UsageEndpoint endpoint, String name) {
    for (UsageFilter filter : endpoint.filters()) {
      if (filter.wireValue().equals(name)) {
        return filter;
      }
    }
    List<String> known = new ArrayList<>(Collections.singletonList("start_time"));
    Collections.addAll(known, "end_time", "bucket_width", "limit", "group_by", "page");
    for (UsageFilter filter : endpoint.filters()) {
      known.add(filter.wireValue());
    }
    throw new IllegalArgumentException(
        "unknown parameter '" + name + "' for " + endpointName(endpoint) + "; allowed: " + known);
  }

  private static String endpointName(UsageEndpoint endpoint) {
    return endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
  }

  private static String wireValues(Iterable<?> values) {
    List<String> wire = new ArrayList<>();
    for (Object value : values) {
      wire.add(value instanceof BucketWidth ? ((BucketWidth) value).wireValue()
          : value instanceof GroupByField ? ((GroupByField) value).wireValue() : ((UsageFilter) value).wireValue());
    }
    return wire.toString();
  }
}
