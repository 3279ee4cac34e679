package dev.usagekit.retrofit;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Replaces an admin key, and the forms it could take in text (URL-encoded, Base64 standard and URL-safe), by
 * {@link HttpLogging#REDACTED}. The key is printable ASCII (the factory checks it), so every form is ASCII.
 * Its {@code toString()} does not reveal the key.
 */
final class KeyRedactor {
  /** The forms of the key, longest first, so that a longer form is replaced before a shorter one inside it. */
  private final List<String> forms;

  KeyRedactor(String key) {
    List<String> all = new ArrayList<>();
    add(all, key);
    try {
      add(all, URLEncoder.encode(key, "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e); // UTF-8 is always supported
    }
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    add(all, Base64.getEncoder().encodeToString(bytes));
    add(all, Base64.getUrlEncoder().encodeToString(bytes));
    add(all, Base64.getEncoder().withoutPadding().encodeToString(bytes));
    add(all, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    Collections.sort(all, (a, b) -> Integer.compare(b.length(), a.length()));
    this.forms = all;
  }

  private static void add(List<String> forms, String form) {
    if (!form.isEmpty() && !forms.contains(form)) {
      forms.add(form);
    }
  }

  /** Whether {@code text} holds the key in any of its forms. */
  boolean appearsIn(String text) {
    for (String form : forms) {
      if (text.contains(form)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with every form of the key replaced by {@link HttpLogging#REDACTED}. */
  String redact(String text) {
    String result = text;
    for (String form : forms) {
      if (result.contains(form)) {
        result = result.replace(form, HttpLogging.REDACTED);
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return "KeyRedactor";
  }
}
