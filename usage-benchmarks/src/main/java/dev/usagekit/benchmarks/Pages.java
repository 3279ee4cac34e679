package dev.usagekit.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Builds realistic Usage API pages as JSON bytes, deterministically: grouped completions (31 daily buckets,
 * {@code resultsPerBucket} results each, grouped by project, user, API key, model, batch and service tier), costs
 * (31 daily buckets, amounts as JSON strings, as the API sends them, or as JSON numbers) and images.
 *
 * <p>Each page comes in three {@link Layout}s of its results' fields: as the API sends them ({@code object}
 * first), with {@code object} last, and with the field order varying from result to result.
 */
public final class Pages {
  static final long START = 1_730_419_200L;
  static final long DAY = 86_400L;
  private static final String[] MODELS = {
    "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "o3-mini-2025-01-31", "gpt-4.1-2025-04-14", "gpt-5-2025-08-07"
  };
  private static final String[] SOURCES = {"image.generation", "image.edit", "image.variation"};
  private static final String[] SIZES = {"256x256", "512x512", "1024x1024", "1792x1792", "1024x1792"};
  private static final String[] IMAGE_MODELS = {"dall-e-3", "dall-e-2", "gpt-image-1"};
  private static final String[] TIERS = {"default", "flex", "priority"};
  private static final String[] LINE_ITEMS = {
    "gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06, output", "gpt-4o-mini, input", "gpt-4o-mini, output",
    "File search tool calls", "Web search tool calls", "Vector store storage", "Batch API, input"
  };

  /** The order of the fields of each result (and of each costs amount). */
  public enum Layout {
    /** As the API sends them: {@code object} first, then the documented order. */
    OBJECT_FIRST,
    /** The documented order, but {@code object} last. */
    OBJECT_LAST,
    /**
     * A different order from one result to the next: the fields rotated by a per-result amount, every other
     * pair of results reversed, so {@code object} comes anywhere, about evenly (first in about one result in 13
     * on completions pages, 1 in 9 on images, 1 in 4 on costs; half the costs amounts have {@code currency}
     * first).
     */
    VARIED
  }

  /** The page names of the decode benchmark: {@code completions}, {@code costs-objectLast}, ... */
  public static final String[] DECODE_PAGES = {
    "completions", "completions-objectLast", "completions-varied",
    "costs", "costs-objectLast", "costs-varied", "costsNumeric",
    "images", "images-objectLast", "images-varied",
  };

  private Pages() {}

