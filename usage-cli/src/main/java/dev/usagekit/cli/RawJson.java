package dev.usagekit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds the buckets of a page body as byte ranges, so they can be copied out byte for byte. */
final class RawJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RawJson() {}

  /**
   * The {@code [start, end)} byte offsets of each element of the top-level {@code data} array of
   * {@code body}, in order: each range holds one bucket exactly as it was sent.
   *
   * @throws IOException if {@code body} is not a JSON object with a {@code data} array
   */
  static List<long[]> dataElements(byte[] body) throws IOException {
    List<long[]> elements = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a page must be a JSON object");
      }
      boolean found = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("data".equals(name) && value == JsonToken.START_ARRAY) {
          found = true;
          for (JsonToken element = parser.nextToken();
              element != JsonToken.END_ARRAY;
              element = parser.nextToken()) {
            if (element == null) {
              throw new IOException("the data array of a page is not closed");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            long end = parser.currentLocation().getByteOffset();
            elements.add(new long[] {start, end});
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!found) {
        throw new IOException("a page must have a data array");
      }
    }
    return elements;
  }
}
