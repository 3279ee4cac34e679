package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.TestData;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import retrofit2.HttpException;

/** Scripted faults, as a client meets them through OkHttp and the generated UsageApi. */
@ExtendWith(FakeUsageServerExtension.class)
class FaultsTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final String COSTS = "organization/costs?start_time=" + NOV_1 + "&end_time=" + (NOV_1 + 86400);

  /** A client that gives up quickly and never retries by itself. */
  static final OkHttpClient IMPATIENT = Http.CLIENT.newBuilder()
      .readTimeout(100, TimeUnit.MILLISECONDS)
      .build();

  private static UsageQuery<?> costs() {
    return UsageQuery.costs().startTime(NOV_1).endTime(NOV_1 + 86400).build();
  }

  @Test
  void rateLimitedWithRetryAfter(FakeUsageServer server) {
    server.enqueue(Fault.rateLimited(2));

    Http.Reply reply = Http.get(server, COSTS);

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isEqualTo("2");
    assertThat(reply.header("x-request-id")).startsWith("req_");
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void rateLimitedWithoutRetryAfter(FakeUsageServer server) {
    server.enqueue(Fault.rateLimited());

    Http.Reply reply = Http.get(server, COSTS);

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isNull();
  }

  @Test
  void aFaultAnswersOnlyTheNextRequest(FakeUsageServer server) {
    server.enqueue(Fault.serverError(503));

    assertThat(Http.get(server, COSTS).status()).isEqualTo(503);
    assertThat(Http.get(server, COSTS).status()).isEqualTo(200);
  }

  @Test
  void aFaultEnqueuedSeveralTimesAnswersThatManyRequests(FakeUsageServer server) {
    server.enqueue(Fault.serverError(500), 3);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(Http.get(server, COSTS).status());
    }

    assertThat(statuses).containsExactly(500, 500, 500, 200);
    assertThat(server.pendingFaults()).isZero();
  }

  @Test
  void serverErrorsHaveTheApisErrorBody(FakeUsageServer server) {
    server.enqueue(Fault.serverError(500));

    Http.Reply reply = Http.get(server, COSTS);

    assertThat(reply.json().at("/error/type").asText()).isEqualTo("server_error");
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void anEndpointFaultWaitsForARequestToThatEndpoint(FakeUsageServer server) {
    server.enqueue(UsageEndpoint.COMPLETIONS, Fault.serverError(502));

    int costs = Http.get(server, COSTS).status();
    int completions = Http.get(server, "organization/usage/completions?start_time=" + NOV_1).status();

    assertThat(costs).isEqualTo(200);
    assertThat(completions).isEqualTo(502);
  }

  @Test
  void aCustomResponseCanBeAnHtmlGatewayPage(FakeUsageServer server) {
    server.enqueue(Fault.response(502, "text/html", "<html><body>502 Bad Gateway</body></html>"));

    Http.Reply reply = Http.get(server, COSTS);

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.header("Content-Type")).isEqualTo("text/html");
    assertThat(reply.body()).contains("Bad Gateway");
  }

  @Test
  void aTypedClientSeesAFaultAsAnHttpException(FakeUsageServer server, UsageApi api) {
    server.enqueue(Fault.rateLimited(1));

    Throwable e = catchThrowable(() -> UsageApiPages.fetch(api, costs(), null).blockingFirst());

    assertThat(e).isInstanceOf(HttpException.class);
    assertThat(((HttpException) e).code()).isEqualTo(429);
  }

  @Test
  void aConnectionDroppedMidBodyFailsTheCall(FakeUsageServer server) throws InterruptedException {
    server.add(NOV_1, TestData.costs().build());
    server.enqueue(Fault.disconnectDuringBody());
    Request request = new Request.Builder().url(server.url() + COSTS)
        .header("Authorization", "Bearer " + server.adminKey()).build();

    assertThatThrownBy(() -> Http.execute(Http.CLIENT, request)).hasRootCauseInstanceOf(IOException.class);
    // Taken with a wait: the client may fail before a loaded machine's server thread has recorded the request.
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void aConnectionClosedBeforeAnyResponseFailsTheCall(FakeUsageServer server) throws InterruptedException {
    server.enqueue(Fault.disconnectAfterRequest());
    Request request = new Request.Builder().url(server.url() + COSTS)
        .header("Authorization", "Bearer " + server.adminKey()).build();

    assertThatThrownBy(() -> Http.execute(Http.CLIENT, request)).hasRootCauseInstanceOf(IOException.class);
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).status()).isZero();
  }

  @Test
  void aTruncatedBodyIsA200ThatDoesNotParse(FakeUsageServer server, UsageApi api) {
    server.enqueue(Fault.truncatedBody());

    Throwable e = catchThrowable(() -> UsageApiPages.fetch(api, costs(), null).blockingFirst());

    assertThat(e).hasCauseInstanceOf(JsonProcessingException.class);
    assertThat(server.requests().get(0).status()).isEqualTo(200);
  }

  @Test
  void slowHeadersMakeAnImpatientClientTimeOut(FakeUsageServer server) {
    server.enqueue(Fault.slowHeaders(400, TimeUnit.MILLISECONDS));
    UsageApi api = UsageApiFactory.builder().client(IMPATIENT).adminKey(server.adminKey())
        .baseUrl(server.url()).build();

    Throwable e = catchThrowable(() -> UsageApiPages.fetch(api, costs(), null).blockingFirst());

    assertThat(e).hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void aSlowBodyMakesAnImpatientClientTimeOutReadingIt(FakeUsageServer server) {
    server.enqueue(Fault.slowBody(400, TimeUnit.MILLISECONDS));
    UsageApi api = UsageApiFactory.builder().client(IMPATIENT).adminKey(server.adminKey())
        .baseUrl(server.url()).build();

    Throwable e = catchThrowable(() -> UsageApiPages.fetch(api, costs(), null).blockingFirst());

    assertThat(e).hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void noResponseMakesAClientTimeOutAndTheServerStillClosesAtOnce(FakeUsageServer server)
      throws InterruptedException {
    server.enqueue(Fault.noResponse());
    UsageApi api = UsageApiFactory.builder().client(IMPATIENT).adminKey(server.adminKey())
        .baseUrl(server.url()).build();

    Throwable e = catchThrowable(() -> UsageApiPages.fetch(api, costs(), null).blockingFirst());

    assertThat(e).hasCauseInstanceOf(SocketTimeoutException.class);
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).fault()).isEqualTo(Fault.noResponse());
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aSlowResponseStillArrivesForAPatientClient(FakeUsageServer server, UsageApi api) {
    server.enqueue(Fault.slowHeaders(50, TimeUnit.MILLISECONDS));

    assertThat(UsageApiPages.fetch(api, costs(), null).blockingFirst().data()).hasSize(1);
  }

  @Test
  void faultsAreRecordedWithTheRequestsTheyAnswered(FakeUsageServer server) throws Exception {
    server.enqueue(Fault.rateLimited(1));
    Http.get(server, COSTS);
    Http.get(server, COSTS);

    RecordedUsageRequest first = server.takeRequest();
    RecordedUsageRequest second = server.takeRequest();

    assertThat(first.fault()).isEqualTo(Fault.rateLimited(1));
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.query()).isEqualTo(second.query());
    assertThat(second.fault()).isNull();
    assertThat(server.takeRequest(10, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void seededRandomFaultsAreReproducible() throws Exception {
    assertThat(statuses(7L)).isEqualTo(statuses(7L));
    assertThat(statuses(7L)).contains(200).containsAnyOf(500, 503);
  }

  @Test
  void thereAreNoFaultsUnlessAsked(FakeUsageServer server) {
    for (int i = 0; i < 50; i++) {
      assertThat(Http.get(server, COSTS).status()).isEqualTo(200);
    }
  }

  private static List<Integer> statuses(long seed) throws IOException {
    try (FakeUsageServer server = FakeUsageServer.builder()
        .randomFaults(seed, 0.5, Fault.serverError(500), Fault.serverError(503)).start()) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(Http.get(server, COSTS).status());
      }
      return statuses;
    }
  }
}
