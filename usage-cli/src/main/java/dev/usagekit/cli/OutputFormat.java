package dev.usagekit.cli;

import java.util.Locale;

/** The forms of a report: {@code --format table|csv|json|html}. */
enum OutputFormat {
  /** Per bucket and per group, with totals; for people. */
  TABLE,
  /** One row per result, with a header (RFC 4180). */
  CSV,
  /** The buckets exactly as the API sent them, every page, as one JSON array. */
  JSON,
  /** One self-contained HTML page with charts: {@link HtmlReport}. */
  HTML;

  /** The name on the command line: {@code table}, {@code csv}, {@code json} or {@code html}. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static OutputFormat fromOptionValue(String value) {
    for (OutputFormat format : values()) {
      if (format.optionValue().equals(value)) {
        return format;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a format; allowed: table, csv, json, html");
  }
}
