package dev.usagekit.cli;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code --format csv}: one row per result, with a header, quoted as RFC 4180 says (CRLF line
 * ends; a field with a comma, a quote, CR or LF is quoted, quotes doubled).
 *
 * <p>Columns: {@code start_time} and {@code end_time} of the bucket (ISO-8601, UTC), then every
 * field of the endpoint's result type in the model's order, the same for every run of an endpoint
 * (a field a response leaves out is empty). Costs have {@code amount} and {@code currency}. Numbers
 * are exact. Rows are written page by page.
 */
final class CsvReport implements Report {
  static final String START_TIME = "start_time";
  static final String END_TIME = "end_time";

  private final Writer out;
  private final List<String> columns;
  private final Notes notes;
  private boolean headerWritten;

  CsvReport(Writer out, UsageEndpoint endpoint, Notes notes) {
    this.out = out;
    this.columns = ResultFields.columns(endpoint);
    this.notes = notes;
  }

  @Override
  public void page(UsageResponse page, @Nullable byte[] body) throws IOException {
    header();
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        notes.result(result);
        Map<String, Object> fields = ResultFields.of(result);
        List<String> row = new ArrayList<>(columns.size() + 2);
        row.add(Times.instant(bucket.startTime()));
        row.add(Times.instant(bucket.endTime()));
        for (String column : columns) {
          row.add(text(fields.get(column)));
        }
        write(row);
      }
    }
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    header();
    out.flush();
  }

  private void header() throws IOException {
    if (!headerWritten) {
      List<String> header = new ArrayList<>(columns.size() + 2);
      header.add(START_TIME);
      header.add(END_TIME);
      header.addAll(columns);
      write(header);
      headerWritten = true;
    }
  }

  private void write(List<String> row) throws IOException {
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(row.get(i)));
    }
    out.write("\r\n");
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

  private static String text(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal) {
      return Numbers.plain((BigDecimal) value);
    }
    return value.toString();
  }
}
