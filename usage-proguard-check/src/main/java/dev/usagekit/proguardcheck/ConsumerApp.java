package dev.usagekit.proguardcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageApiException;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Grouping;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.UsageFixtures;
import java.math.BigDecimal;
import java.util.List;

/**
 * A tiny consumer of usagekit, as an Android app would use it: the only entry point kept by its own rule.
 * {@code ShrunkConsumerTest} shrinks and obfuscates it, with every library it uses, under the consumer rules
 * that the jars ship in {@code META-INF/proguard/}, then runs the result. Every check throws on failure; the
 * last line printed is {@code OK} with counts.
 */
public final class ConsumerApp {
  private static final long START = 1790812800L; // 2026-10-01T00:00:00Z
  private static final long DAY = 86_400L;

  private ConsumerApp() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    int pages = 0;
    int results = 0;

    // 1. Decode (and re-encode) a grouped and an ungrouped page of every result type.
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      for (Grouping grouping : Grouping.values()) {
        UsageResponse page = mapper.readValue(UsageFixtures.page(endpoint, grouping).json(), UsageResponse.class);
        results += checkResults(page, endpoint.resultType(), endpoint + " " + grouping);
        UsageResponse again = mapper.readValue(mapper.writeValueAsString(page), UsageResponse.class);
        check(again.equals(page), endpoint + " " + grouping + ": written and read again, the page differs");
        pages++;
      }
    }

    // 2. The unusual pages: unknown result types, money as strings, the legacy "result" field, errors.
    UsageResponse unknown = mapper.readValue(UsageFixtures.unknownResultType().json(), UsageResponse.class);
    int unknowns = 0;
    for (UsageTimeBucket bucket : unknown.data()) {
      for (UsageResult result : bucket.results()) {
        unknowns += result instanceof UnknownUsageResult ? 1 : 0;
        results++;
      }
    }
    check(unknowns > 0, "unknown result type: no UnknownUsageResult");
    UsageResponse strings = mapper.readValue(UsageFixtures.costsWithStringAmounts().json(), UsageResponse.class);
    results += checkResults(strings, CostsResult.class, "costs with string amounts");
    UsageResponse legacy = mapper.readValue(UsageFixtures.legacyResultField().json(), UsageResponse.class);
    check(!legacy.data().isEmpty() && !legacy.data().get(0).results().isEmpty(), "legacy result field: no results");
    ErrorResponse error = mapper.readValue(UsageFixtures.error(429).json(), ErrorResponse.class);
    check(!error.error().message().isEmpty(), "error body: no message");
    pages += 3;

    // 3. Page through the fake server with the Retrofit client and the Rx streams, every endpoint.
    int requests;
    try (FakeUsageServer server = FakeUsageServer.start()) {
      for (UsageEndpoint endpoint : UsageEndpoint.values()) {
        for (int day = 0; day < 5; day++) {
          server.add(START + day * DAY + 3600, TestData.result(endpoint));
        }
      }
      UsageApi api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
      UsageStreams streams = UsageStreams.create(api);
      for (UsageEndpoint endpoint : UsageEndpoint.values()) {
        UsageQuery<UsageResult> query =
            UsageQuery.builder(endpoint).startTime(START).endTime(START + 5 * DAY).limit(2).build();
        List<UsageTimeBucket> buckets = streams.buckets(query).toList().blockingGet();
        check(buckets.size() == 5, endpoint + ": expected 5 buckets over 3 pages, got " + buckets.size());
        for (UsageTimeBucket bucket : buckets) {
          check(bucket.results().size() == 1, endpoint + ": expected 1 result per bucket");
          check(endpoint.resultType().isInstance(bucket.results().get(0)), endpoint + ": wrong result type "
              + bucket.results().get(0).getClass());
        }
      }
      List<CostsResult> costs = streams.results(
          UsageQuery.costs().startTime(START).endTime(START + 5 * DAY).limit(2).build()).toList().blockingGet();
      BigDecimal total = BigDecimal.ZERO;
      for (CostsResult cost : costs) {
        total = total.add(cost.amount().value());
      }
      check(total.signum() > 0, "costs: total " + total);

      // A typed API error, decoded from the {"error":{...}} body.
      server.enqueue(Fault.error(400));
      try {
        streams.buckets(UsageQuery.costs().startTime(START).build()).blockingFirst();
        throw new AssertionError("expected a UsageApiException");
      } catch (RuntimeException e) {
        Throwable failure = e instanceof UsageApiException ? e : e.getCause();
        check(failure instanceof UsageApiException && ((UsageApiException) failure).statusCode() == 400,
            "error: expected a UsageApiException with status 400, got " + e);
      }
      requests = server.requestCount();
    }
    check(requests == UsageEndpoint.values().length * 3 + 3 + 1, "requests to the fake: " + requests);
    System.out.println("OK pages=" + pages + " results=" + results + " requests=" + requests);
  }

  private static int checkResults(UsageResponse page, Class<?> type, String what) {
    int count = 0;
    for (UsageTimeBucket bucket : page.data()) {
      for (UsageResult result : bucket.results()) {
        check(type.isInstance(result), what + ": " + result.getClass().getName() + " is not " + type.getName());
        check(!result.object().isEmpty(), what + ": empty object");
        count++;
      }
    }
    check(count > 0, what + ": no results");
    return count;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
