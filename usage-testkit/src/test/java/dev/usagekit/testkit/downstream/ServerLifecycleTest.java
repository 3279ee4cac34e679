package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.UsageRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, configuring, feeding and stopping a server; argument checks of the public API. */
class ServerLifecycleTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();

  @Test
  void aServerListensOnLoopbackUnderV1UntilClosed() throws IOException {
    FakeUsageServer server = FakeUsageServer.start();
    String url = server.url();

    assertThat(url).isEqualTo("http://127.0.0.1:" + server.port() + "/v1/");
    assertThat(server.adminKey()).isEqualTo(FakeUsageServer.DEFAULT_ADMIN_KEY);
    assertThat(Http.get(server, "organization/costs?start_time=" + NOV_1).status()).isEqualTo(200);

    server.close();
    server.close();
    assertThatThrownBy(() -> Http.get(server, "organization/costs?start_time=" + NOV_1))
        .hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void theBasePathIsConfigurable() throws IOException {
    try (FakeUsageServer server = FakeUsageServer.builder().basePath("/openai/v1/").start()) {
      assertThat(server.url()).endsWith("/openai/v1/");
      assertThat(Http.get(server, "organization/costs?start_time=" + NOV_1).status()).isEqualTo(200);
      assertThat(Http.execute(Http.CLIENT, new okhttp3.Request.Builder()
          .url("http://127.0.0.1:" + server.port() + "/v1/organization/costs?start_time=" + NOV_1)
          .header("Authorization", "Bearer " + server.adminKey()).build()).status()).isEqualTo(404);
    }
  }

  @Test
  void recordsGivenToTheBuilderAreServed() throws IOException {
    try (FakeUsageServer server = FakeUsageServer.builder()
        .records(List.of(UsageRecord.of(NOV_1, TestData.costs().build())))
        .start()) {
      assertThat(server.records()).hasSize(1);
      assertThat(Http.get(server, "organization/costs?start_time=" + NOV_1).json()
          .at("/data/0/results").size()).isEqualTo(1);
    }
  }

  @Test
  void recordsCanBeAddedAndClearedWhileTheServerRuns() throws IOException {
    try (FakeUsageServer server = FakeUsageServer.start()) {
      String costs = "organization/costs?start_time=" + NOV_1;
      int before = Http.get(server, costs).json().at("/data/0/results").size();
      server.add(NOV_1, TestData.costs().build());
      int after = Http.get(server, costs).json().at("/data/0/results").size();
      server.clearRecords();
      int cleared = Http.get(server, costs).json().at("/data/0/results").size();

      assertThat(List.of(before, after, cleared)).containsExactly(0, 1, 0);
    }
  }

  @Test
  void concurrentClientsAreAllAnsweredAndRecorded() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (FakeUsageServer server = FakeUsageServer.start()) {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        int n = i;
        statuses.add(pool.submit(() -> {
          server.add(NOV_1 + n, TestData.embeddings().inputTokens(1).build());
          return Http.get(server, "organization/usage/embeddings?start_time=" + NOV_1).status();
        }));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      }

      assertThat(server.requests()).hasSize(80);
      assertThat(server.requests()).extracting(RecordedUsageRequest::requestId).doesNotHaveDuplicates();
      assertThat(server.requests()).extracting(RecordedUsageRequest::sequence).doesNotHaveDuplicates();
      assertThat(Http.get(server, "organization/usage/embeddings?start_time=" + NOV_1).json()
          .at("/data/0/results/0/input_tokens").asLong()).isEqualTo(80);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clearedFaultsAreNotUsed() throws IOException {
    try (FakeUsageServer server = FakeUsageServer.start()) {
      server.enqueue(Fault.serverError(500), 2).enqueue(UsageEndpoint.COSTS, Fault.rateLimited());
      assertThat(server.pendingFaults()).isEqualTo(3);

      server.clearFaults();

      assertThat(server.pendingFaults()).isZero();
      assertThat(Http.get(server, "organization/costs?start_time=" + NOV_1).status()).isEqualTo(200);
    }
  }

  @Test
  void theRecordedRequestKeepsHeadersButItsTextNeverShowsTheKey() throws Exception {
    try (FakeUsageServer server = FakeUsageServer.start()) {
      Http.get(server, "organization/costs?start_time=" + NOV_1 + "&group_by=project_id");

      RecordedUsageRequest request = server.takeRequest();

      assertThat(request.header("authorization")).isEqualTo("Bearer " + server.adminKey());
      assertThat(request.toString()).doesNotContain(server.adminKey()).contains("/v1/organization/costs");
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/v1/organization/costs");
      assertThat(request.endpoint()).isEqualTo(UsageEndpoint.COSTS);
      assertThat(request.queryParameter("group_by")).containsExactly("project_id");
      assertThat(request.queryParameter("limit")).isEmpty();
      assertThat(request.sequence()).isEqualTo(1);
    }
  }

  @Test
  void invalidArgumentsAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> Fault.rateLimited(0)).hasMessageContaining("retryAfterSeconds");
    assertThatThrownBy(() -> Fault.serverError(404)).hasMessageContaining("status");
    assertThatThrownBy(() -> Fault.error(302)).hasMessageContaining("status");
    assertThatThrownBy(() -> Fault.slowBody(-1, TimeUnit.SECONDS)).hasMessageContaining("delay");
    assertThatThrownBy(() -> FakeUsageServer.builder().basePath("v1")).hasMessageContaining("basePath");
    assertThatThrownBy(() -> FakeUsageServer.builder().port(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> FakeUsageServer.builder().adminKey(" ")).hasMessageContaining("adminKey");
    assertThatThrownBy(() -> FakeUsageServer.builder().randomFaults(1, 1.5)).hasMessageContaining("rate");
    assertThatThrownBy(() -> FakeUsageServer.builder().clock(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("clock == null");
    assertThatThrownBy(() -> UsageRecord.of(-1, TestData.costs().build())).hasMessageContaining("timestamp");
    assertThatThrownBy(() -> UsageRecord.of(NOV_1, TestData.unknown("organization.usage.new.result").build()))
        .hasMessageContaining("organization.usage.new.result");
  }

  @Test
  void aRecordKnowsItsEndpoint() {
    UsageRecord record = UsageRecord.of(Instant.ofEpochSecond(NOV_1), TestData.fileSearchCalls().build());

    assertThat(record.endpoint()).isEqualTo(UsageEndpoint.FILE_SEARCH_CALLS);
    assertThat(record.timestamp()).isEqualTo(NOV_1);
    assertThat(record).isEqualTo(UsageRecord.of(NOV_1, TestData.fileSearchCalls().build()));
  }
}
