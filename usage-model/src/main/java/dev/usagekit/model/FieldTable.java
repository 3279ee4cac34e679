package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON field names a hand-written reader knows, by index, and a fast way to read the next one.
 *
 * <p>Objects of one type arrive with their fields in the same order, one result after another. The
 * table remembers which field followed which the last time and first asks the parser whether the
 * next name is that one ({@code JsonParser.nextFieldName(SerializableString)}: a byte comparison in
 * place, no hashing or symbol-table lookup); only when it is not does it look the parsed name up.
 * The memory is a hint: a wrong or stale guess (another order, another thread)
 * costs one comparison, never a wrong answer.
 */
final class FieldTable {
  /** Returned by {@link #next} at the end of the object; also "no field yet". */
  static final int END = -1;

  private final SerializedString[] names;
  private final Map<String, Integer> indexes;
  /**
   * The field that followed each field last time: slot {@code i + 1} for field {@code i} (and for
   * an unknown field, {@code names.length}), slot 0 for the first field. Racy by design: only a
   * hint.
   */
  private final int[] followers;

  FieldTable(String... names) {
    this.names = new SerializedString[names.length];
    this.indexes = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      this.names[i] = new SerializedString(names[i]);
      this.indexes.put(names[i], i);
    }
    this.followers = new int[names.length + 2];
    for (int i = 0; i < followers.length; i++) {
      followers[i] = i < names.length ? i : names.length; // first guess: the order given
    }
  }

  /** The number of fields in this table. */
  int size() {
    return names.length;
  }

  /** The JSON name of field {@code index}. */
  String name(int index) {
    return names[index].getValue();
  }

  /**
   * Moves to the value of the next known field (from the {@code START_OBJECT}, or from the last
   * token of the previous field's value), skipping unknown fields, and returns its index; {@link
   * #END} at the {@code END_OBJECT}. {@code previous} is the index of the previous field, or {@link
   * #END} for the first.
   */
  int next(JsonParser p, int previous) throws IOException {
    int field = nextName(p, previous);
    while (field == names.length) {
      p.nextToken();
      p.skipChildren(); // an unknown field
      field = nextName(p, field);
    }
    if (field != END) {
      p.nextToken();
    }
    return field;
  }

  /**
   * Like {@link #next}, for an object whose first field name (or {@code END_OBJECT}) the parser is
   * at already, or whose {@code START_OBJECT} it is at.
   */
  int first(JsonParser p) throws IOException {
    if (p.hasToken(JsonToken.START_OBJECT)) {
      return next(p, END);
    }
    int field = current(p);
    while (field == names.length) {
      p.nextToken();
      p.skipChildren();
      field = nextName(p, field);
    }
    if (field != END) {
      p.nextToken();
    }
    return field;
  }

  private int nextName(JsonParser p, int previous) throws IOException {
    int guess = followers[previous + 1];
    if (guess < names.length) {
      if (p.nextFieldName(names[guess])) {
        return guess;
      }
    } else {
      p.nextToken();
    }
    int field = current(p);
    followers[previous + 1] = field == END ? names.length : field;
    return field;
  }

  /** The index of the field name the parser is at, {@code names.length}, or {@link #END}. */
  private int current(JsonParser p) throws IOException {
    if (!p.hasToken(JsonToken.FIELD_NAME)) {
      return END; // END_OBJECT (or anything else: the caller's loop ends and its checks report it)
    }
    Integer index = indexes.get(p.currentName());
    return index == null ? names.length : index;
  }
}
