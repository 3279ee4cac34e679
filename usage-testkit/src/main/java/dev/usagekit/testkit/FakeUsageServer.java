package dev.usagekit.testkit;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>It runs on OkHttp's MockWebServer 3.14.9, bound to the loopback address; {@link #close()} stops it.
 * Starting one turns MockWebServer's logging (an INFO line per request, a WARNING per idle connection) down to SEVERE.
 */
public final class FakeUsageServer implements Closeable {
  /** The admin key a server accepts unless {@link Builder#adminKey} says otherwise. */
  public static final String DEFAULT_ADMIN_KEY = "sk-admin-usagekit-fake-key-0123456789abcdef";

  static final String JSON = "application/json";
  /** What {@link Fault#garbledNextPage()} appends to a cursor: not a Base64 character, so it never decodes. */
  static final String GARBLE = "~";

  /** Held so that the level set on it stays set (loggers are weakly referenced). */
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final MockWebServer server = new MockWebServer();
  private final UsageLedger ledger = new UsageLedger();
  private final Clock clock;
  private final String basePath;
  private final boolean undocumentedFields;
  private final @Nullable Random random;
  private final double randomFaultRate;
  private final List<Fault> randomFaultChoices;
  private volatile String adminKey;
  private final String url;

  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<UsageEndpoint, Deque<Fault>> endpointFaults = new EnumMap<>(UsageEndpoint.class);
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<RecordedUsageRequest> requests = new ArrayList<>();
  private final BlockingQueue<RecordedUsageRequest> untaken = new LinkedBlockingQueue<>();

