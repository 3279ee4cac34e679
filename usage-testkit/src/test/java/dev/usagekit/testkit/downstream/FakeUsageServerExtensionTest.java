package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: a server and a ready client per test, injected, stopped after the test. */
class FakeUsageServerExtensionTest {
  static final Set<Integer> PORTS = new HashSet<>();
  static final Set<FakeUsageServer> SERVERS = new HashSet<>();

  @AfterAll
  static void everyServerWasStopped() {
    for (FakeUsageServer server : SERVERS) {
      assertThat(server.toString()).isNotEmpty();
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> new java.net.Socket(
          "127.0.0.1", server.port()).close());
      assertThat(refused).as("port %d still open", server.port()).isInstanceOf(java.io.IOException.class);
    }
  }

  @Nested
  @ExtendWith(FakeUsageServerExtension.class)
  class MethodParameters {
    @Test
    void theClientTalksToTheInjectedServer(FakeUsageServer server, UsageApi api) throws Exception {
      SERVERS.add(server);
      UsageApiPages.fetch(api, UsageQuery.costs().startTime(0).endTime(86400).build(), null).blockingFirst();

      assertThat(server.requestCount()).isEqualTo(1);
      assertThat(server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS).header("Authorization"))
          .isEqualTo("Bearer " + server.adminKey());
    }

    @Test
    void eachTestHasItsOwnServer(FakeUsageServer server) {
      SERVERS.add(server);
      assertThat(PORTS.add(server.port())).isTrue();
      assertThat(server.requestCount()).isZero();
    }

    @Test
    void anotherTestAnotherServer(FakeUsageServer server) {
      SERVERS.add(server);
      assertThat(PORTS.add(server.port())).isTrue();
    }
  }

  @Nested
  @ExtendWith(FakeUsageServerExtension.class)
  class ConstructorParameters {
    private final FakeUsageServer server;

    ConstructorParameters(FakeUsageServer server) {
      this.server = server;
    }

    @Test
    void theConstructorGetsTheTestsServer(FakeUsageServer parameter) {
      SERVERS.add(server);
      assertThat(parameter).isSameAs(server);
    }
  }

  @Nested
  class Configured {
    static final Instant NOW = Instant.parse("2026-11-08T00:00:00Z");

    @RegisterExtension
    final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(builder -> builder
        .adminKey("sk-admin-configured-000000000000000000")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void theConfigurationApplies(FakeUsageServer server, UsageApi api) {
      SERVERS.add(server);
      var page = UsageApiPages.fetch(api, UsageQuery.costs().startTime(NOW.getEpochSecond() - 86400).build(),
          null).blockingFirst();

      assertThat(server.adminKey()).isEqualTo("sk-admin-configured-000000000000000000");
      assertThat(page.data().get(0).endTime()).isEqualTo(NOW.getEpochSecond());
    }
  }
}
