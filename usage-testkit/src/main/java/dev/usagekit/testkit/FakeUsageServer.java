package dev.usagekit.testkit;

import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * A fake of the Usage and Costs API on a loopback port: it answers all twelve endpoints from the {@link
 * UsageRecord}s it holds, the way the API does, and fails on request with scripted {@link Fault}s.
 *
 * <pre>{@code
 * try (FakeUsageServer server = FakeUsageServer.builder()
 *     .clock(Clock.fixed(Instant.parse("2026-11-08T00:00:00Z"), ZoneOffset.UTC))
 *     .start()) {
 *   server.add(Instant.parse("2026-11-03T10:15:00Z"),
 *       TestData.completions().projectId("proj_a").model("gpt-4o-mini").inputTokens(1200).build());
 *   server.enqueue(Fault.rateLimited(1));                  // the first request gets a 429
 *
 *   UsageApi api = UsageApiFactory.builder().adminKey(server.adminKey()).baseUrl(server.url()).build();
 *   UsageQuery<UsageCompletionsResult> query = UsageQuery.completions()
 *       .start(Instant.parse("2026-11-01T00:00:00Z")).groupBy(GroupByField.MODEL).build();
 *   // ... run the code under test against api ...
 *
 *   RecordedUsageRequest first = server.takeRequest();
 *   assertThat(first.status()).isEqualTo(429);
 *   assertThat(server.takeRequest().query()).isEqualTo(query);
 * }
 * }</pre>
 *
 * <p>How it answers, like the API:
 *
 * <ul>
 *   <li><b>Paths</b>: {@code GET} {@code /v1/organization/usage/<endpoint>}, {@code /v1/organization/costs} and
 *       {@code /v1/organization/projects} (the named projects, paged with {@code limit} and {@code after})
 *       ({@link Builder#basePath base path} {@code /v1/} by default). {@link #url()} is the base URL, ending
 *       in {@code /v1/}, for {@code UsageApiFactory.builder().baseUrl(...)}. Any other path or method: 404
 *       with the API's error body ({@code "Invalid URL (GET /v1/...)"}).
 *   <li><b>Authentication</b>: {@code Authorization: Bearer <admin key>} ({@link #adminKey()}); without it,
 *       401 with the API's error body; with another key, 401 with {@code "code": "invalid_api_key"} and a
 *       message that quotes the key redacted, never whole. Checked before anything else.
 *   <li><b>Parameters</b>: validated by the model's own rules, the model's own rules (UsageQuery.Builder); an
 *       invalid or unknown one gets 400 with {@code "type": "invalid_request_error"} and {@code "param"}
 *       naming it. Array parameters are repeated keys ({@code group_by=model&group_by=project_id}); the
 *       {@code group_by[]=model} spelling of some SDKs is accepted too.
 *   <li><b>Window</b>: {@code start_time} inclusive, {@code end_time} exclusive; without {@code end_time},
 *       up to the {@link Builder#clock clock}'s now (a window that is then empty has no buckets).
 *   <li><b>Buckets</b>: {@code bucket_width} {@code 1m}, {@code 1h} or {@code 1d} (default {@code 1d}).
 *       Usage buckets are aligned to UTC boundaries of their width and clipped to the window: the first
 *       bucket starts at {@code start_time}, the last ends at {@code end_time}. Costs buckets are whole UTC
 *       days, the first one starting at or before {@code start_time}. Every bucket of the window is sent,
 *       an empty one with {@code "results": []}.
 *   <li><b>Pages</b>: {@code limit} buckets per page, default and maximum per width from {@link
 *       UsageEndpoint#defaultLimit}/{@link UsageEndpoint#maxLimit}. While more buckets follow, {@code
 *       "has_more": true} and an opaque {@code next_page} cursor ({@code page_} and Base64); on the last
 *       page {@code false} and {@code null}. A cursor is bound to its query: reused with other parameters
 *       (except {@code limit}, which may change between pages) or garbled, it gets 400 with {@code "param":
 *       "page"}. It also pins the end of an open window, so paging does not drift as the clock moves.
 *   <li><b>Results</b>: one per group and bucket, its counts summed (costs: {@code amount.value} summed
 *       exactly, as a JSON number, per currency); every field of the result type is written, grouping fields
 *       not grouped on as JSON {@code null}, costs' {@code quantity} and {@code quantity_unit} only when
 *       grouped by {@code line_item}. Without {@code group_by}, one result per bucket with records. Results
 *       are ordered by their group values (nulls last).
 *   <li><b>Filters</b>: each filter the endpoint accepts keeps only the records whose field is one of the
 *       values ({@code project_ids} on {@code project_id}, ...; {@code batch=true|false}).
 *   <li><b>Headers</b>: every response has {@code Content-Type: application/json} and a distinct {@code
 *       x-request-id} ({@code req_} and 32 hex digits, counting up from 1).
 *   <li><b>Fields the spec does not list</b>: like real responses, buckets carry {@code start_time_iso} and
 *       {@code end_time_iso}, and results grouped by project carry {@code project_name} (see {@link
 *       #projectName}); {@link Builder#undocumentedFields(boolean)} turns them off.
 * </ul>
 *
 * <p>It is deterministic: no fault, delay or randomness unless a test {@link #enqueue(Fault) enqueues} one or
 * asks for {@link Builder#randomFaults seeded random faults}. Records and faults may be added while it runs,
 * from any thread. It records every request ({@link #takeRequest()}, {@link #requests()}): a request is
 * recorded before its response is sent, so after a client call returns, its requests are there.
 *
 * <p>It runs on OkHttp's MockWebServer 3.14.9, bound to the loopback address; {@link #close()} stops it. What it
 * answers comes from a {@link FakeUsageApi}, which needs no socket, no MockWebServer and no JUnit; this class only
 * carries requests to it and acts out the faults that need a connection (drops, delays).
 * Starting one turns MockWebServer's logging (an INFO line per request, a WARNING per idle connection) down to SEVERE.
 */
public final class FakeUsageServer implements Closeable {
  /** The admin key a server accepts unless {@link Builder#adminKey} says otherwise. */
  public static final String DEFAULT_ADMIN_KEY = FakeUsageApi.DEFAULT_ADMIN_KEY;

  /** Held so that the level set on it stays set (loggers are weakly referenced). */
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final MockWebServer server = new MockWebServer();
  private final FakeUsageApi api;
  private final long latencyMillis;
  private final String url;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeUsageServer(Builder builder) throws IOException {
    this.api = builder.api.build();
    this.latencyMillis = builder.latencyMillis;
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
    server.setDispatcher(new UsageDispatcher());
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    server.start(loopback, builder.port);
    this.url = new HttpUrl.Builder()
        .scheme("http")
        .host(loopback.getHostAddress())
        .port(server.getPort())
        .encodedPath(api.basePath())
        .build()
        .toString();
  }

  /** A builder of servers; {@link Builder#start()} starts one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server with the defaults: no records, {@link #DEFAULT_ADMIN_KEY}, the system clock. */
  public static FakeUsageServer start() throws IOException {
    return builder().start();
  }

  /** The base URL of the API, ending in {@code /v1/} (the base path), for example {@code http://127.0.0.1:51234/v1/}. */
  public String url() {
    return url;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The admin key the server accepts now. */
  public String adminKey() {
    return api.adminKey();
  }

  /** Accepts {@code adminKey} from now on, and no other (a rotated key). */
  public void setAdminKey(String adminKey) {
    api.setAdminKey(adminKey);
  }

  /** Adds a record; requests that arrive after this call see it. */
  public FakeUsageServer add(UsageRecord record) {
    api.ledger().add(Objects.requireNonNull(record, "record == null"));
    return this;
  }

  /** Adds a record of {@code result} at {@code timestamp} (Unix seconds). */
  public FakeUsageServer add(long timestamp, UsageResult result) {
    return add(UsageRecord.of(timestamp, result));
  }

  /** Adds a record of {@code result} at {@code time}. */
  public FakeUsageServer add(Instant time, UsageResult result) {
    return add(UsageRecord.of(time, result));
  }

  /** Adds records. */
  public FakeUsageServer addAll(Iterable<UsageRecord> records) {
    Objects.requireNonNull(records, "records == null");
    for (UsageRecord record : records) {
      add(record);
    }
    return this;
  }

  /** Adds every record of {@code organization} and the names of its projects. */
  public FakeUsageServer load(SyntheticOrganization organization) {
    Objects.requireNonNull(organization, "organization == null");
    for (SyntheticOrganization.Project project : organization.projects()) {
      api.ledger().projectName(project.id(), project.name());
    }
    for (SyntheticOrganization.User user : organization.users()) {
      api.ledger().userEmail(user.id(), user.email());
    }
    for (SyntheticOrganization.ApiKey key : organization.apiKeys()) {
      api.ledger().apiKeyName(key.projectId(), key.id(), key.name());
    }
    return addAll(organization.records());
  }

  /**
   * Names a project: results grouped by {@code project_id} carry it as {@code project_name}, a field real
   * responses have and the spec does not list.
   */
  public FakeUsageServer projectName(String projectId, String name) {
    api.ledger().projectName(
        Objects.requireNonNull(projectId, "projectId == null"), Objects.requireNonNull(name, "name == null"));
    return this;
  }

  /**
   * Adds an API key to a project: {@code GET /organization/projects/{projectId}/api_keys} lists it with {@code
   * name}.
   */
  public FakeUsageServer apiKeyName(String projectId, String keyId, String name) {
    api.ledger().apiKeyName(Objects.requireNonNull(projectId, "projectId == null"),
        Objects.requireNonNull(keyId, "keyId == null"), Objects.requireNonNull(name, "name == null"));
    return this;
  }

  /** Adds a user to the organization: {@code GET /organization/users} lists it with {@code email}. */
  public FakeUsageServer userEmail(String userId, String email) {
    api.ledger().userEmail(
        Objects.requireNonNull(userId, "userId == null"), Objects.requireNonNull(email, "email == null"));
    return this;
  }

  /** Every record, grouped by endpoint, each endpoint's in time order. */
  public List<UsageRecord> records() {
    return api.ledger().records();
  }

  /** Removes every record. */
  public void clearRecords() {
    api.ledger().clear();
  }

  /** Answers the next request, whatever its endpoint, with {@code fault}. */
  public FakeUsageServer enqueue(Fault fault) {
    return enqueue(fault, 1);
  }

  /** Answers each of the next {@code times} requests, whatever their endpoint, with {@code fault}. */
  public FakeUsageServer enqueue(Fault fault, int times) {
    Objects.requireNonNull(fault, "fault == null");
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1, was " + times);
    }
    api.enqueue(fault, times);
    return this;
  }

  /**
   * Answers the next request to {@code endpoint} with {@code fault}. A request takes a fault queued for its
   * endpoint first, and only then one queued for any endpoint.
   */
  public FakeUsageServer enqueue(UsageEndpoint endpoint, Fault fault) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    Objects.requireNonNull(fault, "fault == null");
    api.enqueue(endpoint, fault);
    return this;
  }

  /** Drops every fault not yet used. */
  public void clearFaults() {
    api.clearFaults();
  }

  /** The number of faults enqueued and not yet used. */
  public int pendingFaults() {
    return api.pendingFaults();
  }

  /**
   * The oldest request not yet taken, waiting for one if there is none. Each request is taken once; {@link
   * #requests()} keeps them all.
   */
  public RecordedUsageRequest takeRequest() throws InterruptedException {
    return api.takeRequest();
  }

  /** The oldest request not yet taken, waiting at most {@code timeout}; null if none came. */
  public @Nullable RecordedUsageRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return api.takeRequest(timeout, Objects.requireNonNull(unit, "unit == null"));
  }

  /** Every request received so far, in order, taken or not. */
  public List<RecordedUsageRequest> requests() {
    return api.requests();
  }

  /** The number of requests received so far. */
  public int requestCount() {
    return api.requestCount();
  }

  /** Stops the server and closes its connections; calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the fake usage server", e);
    }
  }

  @Override
  public String toString() {
    return "FakeUsageServer{" + url + ", " + api.ledger().size() + " records}";
  }

  /** Carries a request to the fake API and its answer back, acting out the faults that need a connection. */
  private final class UsageDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String method = request.getMethod() != null ? request.getMethod() : "GET";
      HttpUrl requestUrl = request.getRequestUrl();
      if (requestUrl == null) {
        requestUrl = HttpUrl.get(url).resolve(String.valueOf(request.getPath()));
      }
      FakeUsageApi.Response answer = api.dispatch(method, requestUrl, headers(request.getHeaders()));
      MockResponse response = new MockResponse().setResponseCode(answer.status());
      for (Map.Entry<String, String> header : answer.headers().entrySet()) {
        response.setHeader(header.getKey(), header.getValue());
      }
      response.setBody(new Buffer().write(answer.bodyUnsafe()));
      if (latencyMillis > 0) {
        response.setHeadersDelay(latencyMillis, TimeUnit.MILLISECONDS);
      }
      Fault fault = answer.transportFault();
      if (fault == null) {
        return response;
      }
      switch (fault.kind) {
        case DISCONNECT_AFTER_REQUEST:
          return response.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        case NO_RESPONSE:
          return response.setSocketPolicy(SocketPolicy.NO_RESPONSE);
        case DISCONNECT_DURING_BODY:
          return response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
        case SLOW_HEADERS:
          return response.setHeadersDelay(latencyMillis + fault.delayMillis, TimeUnit.MILLISECONDS);
        case SLOW_BODY:
          return response.setBodyDelay(fault.delayMillis, TimeUnit.MILLISECONDS);
        default:
          throw new AssertionError(fault.kind);
      }
    }
  }

  private static Map<String, List<String>> headers(Headers headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : headers.names()) {
      map.put(name.toLowerCase(Locale.ROOT), Collections.unmodifiableList(headers.values(name)));
    }
    return map;
  }

  /** Configures and {@link #start() starts} a {@link FakeUsageServer}. */
  public static final class Builder {
    private final FakeUsageApi.Builder api = FakeUsageApi.builder();
    private int port;
    private long latencyMillis;

    Builder() {}

    /** The admin key to accept; {@link #DEFAULT_ADMIN_KEY} by default. */
    public Builder adminKey(String adminKey) {
      api.adminKey(adminKey);
      return this;
    }

    /**
     * The clock whose now ends a window without {@code end_time}; the system clock by default. Tests pass a
     * fixed one to stay deterministic.
     */
    public Builder clock(Clock clock) {
      api.clock(clock);
      return this;
    }

    /** The path the API lives under, with a leading and a trailing slash; {@code /v1/} by default. */
    public Builder basePath(String basePath) {
      api.basePath(basePath);
      return this;
    }

    /** The loopback port to listen on; 0 (the default) picks a free ephemeral port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Whether responses carry fields that real responses have and the spec does not list ({@code
     * start_time_iso} and {@code end_time_iso} on buckets, {@code project_name} on results grouped by
     * project); true by default, so that clients are tested on ignoring unknown fields.
     */
    public Builder undocumentedFields(boolean undocumentedFields) {
      api.undocumentedFields(undocumentedFields);
      return this;
    }

    /**
     * Fails requests at random, reproducibly: each request that no enqueued fault answers draws from a
     * {@link java.util.Random} seeded with {@code seed}, and with probability {@code rate} gets one of {@code choices}
     * (drawn too). Without choices: {@code serverError(500)}, {@code serverError(503)}, {@code
     * rateLimited()} and {@code disconnectDuringBody()}. Requests made one after another always meet the
     * same faults for the same seed. Off by default.
     */
    public Builder randomFaults(long seed, double rate, Fault... choices) {
      Objects.requireNonNull(choices, "choices == null");
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
      }
      List<Fault> list = new ArrayList<>();
      for (Fault choice : choices) {
        list.add(Objects.requireNonNull(choice, "choices contains null"));
      }
      if (list.isEmpty()) {
        list.addAll(Arrays.asList(Fault.serverError(500), Fault.serverError(503), Fault.rateLimited(),
            Fault.disconnectDuringBody()));
      }
      api.randomFaults(seed, rate, Collections.unmodifiableList(list));
      return this;
    }

    /**
     * Delays the headers of every response by {@code latency}, as a distant server would (each connection waits
     * on its own, so concurrent requests overlap); zero, the default, answers at once. A fault's own delay comes
     * on top.
     *
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency == null");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative, was " + latency);
      }
      this.latencyMillis = latency.toMillis();
      return this;
    }

    /** Records to start with. */
    public Builder records(Iterable<UsageRecord> records) {
      api.records(records);
      return this;
    }

    /**
     * Starts with every record of {@code organization}, the names of its projects and its spend limits and alerts.
     */
    public Builder organization(SyntheticOrganization organization) {
      api.organization(organization);
      return this;
    }

    /** As {@link FakeUsageApi.Builder#spendLimit}: null answers 404. */
    public Builder spendLimit(@Nullable SpendLimit limit) {
      api.spendLimit(limit);
      return this;
    }

    /** As {@link FakeUsageApi.Builder#spendAlerts}. */
    public Builder spendAlerts(Iterable<SpendAlert> alerts) {
      api.spendAlerts(alerts);
      return this;
    }

    /** As {@link FakeUsageApi.Builder#projectSpendLimit}. */
    public Builder projectSpendLimit(String projectId, SpendLimit limit) {
      api.projectSpendLimit(projectId, limit);
      return this;
    }

    /** As {@link FakeUsageApi.Builder#projectSpendAlerts}. */
    public Builder projectSpendAlerts(String projectId, Iterable<SpendAlert> alerts) {
      api.projectSpendAlerts(projectId, alerts);
      return this;
    }

    /** Starts the server on the loopback address. */
    public FakeUsageServer start() throws IOException {
      return new FakeUsageServer(this);
    }
  }
}
