package dev.usagekit.cli;

/**
 * Server text made safe for a terminal and a spreadsheet. An error message, a line item or a field name comes
 * from the server: printed raw, an escape sequence ({@code ESC[2J}, an OSC title) or a CR/LF could clear the
 * screen or forge a line of this tool's output.
 */
final class Printable {
  private Printable() {}

  /**
   * {@code text} with every control character (C0, DEL, C1) and every bidirectional override shown as a
   * {@code \\uXXXX} escape: one line, exactly what the server sent, nothing a terminal would act on.
   */
  static String visible(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069);
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out != null ? out.toString() : text;
  }

  /**
   * A CSV cell that a spreadsheet would not run as a formula (OWASP, CSV injection): text that starts with
   * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR gets a leading {@code '}. Numbers, negative ones
   * included, are left as they are.
   */
  static String csvCell(String value) {
    if (value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 || isNumber(value)) {
      return value;
    }
    return "'" + value;
  }

  private static boolean isNumber(String value) {
    try {
      new java.math.BigDecimal(value);
      return true;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
