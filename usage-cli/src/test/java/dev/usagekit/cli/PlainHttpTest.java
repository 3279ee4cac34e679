package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admin key never goes to another host over plain http. */
class PlainHttpTest {
  @Test
  void plainHttpBaseUrlToAnotherHostIsABadArgument() {
    CliRun run = CliRun.run(CliRun.key("sk-admin-sentinel-0123"),
        "costs", "--start", "2026-11-01", "--base-url", "http://usage-proxy.example.com/v1/");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("option '--base-url'").contains("must be https unless its host is loopback")
        .doesNotContain("sk-admin-sentinel-0123");
    assertThat(run.out()).isEmpty();
  }
}
