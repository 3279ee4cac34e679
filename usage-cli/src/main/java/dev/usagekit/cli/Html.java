package dev.usagekit.cli;

/**
 * Escapes text for HTML and inline SVG: every string that comes from the API (project IDs, models,
 * line items, currencies) goes through {@link #text} before it reaches the page, in element content
 * and in quoted attribute values alike.
 */
final class Html {
  private Html() {}

  /**
   * {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as character references; control
   * characters other than tab and newline are dropped (they are not allowed in HTML).
   */
  static String text(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&':
          escaped.append("&amp;");
          break;
        case '<':
          escaped.append("&lt;");
          break;
        case '>':
          escaped.append("&gt;");
          break;
        case '"':
          escaped.append("&quot;");
          break;
        case '\'':
          escaped.append("&#39;");
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n' || c == 0x7f) {
            break;
          }
          escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
