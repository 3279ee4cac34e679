package dev.usagekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * {@code --format csv}: one row per result, with a header, quoted as RFC 4180 says (CRLF line
 * ends; a field with a comma or a quote is quoted, quotes doubled). Control characters and bidirectional overrides
 * in a cell (ESC, BEL, NUL, RLO, CR, LF ...) are shown as {@code \\uXXXX}, as in the table ({@link Printable#visible}):
 * a terminal that shows the file acts on none of them. Text that a spreadsheet would run
 * as a formula ({@code =...}, {@code +...}, {@code -...}, {@code @...}) gets a leading {@code '}.
 *
 * <p>Columns: {@code start_time} and {@code end_time} of the bucket (ISO-8601, UTC), then the {@link ResultFields}
 * of the endpoint's result type in JSON order, the same for every run of an endpoint (a field a response leaves
 * out is empty); an amount is two columns, {@code amount} and {@code currency}; {@code project_id} is followed by
 * {@code project_name}: the name real responses carry beside it, else the name the projects listing gave (empty
 * when neither is known), and {@code user_id} by {@code user_name}: the user's email (else name) the users listing
 * gave when the report groups by user (empty otherwise), and {@code api_key_id} by {@code api_key_name}: the key's
 * name the API keys listings gave when the report groups by key (empty otherwise); after them, one column per count the first page's results carry that this version does
 * not declare (a count the API added since). A result of a type this version does not know fills the columns its
 * own fields name. Numbers are exact. Rows are written page by page.
 */
final class CsvReport {
  static final String START_TIME = "start_time";
  static final String END_TIME = "end_time";
  static final String CURRENCY = "currency";

  private final Writer out;
  private final List<String> columns;
  private final ProjectNames names;

  CsvReport(Writer out, UsageEndpoint endpoint, ProjectNames names) {
    this.out = out;
    this.columns = columns(endpoint);
    this.names = names;
  }

  /**
   * Writes the header, then the rows of each page as it comes. The header waits for the first page: a count the
   * endpoint's results carry that this version does not declare (a field the API added after this release) gets
   * a column of its own after the others, named as the JSON names it.
   */
  void write(Flowable<UsageResponse> pages) throws IOException {
    List<String> columns = new ArrayList<>(this.columns);
    boolean[] headed = {false};
    try {
      pages.blockingForEach(page -> {
        if (!headed[0]) {
          headed[0] = true;
          columns.addAll(undeclaredCounts(page, columns));
          header(columns);
        }
        for (UsageTimeBucket bucket : page.data()) {
          for (UsageResult result : bucket.results()) {
            row(out, row(result, columns, names, Times.instant(bucket.startTime()), Times.instant(bucket.endTime())));
          }
        }
        out.flush();
      }, 1);
      if (!headed[0]) {
        header(columns);
        out.flush();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void header(List<String> columns) {
    List<String> header = new ArrayList<>();
    header.add(START_TIME);
    header.add(END_TIME);
    header.addAll(columns);
    row(out, header);
  }

  /** The counts the page's results of known types carry that their type does not declare, in order first seen. */
  static Set<String> undeclaredCounts(UsageResponse page, List<String> columns) {
    Set<String> added = new LinkedHashSet<>();
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        if (UsageEndpoint.forResultObject(result.object()) != null) {
          for (ResultField field : ResultFields.of(result).all()) {
            if (!field.isDeclared() && !columns.contains(field.name())) {
              added.add(field.name());
            }
          }
        }
      }
    }
    return added;
  }

  /** The columns of an endpoint's results: their field names in JSON order, {@code currency} after an amount. */
  static List<String> columns(UsageEndpoint endpoint) {
    List<String> columns = new ArrayList<>();
    for (ResultField field : ResultFields.of(endpoint.resultType()).all()) {
      columns.add(field.name());
      if (field.role() == ResultField.Role.AMOUNT) {
        columns.add(CURRENCY);
      }
      if (ProjectNames.PROJECT_ID.equals(field.name())) {
        columns.add(ProjectNames.PROJECT_NAME);
      }
      if (ProjectNames.USER_ID.equals(field.name())) {
        columns.add(ProjectNames.USER_NAME);
      }
      if (ProjectNames.API_KEY_ID.equals(field.name())) {
        columns.add(ProjectNames.API_KEY_NAME);
      }
    }
    return columns;
  }

  /** {@code first} cells, then the cells of {@code result} under {@code columns} (empty where it has none). */
  static List<String> row(@Nullable UsageResult result, List<String> columns, String... first) {
    return row(result, columns, ProjectNames.none(), first);
  }

  /** As {@link #row(UsageResult, List, String...)}, the project's name from {@code names} where the result has none. */
  static List<String> row(@Nullable UsageResult result, List<String> columns, ProjectNames names, String... first) {
    Map<String, String> cells = new LinkedHashMap<>();
    if (result != null) {
      for (ResultField field : ResultFields.of(result).all()) {
        Object value = field.valueOf(result);
        if (value instanceof CostsAmount) {
          cells.put(field.name(), Numbers.plain(((CostsAmount) value).value()));
          cells.put(CURRENCY, ((CostsAmount) value).currency());
        } else if (value != null) {
          cells.put(field.name(), value instanceof BigDecimal ? Numbers.plain((BigDecimal) value) : value.toString());
        }
      }
      JsonNode projectName = result.additionalProperties().get(ProjectNames.PROJECT_NAME);
      if (projectName != null && projectName.isTextual() && !cells.containsKey(ProjectNames.PROJECT_NAME)) {
        cells.put(ProjectNames.PROJECT_NAME, projectName.textValue());
      }
      String listed = names.name(cells.get(ProjectNames.PROJECT_ID));
      if (listed != null && !cells.containsKey(ProjectNames.PROJECT_NAME)) {
        cells.put(ProjectNames.PROJECT_NAME, listed);
      }
      String user = names.userName(cells.get(ProjectNames.USER_ID));
      if (user != null) {
        cells.put(ProjectNames.USER_NAME, user);
      }
      String key = names.name(ProjectNames.API_KEY_ID, cells.get(ProjectNames.API_KEY_ID));
      if (key != null) {
        cells.put(ProjectNames.API_KEY_NAME, key);
      }
    }
    List<String> row = new ArrayList<>();
    Collections.addAll(row, first);
    for (String column : columns) {
      String cell = cells.get(column);
      row.add(cell == null ? "" : cell);
    }
    return row;
  }

  /** Writes one CSV line. */
  static void row(Writer out, List<String> row) {
    try {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(quote(Printable.csvCell(Printable.visible(row.get(i)))));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes inside are doubled. */
  static String quote(String field) {
    boolean needsQuotes = false;
    for (int i = 0; i < field.length() && !needsQuotes; i++) {
      char c = field.charAt(i);
      needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
