package dev.usagekit.model.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.usagekit.model.UsageEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds mostly valid page JSON from fuzzer data: a page envelope and buckets that are usually right, with
 * results of every type whose fields, values and order the fuzzer chooses, so that it spends its time in the
 * decoders of the results rather than in Jackson's tokenizer.
 */
final class PageJson {
  /** Every JSON name the model reads, plus the extra fields real responses carry. */
  private static final String[] FIELDS = {
    "object", "input_tokens", "output_tokens", "num_model_requests", "input_cached_tokens",
    "input_cache_write_tokens", "input_uncached_tokens", "input_text_tokens", "output_text_tokens",
    "input_cached_text_tokens", "input_audio_tokens", "input_cached_audio_tokens", "output_audio_tokens",
    "input_image_tokens", "input_cached_image_tokens", "output_image_tokens", "project_id", "user_id",
    "api_key_id", "model", "batch", "service_tier", "images", "source", "size", "characters", "seconds",
    "usage_bytes", "num_sessions", "num_requests", "vector_store_id", "context_level", "amount", "value",
    "currency", "line_item", "quantity", "quantity_unit", "organization_id", "project_name",
    "start_time_iso", "results", "result", "data", "has_more", "next_page", "start_time", "end_time"
  };

  private static final String[] NUMBERS = {
    "0", "-0", "1", "-1", "7", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "1.0", "0.06", "1e3", "1E-6176", "0E-6176", "-0.0", "1.5e308", "1e400", "1e-400", "0.0692840000000000000",
    "123456789012345678901234567890.123456789", "1e999999999", "1e-999999999"
  };

  private static final String[] STRINGS = {
    "", " ", "null", "true", "0", "-1", "0E-6176", "0.0692840000000000000", "NaN", "Infinity", "1e999999999",
    "0x10", "1_000", "usd", "gpt-4o-mini", "proj_abc", "\\u0000", "\\ud800", "\\n\\t\\\"", "page_AAAA"
  };

  private final FuzzedDataProvider data;
  private final StringBuilder out = new StringBuilder();
  private final List<String> objects = new ArrayList<>();

