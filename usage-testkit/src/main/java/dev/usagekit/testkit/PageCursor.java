package dev.usagekit.testkit;

import dev.usagekit.model.UsageQuery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.annotation.Nullable;

/**
 * The fake's {@code next_page} cursors: {@code "page_"} and the standard Base64 (padded, like the API's) of 20
 * bytes: the start time of the next page's first bucket, a fingerprint of the query, and the end of the
 * window the first page resolved (so that an open window, {@code end_time} absent, does not move while
 * paging).
 */
final class PageCursor {
  static final String PREFIX = "page_";
  private static final int LENGTH = 8 + 4 + 8;

  final long nextStart;
  final int fingerprint;
  final long end;

  PageCursor(long nextStart, int fingerprint, long end) {
    this.nextStart = nextStart;
    this.fingerprint = fingerprint;
    this.end = end;
  }

  String encode() {
    ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
    bytes.putLong(nextStart).putInt(fingerprint).putLong(end);
    return PREFIX + Base64.getEncoder().encodeToString(bytes.array());
  }

  /** The cursor, or null when {@code page} is not one this server issued. */
  static @Nullable PageCursor decode(String page) {
    if (!page.startsWith(PREFIX)) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(page.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (raw.length != LENGTH) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    return new PageCursor(bytes.getLong(), bytes.getInt(), bytes.getLong());
  }

  /**
   * The fingerprint of everything that defines the buckets and results of a query except {@code limit}
   * (a client may change the page size between pages). An absent {@code bucket_width} counts as its default.
   */
  static int fingerprint(UsageQuery<?> query) {
    StringBuilder canonical = new StringBuilder(query.endpoint().path());
    for (Map.Entry<String, List<String>> e : query.toQueryParameters(null).entrySet()) {
      if ("limit".equals(e.getKey()) || "bucket_width".equals(e.getKey())) {
        continue;
      }
      List<String> values = new ArrayList<>(e.getValue());
      if (!"group_by".equals(e.getKey())) {
        Collections.sort(values);
      }
      canonical.append('&').append(e.getKey()).append('=').append(values);
    }
    canonical.append("&bucket_width=").append(query.effectiveBucketWidth().wireValue());
    CRC32 crc = new CRC32();
    crc.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }
}
