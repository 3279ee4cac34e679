package dev.usagekit.cli;

import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a report noticed that a person should know, said on stderr once the report is done. */
final class Notes {
  private final Map<String, Integer> unknownTypes = new TreeMap<>();
  /** The counts results of a known type carried that their type does not declare, by result object. */
  private final Map<String, Set<String>> unknownFields = new TreeMap<>();
  private long results;

  /** Counts the results of a page, whatever the format. */
  void found(UsageResponse page) {
    for (UsageTimeBucket bucket : page.data()) {
      results += bucket.results().size();
    }
  }

  /** Counts the results of a type no endpoint names (a type this version does not know). */
  void page(UsageResponse page) {
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        if (UsageEndpoint.forResultObject(result.object()) == null) {
          Integer count = unknownTypes.get(result.object());
          unknownTypes.put(result.object(), count == null ? 1 : count + 1);
        } else if (!result.additionalProperties().isEmpty()) {
          // Counts only: real results carry undocumented strings too (organization_id, project_name), which no
          // report adds up; json keeps every field.
          for (ResultField field : ResultFields.of(result).metrics()) {
            if (!field.isDeclared()) {
              unknownFields.computeIfAbsent(result.object(), object -> new TreeSet<>()).add(field.name());
            }
          }
        }
      }
    }
  }

  void print(PrintStream err, OutputFormat format, UsageQuery<?> query) {
    if (results == 0 && format != OutputFormat.TABLE) {
      // The table says so itself; csv, json and html stay what they are, for the program that reads them.
      err.println(Commands.NAME + ": " + Summaries.nothingFound(query));
    }
    for (Map.Entry<String, Integer> type : unknownTypes.entrySet()) {
      err.println(Commands.NAME + ": note: " + type.getValue() + " result(s) of a type this version does "
          + "not know (" + type.getKey() + "); " + (format == OutputFormat.CSV
              ? "their fields outside the columns are left out; --format json shows them whole."
              : "--format json shows them whole."));
    }
    for (Map.Entry<String, Set<String>> fields : unknownFields.entrySet()) {
      err.println(Commands.NAME + ": note: count(s) this version does not know on " + fields.getKey() + ": "
          + Commands.join(fields.getValue()) + "; counted under their JSON names, --format json shows them whole.");
    }
  }
}
