package dev.usagekit.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Reads the times of the command line and writes the times of the reports, all in UTC. */
final class Times {
  /** Shown in error messages: the three forms {@link #parse} accepts. */
  static final String FORMS =
      "an ISO-8601 date (2026-11-01, midnight UTC), an instant (2026-11-01T12:00:00Z) or Unix seconds";

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /**
   * Unix seconds of {@code text}: an ISO-8601 date ({@code 2026-11-01}, read as midnight UTC), an
   * ISO-8601 instant with an offset ({@code 2026-11-01T12:00:00Z}, {@code 2026-11-01T13:00+01:00};
   * fractions of a second are dropped) or Unix seconds ({@code 1793404800}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static long parse(String text) {
    String value = text.trim();
    if (!value.isEmpty() && isDigits(value)) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is too large for Unix seconds");
      }
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      }
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      String hint = value.indexOf('T') > 0 && !hasOffset(value)
          ? " (an instant needs a zone: add Z for UTC)"
          : "";
      throw new IllegalArgumentException("'" + text + "' is not " + FORMS + hint);
    }
  }

  /** {@code 2026-11-01T00:00:00Z}: a bucket edge in CSV. */
  static String instant(long unixSeconds) {
    return Instant.ofEpochSecond(unixSeconds).toString();
  }

  /**
   * A bucket's start for people: {@code 2026-11-01} at midnight UTC when the buckets are days,
   * {@code 2026-11-01 13:05} otherwise.
   */
  static String label(long unixSeconds, boolean days) {
    Instant instant = Instant.ofEpochSecond(unixSeconds);
    return days && unixSeconds % 86_400L == 0 ? DAY.format(instant) : MINUTE.format(instant);
  }

  private static boolean isDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasOffset(String value) {
    int t = value.indexOf('T');
    String time = value.substring(t + 1);
    return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
  }

  /** Converts the values of {@code --start} and {@code --end}. */
  static final class Converter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