  private FakeUsageServer(Builder builder) throws IOException {
    this.clock = builder.clock;
    this.basePath = builder.basePath;
    this.undocumentedFields = builder.undocumentedFields;
    this.random = builder.randomSeed != null ? new Random(builder.randomSeed) : null;
    this.randomFaultRate = builder.randomFaultRate;
    this.randomFaultChoices = builder.randomFaultChoices;
    this.adminKey = builder.adminKey;
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      endpointFaults.put(endpoint, new ArrayDeque<Fault>());
    }
    for (Map.Entry<String, String> e : builder.projectNames.entrySet()) {
      ledger.projectName(e.getKey(), e.getValue());
    }
    ledger.addAll(builder.records);
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
    server.setDispatcher(new UsageDispatcher());
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    server.start(loopback, builder.port);
    this.url = new HttpUrl.Builder()
        .scheme("http")
        .host(loopback.getHostAddress())
        .port(server.getPort())
        .encodedPath(basePath)
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
    return adminKey;
  }

  /** Accepts {@code adminKey} from now on, and no other (a rotated key). */
  public void setAdminKey(String adminKey) {
    this.adminKey = requireKey(adminKey);
  }

  /** Adds a record; requests that arrive after this call see it. */
  public FakeUsageServer add(UsageRecord record) {
    ledger.add(Objects.requireNonNull(record, "record == null"));
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
      ledger.projectName(project.id(), project.name());
    }
    return addAll(organization.records());
  }

  /**
   * Names a project: results grouped by {@code project_id} carry it as {@code project_name}, a field real
   * responses have and the spec does not list.
   */
  public FakeUsageServer projectName(String projectId, String name) {
    ledger.projectName(
        Objects.requireNonNull(projectId, "projectId == null"), Objects.requireNonNull(name, "name == null"));
    return this;
  }

  /** Every record, grouped by endpoint, each endpoint's in time order. */
  public List<UsageRecord> records() {
    return ledger.records();
  }

  /** Removes every record. */
  public void clearRecords() {
    ledger.clear();
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
    synchronized (faults) {
      for (int i = 0; i < times; i++) {
        faults.add(fault);
      }
    }
    return this;
  }

  /**
   * Answers the next request to {@code endpoint} with {@code fault}. A request takes a fault queued for its
   * endpoint first, and only then one queued for any endpoint.
   */
  public FakeUsageServer enqueue(UsageEndpoint endpoint, Fault fault) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    Objects.requireNonNull(fault, "fault == null");
    synchronized (faults) {
      endpointFaults.get(endpoint).add(fault);
    }
    return this;
  }

  /** Drops every fault not yet used. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
      for (Deque<Fault> queue : endpointFaults.values()) {
        queue.clear();
      }
    }
  }

  /** The number of faults enqueued and not yet used. */
  public int pendingFaults() {
    synchronized (faults) {
      int count = faults.size();
      for (Deque<Fault> queue : endpointFaults.values()) {
        count += queue.size();
      }
      return count;
    }
  }

  /**
   * The oldest request not yet taken, waiting for one if there is none. Each request is taken once; {@link
   * #requests()} keeps them all.
   */
  public RecordedUsageRequest takeRequest() throws InterruptedException {
    return untaken.take();
  }

  /** The oldest request not yet taken, waiting at most {@code timeout}; null if none came. */
  public @Nullable RecordedUsageRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return untaken.poll(timeout, Objects.requireNonNull(unit, "unit == null"));
  }

  /** Every request received so far, in order, taken or not. */
  public List<RecordedUsageRequest> requests() {
    synchronized (requests) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  /** The number of requests received so far. */
  public int requestCount() {
    synchronized (requests) {
      return requests.size();
    }
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
    return "FakeUsageServer{" + url + ", " + ledger.size() + " records}";
  }

  private static String requireKey(String adminKey) {
    Objects.requireNonNull(adminKey, "adminKey == null");
    if (adminKey.trim().isEmpty()) {
      throw new IllegalArgumentException("adminKey must not be blank");
    }
    return adminKey;
  }

  private @Nullable Fault nextFault(@Nullable UsageEndpoint endpoint) {
    synchronized (faults) {
      if (endpoint != null && !endpointFaults.get(endpoint).isEmpty()) {
        return endpointFaults.get(endpoint).poll();
      }
      if (!faults.isEmpty()) {
        return faults.poll();
      }
    }
    if (random != null) {
      synchronized (random) {
        if (random.nextDouble() < randomFaultRate) {
          return randomFaultChoices.get(random.nextInt(randomFaultChoices.size()));
        }
      }
    }
    return null;
  }

  /** The normal answer to a request: status, JSON body, and the decoded query when there is one. */
  private static final class Answer {
    final int status;
    final String body;
    final @Nullable UsageQuery<UsageResult> query;

    Answer(int status, String body, @Nullable UsageQuery<UsageResult> query) {
      this.status = status;
      this.body = body;
      this.query = query;
    }
  }

  private final class UsageDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      int number = sequence.incrementAndGet();
      String requestId = String.format(Locale.ROOT, "req_%032x", number);
      HttpUrl requestUrl = request.getRequestUrl();
      String method = request.getMethod() != null ? request.getMethod() : "GET";
      String path = requestUrl != null ? requestUrl.encodedPath() : String.valueOf(request.getPath());
      Map<String, List<String>> parameters = parameters(requestUrl);
      UsageEndpoint endpoint = endpointOf(path);

      Fault fault = nextFault(endpoint);
      // Computed even when an error fault replaces it: the recorded request keeps the decoded query.
      Answer answer;
      try {
        answer = answer(method, path, endpoint, request.getHeader("Authorization"), parameters);
      } catch (RuntimeException e) {
        // A bug of the fake: answer like the API's own failures, rather than dropping the connection.
        answer = new Answer(500, ApiErrors.body("The fake usage server failed: " + e,
            "server_error", null, null), null);
      }
      MockResponse response = respond(answer, fault, requestId);
      int status = fault == null ? answer.status : statusOf(fault, answer);
      record(new RecordedUsageRequest(number, requestId, method, path, parameters,
          headers(request.getHeaders()), endpoint, answer.query, status, fault));
      return response;
    }

    private Answer answer(
        String method,
        String path,
        @Nullable UsageEndpoint endpoint,
        @Nullable String authorization,
        Map<String, List<String>> parameters) {
      String key = adminKey;
      if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
          || authorization.substring(7).trim().isEmpty()) {
        return new Answer(401, ApiErrors.missingKey(), null);
      }
      String given = authorization.substring(7).trim();
      if (!given.equals(key)) {
        return new Answer(401, ApiErrors.incorrectKey(given), null);
      }
      if ("GET".equals(method) && path.equals(basePath + ProjectListing.PATH)) {
        ProjectListing page = ProjectListing.page(ledger.projectNames(), parameters);
        return new Answer(page.status, page.body, null);
      }
      if (endpoint == null || !"GET".equals(method)) {
        return new Answer(404, ApiErrors.invalidUrl(method, path), null);
      }
      UsageQuery<UsageResult> query;
      try {
        query = QueryParameters.parse(endpoint, parameters);
      } catch (IllegalArgumentException e) {
        return new Answer(400, ApiErrors.invalidParameter(e.getMessage(), paramOf(e.getMessage(), parameters)),
            null);
      }
      if (ResultFields.of(endpoint.resultType()).amount() != null
          && query.groupBy().contains(GroupByField.USER_ID)
          && (query.groupBy().contains(GroupByField.PROJECT_ID) || !query.filter(UsageFilter.PROJECT_IDS).isEmpty())) {
        // As the API documents since 2026-10: costs by user cannot also be split or filtered by project.
        return new Answer(400, ApiErrors.invalidParameter("Grouping costs by user_id cannot be combined with "
            + "project_id grouping or the project_ids filter.", "group_by"), query);
      }
      long end = query.endTime() != null ? query.endTime() : clock.instant().getEpochSecond();
      long from = 0;
      List<String> pages = parameters.get("page");
      int fingerprint = PageCursor.fingerprint(query);
      if (pages != null) {
        if (pages.size() != 1) {
          return new Answer(400, ApiErrors.invalidParameter("page must be given at most once", "page"), query);
        }
        PageCursor cursor = PageCursor.decode(pages.get(0));
        if (cursor == null) {
          return new Answer(400, ApiErrors.invalidCursor("not a next_page value of this API"), query);
        }
        if (cursor.fingerprint != fingerprint) {
          return new Answer(400, ApiErrors.invalidCursor("it belongs to a query with other parameters"), query);
        }
        if (query.endTime() != null && query.endTime() != cursor.end) {
          return new Answer(400, ApiErrors.invalidCursor("it belongs to another end_time"), query);
        }
        end = cursor.end;
        UsageLedger.Window window =
            new UsageLedger.Window(endpoint, query.effectiveBucketWidth(), query.startTime(), end);
        from = window.indexOf(cursor.nextStart);
        if (from <= 0) {
          return new Answer(400, ApiErrors.invalidCursor("it points at no bucket of this window"), query);
        }
      }
      UsageLedger.Window window =
          new UsageLedger.Window(endpoint, query.effectiveBucketWidth(), query.startTime(), end);
      long next = from + query.effectiveLimit();
      String nextPage = next < window.count
          ? new PageCursor(window.bucketStart(next), fingerprint, end).encode()
          : null;
      return new Answer(200, Json.write(ledger.page(query, window, from, nextPage, undocumentedFields)), query);
    }

    private MockResponse respond(Answer answer, @Nullable Fault fault, String requestId) {
      MockResponse response = new MockResponse()
          .setResponseCode(answer.status)
          .setHeader("Content-Type", JSON)
          .setHeader("x-request-id", requestId)
          .setBody(answer.body);
      if (fault == null) {
        return response;
      }
      switch (fault.kind) {
        case ERROR:
          response.setResponseCode(fault.status).setHeader("Content-Type", fault.contentType)
              .setBody(fault.body != null ? fault.body : "");
          if (fault.retryAfterSeconds != null) {
            response.setHeader("Retry-After", fault.retryAfterSeconds);
          }
          return response;
        case DISCONNECT_AFTER_REQUEST:
          return response.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        case NO_RESPONSE:
          return response.setSocketPolicy(SocketPolicy.NO_RESPONSE);
        case DISCONNECT_DURING_BODY:
          return response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
        case TRUNCATED_BODY:
          byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
          return response.setBody(new Buffer().write(Arrays.copyOf(body, body.length / 2)));
        case SLOW_HEADERS:
          return response.setHeadersDelay(fault.delayMillis, TimeUnit.MILLISECONDS);
        case SLOW_BODY:
          return response.setBodyDelay(fault.delayMillis, TimeUnit.MILLISECONDS);
        case GARBLED_NEXT_PAGE:
          // Compact JSON: a quote inside a string value is escaped, so only the envelope's field matches.
          return response.setBody(answer.body.replaceFirst("\"next_page\":\"([^\"]+)\"",
              "\"next_page\":\"$1" + GARBLE + "\""));
        default:
          throw new AssertionError(fault.kind);
      }
    }

    private int statusOf(Fault fault, Answer answer) {
      switch (fault.kind) {
        case ERROR:
          return fault.status;
        case DISCONNECT_AFTER_REQUEST:
        case NO_RESPONSE:
          return 0;
        default:
          return answer.status;
      }
    }

    private @Nullable UsageEndpoint endpointOf(String path) {
      if (!path.startsWith(basePath)) {
        return null;
      }
      String relative = path.substring(basePath.length());
      for (UsageEndpoint endpoint : UsageEndpoint.values()) {
        if (endpoint.path().equals(relative)) {
          return endpoint;
        }
      }
      return null;
    }

    private void record(RecordedUsageRequest recorded) {
      synchronized (requests) {
        requests.add(recorded);
      }
      untaken.add(recorded);
    }
  }

  /**
   * The query parameters of {@code url} by name, in order; {@code name[]} counts as {@code name} (the array
   * spelling of some SDKs), and a parameter without a value has the value "".
   */
  static Map<String, List<String>> parameters(@Nullable HttpUrl url) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (url == null) {
      return parameters;
    }
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      if (name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2);
      }
      String value = url.queryParameterValue(i);
      List<String> values = parameters.get(name);
      if (values == null) {
        values = new ArrayList<>();
        parameters.put(name, values);
      }
      values.add(value != null ? value : "");
    }
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return parameters;
  }

  /**
   * The parameter an error message of the model's own rules (UsageQuery.Builder) is about: its messages start
   * with the parameter's name ({@code "limit must be ..."}), or quote it ({@code "unknown parameter 'x'"},
   * {@code "filter x is not accepted"}).
   */
  static @Nullable String paramOf(@Nullable String message, Map<String, List<String>> parameters) {
    if (message == null) {
      return null;
    }
    if (message.startsWith("unknown parameter '")) {
      int end = message.indexOf('\'', "unknown parameter '".length());
      return end > 0 ? message.substring("unknown parameter '".length(), end) : null;
    }
    String rest = message.startsWith("filter ") ? message.substring("filter ".length()) : message;
    int end = 0;
    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
      end++;
    }
    String name = rest.substring(0, end);
    if (parameters.containsKey(name) || "start_time".equals(name)) {
      return name;
    }
    return null;
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
    private String adminKey = DEFAULT_ADMIN_KEY;
    private Clock clock = Clock.systemUTC();
    private String basePath = "/v1/";
    private int port;
    private boolean undocumentedFields = true;
    private @Nullable Long randomSeed;
    private double randomFaultRate;
    private List<Fault> randomFaultChoices = Collections.emptyList();
    private final List<UsageRecord> records = new ArrayList<>();
    private final Map<String, String> projectNames = new LinkedHashMap<>();

    Builder() {}

    /** The admin key to accept; {@link #DEFAULT_ADMIN_KEY} by default. */
    public Builder adminKey(String adminKey) {
      this.adminKey = requireKey(adminKey);
      return this;
    }

    /**
     * The clock whose now ends a window without {@code end_time}; the system clock by default. Tests pass a
     * fixed one to stay deterministic.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The path the API lives under, with a leading and a trailing slash; {@code /v1/} by default. */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath == null");
      if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
        throw new IllegalArgumentException("basePath must start and end with '/', was \"" + basePath + "\"");
      }
      this.basePath = basePath;
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
      this.undocumentedFields = undocumentedFields;
      return this;
    }

    /**
     * Fails requests at random, reproducibly: each request that no enqueued fault answers draws from a
     * {@link Random} seeded with {@code seed}, and with probability {@code rate} gets one of {@code choices}
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
      this.randomSeed = seed;
      this.randomFaultRate = rate;
      this.randomFaultChoices = Collections.unmodifiableList(list);
      return this;
    }

    /** Records to start with. */
    public Builder records(Iterable<UsageRecord> records) {
      Objects.requireNonNull(records, "records == null");
      for (UsageRecord record : records) {
        this.records.add(Objects.requireNonNull(record, "records contains null"));
      }
      return this;
    }

    /** Starts with every record of {@code organization} and the names of its projects. */
    public Builder organization(SyntheticOrganization organization) {
      Objects.requireNonNull(organization, "organization == null");
      for (SyntheticOrganization.Project project : organization.projects()) {
        projectNames.put(project.id(), project.name());
      }
      return records(organization.records());
    }

    /** Starts the server on the loopback address. */
    public FakeUsageServer start() throws IOException {
      return new FakeUsageServer(this);
    }
  }
}
