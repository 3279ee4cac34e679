package dev.usagekit.model;

import static dev.usagekit.model.JsonCodecs.missing;
import static dev.usagekit.model.JsonCodecs.nullFor;
import static dev.usagekit.model.JsonCodecs.optionalString;
import static dev.usagekit.model.JsonCodecs.requiredInt64;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The hand-written JSON readers of the page, the bucket and the result types: straight from the
 * parser, field names matched through a {@link FieldTable}, counts unboxed, values built in one
 * step. They read exactly what the former {@code @JsonCreator} factories read, with the same
 * errors: a missing required field is a {@code MismatchedInputException} "Missing required creator
 * property 'input_tokens' (index 0)", a null one an {@code InvalidNullException} naming it, a wrong
 * {@code object} a {@code ValueInstantiationException}, and every error inside a field carries the
 * JSON path ({@code UsageTimeBucket["results"]->java.util.ArrayList[3]->...}).
 *
 * <p>One difference, for malformed input only: when a field occurs twice, the last value is kept
 * (Jackson's creators kept the first or the last depending on the fields before it).
 */
final class JsonReaders {
  private JsonReaders() {}

  /**
   * A reader of one JSON object type through a {@link FieldTable}. Subclasses read the fields in
   * {@link #read}; this class finds the first one, whichever way the object was entered.
   */
  abstract static class ObjectReader<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    final transient FieldTable fields;

    ObjectReader(Class<T> type, FieldTable fields) {
      super(type);
      this.fields = fields;
    }

    @Override
    public final T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_OBJECT
          || token == JsonToken.FIELD_NAME // entered already (type id read by Jackson)
          || token == JsonToken.END_OBJECT) {
        return read(p, ctxt, fields.first(p));
      }
      @SuppressWarnings("unchecked")
      T value = (T) ctxt.handleUnexpectedToken(handledType(), p);
      return value;
    }

    /**
     * Reads the rest of a result whose {@code object} (field 0 of its table) was just read as its
     * type id: the parser is at that value.
     */
    final T deserializeAfterTypeId(JsonParser p, DeserializationContext ctxt) throws IOException {
      return read(p, ctxt, fields.next(p, 0));
    }

    /**
     * Reads the fields from {@code first} (the parser at its value; {@link FieldTable#END} when the
     * object has no known field) to the end of the object, and builds the value.
     */
    abstract T read(JsonParser p, DeserializationContext ctxt, int first) throws IOException;

    /** What to throw for {@code e} inside field {@code field}, as Jackson's creators did. */
    final IOException fieldFailed(Exception e, DeserializationContext ctxt, int field)
        throws IOException {
      return wrap(e, ctxt, handledType(), fields.name(field));
    }
  }

  /**
   * Adds the field to the path of {@code t}, as Jackson's bean deserializers do: real I/O errors
   * and, when {@link DeserializationFeature#WRAP_EXCEPTIONS} is off, every exception are thrown as
   * they are.
   */
  static IOException wrap(Throwable t, DeserializationContext ctxt, Class<?> type, String name)
      throws IOException {
    while (t instanceof InvocationTargetException && t.getCause() != null) {
      t = t.getCause();
    }
    ClassUtil.throwIfError(t);
    boolean wrap = ctxt.isEnabled(DeserializationFeature.WRAP_EXCEPTIONS);
    if (t instanceof IOException) {
      if (!wrap || !(t instanceof JacksonException)) {
        throw (IOException) t;
      }
    } else if (!wrap) {
      ClassUtil.throwIfRTE(t);
    }
    return JsonMappingException.wrapWithPath(t, type, name);
  }

  /** The current token: a required JSON string (a scalar is read as Jackson reads a String). */
  static String requiredString(JsonParser p, DeserializationContext ctxt, String name)
      throws IOException {
    String value = optionalString(p, ctxt);
    if (value == null) {
      throw nullFor(ctxt, name, String.class);
    }
    return value;
  }

  /** Fails as a {@code @JsonCreator} factory that rejects the {@code object} value did. */
  static <T> T requireObject(
      DeserializationContext ctxt, Class<?> type, String expected, String actual)
      throws IOException {
    try {
      JsonCodecs.requireObject(expected, actual);
    } catch (IllegalArgumentException e) {
      throw ValueInstantiationException.from(
          ctxt.getParser(),
          "Cannot construct instance of "
              + ClassUtil.nameOf(type)
              + ", problem: "
              + e.getMessage(),
          ctxt.constructType(type),
          e);
    }
    return null;
  }

  /**
   * Reads a JSON array of non-null elements as Jackson's {@code List} property with {@code
   * contentNulls = FAIL} does, errors included; anything but an array goes to Jackson's own
   * collection reader, with its coercions and errors.
   */
  static <E> List<E> readList(
      JsonParser p,
      DeserializationContext ctxt,
      JsonDeserializer<Object> elements,
      Class<E> elementType,
      String name)
      throws IOException {
    if (!p.isExpectedStartArrayToken()) {
      if (p.hasToken(JsonToken.VALUE_NULL)) {
        throw nullFor(ctxt, name, List.class);
      }
      JavaType listType = ctxt.getTypeFactory().constructCollectionType(List.class, elementType);
      @SuppressWarnings("unchecked")
      List<E> list = (List<E>) ctxt.findRootValueDeserializer(listType).deserialize(p, ctxt);
      return list;
    }
    List<E> list = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      try {
        if (token == JsonToken.VALUE_NULL) {
          throw nullFor(ctxt, name, elementType);
        }
        list.add(elementType.cast(elements.deserialize(p, ctxt)));
      } catch (Exception e) {
        if (!ctxt.isEnabled(DeserializationFeature.WRAP_EXCEPTIONS)) {
          ClassUtil.throwIfRTE(e);
        }
        throw JsonMappingException.wrapWithPath(e, list, list.size());
      }
    }
    return list;
  }

  /**
   * The mapper's own reader of a nested type (this package's, unless a mix-in says otherwise),
   * found on first use. Replaced as a whole, so races are harmless.
   */
  static final class Nested {
    private final Class<?> type;
    private volatile @Nullable JsonDeserializer<Object> reader;

    Nested(Class<?> type) {
      this.type = type;
    }

    Object read(JsonParser p, DeserializationContext ctxt) throws IOException {
      return reader(ctxt).deserialize(p, ctxt);
    }

    JsonDeserializer<Object> reader(DeserializationContext ctxt) throws IOException {
      JsonDeserializer<Object> found = reader;
      if (found == null) {
        found = ctxt.findRootValueDeserializer(ctxt.constructType(type));
        reader = found;
      }
      return found;
    }
  }

  /** Reads {@link UsageResponse}, as its former {@code @JsonCreator} did. */
  static final class ResponseReader extends ObjectReader<UsageResponse> {
    private static final long serialVersionUID = 1L;

    private final transient Nested buckets = new Nested(UsageTimeBucket.class);

    ResponseReader() {
      super(UsageResponse.class, new FieldTable("object", "data", "has_more", "next_page"));
    }

    @Override
    UsageResponse read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      String object = null;
      List<UsageTimeBucket> data = null;
      boolean hasMore = false;
      boolean hasHasMore = false;
      String nextPage = null;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          switch (field) {
            case 0:
              object = requiredString(p, ctxt, "object");
              break;
            case 1:
              data = readList(p, ctxt, buckets.reader(ctxt), UsageTimeBucket.class, "data");
              break;
            case 2:
              hasMore = JsonCodecs.requiredBoolean(p, ctxt, "has_more");
              hasHasMore = true;
              break;
            default:
              nextPage = optionalString(p, ctxt);
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      if (object == null) {
        return missing(ctxt, handledType(), "object", 0);
      }
      if (data == null) {
        return missing(ctxt, handledType(), "data", 1);
      }
      if (!hasHasMore) {
        return missing(ctxt, handledType(), "has_more", 2);
      }
      if (!UsageResponse.OBJECT.equals(object)) {
        return requireObject(ctxt, handledType(), UsageResponse.OBJECT, object);
      }
      return ImmutableUsageResponse.of(data, hasMore, nextPage);
    }
  }

  /** Reads {@link UsageTimeBucket}, as its former {@code @JsonCreator} did. */
  static final class BucketReader extends ObjectReader<UsageTimeBucket> {
    private static final long serialVersionUID = 1L;

    private final transient Nested results = new Nested(UsageResult.class);

    BucketReader() {
      super(
          UsageTimeBucket.class,
          new FieldTable("object", "start_time", "end_time", "results", "result"));
    }

    @Override
    UsageTimeBucket read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      String object = null;
      long startTime = 0L;
      long endTime = 0L;
      boolean hasStartTime = false;
      boolean hasEndTime = false;
      List<UsageResult> list = null;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        if (field == 4) {
          field = 3; // "result", the name used by specs before 2026, is "results"
        }
        try {
          switch (field) {
            case 0:
              object = requiredString(p, ctxt, "object");
              break;
            case 1:
              startTime = requiredInt64(p, ctxt, "start_time", long.class);
              hasStartTime = true;
              break;
            case 2:
              endTime = requiredInt64(p, ctxt, "end_time", long.class);
              hasEndTime = true;
              break;
            default:
              list = readList(p, ctxt, results.reader(ctxt), UsageResult.class, "results");
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      if (object == null) {
        return missing(ctxt, handledType(), "object", 0);
      }
      if (!hasStartTime) {
        return missing(ctxt, handledType(), "start_time", 1);
      }
      if (!hasEndTime) {
        return missing(ctxt, handledType(), "end_time", 2);
      }
      if (list == null) {
        return missing(ctxt, handledType(), "results", 3);
      }
      if (!UsageTimeBucket.OBJECT.equals(object)) {
        return requireObject(ctxt, handledType(), UsageTimeBucket.OBJECT, object);
      }
      return ImmutableUsageTimeBucket.of(startTime, endTime, list);
    }
  }

  /** Reads {@link ErrorResponse}, as its former {@code @JsonCreator} did. */
  static final class ErrorResponseReader extends ObjectReader<ErrorResponse> {
    private static final long serialVersionUID = 1L;

    private final transient Nested errors = new Nested(ApiError.class);

    ErrorResponseReader() {
      super(ErrorResponse.class, new FieldTable("error"));
    }

    @Override
    ErrorResponse read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      ApiError error = null;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          if (p.hasToken(JsonToken.VALUE_NULL)) {
            throw nullFor(ctxt, "error", ApiError.class);
          }
          error = (ApiError) errors.read(p, ctxt);
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      if (error == null) {
        return missing(ctxt, handledType(), "error", 0);
      }
      return ErrorResponse.builder().error(error).build();
    }
  }

  /** Reads {@link ApiError}, as its former {@code @JsonCreator} did. */
  static final class ApiErrorReader extends ObjectReader<ApiError> {
    private static final long serialVersionUID = 1L;

    ApiErrorReader() {
      super(ApiError.class, new FieldTable("message", "type", "param", "code"));
    }

    @Override
    ApiError read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      String[] values = new String[4];
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          values[field] =
              field < 2 ? requiredString(p, ctxt, fields.name(field)) : optionalString(p, ctxt);
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      for (int field = 0; field < 2; field++) {
        if (values[field] == null) {
          return missing(ctxt, handledType(), fields.name(field), field);
        }
      }
      return ApiError.builder()
          .message(values[0])
          .type(values[1])
          .param(values[2])
          .code(values[3])
          .build();
    }
  }

  // ---- the nine result types made of required counts and optional strings ----

  /** Builds a result from its required counts and its optional strings, each in creator order. */
  interface CountsFactory<T> {
    T create(long[] counts, @Nullable String[] strings);
  }

  /**
   * Reads a result type whose fields are some required counts (JSON integers in the range of {@code
   * long}) followed by optional strings. The JSON names are those of the type's {@code
   * JsonPropertyOrder}, {@code "object"} first: the order of its former {@code @JsonCreator}, which
   * the error messages give as "index", and of its {@code Immutable*.of} factory ({@code
   * ResultTypesReadTest} checks every field lands in its accessor).
   */
  abstract static class CountsResultReader<T extends UsageResult> extends ObjectReader<T> {
    private static final long serialVersionUID = 1L;

    private final int countFields;
    private final int stringFields;
    private final transient CountsFactory<T> factory;

    /** A reader of {@code type}, whose first {@code counts} fields after "object" are required. */
    CountsResultReader(Class<T> type, int counts, CountsFactory<T> factory) {
      super(type, new FieldTable(type.getAnnotation(JsonPropertyOrder.class).value()));
      this.countFields = counts;
      this.stringFields = fields.size() - 1 - counts;
      this.factory = factory;
    }

    @Override
    T read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      long[] counts = new long[countFields];
      String[] strings = new String[stringFields];
      int seen = 0; // bit i: count i was read
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        int index = field - 1; // in creator order
        try {
          if (index < 0) {
            p.skipChildren(); // "object": the type id, a constant of each type
            continue;
          }
          if (index < countFields) {
            counts[index] = requiredInt64(p, ctxt, fields.name(field), long.class);
            seen |= 1 << index;
          } else {
            strings[index - countFields] = optionalString(p, ctxt);
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      for (int index = 0; index < countFields; index++) {
        if ((seen & (1 << index)) == 0) {
          return missing(ctxt, handledType(), fields.name(index + 1), index);
        }
      }
      return factory.create(counts, strings);
    }
  }
}
