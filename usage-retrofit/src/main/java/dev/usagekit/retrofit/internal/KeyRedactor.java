package dev.usagekit.retrofit.internal;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Replaces admin keys, and the forms they could take in text (URL-encoded, Base64 standard and URL-safe, with and
 * without padding), by a fixed replacement. Used by {@code UsageApiFactory} (its HTTP log and error responses) and
 * by the report tool (everything it prints). Its {@code toString()} does not reveal the keys.
 */
public final class KeyRedactor {
  private final String replacement;
  /** The forms of the keys, longest first, so that a longer form is replaced before a shorter one inside it. */
  private final List<String> forms;

  /** Redacts every form of each of {@code keys} (empty ones are ignored) as {@code replacement}. */
  public KeyRedactor(String replacement, String... keys) {
    this.replacement = Objects.requireNonNull(replacement, "replacement == null");
    List<String> all = new ArrayList<>();
    for (String key : keys) {
      add(all, key);
      try {
        add(all, URLEncoder.encode(key, "UTF-8"));
      } catch (UnsupportedEncodingException e) {
        throw new AssertionError(e); // UTF-8 is always supported
      }
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      add(all, Base64.getEncoder().encodeToString(bytes));
      add(all, Base64.getUrlEncoder().encodeToString(bytes));
      add(all, Base64.getEncoder().withoutPadding().encodeToString(bytes));
      add(all, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    Collections.sort(all, (a, b) -> Integer.compare(b.length(), a.length()));
    this.forms = all;
  }

  private static void add(List<String> forms, String form) {
    if (!form.isEmpty() && !forms.contains(form)) {
      forms.add(form);
    }
  }

  /** Whether {@code text} holds a key in any of its forms, JSON escapes decoded. */
  public boolean appearsIn(String text) {
    return holdsAForm(text) || (text.contains("\\u") && holdsAForm(decodeUnicodeEscapes(text)));
  }

  private boolean holdsAForm(String text) {
    for (String form : forms) {
      if (text.contains(form)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} with every form of the keys replaced, also where JSON escapes hide one ({@code \u0073k-...}):
   * a server that echoes the key in a JSON error can escape any character of it, and the key would come back
   * whole once Jackson decodes the string. Escapes of ordinary characters are then decoded in {@code text}
   * (escapes of quotes, backslashes and control characters are kept, so JSON stays JSON).
   */
  public String redact(String text) {
    String result = replaceForms(text);
    if (result.contains("\\u")) {
      String decoded = decodeUnicodeEscapes(result);
      if (holdsAForm(decoded)) {
        result = replaceForms(decoded);
      }
    }
    return result;
  }

  private String replaceForms(String text) {
    String result = text;
    for (String form : forms) {
      if (result.contains(form)) {
        result = result.replace(form, replacement);
      }
    }
    return result;
  }

  /** {@code \\uXXXX} escapes of printable ASCII other than {@code "} and {@code \\} decoded (keys are ASCII). */
  static String decodeUnicodeEscapes(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
        out.append("\\\\"); // an escaped backslash: the next character is not an escape
        i++;
        continue;
      }
      if (c == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u') {
        int code = hex(text, i + 2);
        if (code >= 0x20 && code < 0x7f && code != '"' && code != '\\') {
          out.append((char) code);
          i += 5;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int hex(String text, int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  @Override
  public String toString() {
    return "KeyRedactor";
  }
}
