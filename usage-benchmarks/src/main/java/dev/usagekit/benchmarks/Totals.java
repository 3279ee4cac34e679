package dev.usagekit.benchmarks;

import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.models.admin.organization.usage.UsageImagesResponse;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.math.BigDecimal;

/**
 * The totals of a decoded page, computed from each representation: the benchmarks return them (so the JIT
 * cannot drop any decode) and the tests check every decoder agrees.
 */
public record Totals(int buckets, int results, long inputTokens, long outputTokens, long requests,
    BigDecimal amount) {

  /** Amounts compare by value: the SDK's doubles lose trailing zeros. */
  public Totals {
    amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  public static Totals of(UsageResponse page) {
    int results = 0;
    long in = 0, out = 0, req = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (UsageTimeBucket b : page.data()) {
      for (UsageResult r : b.results()) {
        results++;
        if (r instanceof UsageCompletionsResult c) {
          in += c.inputTokens();
          out += c.outputTokens();
          req += c.numModelRequests();
        } else if (r instanceof UsageImagesResult i) {
          in += i.images();
          req += i.numModelRequests();
        } else if (r instanceof CostsResult c && c.amount() != null) {
          amount = amount.add(c.amount().value());
        }
      }
    }
    return new Totals(page.data().size(), results, in, out, req, amount);
  }

  public static Totals of(Pojos.Page page) {
    int results = 0;
    long in = 0, out = 0, req = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (Pojos.Bucket b : page.data) {
      for (Pojos.Result r : b.results) {
        results++;
        in += r.input_tokens + r.images;
        out += r.output_tokens;
        req += r.num_model_requests;
        if (r.amount != null) {
          amount = amount.add(r.amount.value);
        }
      }
    }
    return new Totals(page.data.size(), results, in, out, req, amount);
  }

  public static Totals of(UsageCompletionsResponse page) {
    int results = 0;
    long in = 0, out = 0, req = 0;
    for (UsageCompletionsResponse.Data b : page.data()) {
      for (UsageCompletionsResponse.Data.Result r : b.results()) {
        results++;
        var c = r.organizationUsageCompletions().orElse(null);
        if (c != null) {
          in += c.inputTokens();
          out += c.outputTokens();
          req += c.numModelRequests();
        }
      }
    }
    return new Totals(page.data().size(), results, in, out, req, BigDecimal.ZERO);
  }

  public static Totals of(UsageCostsResponse page) {
    int results = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (UsageCostsResponse.Data b : page.data()) {
      for (UsageCostsResponse.Data.Result r : b.results()) {
        results++;
        var c = r.organizationCosts().orElse(null);
        if (c != null && c.amount().isPresent() && c.amount().get().value().isPresent()) {
          // The SDK types amount.value as a double: exact only to ~15 significant digits.
          amount = amount.add(BigDecimal.valueOf(c.amount().get().value().get()));
        }
      }
    }
    return new Totals(page.data().size(), results, 0, 0, 0, amount);
  }

  public static Totals of(UsageImagesResponse page) {
    int results = 0;
    long images = 0, req = 0;
    for (UsageImagesResponse.Data b : page.data()) {
      for (UsageImagesResponse.Data.Result r : b.results()) {
        results++;
        var i = r.organizationUsageImages().orElse(null);
        if (i != null) {
          images += i.images();
          req += i.numModelRequests();
        }
      }
    }
    return new Totals(page.data().size(), results, images, 0, req, BigDecimal.ZERO);
  }
}
