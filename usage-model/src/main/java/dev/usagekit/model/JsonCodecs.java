package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import javax.annotation.Nullable;

/**
 * The strict, exact JSON codecs the values of this package name in their Jackson annotations.
 *
 * <p>They behave the same whatever the {@code ObjectMapper}'s coercion settings: counts accept only
 * JSON integers in the range of {@code long}, flags only {@code true}/{@code false}, and decimals a
 * JSON number or a JSON string, both decoded exactly (value and scale) from their text.
 */
final class JsonCodecs {
  private JsonCodecs() {}

  /**
   * Checks the constant {@code object} value of a page or bucket; the exception, thrown from a
   * {@code @JsonCreator}, reaches the caller as a Jackson {@code ValueInstantiationException}.
   */
  static void requireObject(String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(
          "\"object\" must be \"" + expected + "\", was \"" + actual + "\"");
    }
  }

  /**
   * The type resolver of {@link UsageResult}: Jackson's own {@code EXISTING_PROPERTY} handling,
   * configured by the {@code @JsonTypeInfo} of {@code UsageResult}, with a faster path for the
   * common case (see {@link UsageResultTypeDeserializer}).
   */
  static final class UsageResultTypeResolverBuilder extends StdTypeResolverBuilder {
    UsageResultTypeResolverBuilder() {}

    @Override
    public TypeDeserializer buildTypeDeserializer(
        DeserializationConfig config, JavaType baseType, Collection<NamedType> subtypes) {
      TypeDeserializer deserializer = super.buildTypeDeserializer(config, baseType, subtypes);
      if (deserializer != null && deserializer.getClass() == AsPropertyTypeDeserializer.class) {
        return new UsageResultTypeDeserializer((AsPropertyTypeDeserializer) deserializer, null);
      }
      return deserializer;
    }
  }

  /**
   * Jackson's {@code EXISTING_PROPERTY} type deserializer, except when {@code object} is the first
   * field of a result, as the API sends it: then the result is read straight from the parser,
   * without copying the type id (which is {@code visible}) into a {@code TokenBuffer} and
   * replaying the result from it. The known result types do not read {@code object} (it is a
   * constant of each type) and {@link UnknownUsageResult} gets it passed directly, so the values
   * are the same as on Jackson's path, which is still taken when {@code object} comes later.
   */
  static final class UsageResultTypeDeserializer extends AsPropertyTypeDeserializer {
    private static final long serialVersionUID = 1L;

    UsageResultTypeDeserializer(AsPropertyTypeDeserializer src, @Nullable BeanProperty property) {
      super(src, property);
    }

    @Override
    public TypeDeserializer forProperty(@Nullable BeanProperty prop) {
      return prop == _property ? this : new UsageResultTypeDeserializer(this, prop);
    }

    /** The last type id seen and how to read it; replaced as a whole, so races are harmless. */
    private transient volatile @Nullable Dispatch last;

    @Override
    public Object deserializeTypedFromObject(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(JsonToken.START_OBJECT) || p.canReadTypeId()) {
        return super.deserializeTypedFromObject(p, ctxt);
      }
      String name = p.nextFieldName();
      if (name == null || !name.equals(_typePropertyName)) {
        // Empty object, or "object" comes later: Jackson's path, from this FIELD_NAME/END_OBJECT.
        return super.deserializeTypedFromObject(p, ctxt);
      }
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        // Not a string type id: hand the field back to Jackson's path, which decides.
        TokenBuffer tb = ctxt.bufferForInputBuffering(p);
        tb.writeFieldName(name);
        tb.copyCurrentStructure(p);
        p.clearCurrentToken();
        JsonParser replay = JsonParserSequence.createFlattened(false, tb.asParser(p), p);
        replay.nextToken();
        return super.deserializeTypedFromObject(replay, ctxt);
      }
      Dispatch dispatch = last;
      if (dispatch == null || !dispatch.matches(p)) {
        String typeId = p.getText();
        dispatch = new Dispatch(typeId, _findDeserializer(ctxt, typeId));
        last = dispatch;
      }
      if (dispatch.unknown != null) {
        p.nextToken(); // past the type id: a FIELD_NAME or END_OBJECT
        return dispatch.unknown.deserializeFields(p, ctxt, dispatch.typeId);
      }
      if (dispatch.reader != null) {
        // One of this package's readers: it goes on from the type id, through its field table.
        return dispatch.reader.deserializeAfterTypeId(p, ctxt);
      }
      if (dispatch.known) {
        // A known result type: its object() is a constant, it ignores the JSON "object" field.
        p.nextToken();
        return dispatch.deserializer.deserialize(p, ctxt);
      }
      return super._deserializeTypedForId(p, ctxt, null, dispatch.typeId);
    }

    /** A type id, its deserializer, and which of the fast paths applies to it. */
    private static final class Dispatch {
      final String typeId;
      final char[] chars;
      final JsonDeserializer<Object> deserializer;
      final @Nullable UnknownUsageResultDeserializer unknown;
      final boolean known;
      final @Nullable JsonReaders.ObjectReader<?> reader;

      Dispatch(String typeId, JsonDeserializer<Object> deserializer) {
        this.typeId = typeId;
        this.chars = typeId.toCharArray();
        this.deserializer = deserializer;
        Object any = deserializer;
        this.unknown =
            any instanceof UnknownUsageResultDeserializer
                ? (UnknownUsageResultDeserializer) any
                : null;
        Class<?> type = deserializer.handledType();
        this.known =
            type != null
                && UsageResult.class.isAssignableFrom(type)
                && type != UnknownUsageResult.class
                && type.getPackage() == UsageResult.class.getPackage();
        this.reader =
            known && any instanceof JsonReaders.ObjectReader
                ? (JsonReaders.ObjectReader<?>) any
                : null;
      }

      /** Whether the current string token is this type id; compares the characters in place. */
      boolean matches(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length != chars.length) {
          return false;
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = length - 1; i >= 0; i--) { // type ids share their prefix: compare from the end
          if (text[offset + i] != chars[i]) {
            return false;
          }
        }
        return true;
      }
    }
  }

  // ---- hand-written readers of the most common result types ----
  //
  // They read exactly what the @JsonCreator factories of these types accept, with the same errors
  // (missing or null required fields name the JSON field; wrong types carry the JSON path), but
  // straight from the parser: no creator-property lookup, no buffer of boxed arguments.

  private static final Int64Deserializer INT64 = new Int64Deserializer();
  private static final BooleanDeserializer BOOLEAN = new BooleanDeserializer();
  private static final DecimalDeserializer DECIMAL = new DecimalDeserializer();

  /** The current token, a required JSON integer in the range of {@code long}. */
  static long requiredInt64(JsonParser p, DeserializationContext ctxt, String name, Class<?> type)
      throws IOException {
    if (p.hasToken(JsonToken.VALUE_NUMBER_INT)
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      throw nullFor(ctxt, name, long.class);
    }
    Long value = INT64.deserialize(p, ctxt);
    if (value == null) {
      throw nullFor(ctxt, name, long.class);
    }
    return value;
  }

  /** The current token, an optional JSON integer in the range of {@code long}, or null. */
  static @Nullable Long optionalInt64(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      return null;
    }
    if (p.hasToken(JsonToken.VALUE_NUMBER_INT)
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    return INT64.deserialize(p, ctxt);
  }

  /** The current token as Jackson's {@code String} property would read it, or null. */
  static @Nullable String optionalString(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      return p.getText();
    }
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      return null;
    }
    return StringDeserializer.instance.deserialize(p, ctxt);
  }

  /** The current token, a JSON {@code true} or {@code false}, or null. */
  static @Nullable Boolean optionalBoolean(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    return p.hasToken(JsonToken.VALUE_NULL) ? null : BOOLEAN.deserialize(p, ctxt);
  }

  /** The current token, a required JSON {@code true} or {@code false}. */
  static boolean requiredBoolean(JsonParser p, DeserializationContext ctxt, String name)
      throws IOException {
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      throw nullFor(ctxt, name, boolean.class);
    }
    return BOOLEAN.deserialize(p, ctxt);
  }

  /** The current token, an exact decimal from a JSON number or string, or null. */
  static @Nullable BigDecimal optionalDecimal(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    return p.hasToken(JsonToken.VALUE_NULL) ? null : DECIMAL.deserialize(p, ctxt);
  }

  static InvalidNullException nullFor(DeserializationContext ctxt, String name, Class<?> type) {
    return InvalidNullException.from(ctxt, PropertyName.construct(name), ctxt.constructType(type));
  }

  /**
   * Fails as Jackson fails for a missing required {@code @JsonCreator} property: the message gives
   * its creator index, the path ends at the property.
   */
  static <T> T missing(DeserializationContext ctxt, Class<?> type, String name, int index)
      throws IOException {
    MismatchedInputException e =
        MismatchedInputException.from(
            ctxt.getParser(),
            type,
            String.format("Missing required creator property '%s' (index %d)", name, index));
    e.prependPath(type, name);
    throw e;
  }

  /** The field table of a type: the names of its {@code JsonPropertyOrder}. */
  private static FieldTable fieldsOf(Class<?> type) {
    return new FieldTable(type.getAnnotation(JsonPropertyOrder.class).value());
  }

  /**
   * Reads {@link UsageCompletionsResult}, as its former {@code @JsonCreator} did. Field {@code i}
   * of its table is creator parameter {@code i - 1} (field 0 is {@code "object"}).
   */
  static final class CompletionsResultDeserializer
      extends JsonReaders.ObjectReader<UsageCompletionsResult> {
    private static final long serialVersionUID = 1L;

    CompletionsResultDeserializer() {
      super(UsageCompletionsResult.class, fieldsOf(UsageCompletionsResult.class));
    }

    @Override
    UsageCompletionsResult read(JsonParser p, DeserializationContext ctxt, int first)
        throws IOException {
      long inputTokens = 0L;
      Long inputCachedTokens = null;
      Long inputCacheWriteTokens = null;
      Long inputUncachedTokens = null;
      long outputTokens = 0L;
      Long inputTextTokens = null;
      Long outputTextTokens = null;
      Long inputCachedTextTokens = null;
      Long inputAudioTokens = null;
      Long inputCachedAudioTokens = null;
      Long outputAudioTokens = null;
      Long inputImageTokens = null;
      Long inputCachedImageTokens = null;
      Long outputImageTokens = null;
      long numModelRequests = 0L;
      String projectId = null;
      String userId = null;
      String apiKeyId = null;
      String model = null;
      Boolean batch = null;
      String serviceTier = null;
      boolean hasInputTokens = false;
      boolean hasOutputTokens = false;
      boolean hasNumModelRequests = false;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          switch (field) {
            case 0:
              p.skipChildren(); // "object": the type id, a constant of this type
              break;
            case 1:
              inputTokens = requiredInt64(p, ctxt, "input_tokens", long.class);
              hasInputTokens = true;
              break;
            case 2:
              inputCachedTokens = optionalInt64(p, ctxt);
              break;
            case 3:
              inputCacheWriteTokens = optionalInt64(p, ctxt);
              break;
            case 4:
              inputUncachedTokens = optionalInt64(p, ctxt);
              break;
            case 5:
              outputTokens = requiredInt64(p, ctxt, "output_tokens", long.class);
              hasOutputTokens = true;
              break;
            case 6:
              inputTextTokens = optionalInt64(p, ctxt);
              break;
            case 7:
              outputTextTokens = optionalInt64(p, ctxt);
              break;
            case 8:
              inputCachedTextTokens = optionalInt64(p, ctxt);
              break;
            case 9:
              inputAudioTokens = optionalInt64(p, ctxt);
              break;
            case 10:
              inputCachedAudioTokens = optionalInt64(p, ctxt);
              break;
            case 11:
              outputAudioTokens = optionalInt64(p, ctxt);
              break;
            case 12:
              inputImageTokens = optionalInt64(p, ctxt);
              break;
            case 13:
              inputCachedImageTokens = optionalInt64(p, ctxt);
              break;
            case 14:
              outputImageTokens = optionalInt64(p, ctxt);
              break;
            case 15:
              numModelRequests = requiredInt64(p, ctxt, "num_model_requests", long.class);
              hasNumModelRequests = true;
              break;
            case 16:
              projectId = optionalString(p, ctxt);
              break;
            case 17:
              userId = optionalString(p, ctxt);
              break;
            case 18:
              apiKeyId = optionalString(p, ctxt);
              break;
            case 19:
              model = optionalString(p, ctxt);
              break;
            case 20:
              batch = optionalBoolean(p, ctxt);
              break;
            default:
              serviceTier = optionalString(p, ctxt);
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      if (!hasInputTokens) {
        return missing(ctxt, handledType(), "input_tokens", 0);
      }
      if (!hasOutputTokens) {
        return missing(ctxt, handledType(), "output_tokens", 4);
      }
      if (!hasNumModelRequests) {
        return missing(ctxt, handledType(), "num_model_requests", 14);
      }
      return ImmutableUsageCompletionsResult.of(
          inputTokens,
          inputCachedTokens,
          inputCacheWriteTokens,
          inputUncachedTokens,
          outputTokens,
          inputTextTokens,
          outputTextTokens,
          inputCachedTextTokens,
          inputAudioTokens,
          inputCachedAudioTokens,
          outputAudioTokens,
          inputImageTokens,
          inputCachedImageTokens,
          outputImageTokens,
          numModelRequests,
          projectId,
          userId,
          apiKeyId,
          model,
          batch,
          serviceTier);
    }
  }

  /** Reads {@link CostsResult}, as its former {@code @JsonCreator} did. */
  static final class CostsResultDeserializer extends JsonReaders.ObjectReader<CostsResult> {
    private static final long serialVersionUID = 1L;

    private final transient JsonReaders.Nested amounts = new JsonReaders.Nested(CostsAmount.class);

    CostsResultDeserializer() {
      super(CostsResult.class, fieldsOf(CostsResult.class));
    }

    @Override
    CostsResult read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      CostsAmount amount = null;
      String lineItem = null;
      String projectId = null;
      String apiKeyId = null;
      BigDecimal quantity = null;
      String quantityUnit = null;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          switch (field) {
            case 0:
              p.skipChildren(); // "object": the type id, a constant of this type
              break;
            case 1:
              amount = p.hasToken(JsonToken.VALUE_NULL) ? null : (CostsAmount) amounts.read(p, ctxt);
              break;
            case 2:
              lineItem = optionalString(p, ctxt);
              break;
            case 3:
              projectId = optionalString(p, ctxt);
              break;
            case 4:
              apiKeyId = optionalString(p, ctxt);
              break;
            case 5:
              quantity = optionalDecimal(p, ctxt);
              break;
            default:
              quantityUnit = optionalString(p, ctxt);
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      return ImmutableCostsResult.of(amount, lineItem, projectId, apiKeyId, quantity, quantityUnit);
    }
  }

  /** Reads {@link CostsAmount}, as its former {@code @JsonCreator} did. */
  static final class CostsAmountDeserializer extends JsonReaders.ObjectReader<CostsAmount> {
    private static final long serialVersionUID = 1L;

    CostsAmountDeserializer() {
      super(CostsAmount.class, fieldsOf(CostsAmount.class));
    }

    @Override
    CostsAmount read(JsonParser p, DeserializationContext ctxt, int first) throws IOException {
      BigDecimal value = null;
      String currency = null;
      for (int field = first; field != FieldTable.END; field = fields.next(p, field)) {
        try {
          if (field == 0) {
            if (p.hasToken(JsonToken.VALUE_NULL)) {
              throw nullFor(ctxt, "value", BigDecimal.class);
            }
            value = DECIMAL.deserialize(p, ctxt);
          } else {
            currency = JsonReaders.requiredString(p, ctxt, "currency");
          }
        } catch (Exception e) {
          throw fieldFailed(e, ctxt, field);
        }
      }
      if (value == null) {
        return missing(ctxt, handledType(), "value", 0);
      }
      if (currency == null) {
        return missing(ctxt, handledType(), "currency", 1);
      }
      return ImmutableCostsAmount.of(value, currency);
    }
  }

  /** A JSON integer in the range of {@code long}; strings, fractions and booleans are rejected. */
  static final class Int64Deserializer extends StdScalarDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    Int64Deserializer() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return (Long)
              ctxt.handleWeirdNumberValue(
                  Long.class, p.getNumberValue(), "not in the range of a 64-bit integer");
        }
        return p.getLongValue();
      }
      return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
  }

  /** A JSON {@code true} or {@code false}; strings and numbers are rejected. */
  static final class BooleanDeserializer extends StdScalarDeserializer<Boolean> {
    private static final long serialVersionUID = 1L;

    BooleanDeserializer() {
      super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_TRUE)) {
        return Boolean.TRUE;
      }
      if (p.hasToken(JsonToken.VALUE_FALSE)) {
        return Boolean.FALSE;
      }
      return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }
  }

  /**
   * A JSON number or a JSON string holding a number ({@code 0.06}, {@code "0E-6176"}, {@code
   * "0.0692840000000000000"}), decoded exactly: value and scale.
   */
  static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalDeserializer() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return exactDecimal(p);
      }
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        String text = p.getText();
        if (text.length() > p.streamReadConstraints().getMaxNumberLength()) {
          return (BigDecimal)
              ctxt.handleWeirdStringValue(
                  BigDecimal.class, text.substring(0, 20) + "...", "number text too long");
        }
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          return (BigDecimal)
              ctxt.handleWeirdStringValue(BigDecimal.class, text, "not a decimal number");
        }
      }
      return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
  }

  /**
   * Writes a {@code BigDecimal} as a JSON number that decodes back equal (same value and scale):
   * its {@link BigDecimal#toString()} form, even when the generator is set to write plain numbers
   * (a plain {@code 0E-6176} would be thousands of digits long).
   */
  static final class DecimalSerializer extends StdScalarSerializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalSerializer() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (gen.isEnabled(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)) {
        gen.writeNumber(value.toString());
      } else {
        gen.writeNumber(value);
      }
    }
  }

  /**
   * Reads any JSON object into an {@link UnknownUsageResult}, keeping every field as a tree with
   * exact numbers (integers as int/long/big-integer nodes, fractions as exact decimal nodes).
   */
  static final class UnknownUsageResultDeserializer extends StdDeserializer<UnknownUsageResult> {
    private static final long serialVersionUID = 1L;

    UnknownUsageResultDeserializer() {
      super(UnknownUsageResult.class);
    }

    @Override
    public UnknownUsageResult deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_OBJECT) {
        token = p.nextToken();
      } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
        return (UnknownUsageResult) ctxt.handleUnexpectedToken(UnknownUsageResult.class, p);
      }
      return readFields(p, ctxt, token, null);
    }

    /**
     * Reads the rest of a result whose {@code object} value was already read: the parser is at the
     * next {@code FIELD_NAME} or at the closing {@code END_OBJECT}.
     */
    UnknownUsageResult deserializeFields(JsonParser p, DeserializationContext ctxt, String object)
        throws IOException {
      return readFields(p, ctxt, p.currentToken(), object);
    }

    private UnknownUsageResult readFields(
        JsonParser p, DeserializationContext ctxt, JsonToken first, @Nullable String knownObject)
        throws IOException {
      JsonToken token = first;
      UnknownUsageResult.Builder builder = UnknownUsageResult.builder();
      String object = knownObject;
      for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        if (UsageResult.OBJECT_PROPERTY.equals(name)) {
          if (!p.hasToken(JsonToken.VALUE_STRING)) {
            ctxt.reportInputMismatch(
                this,
                "Unknown usage result: \"object\" must be a JSON string, was %s",
                p.currentToken());
          }
          String value = p.getText();
          if (object != null && !object.equals(value)) {
            ctxt.reportInputMismatch(
                this,
                "Unknown usage result: two different \"object\" values, \"%s\" and \"%s\"",
                object,
                value);
          }
          object = value;
        } else {
          builder.putFields(name, readTree(p, ctxt));
        }
      }
      if (object == null) {
        ctxt.reportInputMismatch(
            this, "Missing required property 'object' of a usage result (the type of the result)");
      }
      if (UsageEndpoint.forResultObject(object) != null) {
        // Only reached when the type was not chosen by this "object" (a first "object" that is not
        // a string): an unknown result must never claim a known type, or it would not read back.
        ctxt.reportInputMismatch(
            this,
            "Unknown usage result: \"object\" \"%s\" is a known type, but the result was not read"
                + " as one (a first \"object\" that is not a string?)",
            object);
      }
      return builder.object(object).build();
    }

    private static JsonNode readTree(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      switch (p.currentToken()) {
        case START_OBJECT:
          {
            ObjectNode object = nodes.objectNode();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
              String name = p.currentName();
              p.nextToken();
              object.set(name, readTree(p, ctxt));
            }
            return object;
          }
        case START_ARRAY:
          {
            ArrayNode array = nodes.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              array.add(readTree(p, ctxt));
            }
            return array;
          }
        case VALUE_STRING:
          return TextNode.valueOf(p.getText());
        case VALUE_NUMBER_INT:
          switch (p.getNumberType()) {
            case INT:
              return IntNode.valueOf(p.getIntValue());
            case LONG:
              return LongNode.valueOf(p.getLongValue());
            default:
              return BigIntegerNode.valueOf(p.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          {
            BigDecimal decimal = exactDecimal(p);
            if (decimal.scale() != 0) {
              return DecimalNode.valueOf(decimal);
            }
            // "5e0", "0.5e1": written back, such a decimal is the integer "5", so keep it as one.
            BigInteger integer = decimal.unscaledValue();
            int bits = integer.bitLength();
            if (bits < 32) {
              return IntNode.valueOf(integer.intValue());
            }
            return bits < 64 ? LongNode.valueOf(integer.longValue()) : BigIntegerNode.valueOf(integer);
          }
        case VALUE_TRUE:
          return BooleanNode.TRUE;
        case VALUE_FALSE:
          return BooleanNode.FALSE;
        case VALUE_NULL:
          return NullNode.instance;
        default:
          return (JsonNode) ctxt.handleUnexpectedToken(JsonNode.class, p);
      }
    }
  }

  /**
   * The exact decimal of the current number token. Parsed from the token's text, never through a
   * {@code double}: this also holds when Jackson replays buffered tokens (for instance when the
   * {@code object} property of a result comes after its amount).
   */
  static BigDecimal exactDecimal(JsonParser p) throws IOException {
    if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
        || p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
      return p.getDecimalValue();
    }
    return new BigDecimal(p.getText());
  }
}
