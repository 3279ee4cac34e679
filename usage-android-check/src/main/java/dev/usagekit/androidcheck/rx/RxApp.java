package dev.usagekit.androidcheck.rx;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.rx.UsageSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny app on usage-rx (no testkit): builds a client with {@code UsageApiFactory.builder()...build()}, pages every
 * endpoint of {@link UsageEndpoint} through {@link UsageStreams} two buckets a page, and prints each endpoint's
 * summary. Shrunk and dexed as an Android release build would; run shrunk against a fake server by the check.
 *
 * <p>Arguments: base URL, admin key, start and end time (Unix seconds).
 */
public final class RxApp {
  private RxApp() {}

  public static void main(String[] args) {
    UsageApi api = UsageApiFactory.builder().adminKey(args[1]).baseUrl(args[0]).build();
    for (String line : report(api, Long.parseLong(args[2]), Long.parseLong(args[3]))) {
      System.out.println(line);
    }
  }

  /** One line per endpoint: its name, buckets seen and the summed totals, exact. */
  public static List<String> report(UsageApi api, long start, long end) {
    UsageStreams streams = UsageStreams.create(api);
    List<String> lines = new ArrayList<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      UsageQuery<?> query = UsageQuery.builder(endpoint).startTime(start).endTime(end).limit(2).build();
      UsageSummary summary = UsageSummary.summarizeBuckets(streams.buckets(query)).blockingGet();
      lines.add(line(endpoint, summary.buckets(), summary));
    }
    return lines;
  }

  /** The line {@link #report} prints for {@code endpoint}. */
  public static String line(UsageEndpoint endpoint, long buckets, UsageSummary summary) {
    return endpoint.name() + " buckets=" + buckets + " unknown=" + summary.unknownResults() + " " + summary.total();
  }
}
