package dev.usagekit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Collection;

/**
 * Jackson's handling of the {@code object} type id, with one change: the id is handed on (replayed) only to
 * the {@link UnknownUsageResult} reader, which keeps it; a known result binds straight from the parser, without
 * a buffer per result to replay a constant it does not store.
 */
final class ResultTypeResolverBuilder extends StdTypeResolverBuilder {
  @Override
  public TypeDeserializer buildTypeDeserializer(
      DeserializationConfig config, JavaType baseType, Collection<NamedType> subtypes) {
    TypeDeserializer deserializer = super.buildTypeDeserializer(config, baseType, subtypes);
    return deserializer instanceof AsPropertyTypeDeserializer
        ? new ResultTypeDeserializer((AsPropertyTypeDeserializer) deserializer, null)
        : deserializer;
  }

  static final class ResultTypeDeserializer extends AsPropertyTypeDeserializer {
    private static final long serialVersionUID = 1L;

    ResultTypeDeserializer(AsPropertyTypeDeserializer src, BeanProperty property) {
      super(src, property);
    }

    @Override
    public TypeDeserializer forProperty(BeanProperty property) {
      return property == _property ? this : new ResultTypeDeserializer(this, property);
    }

    @Override
    protected Object _deserializeTypedForId(
        JsonParser p, DeserializationContext ctxt, TokenBuffer tb, String typeId) throws IOException {
      TokenBuffer buffer = tb;
      if (UsageEndpoint.forResultObject(typeId) == null) {
        if (buffer == null) {
          buffer = ctxt.bufferForInputBuffering(p);
        }
        buffer.writeFieldName(p.currentName());
        buffer.writeString(typeId);
      }
      return super._deserializeTypedForId(p, ctxt, buffer, typeId);
    }
  }
}
