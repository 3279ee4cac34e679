package dev.usagekit.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.androidcheck.Shrinker.Mode;
import dev.usagekit.androidcheck.fixtures.FixturesApp;
import dev.usagekit.androidcheck.rx.RxApp;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The apps shrunk by R8 (class files out, so that this JVM can run them) in full mode, as AGP 8 runs it, and in
 * compatibility mode, under the consumer rules of their jars and AGP's default rules only (see {@link Shrinker}),
 * then run in a JVM of their own. A rule missing from usagekit's jars shows here as a failing run, not in an app in
 * production.
 */
class ShrunkConsumerTest {
  private static final long START = 1790812800L; // 2026-10-01T00:00:00Z
  private static final long DAY = 86_400L;
  private static final int DAYS = 5;

  @Test
  void usagekitJarsShipConsumerRules() throws Exception {
    assertThat(Shrinker.consumerRules(Shrinker.appWithTestkitClasspath()).keySet())
        .anySatisfy(name -> assertThat(name).contains("usage-model").endsWith("usage-model.pro"))
        .anySatisfy(name -> assertThat(name).contains("usage-retrofit").endsWith("usage-retrofit.pro"))
        .anySatisfy(name -> assertThat(name).contains("usage-rx").endsWith("usage-rx.pro"))
        .anySatisfy(name -> assertThat(name).contains("usage-micrometer").endsWith("usage-micrometer.pro"))
        .anySatisfy(name -> assertThat(name).contains("usage-testkit").endsWith("usage-testkit.pro"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyEndpointPagesAndSumsExactlyInTheShrunkApp(Mode mode) throws Exception {
    Path shrunk = Shrinker.shrink("rx-" + mode.name().toLowerCase(), RxApp.class, Shrinker.appClasspath(), mode,
        false);
    try (FakeUsageServer server = FakeUsageServer.start()) {
      for (UsageEndpoint endpoint : UsageEndpoint.values()) {
        for (int day = 0; day < DAYS; day++) {
          server.add(START + day * DAY + 3600, TestData.result(endpoint));
        }
      }
      long end = START + DAYS * DAY;
      // The same app, not shrunk, against the same server: what the shrunk one must print, line for line.
      List<String> expected = RxApp.report(
          UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build(), START, end);
      assertThat(expected).hasSize(UsageEndpoint.values().length)
          .allSatisfy(line -> assertThat(line).contains(" buckets=" + DAYS + " ").contains("{results=" + DAYS));

      String out = run(shrunk, RxApp.class, server.url(), server.adminKey(), Long.toString(START), Long.toString(end));

      assertThat(out.trim().split("\\R")).as("output of the shrunk app (%s mode)", mode)
          .containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyFixtureDecodesAndEveryEndpointPagesThroughTheFakeServerInTheShrunkApp(Mode mode) throws Exception {
    Path shrunk = Shrinker.shrink("fixtures-" + mode.name().toLowerCase(), FixturesApp.class,
        Shrinker.appWithTestkitClasspath(), mode, false);

    String out = run(shrunk, FixturesApp.class);

    // Two fixture pages and three requests per endpoint, plus the unknown-result fixture and the paging run.
    int endpoints = UsageEndpoint.values().length;
    assertThat(out).containsPattern("OK pages=" + (endpoints * 2 + 3) + " results=\\d+ requests=" + (endpoints * 3 + 4));
  }

  /** Runs {@code app}'s main from {@code shrunk} in a JVM of its own; returns its output, after a zero exit. */
  static String run(Path shrunk, Class<?> app, String... args) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path log = shrunk.resolveSibling("run.txt");
    List<String> command = new ArrayList<>(Arrays.asList(java.toString(), "-cp", shrunk.toString(), app.getName()));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    assertThat(finished).as("the shrunk app finished; its output:%n%s", out).isTrue();
    assertThat(process.exitValue()).as("exit code of the shrunk app; its output:%n%s", out).isZero();
    return out;
  }
}
