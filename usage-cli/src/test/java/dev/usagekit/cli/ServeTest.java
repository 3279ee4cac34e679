package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.UsageStreams;
import dev.usagekit.rx.UsageSummary;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code usage-report serve} and {@code demo serve}: /metrics scraped over HTTP, its samples equal to the
 * aggregator's exact totals of the final buckets. (The CI script {@code .ci/prometheus} parses the same endpoint
 * with Prometheus' own Python parser and scrapes it with a real Prometheus server.)
 */
class ServeTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  /** A {@code usage-report} serving in a thread of this JVM until {@link #close()}. */
  static final class Serving implements AutoCloseable {
    final CompletableFuture<InetSocketAddress> address = new CompletableFuture<>();
    final CountDownLatch stop = new CountDownLatch(1);
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Serving(Map<String, String> env, String... args) {
      this(CliRun.CLOCK, env, args);
    }

    Serving(java.time.Clock clock, Map<String, String> env, String... args) {
      Thread thread = new Thread(() -> {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
          exit.complete(new ReportTool(env, new PrintStream(new ByteArrayOutputStream()), e, false)
              .retryPolicy(CliRun.NO_WAIT).clock(clock)
              .serve(new ServeCommand.Lifecycle() {
                @Override
                public void started(InetSocketAddress where) {
                  address.complete(where);
                }

                @Override
                public void awaitStop() throws InterruptedException {
                  stop.await();
                }
              })
              .run(args));
        } catch (Throwable t) {
          exit.completeExceptionally(t);
        }
        address.completeExceptionally(new IllegalStateException("ended without serving: " + err));
      }, "usage-report-serve");
      thread.setDaemon(true);
      thread.start();
    }

    String url(String path) throws Exception {
      InetSocketAddress where = address.get(2, TimeUnit.MINUTES);
      return "http://127.0.0.1:" + where.getPort() + path;
    }

    @Override
    public void close() throws Exception {
      stop.countDown();
      assertThat(exit.get(2, TimeUnit.MINUTES)).isEqualTo(ExitCodes.OK);
    }
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One sample of the text format: {@code name{label="value",...} number}. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  static List<Sample> samples(String exposition) {
    List<Sample> samples = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        int end = 0;
        while (l.find() && l.start() == end) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
          end = l.end();
        }
        assertThat(end).as(line).isEqualTo(m.group(2).length());
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return samples;
  }

  /**
   * Scrapes until {@code openai_usage_buckets_total} of every endpoint reached {@code buckets}, and returns the
   * scrape after that one: a scrape reads the meters one by one while a bucket is being counted (its amounts, then
   * the bucket count), so only a scrape begun after the count was seen holds every amount of the buckets counted.
   */
  static List<Sample> scrapeOnceCounted(Serving serving, Map<String, Double> buckets) throws Exception {
    scrapeUntilCounted(serving, buckets);
    return scrapeUntilCounted(serving, buckets);
  }

  private static List<Sample> scrapeUntilCounted(Serving serving, Map<String, Double> buckets) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      HttpResponse<String> response = get(serving.url("/metrics"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(ServeCommand.CONTENT_TYPE);
      List<Sample> samples = samples(response.body());
      Map<String, Double> counted = new LinkedHashMap<>();
      for (Sample s : samples) {
        if (s.name().equals("openai_usage_buckets_total")) {
          counted.put(s.labels().get("endpoint"), s.value());
        }
      }
      if (counted.equals(buckets)) {
        return samples;
      }
      assertThat(System.nanoTime()).as("buckets counted so far: " + counted).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void withStateARestartResumesWhereTheLastRunStoppedAndCountsNoDayTwice(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Instant today = CliRun.CLOCK.instant().truncatedTo(ChronoUnit.DAYS);
    Path state = dir.resolve("serve.state");
    try (FakeUsageServer fake = FakeUsageServer.builder()
        .clock(java.time.Clock.offset(CliRun.CLOCK, Duration.ofDays(2))).start()) {
      String[] amounts = {"1.25", "2.50", "4.00"};
      for (int day = 0; day < amounts.length; day++) {
        fake.add(today.minus(2 - day, ChronoUnit.DAYS).plusSeconds(600), dev.usagekit.testkit.TestData.costs()
            .projectId("proj_a").lineItem("gpt-4o, input").amount(dev.usagekit.testkit.TestData.usd(amounts[day]))
            .build());
      }
      String[] args = {"serve", "--port", "0", "--endpoints", "costs", "--base-url", fake.url(),
          "--start", Long.toString(today.minus(2, ChronoUnit.DAYS).getEpochSecond()), "--state", state.toString()};
      Map<String, String> env = CliRun.key(fake.adminKey());

      List<Sample> first;
      try (Serving serving = new Serving(env, args)) {          // today 09:30: the two days before are final
        first = scrapeOnceCounted(serving, Map.of("costs", 2.0));
      }
      assertThat(Files.readString(state)).contains("costs=" + today.getEpochSecond());
      List<Sample> second;
      try (Serving serving = new Serving(java.time.Clock.offset(CliRun.CLOCK, Duration.ofDays(1)), env, args)) {
        second = scrapeOnceCounted(serving, Map.of("costs", 1.0)); // a day later: today is final too
      }

      java.util.logging.Logger binderLog =
          java.util.logging.Logger.getLogger(dev.usagekit.micrometer.UsageMetrics.class.getName());
      assertThat(binderLog.getHandlers()).as("the runs' stderr handlers, left on the JVM's logger").isEmpty();
      assertThat(binderLog.getUseParentHandlers()).isTrue();
      assertThat(costs(first)).isEqualTo(3.75);
      assertThat(costs(second)).isEqualTo(4.00);
      assertThat(Files.readString(state)).contains("costs=" + today.plus(1, ChronoUnit.DAYS).getEpochSecond());
    }
  }

  private static double costs(List<Sample> samples) {
    return samples.stream().filter(s -> s.name().equals("openai_costs_amount_total")).mapToDouble(Sample::value)
        .sum();
  }

  @Test
  void aKeyTheApiRefusesEndsServeWithExit3BeforeItServes() throws Exception {
    try (FakeUsageServer fake = FakeUsageServer.builder().clock(CliRun.CLOCK).start()) {
      Serving serving = new Serving(CliRun.key("sk-admin-not-this-one"), "serve", "--port", "0",
          "--endpoints", "costs", "--base-url", fake.url(), "--start", "2026-11-01");

      assertThat(serving.exit.get(2, TimeUnit.MINUTES)).isEqualTo(ExitCodes.API_ERROR);
      assertThat(serving.err.toString(StandardCharsets.UTF_8)).contains("HTTP 401").doesNotContain("serving http");
    }
  }

  @Test
  void withoutAKeyServeExits2AndSaysHowToSetIt() {
    CliRun run = CliRun.run(Map.of(), "serve", "--port", "0");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("OPENAI_ADMIN_KEY is not set").contains("usage-report demo serve");
  }

  @Test
  void badOptionsFailBeforeAnythingIsServed() {
    assertThat(CliRun.run(Map.of(), "demo", "serve").err()).contains("--port");
    assertThat(CliRun.run(Map.of(), "demo", "serve", "--port", "70000").err())
        .contains("'70000' is not a port; allowed: 0 to 65535");
    CliRun badEndpoint = CliRun.run(Map.of(), "demo", "serve", "--port", "0", "--endpoints", "completions,nope");
    assertThat(badEndpoint.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badEndpoint.err()).contains("'nope' is not an endpoint; allowed: ");
    CliRun badField = CliRun.run(Map.of(), "demo", "serve", "--port", "0", "--endpoints", "costs",
        "--group-by", "model");
    assertThat(badField.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badField.err()).contains("'model' is not a group_by field of [costs]; allowed: project_id, line_item");
  }

  @Test
  void demoServeExposesTheDemosUsageAndCostsEqualToTheAggregatorsExactTotals() throws Exception {
    Instant today = CliRun.CLOCK.instant().truncatedTo(ChronoUnit.DAYS);
    Instant start = today.minus(Demo.DAYS, ChronoUnit.DAYS);
    List<UsageResult> costs;
    List<UsageResult> completions;
    try (FakeUsageServer same = FakeUsageServer.builder().clock(CliRun.CLOCK)
        .organization(SyntheticOrganization.generate(Demo.SEED, start, Demo.DAYS)).start()) {
      UsageStreams streams = UsageStreams.create(
          UsageApiFactory.builder().adminKey(same.adminKey()).baseUrl(same.url()).build());
      costs = new ArrayList<>(streams.results(UsageQuery.builder(UsageEndpoint.COSTS)
          .start(start).end(today).limit(180).groupBy(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM).build())
          .toList().blockingGet());
      completions = new ArrayList<>(streams.results(UsageQuery.builder(UsageEndpoint.COMPLETIONS)
          .start(start).end(today).bucketWidth(BucketWidth.ONE_HOUR).limit(168)
          .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).build()).toList().blockingGet());
    }

    List<Sample> samples;
    try (Serving serving = new Serving(Map.of(), "demo", "serve", "--port", "0")) {
      // Final with an hour of grace at 09:30: the 30 days, and today's hourly buckets up to 08:00.
      samples = scrapeOnceCounted(serving, Map.of("completions", 30.0 * 24 + 8, "costs", 30.0));
      assertThat(get(serving.url("/")).statusCode()).isEqualTo(404);
      String exposition = get(serving.url("/metrics")).body();
      List<String> families = new ArrayList<>();
      for (String line : exposition.split("\n")) {
        if (line.startsWith("# TYPE ")) {
          families.add(line.split(" ")[2]);
        }
      }
      assertThat(families).hasSizeGreaterThanOrEqualTo(6);
      for (String family : families) {
        assertThat(exposition).as("HELP of " + family).containsPattern("(?m)^# HELP " + family + " \\S");
      }
      assertThat(serving.err.toString(StandardCharsets.UTF_8)).contains("serving http://127.0.0.1:");
    }

    Map<String, String> names = new LinkedHashMap<>();
    for (SyntheticOrganization.Project project
        : SyntheticOrganization.generate(Demo.SEED, start, Demo.DAYS).projects()) {
      names.put(project.id(), project.name());
    }
    int costSamples = 0;
    int tokenSamples = 0;
    for (Sample s : samples) {
      String project = s.labels().get("project_id");
      if (project != null && !project.isEmpty()) {
        assertThat(s.labels()).as(s.toString()).containsEntry("project_name", names.get(project));
      }
      if (s.name().equals("openai_usage_tokens_total") || s.name().equals("openai_costs_amount_total")) {
        assertThat(s.value()).as("a series that has only ever been zero: " + s).isNotZero();
      }
      if (s.name().equals("openai_costs_amount_total")) {
        costSamples++;
        List<UsageResult> group = costs.stream()
            .filter(r -> Objects.equals(((CostsResult) r).projectId(), s.labels().get("project_id"))
                && Objects.equals(((CostsResult) r).lineItem(), s.labels().get("line_item")))
            .toList();
        assertThat(s.value()).as(s.toString())
            .isEqualTo(UsageSummary.ofResults(group).total().cost(s.labels().get("currency")).doubleValue());
      } else if (s.name().equals("openai_usage_tokens_total") && "input".equals(s.labels().get("type"))) {
        tokenSamples++;
        List<UsageResult> group = completions.stream()
            .filter(r -> Objects.equals(((UsageCompletionsResult) r).model(), s.labels().get("model"))
                && Objects.equals(((UsageCompletionsResult) r).projectId(), s.labels().get("project_id")))
            .toList();
        assertThat(s.value()).as(s.toString())
            .isEqualTo((double) UsageSummary.ofResults(group).total().count("input_tokens"));
      }
    }
    assertThat(costSamples).isEqualTo(costs.stream()
        .map(r -> ((CostsResult) r).projectId() + "|" + ((CostsResult) r).lineItem()).distinct().count());
    assertThat(tokenSamples).isGreaterThan(1);
    double costTotal = samples.stream().filter(s -> s.name().equals("openai_costs_amount_total"))
        .mapToDouble(Sample::value).sum();
    assertThat(costTotal).isCloseTo(UsageSummary.ofResults(costs).total().cost("usd").doubleValue(),
        org.assertj.core.data.Offset.offset(1e-6));
  }
}
