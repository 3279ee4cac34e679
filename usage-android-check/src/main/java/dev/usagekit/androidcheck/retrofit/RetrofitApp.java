package dev.usagekit.androidcheck.retrofit;

import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import java.math.BigDecimal;
import java.util.Collections;

/**
 * A tiny app on usage-retrofit alone: one page of costs through the generated {@link UsageApi}, summed. Measures what
 * usage-retrofit (with usage-model, Retrofit, OkHttp, Jackson and RxJava's Observable) costs an app.
 *
 * <p>Arguments: base URL, admin key, start time (Unix seconds).
 */
public final class RetrofitApp {
  private RetrofitApp() {}

  public static void main(String[] args) {
    UsageApi api = UsageApiFactory.builder().adminKey(args[1]).baseUrl(args[0]).build();
    UsageResponse page = api.usageCosts(Long.parseLong(args[2]), null, null, null, null, null, null, null, null,
        Collections.<String, String>emptyMap()).blockingFirst();
    BigDecimal total = BigDecimal.ZERO;
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        if (result instanceof CostsResult && ((CostsResult) result).amount() != null) {
          total = total.add(((CostsResult) result).amount().value());
        }
      }
    }
    System.out.println("buckets=" + page.data().size() + " total=" + total);
  }
}
