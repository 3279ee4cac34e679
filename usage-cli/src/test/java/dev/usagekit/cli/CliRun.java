package dev.usagekit.cli;

import dev.usagekit.rx.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs usage-report in this JVM and keeps its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
  /** The demo's now in tests: its 30 days are 2026-10-22 to 2026-11-20. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  /** Retries at once: 4 retries (as the default policy), no backoff, no jitter. */
  static final RetryPolicy NO_WAIT = RetryPolicy.builder()
      .maxRetries(4)
      .initialBackoff(Duration.ZERO)
      .maxBackoff(Duration.ZERO)
      .jitter(0)
      .build();

  static CliRun run(Map<String, String> env, String... args) {
    return run(false, env, args);
  }

  static CliRun run(boolean interactive, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new ReportTool(env, o, e, interactive).retryPolicy(NO_WAIT).clock(CLOCK).run(args);
    }
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An environment with the admin key set. */
  static Map<String, String> key(String adminKey) {
    return Map.of(Commands.ADMIN_KEY_VARIABLE, adminKey);
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
