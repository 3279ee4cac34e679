package dev.usagekit.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Builds realistic Usage API pages as JSON bytes, deterministically: grouped completions (31 daily buckets,
 * {@code resultsPerBucket} results each, grouped by project, user, API key, model, batch and service tier) and
 * costs (31 daily buckets, amounts as JSON strings, as the API sends them).
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

  private Pages() {}

  /** A completions page with {@code buckets} buckets of {@code resultsPerBucket} grouped results each. */
  public static byte[] completions(int buckets, int resultsPerBucket, long firstBucket, boolean hasMore,
      String nextPage) {
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
        sb.append("{\"object\":\"organization.usage.completions.result\"")
            .append(",\"input_tokens\":").append(input)
            .append(",\"output_tokens\":").append(output)
            .append(",\"input_cached_tokens\":").append(cached)
            .append(",\"input_audio_tokens\":0")
            .append(",\"output_audio_tokens\":0")
            .append(",\"num_model_requests\":").append(1 + seed % 500)
            .append(",\"project_id\":\"proj_").append(hex(seed % 7, 24)).append('"')
            .append(",\"user_id\":\"user-").append(hex(seed % 13, 24)).append('"')
            .append(",\"api_key_id\":\"key_").append(hex(seed % 11, 16)).append('"')
            .append(",\"model\":\"").append(MODELS[(int) (seed % MODELS.length)]).append('"')
            .append(",\"batch\":").append(seed % 4 == 0)
            .append(",\"service_tier\":\"").append(TIERS[(int) (seed % TIERS.length)]).append('"')
            .append('}');
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
        sb.append("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"")
            .append(micros / 1_000_000).append('.').append(String.format("%06d", micros % 1_000_000))
            .append("\",\"currency\":\"usd\"}")
            .append(",\"line_item\":\"").append(LINE_ITEMS[(int) (seed % LINE_ITEMS.length)]).append('"')
            .append(",\"project_id\":\"proj_").append(hex(seed % 7, 24)).append('"')
            .append('}');
      }
      sb.append("]}");
    }
    sb.append("],\"has_more\":false,\"next_page\":null}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An images page with {@code buckets} buckets of {@code resultsPerBucket} results grouped by source, size,
   * project, user, API key and model.
   */
  public static byte[] images(int buckets, int resultsPerBucket) {
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
        sb.append("{\"object\":\"organization.usage.images.result\"")
            .append(",\"images\":").append(1 + (seed * 7_919) % 5_000)
            .append(",\"num_model_requests\":").append(1 + seed % 500)
            .append(",\"source\":\"").append(SOURCES[(int) (seed % SOURCES.length)]).append('"')
            .append(",\"size\":\"").append(SIZES[(int) (seed % SIZES.length)]).append('"')
            .append(",\"project_id\":\"proj_").append(hex(seed % 7, 24)).append('"')
            .append(",\"user_id\":\"user-").append(hex(seed % 13, 24)).append('"')
            .append(",\"api_key_id\":\"key_").append(hex(seed % 11, 16)).append('"')
            .append(",\"model\":\"").append(IMAGE_MODELS[(int) (seed % IMAGE_MODELS.length)]).append('"')
            .append('}');
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

  private static String hex(long v, int width) {
    StringBuilder s = new StringBuilder(Long.toHexString(v * 0x9E3779B97F4A7C15L));
    while (s.length() < width) {
      s.append(s);
    }
    return s.substring(0, width);
  }
}
