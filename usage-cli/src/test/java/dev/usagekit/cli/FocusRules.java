package dev.usagekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A small evaluator of the FinOps Foundation's machine-readable FOCUS 1.2 rules ({@code model-1.2.json} of
 * finopsfoundation/focus_validator) against a CSV dataset: every rule of the model, its {@code ApplicabilityCriteria},
 * its {@code Condition} and its {@code Requirement} built from the model's check functions. Test code only.
 *
 * <p>Semantics, after the validator's own: a rule is not applicable when its criteria are not all declared, when
 * every rule that references it is not applicable, or when the presence rule of its column is not; {@code Dynamic}
 * rules carry prose only (no requirement) and are counted apart; {@code MAY} rules state a permission and never fail;
 * every other rule (MUST, MUST NOT, SHOULD, SHOULD NOT, RECOMMENDED) must hold. A condition selects the rows a
 * requirement applies to; a null is not equal to any value ({@code CheckNotValue(ChargeClass, "Correction")} holds
 * on a null ChargeClass). A check function, argument or keyword the evaluator does not know fails the evaluation:
 * nothing is skipped silently.
 */
final class FocusRules {
  /** What became of a rule. */
  enum Outcome { PASSED, FAILED, ALTERNATIVE, NOT_APPLICABLE, DYNAMIC, OPTIONAL }

  static final Set<String> KEYWORDS = new HashSet<>(Arrays.asList(
      "MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", "MAY"));

  /** Check functions that hold or not for one row. */
  private static final Set<String> ROW_FUNCTIONS = new HashSet<>(Arrays.asList(
      "CheckValue", "CheckNotValue", "CheckSameValue", "CheckNotSameValue", "CheckGreaterOrEqualThanValue",
      "ColumnByColumnEqualsColumnValue", "CheckDecimalValue", "CheckNationalCurrency", "TypeDecimal", "TypeString",
      "TypeDateTime", "FormatNumeric", "FormatString", "FormatDateTime", "FormatCurrency", "FormatUnit",
      "FormatKeyValue"));
  /** Check functions of the whole dataset. */
  private static final Set<String> DATASET_FUNCTIONS = new HashSet<>(Arrays.asList(
      "ColumnPresent", "CheckDistinctCount", "CheckModelRule", "AND", "OR"));

  private static final Pattern DATE_TIME =
      Pattern.compile("^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z$");
  private static final Pattern NUMERIC = Pattern.compile("^[+-]?([0-9]*[.])?[0-9]+([eE][+-]?[0-9]+)?$");
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
  private static final Pattern UNIT = unitPattern();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode checkFunctions;
  private final Map<String, JsonNode> rules = new LinkedHashMap<>();
  private final Set<String> declared;
  private final Set<String> currencies;
  private final Map<String, Set<String>> referencedBy = new HashMap<>();
  /** Rules referenced only as an item of an OR: one alternative among others. */
  private final Set<String> alternativesOnly = new HashSet<>();

  private FocusRules(JsonNode model, Set<String> declared, Set<String> currencies) {
    this.checkFunctions = model.path("CheckFunctions");
    Iterator<Map.Entry<String, JsonNode>> each = model.path("ModelRules").properties().iterator();
    while (each.hasNext()) {
      Map.Entry<String, JsonNode> rule = each.next();
      rules.put(rule.getKey(), rule.getValue());
    }
    Set<String> criteria = new HashSet<>();
    model.path("ApplicabilityCriteria").fieldNames().forEachRemaining(criteria::add);
    for (String criterion : declared) {
      if (!criteria.contains(criterion)) {
        throw new IllegalArgumentException(criterion + " is no ApplicabilityCriteria of the model; allowed: " + criteria);
      }
    }
    this.declared = declared;
    this.currencies = currencies;
    for (Map.Entry<String, JsonNode> rule : rules.entrySet()) {
      for (String target : references(rule.getValue().path("ValidationCriteria").path("Requirement"),
          new ArrayList<>())) {
        referencedBy.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(rule.getKey());
      }
    }
    Set<String> inOr = new HashSet<>();
    Set<String> elsewhere = new HashSet<>();
    for (JsonNode rule : rules.values()) {
      sortReferences(rule.path("ValidationCriteria").path("Requirement"), false, inOr, elsewhere);
    }
    inOr.removeAll(elsewhere);
    alternativesOnly.addAll(inOr);
  }

