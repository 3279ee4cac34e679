package dev.usagekit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The fake's data and its answers, without HTTP: the records by endpoint, in time order, and the pages the
 * API would return for a query. Thread-safe: records may be added while queries run.
 */
final class UsageLedger {
  static final long DAY = 86_400L;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final Map<UsageEndpoint, List<UsageRecord>> records = new EnumMap<>(UsageEndpoint.class);
  private final Map<String, String> projectNames = new HashMap<>();
  private final Map<String, String> userEmails = new HashMap<>();
  /** API key names by project id, by key id. */
  private final Map<String, Map<String, String>> apiKeyNames = new HashMap<>();

  UsageLedger() {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      records.put(endpoint, new ArrayList<UsageRecord>());
    }
  }

  synchronized void add(UsageRecord record) {
    List<UsageRecord> list = records.get(record.endpoint());
    int at = list.size();
    // Records usually arrive in time order: walk back from the end to keep the list sorted (stable).
    while (at > 0 && list.get(at - 1).timestamp() > record.timestamp()) {
      at--;
    }
    list.add(at, record);
  }

  synchronized void addAll(Iterable<UsageRecord> all) {
    for (UsageRecord record : all) {
      add(record);
    }
  }

  synchronized void clear() {
    for (List<UsageRecord> list : records.values()) {
      list.clear();
    }
  }

  synchronized List<UsageRecord> records() {
    List<UsageRecord> all = new ArrayList<>();
    for (List<UsageRecord> list : records.values()) {
      all.addAll(list);
    }
    return all;
  }

  synchronized int size() {
    int size = 0;
    for (List<UsageRecord> list : records.values()) {
      size += list.size();
    }
    return size;
  }

  synchronized void projectName(String projectId, String name) {
    projectNames.put(projectId, name);
  }

  synchronized void userEmail(String userId, String email) {
    userEmails.put(userId, email);
  }

  synchronized void apiKeyName(String projectId, String keyId, String name) {
    apiKeyNames.computeIfAbsent(projectId, project -> new HashMap<>()).put(keyId, name);
  }

  /** A copy of the names of the API keys of {@code projectId}, by id: what the fake's keys listing answers. */
  synchronized Map<String, String> apiKeyNames(String projectId) {
    Map<String, String> names = apiKeyNames.get(projectId);
    return names == null ? new HashMap<String, String>() : new HashMap<>(names);
  }

  /** A copy of the users' emails, by id: what the fake's users listing answers. */
  synchronized Map<String, String> userEmails() {
    return new HashMap<>(userEmails);
  }

  /** A copy of the project names, by id. */
  synchronized Map<String, String> projectNames() {
    return new HashMap<>(projectNames);
  }

  /** The records of {@code endpoint} with {@code from <= timestamp < to}, in time order. */
  private synchronized List<UsageRecord> between(UsageEndpoint endpoint, long from, long to) {
    List<UsageRecord> list = records.get(endpoint);
    int low = 0;
    int high = list.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (list.get(mid).timestamp() < from) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    List<UsageRecord> found = new ArrayList<>();
    for (int i = low; i < list.size() && list.get(i).timestamp() < to; i++) {
      found.add(list.get(i));
    }
    return found;
  }

  private synchronized @Nullable String projectNameOf(@Nullable Object projectId) {
    return projectId == null ? null : projectNames.get(projectId.toString());
  }

  /** The buckets of a query's window: usage buckets aligned to UTC and clipped, costs buckets whole days. */
  static final class Window {
    final long start;
    final long end;
    final long aligned;
    final long width;
    final long count;
    final boolean wholeBuckets;

    Window(UsageEndpoint endpoint, BucketWidth bucketWidth, long start, long end) {
      this.start = start;
      this.end = end;
      this.width = bucketWidth.seconds();
      this.wholeBuckets = !endpoint.bucketWidths().contains(BucketWidth.ONE_HOUR);
      this.aligned = Math.floorDiv(start, width) * width;
      if (end <= start) {
        this.count = 0;
      } else {
        long span = end - aligned;
        this.count = (span + width - 1) / width;
      }
    }

    long bucketStart(long index) {
      long aligned = this.aligned + index * width;
      return wholeBuckets ? aligned : Math.max(start, aligned);
    }

    long bucketEnd(long index) {
      long aligned = this.aligned + (index + 1) * width;
      return wholeBuckets ? aligned : Math.min(end, aligned);
    }

    /** The index of the bucket starting at {@code time}, or -1 if no bucket of this window does. */
    long indexOf(long time) {
      for (long guess = Math.floorDiv(time - aligned, width), i = guess; i <= guess + 1; i++) {
        if (i >= 0 && i < count && bucketStart(i) == time) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The page of {@code query} from bucket {@code from}, at most {@code limit} buckets, as the API's JSON. */
  ObjectNode page(
      UsageQuery<?> query, Window window, long from, @Nullable String nextPage, boolean undocumentedFields) {
    UsageEndpoint endpoint = query.endpoint();
    long to = Math.min(window.count, from + query.effectiveLimit());
    ArrayNode data = Json.NODES.arrayNode();
    if (from < to) {
      List<UsageRecord> found =
          between(endpoint, window.bucketStart(from), window.bucketEnd(to - 1));
      List<List<UsageRecord>> byBucket = new ArrayList<>();
      for (long i = from; i < to; i++) {
        byBucket.add(new ArrayList<UsageRecord>());
      }
      for (UsageRecord record : found) {
        if (matches(query, record)) {
          long index = Math.floorDiv(record.timestamp() - window.aligned, window.width);
          if (index >= from && index < to) {
            byBucket.get((int) (index - from)).add(record);
          }
        }
      }
      for (long i = from; i < to; i++) {
        ObjectNode bucket = data.addObject();
        bucket.put("object", "bucket");
        bucket.put("start_time", window.bucketStart(i));
        bucket.put("end_time", window.bucketEnd(i));
        if (undocumentedFields) {
          bucket.put("start_time_iso", ISO.format(Instant.ofEpochSecond(window.bucketStart(i))));
          bucket.put("end_time_iso", ISO.format(Instant.ofEpochSecond(window.bucketEnd(i))));
        }
        ArrayNode results = bucket.putArray("results");
        for (ObjectNode result :
            aggregate(query, byBucket.get((int) (i - from)), undocumentedFields)) {
          results.add(result);
        }
      }
    }
    ObjectNode page = Json.object();
    page.put("object", "page");
    page.set("data", data);
    page.put("has_more", nextPage != null);
    page.put("next_page", nextPage);
    return page;
  }

  private static boolean matches(UsageQuery<?> query, UsageRecord record) {
    for (Map.Entry<UsageFilter, List<String>> e : query.filters().entrySet()) {
      Object value = record.dimension(e.getKey().field());
      if (value == null || !e.getValue().contains(value.toString())) {
        return false;
      }
    }
    return true;
  }

  /** One result per group (one in all without group_by), none for a bucket without records. */
  private List<ObjectNode> aggregate(
      UsageQuery<?> query, List<UsageRecord> bucket, boolean undocumentedFields) {
    if (bucket.isEmpty()) {
      return Collections.emptyList();
    }
    UsageEndpoint endpoint = query.endpoint();
    List<GroupByField> groupBy = query.groupBy();
    boolean costs = ResultFields.of(endpoint.resultType()).amount() != null;
    Map<List<Object>, List<UsageRecord>> groups = new TreeMap<>(GROUP_ORDER);
    for (UsageRecord record : bucket) {
      List<Object> key = new ArrayList<>(groupBy.size() + 1);
      for (GroupByField field : groupBy) {
        key.add(record.dimension(field.wireValue()));
      }
      if (costs) {
        // Amounts in different currencies are never added up.
        Object amount = ResultFields.of(endpoint.resultType()).amount().valueOf(record.result());
        key.add(amount instanceof CostsAmount ? ((CostsAmount) amount).currency() : "usd");
      }
      List<UsageRecord> group = groups.get(key);
      if (group == null) {
        group = new ArrayList<>();
        groups.put(key, group);
      }
      group.add(record);
    }
    Set<String> grouped = new HashSet<>();
    for (GroupByField field : groupBy) {
      grouped.add(field.wireValue());
    }
    List<ObjectNode> results = new ArrayList<>(groups.size());
    for (Map.Entry<List<Object>, List<UsageRecord>> group : groups.entrySet()) {
      results.add(result(endpoint, grouped, group.getValue(), undocumentedFields));
    }
    return results;
  }

  /**
   * The one result of a group, field by field as {@link ResultFields} describes the endpoint's result type:
   * metrics summed, amounts summed per currency (groups never mix currencies), group fields set when grouped
   * by, other fields (a cost's quantity and unit) only in a grouped query whose group agrees on their text
   * (the API sends a quantity only with a line item).
   */
  private ObjectNode result(
      UsageEndpoint endpoint, Set<String> grouped, List<UsageRecord> group, boolean undocumentedFields) {
    UsageRecord first = group.get(0);
    ObjectNode result = Json.object();
    result.put("object", endpoint.resultObject());
    ResultFields fields = ResultFields.of(endpoint.resultType());
    boolean attributesAgree = !grouped.isEmpty() && attributesAgree(fields, group);
    for (ResultField field : fields.all()) {
      String name = field.name();
      switch (field.role()) {
        case COUNT:
        case LEVEL:
          long sum = 0;
          for (UsageRecord record : group) {
            sum += record.count(name);
          }
          result.put(name, sum);
          break;
        case GROUP:
          Object value = grouped.contains(name) ? first.dimension(name) : null;
          if (value instanceof Boolean) {
            result.put(name, (Boolean) value);
          } else {
            result.put(name, (String) value);
          }
          break;
        case AMOUNT:
          BigDecimal total = null;
          String currency = "usd";
          for (UsageRecord record : group) {
            Object amount = field.valueOf(record.result());
            if (amount instanceof CostsAmount) {
              total = plus(total, ((CostsAmount) amount).value());
              currency = ((CostsAmount) amount).currency();
            }
          }
          ObjectNode amount = result.putObject(name);
          amount.put("value", total == null ? BigDecimal.ZERO : total);
          amount.put("currency", currency);
          break;
        default:
          result.set(name, attributesAgree ? attribute(field, group) : Json.NODES.nullNode());
      }
    }
    if (undocumentedFields && grouped.contains(GroupByField.PROJECT_ID.wireValue())) {
      result.put("project_name", projectNameOf(first.dimension("project_id")));
    }
    return result;
  }

  /** Whether every record of the group has the same non-null text in each text attribute. */
  private static boolean attributesAgree(ResultFields fields, List<UsageRecord> group) {
    for (ResultField field : fields.all()) {
      if (field.role() != ResultField.Role.ATTRIBUTE) {
        continue;
      }
      Object first = field.valueOf(group.get(0).result());
      for (UsageRecord record : group) {
        Object value = field.valueOf(record.result());
        if (!(value instanceof BigDecimal) && (value == null || !value.equals(first))) {
          return false;
        }
      }
    }
    return true;
  }

  /** A numeric attribute summed, a text attribute's common value. */
  private static JsonNode attribute(ResultField field, List<UsageRecord> group) {
    Object first = field.valueOf(group.get(0).result());
    if (!(first instanceof BigDecimal)) {
      return Json.MAPPER.valueToTree(first);
    }
    BigDecimal sum = null;
    for (UsageRecord record : group) {
      Object value = field.valueOf(record.result());
      if (value instanceof BigDecimal) {
        sum = plus(sum, (BigDecimal) value);
      }
    }
    return Json.NODES.numberNode(sum == null ? BigDecimal.ZERO : sum);
  }

  /**
   * {@code sum + value}, where a zero adds nothing, not even its scale: the API writes zero as {@code 0E-6176},
   * whose scale would otherwise give every sum 6,176 decimal places (more digits than a reader accepts).
   */
  private static BigDecimal plus(@Nullable BigDecimal sum, BigDecimal value) {
    if (sum == null) {
      return value;
    }
    if (value.signum() == 0) {
      return sum;
    }
    return sum.signum() == 0 ? value : sum.add(value);
  }

  /** Groups in the order of their values, field by field; nulls last, false before true. */
  private static final Comparator<List<Object>> GROUP_ORDER =
      new Comparator<List<Object>>() {
        @Override
        public int compare(List<Object> a, List<Object> b) {
          for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        }
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    return ((Comparable) a).compareTo(b);
  }
}
