package dev.usagekit.androidcheck.peer;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.admin.organization.usage.UsageCompletionsParams;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsParams;
import com.openai.models.admin.organization.usage.UsageCostsResponse;

/**
 * The peer of RxApp written with the official SDK (com.openai:openai-java 4.109.0), for the dex comparison in
 * BENCHMARKS.md: builds a client and pages through costs and completions, two buckets a page, counting results.
 * (RxApp pages all twelve endpoints; this one uses two, which only favours the SDK.) Not compiled by the build:
 * usage-android-check/scripts/openai-java-dex.sh compiles, shrinks and dexes it.
 *
 * <p>Arguments: base URL, admin key, start and end time (Unix seconds).
 */
public final class OpenAiApp {
  private OpenAiApp() {}

  public static void main(String[] args) {
    OpenAIClient client = OpenAIOkHttpClient.builder().adminApiKey(args[1]).apiKey("unused").baseUrl(args[0]).build();
    long start = Long.parseLong(args[2]);
    long end = Long.parseLong(args[3]);
    long costs = 0;
    String page = null;
    do {
      UsageCostsParams.Builder params = UsageCostsParams.builder().startTime(start).endTime(end).limit(2L);
      if (page != null) {
        params.page(page);
      }
      UsageCostsResponse response = client.admin().organization().usage().costs(params.build());
      for (UsageCostsResponse.Data bucket : response.data()) {
        costs += bucket.results().size();
      }
      page = response.hasMore() ? response.nextPage().orElse(null) : null;
    } while (page != null);
    long completions = 0;
    page = null;
    do {
      UsageCompletionsParams.Builder params = UsageCompletionsParams.builder().startTime(start).endTime(end).limit(2L);
      if (page != null) {
        params.page(page);
      }
      UsageCompletionsResponse response = client.admin().organization().usage().completions(params.build());
      for (UsageCompletionsResponse.Data bucket : response.data()) {
        completions += bucket.results().size();
      }
      page = response.hasMore() ? response.nextPage().orElse(null) : null;
    } while (page != null);
    System.out.println("costs=" + costs + " completions=" + completions);
  }
}