  private static void sortReferences(JsonNode node, boolean inOr, Set<String> or, Set<String> elsewhere) {
    if ("CheckModelRule".equals(node.path("CheckFunction").asText())) {
      (inOr ? or : elsewhere).add(node.path("ModelRuleId").asText());
    }
    boolean isOr = "OR".equals(node.path("CheckFunction").asText());
    for (JsonNode item : node.path("Items")) {
      sortReferences(item, isOr, or, elsewhere);
    }
  }

  /** The model's reference folder: {@code ../shared/reference/focus-1.2/} beside the repository. */
  static Path referenceFolder() {
    Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path at = dir; at != null; at = at.getParent()) {
      Path candidate = at.resolve("../shared/reference/focus-1.2").normalize();
      if (Files.isRegularFile(candidate.resolve("validator-rules/model-1.2.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/reference/focus-1.2/validator-rules/model-1.2.json not found above "
        + dir + " (CI runs with ../shared beside the clone)");
  }

  /** The rules of {@code model}, for a provider that supports the {@code declared} criteria. */
  static FocusRules of(JsonNode model, Set<String> declared, Set<String> currencies) {
    return new FocusRules(model, declared, currencies);
  }

  static FocusRules load(Set<String> declared) throws IOException {
    Path folder = referenceFolder();
    JsonNode model = JSON.readTree(folder.resolve("validator-rules/model-1.2.json").toFile());
    Set<String> currencies = new HashSet<>();
    for (String line : Files.readAllLines(folder.resolve("validator-rules/currency_codes.csv"), StandardCharsets.UTF_8)) {
      String[] cells = line.split(",");
      if (cells.length == 2 && cells[1].matches("[A-Z]{3}")) {
        currencies.add(cells[1]);
      }
    }
    return new FocusRules(model, declared, currencies);
  }

  /** A CSV dataset: its header and rows; an empty field is null. */
  static final class Dataset {
    final List<String> header;
    final List<Map<String, String>> rows;

    Dataset(List<String> header, List<Map<String, String>> rows) {
      this.header = header;
      this.rows = rows;
    }

    static Dataset parse(String csv) {
      List<List<String>> records = Csv.parse(csv);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("no header");
      }
      List<String> header = records.get(0);
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> record : records.subList(1, records.size())) {
        if (record.size() != header.size()) {
          throw new IllegalArgumentException("a row has " + record.size() + " fields, the header " + header.size());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), record.get(i).isEmpty() ? null : record.get(i));
        }
        rows.add(row);
      }
      return new Dataset(header, rows);
    }
  }

  /** What the evaluation of every rule found. */
  static final class Report {
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    final Map<String, String> failures = new LinkedHashMap<>();

    Map<Outcome, Integer> counts() {
      Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        counts.put(outcome, 0);
      }
      for (Outcome outcome : outcomes.values()) {
        counts.put(outcome, counts.get(outcome) + 1);
      }
      return counts;
    }

    int checked() {
      return counts().get(Outcome.PASSED) + counts().get(Outcome.FAILED) + counts().get(Outcome.ALTERNATIVE);
    }

    String summary() {
      Map<Outcome, Integer> counts = counts();
      return outcomes.size() + " rules: " + checked() + " checked (" + counts.get(Outcome.PASSED) + " passed, "
          + counts.get(Outcome.ALTERNATIVE) + " an alternative of an OR that holds through another, "
          + counts.get(Outcome.FAILED) + " failed), " + counts.get(Outcome.NOT_APPLICABLE) + " not applicable, "
          + counts.get(Outcome.DYNAMIC) + " dynamic (prose only, no machine check in the model), "
          + counts.get(Outcome.OPTIONAL) + " MAY (a permission, evaluated, never failing)";
    }
  }

  /** Evaluates every rule of the model against {@code data}. */
  Report evaluate(Dataset data) {
    Evaluation evaluation = new Evaluation(data);
    Report report = new Report();
    for (String id : rules.keySet()) {
      report.outcomes.put(id, evaluation.outcome(id));
    }
    report.failures.putAll(evaluation.failures);
    // An alternative of an OR that holds through another alternative is not a failure: "InvoiceId MUST be null"
    // OR "InvoiceId MUST NOT be null" (each when its prose says) holds while one of the two does not.
    for (String id : alternativesOnly) {
      if (report.outcomes.get(id) == Outcome.FAILED) {
        boolean parentsHold = true;
        for (String parent : referencedBy.get(id)) {
          parentsHold &= report.outcomes.get(parent) == Outcome.PASSED;
        }
        if (parentsHold) {
          report.outcomes.put(id, Outcome.ALTERNATIVE);
          report.failures.remove(id);
        }
      }
    }
    return report;
  }

  /** Whether the criteria of {@code id} hold, and those of a rule referencing it (if any rule does). */
  private boolean applicable(String id, Set<String> seen) {
    JsonNode rule = rule(id);
    for (JsonNode criterion : rule.path("ApplicabilityCriteria")) {
      if (!declared.contains(criterion.asText())) {
        return false;
      }
    }
    Set<String> parents = referencedBy.getOrDefault(id, Collections.emptySet());
    if (parents.isEmpty() || !seen.add(id)) {
      return true;
    }
    for (String parent : parents) {
      if (applicable(parent, seen)) {
        return true;
      }
    }
    return false;
  }

  /** The columns whose presence rule (a dataset rule of ColumnPresent) is not applicable: their rules are not. */
  private Set<String> columnsNotApplicable() {
    Set<String> columns = new HashSet<>();
    for (Map.Entry<String, JsonNode> rule : rules.entrySet()) {
      JsonNode requirement = rule.getValue().path("ValidationCriteria").path("Requirement");
      if ("ColumnPresent".equals(requirement.path("CheckFunction").asText())
          && !applicable(rule.getKey(), new HashSet<>())) {
        columns.add(requirement.path("ColumnName").asText());
      }
    }
    return columns;
  }

  private JsonNode rule(String id) {
    JsonNode rule = rules.get(id);
    if (rule == null) {
      throw new IllegalStateException("rule " + id + " is referenced but not in the model");
    }
    return rule;
  }

  private static List<String> references(JsonNode node, List<String> found) {
    if ("CheckModelRule".equals(node.path("CheckFunction").asText())) {
      found.add(node.path("ModelRuleId").asText());
    }
    for (JsonNode item : node.path("Items")) {
      references(item, found);
    }
    return found;
  }

  /** One evaluation: outcomes memoized, so a referenced rule is evaluated once. */
  private final class Evaluation {
    final Dataset data;
    final Map<String, Outcome> outcomes = new HashMap<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    final Set<String> inProgress = new HashSet<>();
    final Set<String> familiesNotApplicable = columnsNotApplicable();
    String current = "";

    Evaluation(Dataset data) {
      this.data = data;
    }

    Outcome outcome(String id) {
      Outcome known = outcomes.get(id);
      if (known != null) {
        return known;
      }
      if (!inProgress.add(id)) {
        throw new IllegalStateException("rule " + id + " references itself");
      }
      String outer = current;
      current = id;
      try {
        Outcome outcome = evaluateRule(id);
        outcomes.put(id, outcome);
        return outcome;
      } finally {
        current = outer;
        inProgress.remove(id);
      }
    }

    private Outcome evaluateRule(String id) {
      JsonNode rule = rule(id);
      JsonNode criteria = rule.path("ValidationCriteria");
      String keyword = criteria.path("Keyword").asText();
      if (!KEYWORDS.contains(keyword)) {
        throw new IllegalStateException(id + ": unknown keyword '" + keyword + "'");
      }
      String family = id.substring(0, id.indexOf('-'));
      if (!applicable(id, new HashSet<>()) || familiesNotApplicable.contains(family)) {
        return Outcome.NOT_APPLICABLE;
      }
      JsonNode requirement = criteria.path("Requirement");
      String type = rule.path("Type").asText();
      if ("Dynamic".equals(type)) {
        return Outcome.DYNAMIC;
      }
      if (!"Static".equals(type)) {
        throw new IllegalStateException(id + ": unknown rule Type '" + type + "'");
      }
      if (requirement.size() == 0) {
        throw new IllegalStateException(id + ": a Static rule without a requirement");
      }
      List<Map<String, String>> rows = data.rows;
      JsonNode condition = criteria.path("Condition");
      if (condition.size() > 0) {
        if (!isRowLevel(condition)) {
          throw new IllegalStateException(id + ": a condition that is not a row predicate: " + condition);
        }
        rows = new ArrayList<>();
        for (Map<String, String> row : data.rows) {
          if (rowHolds(condition, row)) {
            rows.add(row);
          }
        }
      }
      boolean holds = holds(requirement, rows);
      if ("MAY".equals(keyword)) {
        return Outcome.OPTIONAL;
      }
      if (!holds) {
        failures.put(id, keyword + ": " + criteria.path("MustSatisfy").asText() + " [" + requirement + "]"
            + (condition.size() > 0 ? " if " + condition : "") + example(requirement, rows));
        return Outcome.FAILED;
      }
      return Outcome.PASSED;
    }

    private String example(JsonNode requirement, List<Map<String, String>> rows) {
      if (!isRowLevel(requirement)) {
        return "";
      }
      for (Map<String, String> row : rows) {
        if (!rowHolds(requirement, row)) {
          return "; e.g. row " + row;
        }
      }
      return "";
    }

    /** Whether the requirement holds for {@code rows} (the rows its rule's condition selects). */
    boolean holds(JsonNode node, List<Map<String, String>> rows) {
      String function = function(node);
      switch (function) {
        case "AND":
          boolean all = true;
          for (JsonNode item : items(node)) {
            all &= holds(item, rows); // every item evaluated: an unknown function anywhere fails
          }
          return all;
        case "OR":
          if (isRowLevel(node)) {
            return everyRow(node, rows);
          }
          boolean any = false;
          for (JsonNode item : items(node)) {
            any |= holds(item, rows);
          }
          return any;
        case "CheckModelRule":
          Outcome target = outcome(text(node, "ModelRuleId"));
          return target != Outcome.FAILED;
        case "ColumnPresent":
          return data.header.contains(text(node, "ColumnName"));
        case "CheckDistinctCount":
          return distinctCount(node, rows);
        default:
          return everyRow(node, rows);
      }
    }

    private boolean everyRow(JsonNode node, List<Map<String, String>> rows) {
      for (Map<String, String> row : rows) {
        if (!rowHolds(node, row)) {
          return false;
        }
      }
      return true;
    }

    private boolean distinctCount(JsonNode node, List<Map<String, String>> rows) {
      String a = text(node, "ColumnAName");
      String b = text(node, "ColumnBName");
      int expected = node.path("ExpectedCount").asInt(-1);
      Map<String, Set<String>> distinct = new HashMap<>();
      for (Map<String, String> row : rows) {
        Set<String> values = distinct.computeIfAbsent(String.valueOf(row.get(a)), k -> new HashSet<>());
        if (row.get(b) != null) {
          values.add(row.get(b));
        }
      }
      for (Set<String> values : distinct.values()) {
        if (values.size() != expected) {
          return false;
        }
      }
      return true;
    }

    boolean isRowLevel(JsonNode node) {
      String function = function(node);
      if ("AND".equals(function) || "OR".equals(function)) {
        for (JsonNode item : items(node)) {
          if (!isRowLevel(item)) {
            return false;
          }
        }
        return true;
      }
      return ROW_FUNCTIONS.contains(function);
    }

    /** Whether a row predicate holds for one row. */
    boolean rowHolds(JsonNode node, Map<String, String> row) {
      String function = function(node);
      switch (function) {
        case "AND":
          for (JsonNode item : items(node)) {
            if (!rowHolds(item, row)) {
              return false;
            }
          }
          return true;
        case "OR":
          for (JsonNode item : items(node)) {
            if (rowHolds(item, row)) {
              return true;
            }
          }
          return false;
        case "CheckValue":
          return equalsValue(row.get(column(node)), node.get("Value"));
        case "CheckNotValue":
          return !equalsValue(row.get(column(node)), node.get("Value"));
        case "CheckSameValue": {
          String a = row.get(text(node, "ColumnAName"));
          String b = row.get(text(node, "ColumnBName"));
          return a == null || b == null || a.equals(b);
        }
        case "CheckNotSameValue": {
          String a = row.get(text(node, "ColumnAName"));
          String b = row.get(text(node, "ColumnBName"));
          return a != null && b != null && !a.equals(b);
        }
        case "CheckGreaterOrEqualThanValue": {
          String value = row.get(column(node));
          return value == null || decimal(value) != null
              && decimal(value).compareTo(new BigDecimal(node.get("Value").asText())) >= 0;
        }
        case "ColumnByColumnEqualsColumnValue": {
          String a = row.get(text(node, "ColumnAName"));
          String b = row.get(text(node, "ColumnBName"));
          String r = row.get(text(node, "ResultColumnName"));
          if (a == null || b == null || r == null) {
            return true;
          }
          return decimal(a) != null && decimal(b) != null && decimal(r) != null
              && decimal(a).multiply(decimal(b)).compareTo(decimal(r)) == 0;
        }
        case "CheckDecimalValue":
        case "TypeDecimal": {
          String value = row.get(column(node));
          return value == null || decimal(value) != null;
        }
        case "TypeString":
          return true; // every CSV field is text
        case "TypeDateTime": {
          String value = row.get(column(node));
          return value == null || DATE_TIME.matcher(value).matches();
        }
        case "FormatDateTime": {
          String value = row.get(column(node));
          return value == null || DATE_TIME.matcher(value).matches() && instant(value);
        }
        case "FormatNumeric": {
          String value = row.get(column(node));
          return value == null || NUMERIC.matcher(value.trim()).matches();
        }
        case "FormatString": {
          String value = row.get(column(node));
          return value == null || value.chars().allMatch(c -> c < 0x80);
        }
        case "FormatCurrency": {
          String value = row.get(column(node));
          return value == null || CURRENCY.matcher(value.trim()).matches();
        }
        case "CheckNationalCurrency": {
          String value = row.get(column(node));
          return value == null || currencies.contains(value.trim());
        }
        case "FormatUnit": {
          String value = row.get(column(node));
          return value == null || UNIT.matcher(value).matches();
        }
        case "FormatKeyValue": {
          String value = row.get(column(node));
          if (value == null) {
            return true;
          }
          try {
            return JSON.readTree(value).isObject();
          } catch (IOException e) {
            return false;
          }
        }
        default:
          throw new IllegalStateException(current + ": check function " + function + " is not a row predicate");
      }
    }

    /** The check function of a node, checked against the model's CheckFunctions and their arguments. */
    private String function(JsonNode node) {
      String function = node.path("CheckFunction").asText(null);
      if (function == null || !checkFunctions.has(function)
          || !ROW_FUNCTIONS.contains(function) && !DATASET_FUNCTIONS.contains(function)) {
        throw new IllegalStateException(current + ": unknown check function " + function + " in " + node
            + "; the evaluator knows " + new TreeSet<>(union(ROW_FUNCTIONS, DATASET_FUNCTIONS)));
      }
      Set<String> allowed = new HashSet<>();
      allowed.add("CheckFunction");
      checkFunctions.path(function).path("Arguments").forEach(argument -> allowed.add(argument.asText()));
      if (allowed.contains("ColumnName")) {
        allowed.add("CheckCondition"); // the model names the column so in two conditions (ResourceId-C-006-C, ...)
      }
      if ("TypeDateTime".equals(function)) {
        allowed.add("ExpectedType"); // "DateTime": what TypeDateTime checks anyway
      }
      node.fieldNames().forEachRemaining(name -> {
        if (!allowed.contains(name)) {
          throw new IllegalStateException(current + ": " + function + " has an unknown argument " + name + ": " + node);
        }
      });
      return function;
    }

    private Iterable<JsonNode> items(JsonNode node) {
      JsonNode items = node.get("Items");
      if (items == null || !items.isArray() || items.size() == 0) {
        throw new IllegalStateException(current + ": " + node.path("CheckFunction").asText() + " without Items");
      }
      return items;
    }

    private String column(JsonNode node) {
      JsonNode name = node.has("ColumnName") ? node.get("ColumnName") : node.get("CheckCondition");
      if (name == null || !name.isTextual()) {
        throw new IllegalStateException(current + ": no column in " + node);
      }
      return name.asText();
    }

    private String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw new IllegalStateException(current + ": no " + field + " in " + node);
      }
      return value.asText();
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** A null is equal to JSON null only; a number compares as a decimal, a string as text. */
  private static boolean equalsValue(@Nullable String value, @Nullable JsonNode expected) {
    if (expected == null || expected.isNull()) {
      return value == null;
    }
    if (value == null) {
      return false;
    }
    if (expected.isNumber()) {
      BigDecimal number = decimal(value);
      return number != null && number.compareTo(expected.decimalValue()) == 0;
    }
    return value.equals(expected.asText());
  }

  private static @Nullable BigDecimal decimal(String value) {
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean instant(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** FOCUS's unit format, as the validator's FormatUnit spells it. */
  private static Pattern unitPattern() {
    String sizes = "b|Kb|Mb|Gb|Tb|Pb|Eb|B|KB|MB|GB|TB|PB|EB|Kib|Mib|Gib|Tib|Pib|Eib|KiB|MiB|GiB|TiB|PiB|EiB";
    String singular = "Year|Month|Day|Hour|Minute|Second";
    String plural = "Years|Months|Days|Hours|Minutes|Seconds";
    String count = "[A-Za-z][A-Za-z0-9]*(?:\\s+[A-Za-z][A-Za-z0-9]*)*";
    List<String> patterns = Arrays.asList(
        "^(" + sizes + "|" + singular + "|" + plural + "|" + count + ")$",
        "^(" + sizes + "|" + count + ")-(" + plural + ")$",
        "^(" + sizes + "|" + count + "|" + plural + ")/(" + singular + ")$",
        "^[0-9]+ (" + sizes + "|" + singular + "|" + plural + "|" + count + ")$",
        "^(" + sizes + "|" + count + "|" + plural + ")/[0-9]+ (" + plural + ")$");
    StringBuilder all = new StringBuilder();
    for (String pattern : patterns) {
      all.append(all.length() == 0 ? "" : "|").append('(').append(pattern).append(')');
    }
    return Pattern.compile(all.toString());
  }

  /** RFC 4180 CSV. */
  static final class Csv {
    private Csv() {}

    static List<List<String>> parse(String text) {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
          any = true;
        } else if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
          any = true;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          record.add(field.toString());
          records.add(record);
          record = new ArrayList<>();
          field.setLength(0);
          any = false;
        } else {
          field.append(c);
          any = true;
        }
      }
      if (any || field.length() > 0) {
        record.add(field.toString());
        records.add(record);
      }
      return records;
    }
  }
}
