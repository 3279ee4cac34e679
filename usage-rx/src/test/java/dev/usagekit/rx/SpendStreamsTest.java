package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spend limit and alerts: read, paged and bounded, retried and failed like the usage pages. */
class SpendStreamsTest {
  @RegisterExtension final RxPlugins rxPlugins = new RxPlugins();

  private static final String LIMIT = "{\"object\":\"organization.spend_limit\",\"threshold_amount\":250000,"
      + "\"currency\":\"USD\",\"interval\":\"month\",\"enforcement\":{\"status\":\"enforcing\"}}";

  private final MockWebServer server = new MockWebServer();
  private final TestScheduler scheduler = new TestScheduler();
  private SpendStreams spend;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    spend = SpendStreams.of(UsageStreams.builder(TestApis.synchronous(server))
        .retryPolicy(RetryPolicy.builder().jitter(0).build()).scheduler(scheduler).build());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String alerts(boolean hasMore, String lastId, String... ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"").append(id)
          .append("\",\"object\":\"organization.spend_alert\",\"threshold_amount\":1000,\"currency\":\"USD\","
              + "\"interval\":\"month\",\"notification_channel\":{\"type\":\"email\",\"recipients\":[]}}");
    }
    return "{\"object\":\"list\",\"data\":[" + data + "],\"first_id\":null,\"last_id\":"
        + (lastId == null ? "null" : "\"" + lastId + "\"") + ",\"has_more\":" + hasMore + "}";
  }

  @Test
  void organizationLimitIsReadFromItsPath() throws Exception {
    server.enqueue(json(200, LIMIT));

    SpendLimit limit = spend.organizationLimit().blockingGet();

    assertThat(limit.threshold()).isEqualByComparingTo(new BigDecimal("2500"));
    assertThat(limit.enforcement().isEnforcing()).isTrue();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/organization/spend_limit");
  }

  @Test
  void aLimitThatIsNotSetCompletesEmpty() throws Exception {
    server.enqueue(json(404, "{\"error\":{\"message\":\"No spend limit\",\"type\":\"invalid_request_error\"}}"));

    spend.projectLimit("proj_a").test().assertNoValues().assertNoErrors().assertComplete();

    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/organization/projects/proj_a/spend_limit");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void alertsArePagedAfterTheLastIdWhileHasMoreSaysSo() throws Exception {
    server.enqueue(json(200, alerts(true, "alert_b", "alert_a", "alert_b")));
    server.enqueue(json(200, alerts(false, "alert_c", "alert_c")));

    assertThat(spend.organizationAlerts().map(SpendAlert::id).toList().blockingGet())
        .containsExactly("alert_a", "alert_b", "alert_c");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/organization/spend_alerts?limit=100&order=asc");
    assertThat(server.takeRequest().getPath())
        .isEqualTo("/v1/organization/spend_alerts?limit=100&order=asc&after=alert_b");
  }

  @Test
  void alertListingEndsOnACursorItSentBeforeAndOnAPageWithNothingNew() {
    server.enqueue(json(200, alerts(true, "alert_b", "alert_a", "alert_b")));
    server.enqueue(json(200, alerts(true, "alert_b", "alert_c")));      // the same cursor again
    server.enqueue(json(200, alerts(true, "alert_z", "alert_a")));      // never asked for

    assertThat(spend.projectAlerts("proj_a").map(SpendAlert::id).toList().blockingGet())
        .containsExactly("alert_a", "alert_b", "alert_c");
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(json(200, alerts(true, "alert_q", "alert_a")));      // nothing new: ends
    TestSubscriber<SpendAlert> again = spend.projectAlerts("proj_b").test();
    again.assertComplete();
    assertThat(server.getRequestCount()).isEqualTo(4);                  // the leftover page, then this one
  }

  @Test
  void aRateLimitedLimitIsRetriedAfterRetryAfterInVirtualTime() {
    server.enqueue(json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_exceeded\"}}")
        .setHeader("Retry-After", "7"));
    server.enqueue(json(200, LIMIT));

    TestObserver<SpendLimit> observer = spend.organizationLimit().test();
    scheduler.advanceTimeBy(6_999, TimeUnit.MILLISECONDS);
    observer.assertNoValues().assertNotComplete();
    assertThat(server.getRequestCount()).isEqualTo(1);

    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    observer.assertValueCount(1).assertComplete();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedKeyFailsTypedWithThePathAndIsNotRetried() {
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\","
        + "\"code\":\"invalid_api_key\"}}"));

    AtomicReference<Throwable> error = new AtomicReference<>();
    spend.organizationAlerts().subscribe(alert -> { }, error::set);

    assertThat(error.get()).isInstanceOf(UsageApiException.class);
    UsageApiException e = (UsageApiException) error.get();
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.endpoint()).isNull();
    assertThat(e.path()).isEqualTo("organization/spend_alerts");
    assertThat(e.pageNumber()).isEqualTo(1);
    assertThat(e.getMessage()).contains("organization/spend_alerts, page 1");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
