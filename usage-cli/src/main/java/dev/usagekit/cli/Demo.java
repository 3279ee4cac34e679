package dev.usagekit.cli;

import dev.usagekit.testkit.FakeUsageApi;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo: the testkit's fake of the API ({@link FakeUsageApi}) behind a small server on a loopback port, loaded
 * with a synthetic organisation whose 30 days end at the start of today (UTC). The same seed gives the same
 * organisation.
 */
final class Demo implements Closeable {
  static final long SEED = 42L;
  static final int DAYS = 30;

  final SyntheticOrganization organization;
  final FakeUsageApi api;
  final DemoServer server;

  private Demo(SyntheticOrganization organization, FakeUsageApi api, DemoServer server) {
    this.organization = organization;
    this.api = api;
    this.server = server;
  }

  static Demo start(Clock clock) throws IOException {
    Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    SyntheticOrganization organization =
        SyntheticOrganization.generate(SEED, today.minus(DAYS, ChronoUnit.DAYS), DAYS);
    FakeUsageApi api = FakeUsageApi.builder().organization(organization).clock(clock).build();
    return new Demo(organization, api, DemoServer.start(api));
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
