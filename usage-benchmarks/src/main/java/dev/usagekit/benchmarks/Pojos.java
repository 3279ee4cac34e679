package dev.usagekit.benchmarks;

import java.math.BigDecimal;
import java.util.List;

/**
 * Plain public-field POJOs for baseline (a): what a hand-written client would bind with Jackson databind, one
 * result class holding the union of the completions and costs fields (snake_case JSON names).
 */
public final class Pojos {
  private Pojos() {}

  /** A page. */
  public static final class Page {
    public String object;
    public List<Bucket> data;
    public boolean has_more;
    public String next_page;
  }

  /** A time bucket. */
  public static final class Bucket {
    public String object;
    public long start_time;
    public long end_time;
    public List<Result> results;
  }

  /** One result: completions, costs and images fields. */
  public static final class Result {
    public String object;
    public long input_tokens;
    public long output_tokens;
    public Long input_cached_tokens;
    public Long input_audio_tokens;
    public Long output_audio_tokens;
    public long num_model_requests;
    public String project_id;
    public String user_id;
    public String api_key_id;
    public String model;
    public Boolean batch;
    public String service_tier;
    public Amount amount;
    public String line_item;
    public long images;
    public String source;
    public String size;
  }

  /** A costs amount. */
  public static final class Amount {
    public BigDecimal value;
    public String currency;
  }
}
