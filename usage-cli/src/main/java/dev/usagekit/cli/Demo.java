package dev.usagekit.cli;

import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo: the testkit's fake of the API on a loopback port, loaded with a synthetic organisation
 * whose 30 days end at the start of today (UTC). The same seed gives the same organisation.
 */
final class Demo implements Closeable {
  static final long SEED = 42L;
  static final int DAYS = 30;

  final SyntheticOrganization organization;
  final FakeUsageServer server;

  private Demo(SyntheticOrganization organization, FakeUsageServer server) {
    this.organization = organization;
    this.server = server;
  }

  static Demo start(Clock clock) throws IOException {
    Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    SyntheticOrganization organization =
        SyntheticOrganization.generate(SEED, today.minus(DAYS, ChronoUnit.DAYS), DAYS);
    FakeUsageServer server = FakeUsageServer.builder().organization(organization).clock(clock).start();
    return new Demo(organization, server);
  }

  long start() {
    return organization.start().getEpochSecond();
  }

  long end() {
    return organization.end().getEpochSecond();
  }

  /** One line for stderr: where the fake listens and what it holds. */
  String describe() {
    return "a fake of the API on " + server.url() + " (nothing leaves this machine), holding a synthetic "
        + "organisation: " + organization.projects().size() + " projects, " + organization.users().size()
        + " users, " + organization.apiKeys().size() + " API keys, " + organization.models().size()
        + " models, over the " + DAYS + " days " + Times.label(start(), true) + " to "
        + Times.label(end() - 86_400L, true);
  }

  @Override
  public void close() {
    server.close();
  }
}
