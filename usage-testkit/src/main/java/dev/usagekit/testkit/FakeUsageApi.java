package dev.usagekit.testkit;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * The Usage and Costs API faked in this process, without a socket: it answers one request (method, URL and
 * headers) with a status, headers and a body, exactly as {@link FakeUsageServer} does on a loopback port
 * (that server is this fake behind OkHttp's MockWebServer, and its Javadoc describes how both answer). Use it
 * to serve the API from a transport of your own, such as the JDK's {@code com.sun.net.httpserver} or an
 * OkHttp interceptor; tests that want a real socket and scripted faults use {@link FakeUsageServer}.
 *
 * <pre>{@code
 * FakeUsageApi api = FakeUsageApi.builder()
 *     .organization(SyntheticOrganization.generate(42, Instant.parse("2026-11-01T00:00:00Z"), 30))
 *     .build();
 * FakeUsageApi.Response response = api.answer("GET",
 *     "http://127.0.0.1/v1/organization/costs?start_time=1793491200&group_by=project_id",
 *     Collections.singletonMap("Authorization", Collections.singletonList("Bearer " + api.adminKey())));
 * assertThat(response.status()).isEqualTo(200);
 * String page = new String(response.body(), StandardCharsets.UTF_8); // {"object":"page","data":[...],...}
 * }</pre>
 *
 * <p>It is safe for use from several threads. It needs no JUnit and no MockWebServer.
 */
public final class FakeUsageApi {
  /** The admin key a fake accepts unless {@link Builder#adminKey} says otherwise. */
  public static final String DEFAULT_ADMIN_KEY = "sk-admin-usagekit-fake-key-0123456789abcdef";

  static final String JSON = "application/json";
  /** What {@link Fault#garbledNextPage()} appends to a cursor: not a Base64 character, so it never decodes. */
  static final String GARBLE = "~";

  private final UsageLedger ledger = new UsageLedger();
  private final SpendSettings spend;
  private final Clock clock;
  private final String basePath;
  private final boolean undocumentedFields;
  private final @Nullable Random random;
  private final double randomFaultRate;
  private final List<Fault> randomFaultChoices;
  private volatile String adminKey;

  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<UsageEndpoint, Deque<Fault>> endpointFaults = new EnumMap<>(UsageEndpoint.class);
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<RecordedUsageRequest> requests = new ArrayList<>();
  private final BlockingQueue<RecordedUsageRequest> untaken = new LinkedBlockingQueue<>();

  private FakeUsageApi(Builder builder) {
    this.clock = builder.clock;
    this.basePath = builder.basePath;
    this.undocumentedFields = builder.undocumentedFields;
    this.random = builder.randomSeed != null ? new Random(builder.randomSeed) : null;
    this.randomFaultRate = builder.randomFaultRate;
    this.randomFaultChoices = builder.randomFaultChoices;
    this.adminKey = builder.adminKey;
    this.spend = builder.spend.copy();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      endpointFaults.put(endpoint, new ArrayDeque<Fault>());
    }
    for (Map.Entry<String, String> e : builder.projectNames.entrySet()) {
      ledger.projectName(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : builder.userEmails.entrySet()) {
      ledger.userEmail(e.getKey(), e.getValue());
    }
    for (SyntheticOrganization.ApiKey key : builder.apiKeys) {
      ledger.apiKeyName(key.projectId(), key.id(), key.name());
    }
    ledger.addAll(builder.records);
  }

  /** A builder of fakes; {@link Builder#build()} makes one. */
  public static Builder builder() {
    return new Builder();
  }

  /** The admin key the fake accepts now. */
  public String adminKey() {
    return adminKey;
  }

  /** The path the API lives under, such as {@code /v1/}. */
  public String basePath() {
    return basePath;
  }

  /**
   * Answers a request as the API would.
   *
   * @param method the HTTP method, such as {@code GET}
   * @param url the request's whole URL, query string included; only its path and query are read
   * @param headers the request's headers by name (any case), each with its values
   * @throws IllegalArgumentException if {@code url} is not an http or https URL
   */
  public Response answer(String method, String url, Map<String, List<String>> headers) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(headers, "headers == null");
    HttpUrl requestUrl = HttpUrl.parse(url);
    if (requestUrl == null) {
      throw new IllegalArgumentException("url must be an http or https URL, was \"" + url + "\"");
    }
    return dispatch(method, requestUrl, lowerCase(headers));
  }

  /** The one entry of every request, whatever carries it: routes, answers, applies a fault, records. */
  Response dispatch(String method, HttpUrl requestUrl, Map<String, List<String>> headers) {
    int number = sequence.incrementAndGet();
    String requestId = String.format(Locale.ROOT, "req_%032x", number);
    String path = requestUrl.encodedPath();
    Map<String, List<String>> parameters = parameters(requestUrl);
    UsageEndpoint endpoint = endpointOf(path);

    Fault fault = nextFault(endpoint);
    // Computed even when an error fault replaces it: the recorded request keeps the decoded query.
    Answer answer;
    try {
      List<String> authorization = headers.get("authorization");
      answer = answer(method, path, endpoint,
          authorization == null || authorization.isEmpty() ? null : authorization.get(0), parameters);
    } catch (RuntimeException e) {
      // A bug of the fake: answer like the API's own failures, rather than dropping the connection.
      answer = new Answer(500, ApiErrors.body("The fake usage server failed: " + e,
          "server_error", null, null), null);
    }
    Response response = respond(answer, fault, requestId);
    int status = fault == null ? answer.status : statusOf(fault, answer);
    record(new RecordedUsageRequest(number, requestId, method, path, parameters, headers, endpoint,
        answer.query, status, fault));
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
    String keysOf = "GET".equals(method) ? ProjectListing.apiKeysProject(path.substring(
        Math.min(path.length(), basePath.length()))) : null;
    if (keysOf != null && path.startsWith(basePath)) {
      ProjectListing page = ProjectListing.apiKeys(ledger.apiKeyNames(keysOf), parameters);
      return new Answer(page.status, page.body, null);
    }
    if ("GET".equals(method) && path.equals(basePath + ProjectListing.USERS_PATH)) {
      ProjectListing page = ProjectListing.users(ledger.userEmails(), parameters);
      return new Answer(page.status, page.body, null);
    }
    if ("GET".equals(method) && path.startsWith(basePath)) {
      Answer spendAnswer = spend.answer(path.substring(basePath.length()), parameters, ledger.projectNames());
      if (spendAnswer != null) {
        return spendAnswer;
      }
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

  private Response respond(Answer answer, @Nullable Fault fault, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    headers.put("x-request-id", requestId);
    byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
    if (fault == null) {
      return new Response(answer.status, headers, body, null);
    }
    switch (fault.kind) {
      case ERROR:
        headers.put("Content-Type", fault.contentType);
        if (fault.retryAfterSeconds != null) {
          headers.put("Retry-After", String.valueOf(fault.retryAfterSeconds));
        }
        return new Response(fault.status,
            headers, (fault.body != null ? fault.body : "").getBytes(StandardCharsets.UTF_8), null);
      case TRUNCATED_BODY:
        return new Response(answer.status, headers, Arrays.copyOf(body, body.length / 2), null);
      case GARBLED_NEXT_PAGE:
        // Compact JSON: a quote inside a string value is escaped, so only the envelope's field matches.
        return new Response(answer.status, headers, answer.body.replaceFirst("\"next_page\":\"([^\"]+)\"",
            "\"next_page\":\"$1" + GARBLE + "\"").getBytes(StandardCharsets.UTF_8), null);
      case OVERLAPPING_BUCKETS:
        return new Response(answer.status, headers, withShiftedTwins(answer.body), null);
      default:
        // Acted out by the transport: a dropped connection, a delay.
        return new Response(answer.status, headers, body, fault);
    }
  }

  /** {@code page} with, after each bucket, a copy shifted by half its length; any other body unchanged. */
  private static byte[] withShiftedTwins(String page) {
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      // Exact decimals, so that costs amounts are written back as they were.
      tree = Json.MAPPER.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(page);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read the fake's own page", e);
    }
    com.fasterxml.jackson.databind.JsonNode data = tree.get("data");
    if (!(data instanceof com.fasterxml.jackson.databind.node.ArrayNode)) {
      return page.getBytes(StandardCharsets.UTF_8);
    }
    com.fasterxml.jackson.databind.node.ArrayNode doubled = Json.NODES.arrayNode();
    for (com.fasterxml.jackson.databind.JsonNode bucket : data) {
      doubled.add(bucket);
      if (bucket.isObject() && bucket.has("start_time") && bucket.has("end_time")) {
        long start = bucket.get("start_time").asLong();
        long end = bucket.get("end_time").asLong();
        long shift = Math.max(1, (end - start) / 2);
        com.fasterxml.jackson.databind.node.ObjectNode twin =
            ((com.fasterxml.jackson.databind.node.ObjectNode) bucket).deepCopy();
        twin.put("start_time", start + shift);
        twin.put("end_time", end + shift);
        twin.remove("start_time_iso");
        twin.remove("end_time_iso");
        doubled.add(twin);
      }
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).set("data", doubled);
    return Json.write(tree).getBytes(StandardCharsets.UTF_8);
  }

  private static int statusOf(Fault fault, Answer answer) {
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

  private void record(RecordedUsageRequest recorded) {
    synchronized (requests) {
      requests.add(recorded);
    }
    untaken.add(recorded);
  }

  void setAdminKey(String adminKey) {
    this.adminKey = requireKey(adminKey);
  }

  UsageLedger ledger() {
    return ledger;
  }

  void enqueue(Fault fault, int times) {
    synchronized (faults) {
      for (int i = 0; i < times; i++) {
        faults.add(fault);
      }
    }
  }

  void enqueue(UsageEndpoint endpoint, Fault fault) {
    synchronized (faults) {
      endpointFaults.get(endpoint).add(fault);
    }
  }

  void clearFaults() {
    synchronized (faults) {
      faults.clear();
      for (Deque<Fault> queue : endpointFaults.values()) {
        queue.clear();
      }
    }
  }

  int pendingFaults() {
    synchronized (faults) {
      int count = faults.size();
      for (Deque<Fault> queue : endpointFaults.values()) {
        count += queue.size();
      }
      return count;
    }
  }

  RecordedUsageRequest takeRequest() throws InterruptedException {
    return untaken.take();
  }

  @Nullable
  RecordedUsageRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return untaken.poll(timeout, unit);
  }

  List<RecordedUsageRequest> requests() {
    synchronized (requests) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  int requestCount() {
    synchronized (requests) {
      return requests.size();
    }
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

  static String requireKey(String adminKey) {
    Objects.requireNonNull(adminKey, "adminKey == null");
    if (adminKey.trim().isEmpty()) {
      throw new IllegalArgumentException("adminKey must not be blank");
    }
    return adminKey;
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "headers contains a null name").toLowerCase(Locale.ROOT);
      List<String> values = map.get(name);
      if (values == null) {
        values = new ArrayList<>();
        map.put(name, values);
      }
      values.addAll(e.getValue());
    }
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return map;
  }

  /** The normal answer to a request: status, JSON body, and the decoded query when there is one. */
  static final class Answer {
    final int status;
    final String body;
    final @Nullable UsageQuery<UsageResult> query;

    Answer(int status, String body, @Nullable UsageQuery<UsageResult> query) {
      this.status = status;
      this.body = body;
      this.query = query;
    }
  }

  /** What the fake answers a request with: a status, headers and a body. */
  public static final class Response {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final @Nullable Fault transportFault;

    Response(int status, Map<String, String> headers, byte[] body, @Nullable Fault transportFault) {
      this.status = status;
      this.headers = Collections.unmodifiableMap(headers);
      this.body = body;
      this.transportFault = transportFault;
    }

    /** The HTTP status, such as 200 or 429. */
    public int status() {
      return status;
    }

    /** The headers by name, in order: {@code Content-Type}, {@code x-request-id}, and {@code Retry-After} with a 429. */
    public Map<String, String> headers() {
      return headers;
    }

    /** The body, JSON in UTF-8; a new copy on each call. */
    public byte[] body() {
      return body.clone();
    }

    byte[] bodyUnsafe() {
      return body;
    }

    /** A fault that only a transport can act out (a dropped connection, a delay); null when none. */
    @Nullable
    Fault transportFault() {
      return transportFault;
    }

    @Override
    public String toString() {
      return "Response{" + status + ", " + body.length + " bytes}";
    }
  }

  /** Configures and {@link #build() builds} a {@link FakeUsageApi}. */
  public static final class Builder {
    String adminKey = DEFAULT_ADMIN_KEY;
    Clock clock = Clock.systemUTC();
    String basePath = "/v1/";
    boolean undocumentedFields = true;
    @Nullable Long randomSeed;
    double randomFaultRate;
    List<Fault> randomFaultChoices = Collections.emptyList();
    final List<UsageRecord> records = new ArrayList<>();
    final Map<String, String> projectNames = new LinkedHashMap<>();
    final Map<String, String> userEmails = new LinkedHashMap<>();
    final List<SyntheticOrganization.ApiKey> apiKeys = new ArrayList<>();
    final SpendSettings spend = new SpendSettings();

    Builder() {}

    /** The admin key to accept; {@link #DEFAULT_ADMIN_KEY} by default. */
    public Builder adminKey(String adminKey) {
      this.adminKey = requireKey(adminKey);
      return this;
    }

    /** The clock whose now ends a window without {@code end_time}; the system clock by default. */
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

    /**
     * Whether responses carry fields that real responses have and the spec does not list ({@code
     * start_time_iso}, {@code end_time_iso}, {@code project_name}); true by default.
     */
    public Builder undocumentedFields(boolean undocumentedFields) {
      this.undocumentedFields = undocumentedFields;
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

    /**
     * Starts with every record of {@code organization}, the names of its projects, its users and its API keys
     * (which {@code GET /organization/users} and {@code GET /organization/projects/{project_id}/api_keys} list).
     */
    public Builder organization(SyntheticOrganization organization) {
      Objects.requireNonNull(organization, "organization == null");
      for (SyntheticOrganization.Project project : organization.projects()) {
        projectNames.put(project.id(), project.name());
      }
      for (SyntheticOrganization.User user : organization.users()) {
        userEmails.put(user.id(), user.email());
      }
      apiKeys.addAll(organization.apiKeys());
      spendLimit(organization.spendLimit());
      spendAlerts(organization.spendAlerts());
      for (Map.Entry<String, SpendLimit> limit : organization.projectSpendLimits().entrySet()) {
        projectSpendLimit(limit.getKey(), limit.getValue());
      }
      return records(organization.records());
    }

    /**
     * The organization's hard spend limit that {@code GET /organization/spend_limit} answers; null (the default
     * unless {@link #organization} set one) answers 404, as for an organization with none.
     */
    public Builder spendLimit(@Nullable SpendLimit limit) {
      spend.organizationLimit = limit;
      return this;
    }

    /** The organization's spend alerts, in the order {@code GET /organization/spend_alerts} lists them. */
    public Builder spendAlerts(Iterable<SpendAlert> alerts) {
      Objects.requireNonNull(alerts, "alerts == null");
      spend.organizationAlerts.clear();
      for (SpendAlert alert : alerts) {
        spend.organizationAlerts.add(Objects.requireNonNull(alert, "alerts contains null"));
      }
      return this;
    }

    /** The hard spend limit of project {@code projectId}; projects without one answer 404. */
    public Builder projectSpendLimit(String projectId, SpendLimit limit) {
      spend.projectLimits.put(Objects.requireNonNull(projectId, "projectId == null"),
          Objects.requireNonNull(limit, "limit == null"));
      return this;
    }

    /** The spend alerts of project {@code projectId}, in listing order. */
    public Builder projectSpendAlerts(String projectId, Iterable<SpendAlert> alerts) {
      Objects.requireNonNull(projectId, "projectId == null");
      Objects.requireNonNull(alerts, "alerts == null");
      List<SpendAlert> list = new ArrayList<>();
      for (SpendAlert alert : alerts) {
        list.add(Objects.requireNonNull(alert, "alerts contains null"));
      }
      spend.projectAlerts.put(projectId, list);
      return this;
    }

    void randomFaults(long seed, double rate, List<Fault> choices) {
      this.randomSeed = seed;
      this.randomFaultRate = rate;
      this.randomFaultChoices = choices;
    }

    /** A fake with this builder's settings. */
    public FakeUsageApi build() {
      return new FakeUsageApi(this);
    }
  }
}
