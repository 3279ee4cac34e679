package dev.usagekit.testkit;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a query from its wire form, as the fake server receives it (moved here from {@code UsageQuery}, whose
 * {@code fromQueryParameters} the model no longer has): {@code page} is ignored, unknown parameters are rejected.
 */
final class QueryParameters {
  private QueryParameters() {}

  /** @throws IllegalArgumentException naming the offending parameter and its allowed values */
  static UsageQuery<UsageResult> read(UsageEndpoint endpoint, Map<String, List<String>> parameters) {
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
          builder.startTime(parseLong(name, single(name, values), " (Unix seconds)"));
          break;
        case "end_time":
          builder.endTime(parseLong(name, single(name, values), " (Unix seconds)"));
          break;
        case "bucket_width":
          builder.bucketWidth(bucketWidth(endpoint, single(name, values)));
          break;
        case "limit":
          long limit = parseLong(name, single(name, values), "");
          builder.limit(limit > Integer.MAX_VALUE || limit < Integer.MIN_VALUE ? -1 : (int) limit);
          break;
        case "group_by":
          for (String value : values) {
            builder.groupBy(groupBy(endpoint, value));
          }
          break;
        default:
          UsageFilter filter = filter(endpoint, name);
          if (filter.isBoolean()) {
            String value = single(name, values);
            if (!"true".equals(value) && !"false".equals(value)) {
              throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
            }
            builder.batch(Boolean.parseBoolean(value));
          } else {
            builder.filter(filter, values);
          }
      }
    }
    return builder.build();
  }

  private static String name(UsageEndpoint endpoint) {
    return endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
  }

  private static String single(String name, List<String> values) {
    if (values.size() != 1) {
      throw new IllegalArgumentException(name + " must be given exactly once");
    }
    return values.get(0);
  }

  private static long parseLong(String name, String value, String what) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer" + what + ", was '" + value + "'");
    }
  }

  private static BucketWidth bucketWidth(UsageEndpoint endpoint, String value) {
    List<String> allowed = new ArrayList<>();
    for (BucketWidth width : endpoint.bucketWidths()) {
      if (width.wireValue().equals(value)) {
        return width;
      }
      allowed.add(width.wireValue());
    }
    throw new IllegalArgumentException("bucket_width '" + value + "' is not allowed; allowed: " + allowed);
  }

  private static GroupByField groupBy(UsageEndpoint endpoint, String value) {
    List<String> allowed = new ArrayList<>();
    for (GroupByField field : endpoint.groupByFields()) {
      if (field.wireValue().equals(value)) {
        return field;
      }
      allowed.add(field.wireValue());
    }
    throw new IllegalArgumentException("group_by '" + value + "' is not accepted by " + name(endpoint)
        + "; allowed: " + allowed);
  }

  private static UsageFilter filter(UsageEndpoint endpoint, String name) {
    List<String> known = new ArrayList<>(
        Arrays.asList("start_time", "end_time", "bucket_width", "limit", "group_by", "page"));
    for (UsageFilter filter : endpoint.filters()) {
      if (filter.wireValue().equals(name)) {
        return filter;
      }
      known.add(filter.wireValue());
    }
    throw new IllegalArgumentException("unknown parameter '" + name + "' for " + name(endpoint) + "; allowed: " + known);
  }
}