  /**
   * A page of the decode benchmark by name: {@code completions}, {@code costs} (string amounts), {@code
   * costsNumeric} (numeric amounts) or {@code images}, optionally followed by {@code -objectLast} or {@code
   * -varied} (the {@link Layout}).
   */
  public static byte[] byName(String name) {
    int dash = name.indexOf('-');
    String kind = dash < 0 ? name : name.substring(0, dash);
    Layout layout = dash < 0 ? Layout.OBJECT_FIRST : switch (name.substring(dash + 1)) {
      case "objectLast" -> Layout.OBJECT_LAST;
      case "varied" -> Layout.VARIED;
      default -> throw new IllegalArgumentException(name);
    };
    return switch (kind) {
      case "completions" -> completions(31, 50, 0, false, null, layout);
      case "costs" -> costs(31, 20, false, layout);
      case "costsNumeric" -> costs(31, 20, true, layout);
      case "images" -> images(31, 30, layout);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** A completions page, results in the API's field order. */
  public static byte[] completions(int buckets, int resultsPerBucket, long firstBucket, boolean hasMore,
      String nextPage) {
    return completions(buckets, resultsPerBucket, firstBucket, hasMore, nextPage, Layout.OBJECT_FIRST);
  }

  /** A completions page with {@code buckets} buckets of {@code resultsPerBucket} grouped results each. */
  public static byte[] completions(int buckets, int resultsPerBucket, long firstBucket, boolean hasMore,
      String nextPage, Layout layout) {
    StringBuilder sb = new StringBuilder(buckets * resultsPerBucket * 520 + 128);
    sb.append("{\"object\":\"page\",\"data\":[");
    for (int b = 0; b < buckets; b++) {
      long bucket = firstBucket + b;
      if (b > 0) {
        sb.append(',');
      }
      long start = START + bucket * DAY;
      sb.append("{\"object\":\"bucket\",\"start_time\":").append(start)
          .append(",\"end_time\":").append(start + DAY).append(",\"results\":[");
      for (int r = 0; r < resultsPerBucket; r++) {
        if (r > 0) {
          sb.append(',');
        }
        long seed = bucket * 1_000 + r;
        long input = 1_000 + (seed * 7_919) % 900_000;
        long cached = input / 3;
        long output = 200 + (seed * 104_729) % 300_000;
        object(sb, layout, seed,
            "\"object\":\"organization.usage.completions.result\"",
            "\"input_tokens\":" + input,
            "\"output_tokens\":" + output,
            "\"input_cached_tokens\":" + cached,
            "\"input_audio_tokens\":0",
            "\"output_audio_tokens\":0",
            "\"num_model_requests\":" + (1 + seed % 500),
            "\"project_id\":\"proj_" + hex(seed % 7, 24) + '"',
            "\"user_id\":\"user-" + hex(seed % 13, 24) + '"',
            "\"api_key_id\":\"key_" + hex(seed % 11, 16) + '"',
            "\"model\":\"" + MODELS[(int) (seed % MODELS.length)] + '"',
            "\"batch\":" + (seed % 4 == 0),
            "\"service_tier\":\"" + TIERS[(int) (seed % TIERS.length)] + '"');
      }
      sb.append("]}");
    }
    sb.append("],\"has_more\":").append(hasMore).append(",\"next_page\":");
    if (nextPage == null) {
      sb.append("null");
    } else {
      sb.append('"').append(nextPage).append('"');
    }
    sb.append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A costs page with {@code buckets} buckets of {@code resultsPerBucket} line items; amounts are strings. */
  public static byte[] costs(int buckets, int resultsPerBucket) {
    return costs(buckets, resultsPerBucket, false, Layout.OBJECT_FIRST);
  }

  /**
   * A costs page with {@code buckets} buckets of {@code resultsPerBucket} line items; amounts with six decimals,
   * as JSON strings ({@code "12.345678"}) or, if {@code numeric}, as JSON numbers ({@code 12.345678}).
   */
  public static byte[] costs(int buckets, int resultsPerBucket, boolean numeric, Layout layout) {
    StringBuilder sb = new StringBuilder(buckets * resultsPerBucket * 260 + 128);
    sb.append("{\"object\":\"page\",\"data\":[");
    for (int b = 0; b < buckets; b++) {
      if (b > 0) {
        sb.append(',');
      }
      long start = START + b * DAY;
      sb.append("{\"object\":\"bucket\",\"start_time\":").append(start)
          .append(",\"end_time\":").append(start + DAY).append(",\"results\":[");
      for (int r = 0; r < resultsPerBucket; r++) {
        if (r > 0) {
          sb.append(',');
        }
        long seed = b * 1_000L + r;
        long micros = 1 + (seed * 7_919_113L) % 250_000_000L;
        String value = micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
        StringBuilder amount = new StringBuilder();
        object(amount, layout == Layout.VARIED ? Layout.VARIED : Layout.OBJECT_FIRST, seed,
            numeric ? "\"value\":" + value : "\"value\":\"" + value + '"',
            "\"currency\":\"usd\"");
        object(sb, layout, seed,
            "\"object\":\"organization.costs.result\"",
            "\"amount\":" + amount,
            "\"line_item\":\"" + LINE_ITEMS[(int) (seed % LINE_ITEMS.length)] + '"',
            "\"project_id\":\"proj_" + hex(seed % 7, 24) + '"');
      }
      sb.append("]}");
    }
    sb.append("],\"has_more\":false,\"next_page\":null}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An images page, results in the API's field order. */
  public static byte[] images(int buckets, int resultsPerBucket) {
    return images(buckets, resultsPerBucket, Layout.OBJECT_FIRST);
  }

  /**
   * An images page with {@code buckets} buckets of {@code resultsPerBucket} results grouped by source, size,
   * project, user, API key and model.
   */
  public static byte[] images(int buckets, int resultsPerBucket, Layout layout) {
    StringBuilder sb = new StringBuilder(buckets * resultsPerBucket * 330 + 128);
    sb.append("{\"object\":\"page\",\"data\":[");
    for (int b = 0; b < buckets; b++) {
      if (b > 0) {
        sb.append(',');
      }
      long start = START + b * DAY;
      sb.append("{\"object\":\"bucket\",\"start_time\":").append(start)
          .append(",\"end_time\":").append(start + DAY).append(",\"results\":[");
      for (int r = 0; r < resultsPerBucket; r++) {
        if (r > 0) {
          sb.append(',');
        }
        long seed = b * 1_000L + r;
        object(sb, layout, seed,
            "\"object\":\"organization.usage.images.result\"",
            "\"images\":" + (1 + (seed * 7_919) % 5_000),
            "\"num_model_requests\":" + (1 + seed % 500),
            "\"source\":\"" + SOURCES[(int) (seed % SOURCES.length)] + '"',
            "\"size\":\"" + SIZES[(int) (seed % SIZES.length)] + '"',
            "\"project_id\":\"proj_" + hex(seed % 7, 24) + '"',
            "\"user_id\":\"user-" + hex(seed % 13, 24) + '"',
            "\"api_key_id\":\"key_" + hex(seed % 11, 16) + '"',
            "\"model\":\"" + IMAGE_MODELS[(int) (seed % IMAGE_MODELS.length)] + '"');
      }
      sb.append("]}");
    }
    sb.append("],\"has_more\":false,\"next_page\":null}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The images page of the decode benchmark: 31 buckets of 30 grouped results. */
  public static byte[] imagesPage() {
    return images(31, 30);
  }

  /** The realistic completions page of the decode benchmark: 31 buckets of 50 results. */
  public static byte[] completionsPage() {
    return completions(31, 50, 0, false, null);
  }

  /** The realistic costs page of the decode benchmark: 31 buckets of 20 line items. */
  public static byte[] costsPage() {
    return costs(31, 20);
  }

  /** Appends one JSON object of the given {@code "name":value} fields, in the order {@code layout} gives. */
  private static void object(StringBuilder sb, Layout layout, long seed, String... fields) {
    int n = fields.length;
    sb.append('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      int k = switch (layout) {
        case OBJECT_FIRST -> i;
        case OBJECT_LAST -> (i + 1) % n;
        case VARIED -> {
          int rotated = (int) ((i + seed * 5 + seed / 4) % n);
          yield (seed / 2) % 2 == 0 ? rotated : n - 1 - rotated;
        }
      };
      sb.append(fields[k]);
    }
    sb.append('}');
  }

  private static String hex(long v, int width) {
    StringBuilder s = new StringBuilder(Long.toHexString(v * 0x9E3779B97F4A7C15L));
    while (s.length() < width) {
      s.append(s);
    }
    return s.substring(0, width);
  }
}
