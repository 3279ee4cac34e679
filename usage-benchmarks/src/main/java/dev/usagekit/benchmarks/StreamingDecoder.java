package dev.usagekit.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;

/** Baseline (b): a hand-written Jackson streaming decode into {@link Pojos}; the practical speed limit. */
public final class StreamingDecoder {
  private final JsonFactory factory;

  public StreamingDecoder(JsonFactory factory) {
    this.factory = factory;
  }

  public Pojos.Page decode(byte[] json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      p.nextToken();
      return page(p);
    }
  }

  public Pojos.Page decode(InputStream json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      p.nextToken();
      return page(p);
    }
  }

  private static Pojos.Page page(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Pojos.Page page = new Pojos.Page();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "object": page.object = p.getText(); break;
        case "has_more": page.has_more = t == JsonToken.VALUE_TRUE; break;
        case "next_page": page.next_page = t == JsonToken.VALUE_NULL ? null : p.getText(); break;
        case "data":
          expect(p, JsonToken.START_ARRAY);
          page.data = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            page.data.add(bucket(p));
          }
          break;
        default: p.skipChildren();
      }
    }
    return page;
  }

  private static Pojos.Bucket bucket(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Pojos.Bucket b = new Pojos.Bucket();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "object": b.object = p.getText(); break;
        case "start_time": b.start_time = p.getLongValue(); break;
        case "end_time": b.end_time = p.getLongValue(); break;
        case "results":
        case "result":
          expect(p, JsonToken.START_ARRAY);
          b.results = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            b.results.add(result(p));
          }
          break;
        default: p.skipChildren();
      }
    }
    return b;
  }

  private static Pojos.Result result(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Pojos.Result r = new Pojos.Result();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "object": r.object = p.getText(); break;
        case "input_tokens": r.input_tokens = p.getLongValue(); break;
        case "output_tokens": r.output_tokens = p.getLongValue(); break;
        case "input_cached_tokens": r.input_cached_tokens = p.getLongValue(); break;
        case "input_audio_tokens": r.input_audio_tokens = p.getLongValue(); break;
        case "output_audio_tokens": r.output_audio_tokens = p.getLongValue(); break;
        case "num_model_requests": r.num_model_requests = p.getLongValue(); break;
        case "project_id": r.project_id = p.getText(); break;
        case "user_id": r.user_id = p.getText(); break;
        case "api_key_id": r.api_key_id = p.getText(); break;
        case "model": r.model = p.getText(); break;
        case "batch": r.batch = t == JsonToken.VALUE_TRUE; break;
        case "service_tier": r.service_tier = p.getText(); break;
        case "line_item": r.line_item = p.getText(); break;
        case "amount": r.amount = amount(p); break;
        case "images": r.images = p.getLongValue(); break;
        case "source": r.source = p.getText(); break;
        case "size": r.size = p.getText(); break;
        default: p.skipChildren();
      }
    }
    return r;
  }

  private static Pojos.Amount amount(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Pojos.Amount a = new Pojos.Amount();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "value":
          a.value = t == JsonToken.VALUE_STRING ? new BigDecimal(p.getText()) : p.getDecimalValue();
          break;
        case "currency": a.currency = p.getText(); break;
        default: p.skipChildren();
      }
    }
    return a;
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.currentToken() != token) {
      throw new IOException("expected " + token + " but was " + p.currentToken() + " at " + p.currentLocation());
    }
  }
}