  private PageJson(FuzzedDataProvider data) {
    this.data = data;
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      objects.add(endpoint.resultObject());
    }
    Collections.addAll(objects, "organization.usage.new_thing.result", "", "bucket", "page");
  }

  /** A page, usually well-formed; the fuzzer decides the results and breaks the envelope now and then. */
  static String page(FuzzedDataProvider data) {
    PageJson json = new PageJson(data);
    json.writePage();
    return json.out.toString();
  }

  private void writePage() {
    out.append('{');
    boolean first = true;
    for (int field = 0, fields = data.consumeInt(3, 6); field < fields; field++) {
      if (!first) {
        out.append(',');
      }
      first = false;
      switch (field % 4) {
        case 0 -> {
          out.append("\"object\":");
          if (rarely()) {
            value(2);
          } else {
            out.append("\"page\"");
          }
        }
        case 1 -> {
          out.append("\"data\":");
          if (rarely()) {
            value(2);
          } else {
            out.append('[');
            for (int i = 0, n = data.consumeInt(0, 3); i < n; i++) {
              out.append(i == 0 ? "" : ",");
              writeBucket();
            }
            out.append(']');
          }
        }
        case 2 -> {
          out.append("\"has_more\":");
          if (rarely()) {
            value(1);
          } else {
            out.append(data.consumeBoolean());
          }
        }
        default -> {
          out.append(data.consumeBoolean() ? "\"next_page\":" : "\"" + name() + "\":");
          value(2);
        }
      }
    }
    out.append('}');
  }

  private void writeBucket() {
    out.append("{\"object\":");
    if (rarely()) {
      value(1);
    } else {
      out.append("\"bucket\"");
    }
    out.append(",\"start_time\":").append(rarely() ? pick(NUMBERS) : Long.toString(data.consumeLong()));
    out.append(",\"end_time\":").append(rarely() ? pick(NUMBERS) : Long.toString(data.consumeLong()));
    out.append(data.consumeBoolean() ? ",\"results\":[" : ",\"result\":[");
    for (int i = 0, n = data.consumeInt(0, 4); i < n; i++) {
      out.append(i == 0 ? "" : ",");
      if (rarely()) {
        value(3);
      } else {
        writeResult();
      }
    }
    out.append(']');
    if (rarely()) {
      out.append(",\"").append(name()).append("\":");
      value(3);
    }
    out.append('}');
  }

  private void writeResult() {
    String object = objects.get(data.consumeInt(0, objects.size() - 1));
    int objectAt = data.consumeBoolean() ? 0 : data.consumeInt(0, 8); // the API sends it first
    int fields = data.consumeInt(0, 8);
    out.append('{');
    boolean first = true;
    for (int field = 0; field <= fields; field++) {
      if (!first) {
        out.append(',');
      }
      first = false;
      if (field == objectAt) {
        out.append("\"object\":");
        if (rarely()) {
          value(1);
        } else {
          string(object);
        }
      } else {
        out.append('"').append(name()).append("\":");
        value(4);
      }
    }
    out.append('}');
  }

  private void value(int depth) {
    switch (data.consumeInt(0, depth > 0 ? 12 : 9)) {
      case 0 -> out.append(data.consumeInt(0, 1_000_000));
      case 1 -> out.append(data.consumeLong());
      case 2 -> out.append(pick(NUMBERS));
      case 3 -> digits();
      case 4 -> out.append('"').append(pick(STRINGS)).append('"');
      case 5 -> string(data.consumeString(24));
      case 6 -> out.append('"').append(pick(NUMBERS)).append('"');
      case 7 -> out.append(data.consumeBoolean() ? "true" : "false");
      case 8 -> out.append("null");
      case 9 -> nested(data.consumeInt(1, 1100));
      case 10 -> {
        out.append('[');
        for (int i = 0, n = data.consumeInt(0, 3); i < n; i++) {
          out.append(i == 0 ? "" : ",");
          value(depth - 1);
        }
        out.append(']');
      }
      default -> {
        out.append('{');
        for (int i = 0, n = data.consumeInt(0, 3); i < n; i++) {
          out.append(i == 0 ? "\"" : ",\"").append(name()).append("\":");
          value(depth - 1);
        }
        out.append('}');
      }
    }
  }

  /** Arrays and objects nested {@code depth} deep, around Jackson's default limit of 1000. */
  private void nested(int depth) {
    boolean arrays = data.consumeBoolean();
    for (int i = 0; i < depth; i++) {
      out.append(arrays ? "[" : "{\"a\":");
    }
    out.append('1');
    for (int i = 0; i < depth; i++) {
      out.append(arrays ? ']' : '}');
    }
  }

  /** A JSON number of up to 1100 digits, with an optional fraction and exponent. */
  private void digits() {
    int length = data.consumeInt(1, 1100);
    if (data.consumeBoolean()) {
      out.append('-');
    }
    out.append('1');
    for (int i = 1; i < length; i++) {
      out.append((char) ('0' + (i % 10)));
    }
    if (data.consumeBoolean()) {
      out.append(".5");
    }
    if (data.consumeBoolean()) {
      out.append('e').append(data.consumeInt(-1_000_000_000, 1_000_000_000));
    }
  }

  private String name() {
    return data.consumeInt(0, 9) == 0 ? escapeName(data.consumeString(12)) : pick(FIELDS);
  }

  private static String escapeName(String name) {
    StringBuilder escaped = new StringBuilder();
    appendEscaped(escaped, name);
    return escaped.toString();
  }

  private void string(String value) {
    out.append('"');
    appendEscaped(out, value);
    out.append('"');
  }

  private static void appendEscaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
  }

  private boolean rarely() {
    return data.consumeInt(0, 15) == 0;
  }

  private String pick(String[] values) {
    return values[data.consumeInt(0, values.length - 1)];
  }
}
