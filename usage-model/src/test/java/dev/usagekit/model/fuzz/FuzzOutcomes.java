package dev.usagekit.model.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The outcomes the fuzz targets allow, in one place.
 *
 * <p>Decoding: a value, or a {@link JsonProcessingException} (Jackson 2's base of every read failure:
 * {@code StreamReadException}/{@code JsonParseException} for malformed JSON, {@code StreamConstraintsException}
 * for nesting deeper than 1000 or numbers longer than 1000 characters, {@code MismatchedInputException},
 * {@code InvalidNullException}, {@code ValueInstantiationException} for JSON that is not a page). Its cause
 * chain may hold only further Jackson exceptions, {@link IllegalArgumentException}s and the one documented
 * {@link IllegalStateException} of a builder: {@code "Missing required property 'input_tokens' of ..."}, which
 * Jackson wraps in a {@code ValueInstantiationException} when a required field is absent. Jackson wraps
 * whatever a decoder throws, so a wrapped {@code NullPointerException}, {@code ClassCastException}, any other
 * {@code IllegalStateException} or any {@code Error} is a bug that this check unwraps; an {@code
 * IllegalStateException} that escapes unwrapped is a bug too. One plain {@code IOException} is documented too:
 * {@link CharConversionException}, which Jackson's byte-level encoding detection and UTF-32 reader throw
 * for bytes that are text in no JSON encoding (for example {@code 00 02 00 00}, "UCS-4 endianness 3412");
 * callers that sort failures into decoding and I/O failures must count it as a decoding failure.
 *
 * <p>Queries: a valid query, or an {@link IllegalArgumentException}; a {@link NullPointerException} only
 * when the fuzz input passed null where the code documents non-null, with the {@code "x == null"} message.
 */
final class FuzzOutcomes {
  private FuzzOutcomes() {}

  /** Rethrows {@code failure} (as a test failure) unless it is a documented decoding failure. */
  static void requireDecodingFailure(Throwable failure) {
    if (failure instanceof CharConversionException && failure.getCause() == null) {
      return; // bytes in no JSON encoding: Jackson's encoding detection and UTF-32 reader say so this way
    }
    if (!(failure instanceof JsonProcessingException)) {
      throw new AssertionError("undocumented exception while decoding: " + failure, failure);
    }
    for (Throwable cause : causes(failure)) {
      if (isMissingRequiredProperty(cause)) {
        break; // its cause is the generated builder's own message, which it translates to JSON names
      }
      if (cause instanceof Error
          || (cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException))
          || (!(cause instanceof RuntimeException) && !(cause instanceof JsonProcessingException))) {
        throw new AssertionError("decoding failed with a wrapped " + cause, failure);
      }
    }
  }

  /** The builders' documented failure for an absent required field, named by its JSON name. */
  static boolean isMissingRequiredProperty(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass() == IllegalStateException.class
        && message != null
        && message.matches("Missing required property '[^']+'(, '[^']+')* of [A-Za-z]+");
  }

  /** Rethrows {@code failure} unless it is a documented query validation failure. */
  static void requireValidationFailure(Throwable failure, boolean passedNull) {
    if (failure instanceof IllegalArgumentException) {
      return;
    }
    if (passedNull && failure instanceof NullPointerException) {
      String message = failure.getMessage();
      if (message != null && (message.endsWith("== null") || message.endsWith("contains null"))) {
        return;
      }
    }
    throw new AssertionError("undocumented exception from query validation: " + failure, failure);
  }

  /** The causes of {@code failure}, without {@code failure}; stops at a cycle. */
  static List<Throwable> causes(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(failure);
    for (Throwable t = failure.getCause(); t != null && seen.add(t); t = t.getCause()) {
      causes.add(t);
    }
    return causes;
  }
}
