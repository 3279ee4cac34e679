package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageAudioSpeechesResult;
import dev.usagekit.model.UsageAudioTranscriptionsResult;
import dev.usagekit.model.UsageCodeInterpreterSessionsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageDecisionsResult;
import dev.usagekit.model.UsageEmbeddingsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageFileSearchCallsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageModerationsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.HttpException;

/**
 * Every operation of the generated {@link UsageApi} against MockWebServer: what goes on the wire
 * (path, query, headers) and what comes back (a decoded {@link UsageResponse}).
 */
class UsageApiRequestsTest {

  private static final String KEY = "sk-admin-0123456789abcdef";
  /** 2100-01-01T00:00:00Z: beyond 2^31, so it only survives as a long. */
  private static final long START = 4_102_444_800L;
  private static final long END = 4_102_531_200L;
  /** A cursor with the characters a base64 cursor can hold that a query must escape. */
  private static final String CURSOR = "page_AAAAAGdG+xdEiJd/KOAAAAAGcqsYA==";
  private static final String ENCODED_CURSOR = "page_AAAAAGdG%2BxdEiJd%2FKOAAAAAGcqsYA%3D%3D";
  private static final String TIMES = "start_time=4102444800&end_time=4102531200";

  /** Keeps MockWebServer's per-request INFO lines out of the build log (held: JUL loggers are weak). */
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private MockWebServer server;
  private UsageApi api;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    api = UsageApiFactory.builder().adminKey(KEY).baseUrl(server.url("/v1/").toString()).build();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  /** One operation called with every parameter it has, and what must arrive. */
  record Call(
      UsageEndpoint endpoint,
      String path,
      Function<UsageApi, Observable<UsageResponse>> invoke,
      String query,
      String resultJson,
      Class<? extends UsageResult> resultType) {
    @Override
    public String toString() {
      return endpoint.operationId();
    }
  }

  static Stream<Call> everyParameter() {
    return Stream.of(
        new Call(UsageEndpoint.COMPLETIONS, "/v1/organization/usage/completions",
            api -> GeneratedCalls.call(api, "usage-completions", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1h", "project_ids", List.of("proj_a", "proj_b"), "user_ids", List.of("user_a",
                "user_b"), "api_key_ids", List.of("key_a", "key_b"), "models", List.of("gpt-4o",
                "ft:gpt-4o-mini:acme::abc"), "batch", true, "group_by", List.of("project_id", "user_id",
                "api_key_id", "model", "batch", "service_tier"), "limit", 24, "page", CURSOR),
            TIMES + "&bucket_width=1h"
                + "&project_ids=proj_a&project_ids=proj_b&user_ids=user_a&user_ids=user_b"
                + "&api_key_ids=key_a&api_key_ids=key_b"
                + "&models=gpt-4o&models=ft%3Agpt-4o-mini%3Aacme%3A%3Aabc&batch=true"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&group_by=batch&group_by=service_tier&limit=24&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.completions.result",
             "input_tokens": 3000000000, "output_tokens": 5, "num_model_requests": 1}""",
            UsageCompletionsResult.class),
        new Call(UsageEndpoint.DECISIONS, "/v1/organization/usage/decisions",
            api -> GeneratedCalls.call(api, "usage-decisions", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1h", "project_ids", List.of("proj_a"), "user_ids", List.of("user_a"),
                "api_key_ids", List.of("key_a"), "models", List.of("gpt-4o-mini"), "batch", false,
                "group_by", List.of("api_source", "batch"), "limit", 24, "page", CURSOR),
            TIMES + "&bucket_width=1h&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a"
                + "&models=gpt-4o-mini&batch=false&group_by=api_source&group_by=batch&limit=24&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.decisions.result", "input_tokens": 7, "output_tokens": 3,
             "num_model_requests": 1, "api_source": "agents_api"}""",
            UsageDecisionsResult.class),
        new Call(UsageEndpoint.EMBEDDINGS, "/v1/organization/usage/embeddings",
            api -> GeneratedCalls.call(api, "usage-embeddings", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1m", "project_ids", List.of("proj_a"), "user_ids", List.of("user_a"),
                "api_key_ids", List.of("key_a"), "models", List.of("text-embedding-3-small"),
                "group_by", List.of("project_id", "user_id", "api_key_id", "model"), "limit", 1440, "page", CURSOR),
            TIMES + "&bucket_width=1m&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a"
                + "&models=text-embedding-3-small"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&limit=1440&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.embeddings.result", "input_tokens": 16, "num_model_requests": 2}""",
            UsageEmbeddingsResult.class),
        new Call(UsageEndpoint.MODERATIONS, "/v1/organization/usage/moderations",
            api -> GeneratedCalls.call(api, "usage-moderations", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1d", "project_ids", List.of("proj_a", "proj_b"), "user_ids", List.of("user_a"),
                "api_key_ids", List.of("key_a"), "models", List.of("omni-moderation-latest"),
                "group_by", List.of("model", "project_id"), "limit", 31, "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&project_ids=proj_b&user_ids=user_a"
                + "&api_key_ids=key_a&models=omni-moderation-latest&group_by=model&group_by=project_id"
                + "&limit=31&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.moderations.result", "input_tokens": 16, "num_model_requests": 2}""",
            UsageModerationsResult.class),
        new Call(UsageEndpoint.IMAGES, "/v1/organization/usage/images",
            api -> GeneratedCalls.call(api, "usage-images", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1d", "sources", List.of("image.generation", "image.edit", "image.variation"),
                "sizes", List.of("256x256", "512x512", "1024x1024", "1792x1792", "1024x1792"),
                "project_ids", List.of("proj_a"), "user_ids", List.of("user_a"), "api_key_ids", List.of("key_a"),
                "models", List.of("dall-e-3", "gpt-image-1"), "group_by", List.of("project_id", "user_id",
                "api_key_id", "model", "size", "source"), "limit", 7, "page", CURSOR),
            TIMES + "&bucket_width=1d"
                + "&sources=image.generation&sources=image.edit&sources=image.variation"
                + "&sizes=256x256&sizes=512x512&sizes=1024x1024&sizes=1792x1792&sizes=1024x1792"
                + "&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a&models=dall-e-3&models=gpt-image-1"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&group_by=size&group_by=source&limit=7&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.images.result", "images": 2, "num_model_requests": 2}""",
            UsageImagesResult.class),
        new Call(UsageEndpoint.AUDIO_SPEECHES, "/v1/organization/usage/audio_speeches",
            api -> GeneratedCalls.call(api, "usage-audio-speeches", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1h", "project_ids", List.of("proj_a"), "user_ids", List.of("user_a", "user_b"),
                "api_key_ids", List.of("key_a"), "models", List.of("tts-1", "tts-1-hd"),
                "group_by", List.of("project_id", "user_id", "api_key_id", "model"), "limit", 168, "page", CURSOR),
            TIMES + "&bucket_width=1h&project_ids=proj_a&user_ids=user_a&user_ids=user_b"
                + "&api_key_ids=key_a&models=tts-1&models=tts-1-hd"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&limit=168&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.audio_speeches.result", "characters": 45, "num_model_requests": 1}""",
            UsageAudioSpeechesResult.class),
        new Call(UsageEndpoint.AUDIO_TRANSCRIPTIONS, "/v1/organization/usage/audio_transcriptions",
            api -> GeneratedCalls.call(api, "usage-audio-transcriptions", Map.of(), "start_time", START,
                "end_time", END, "bucket_width", "1d", "project_ids", List.of("proj_a"),
                "user_ids", List.of("user_a"), "api_key_ids", List.of("key_a", "key_b"),
                "models", List.of("whisper-1"), "group_by", List.of("project_id", "user_id", "api_key_id", "model"),
                "limit", 1, "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a&api_key_ids=key_b"
                + "&models=whisper-1"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&limit=1&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.audio_transcriptions.result", "seconds": 20, "num_model_requests": 1}""",
            UsageAudioTranscriptionsResult.class),
        new Call(UsageEndpoint.VECTOR_STORES, "/v1/organization/usage/vector_stores",
            api -> GeneratedCalls.call(api, "usage-vector-stores", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1d", "project_ids", List.of("proj_a", "proj_b"), "group_by", List.of("project_id"),
                "limit", 7, "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&project_ids=proj_b&group_by=project_id"
                + "&limit=7&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.vector_stores.result", "usage_bytes": 5000000000}""",
            UsageVectorStoresResult.class),
        new Call(UsageEndpoint.CODE_INTERPRETER_SESSIONS, "/v1/organization/usage/code_interpreter_sessions",
            api -> GeneratedCalls.call(api, "usage-code-interpreter-sessions", Map.of(), "start_time", START,
                "end_time", END, "bucket_width", "1h", "project_ids", List.of("proj_a", "proj_b"),
                "group_by", List.of("project_id"), "limit", 24, "page", CURSOR),
            TIMES + "&bucket_width=1h&project_ids=proj_a&project_ids=proj_b&group_by=project_id"
                + "&limit=24&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.code_interpreter_sessions.result", "num_sessions": 1}""",
            UsageCodeInterpreterSessionsResult.class),
        new Call(UsageEndpoint.FILE_SEARCH_CALLS, "/v1/organization/usage/file_search_calls",
            api -> GeneratedCalls.call(api, "usage-file-search-calls", Map.of(), "start_time", START,
                "end_time", END, "bucket_width", "1d", "project_ids", List.of("proj_a"),
                "user_ids", List.of("user_a"), "api_key_ids", List.of("key_a"), "vector_store_ids", List.of("vs_a",
                "vs_b"), "group_by", List.of("project_id", "user_id", "api_key_id", "vector_store_id"), "limit", 7,
                "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a"
                + "&vector_store_ids=vs_a&vector_store_ids=vs_b"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=vector_store_id"
                + "&limit=7&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.file_searches.result", "num_requests": 2}""",
            UsageFileSearchCallsResult.class),
        new Call(UsageEndpoint.WEB_SEARCH_CALLS, "/v1/organization/usage/web_search_calls",
            api -> GeneratedCalls.call(api, "usage-web-search-calls", Map.of(), "start_time", START,
                "end_time", END, "bucket_width", "1d", "project_ids", List.of("proj_a"),
                "user_ids", List.of("user_a"), "api_key_ids", List.of("key_a"), "models", List.of("gpt-4o"),
                "context_levels", List.of("low", "medium", "high"), "group_by", List.of("project_id", "user_id",
                "api_key_id", "model", "context_level"), "limit", 7, "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&user_ids=user_a&api_key_ids=key_a&models=gpt-4o"
                + "&context_levels=low&context_levels=medium&context_levels=high"
                + "&group_by=project_id&group_by=user_id&group_by=api_key_id&group_by=model"
                + "&group_by=context_level&limit=7&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.usage.web_searches.result", "num_model_requests": 2, "num_requests": 2}""",
            UsageWebSearchCallsResult.class),
        new Call(UsageEndpoint.COSTS, "/v1/organization/costs",
            api -> GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", START, "end_time", END,
                "bucket_width", "1d", "project_ids", List.of("proj_a", "proj_b"), "api_key_ids", List.of("key_a",
                "key_b"), "group_by", List.of("project_id", "line_item", "api_key_id"), "limit", 180,
                "page", CURSOR),
            TIMES + "&bucket_width=1d&project_ids=proj_a&project_ids=proj_b"
                + "&api_key_ids=key_a&api_key_ids=key_b"
                + "&group_by=project_id&group_by=line_item&group_by=api_key_id"
                + "&limit=180&page=" + ENCODED_CURSOR,
            """
            {"object": "organization.costs.result", "amount": {"value": 0.06, "currency": "usd"}}""",
            CostsResult.class));
  }

  /**
   * Every row of the table, a new one included: the generated method of its operationId takes each of its
   * filters and group_by values by name, sends them to the row's path, and the page decodes to the row's type.
   * The calls above spell the wire form out for the rows that were there when they were written.
   */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyRowsMethodSendsItsFiltersAndGroupByValuesByName(UsageEndpoint endpoint) throws InterruptedException {
    StringBuilder result = new StringBuilder("{\"object\": \"" + endpoint.resultObject() + "\"");
    for (ResultField field : ResultFields.of(endpoint.resultType()).all()) {
      if (field.isMetric()) {
        result.append(", \"").append(field.name()).append("\": 1");
      } else if (field.role() == ResultField.Role.AMOUNT) {
        result.append(", \"").append(field.name()).append("\": {\"value\": 1, \"currency\": \"usd\"}");
      }
    }
    server.enqueue(page(result.append('}').toString()));
    List<Object> pairs = new ArrayList<>(List.of("start_time", START));
    List<String> groupBy = endpoint.groupByFields().stream().map(GroupByField::wireValue).collect(Collectors.toList());
    pairs.addAll(List.of("group_by", groupBy));
    for (UsageFilter filter : endpoint.filters()) {
      pairs.add(filter.wireValue());
      pairs.add(filter.isBoolean() ? (Object) true
          : List.of(filter.allowedValues().isEmpty() ? "x_1" : filter.allowedValues().iterator().next()));
    }

    UsageResponse response = GeneratedCalls.call(api, endpoint.operationId(), Map.of(), pairs.toArray())
        .blockingFirst();

    HttpUrl url = server.takeRequest().getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/v1/" + endpoint.path());
    assertThat(url.queryParameterValues("group_by")).containsExactlyElementsOf(groupBy);
    for (UsageFilter filter : endpoint.filters()) {
      assertThat(url.queryParameterNames()).as(endpoint + " sends " + filter.wireValue()).contains(filter.wireValue());
    }
    assertThat(response.data().get(0).results()).singleElement().isInstanceOf(endpoint.resultType());
  }

  @Test
  void theCallsAboveAreOfRowsOfTheTable() {
    assertThat(everyParameter().map(Call::endpoint)).doesNotHaveDuplicates()
        .isSubsetOf(Arrays.asList(UsageEndpoint.values()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyParameter")
  void sendsEveryParameterToThePathOfTheOperation(Call call) throws InterruptedException {
    server.enqueue(page(call.resultJson()));

    call.invoke().apply(api).blockingFirst();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo(call.path());
    assertThat(request.getRequestUrl().encodedQuery()).isEqualTo(call.query());
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyParameter")
  void decodesTheResponseWithTheResultTypeOfTheOperation(Call call) {
    server.enqueue(page(call.resultJson()));

    UsageResponse response = call.invoke().apply(api).blockingFirst();

    assertThat(response.object()).isEqualTo("page");
    assertThat(response.hasMore()).isTrue();
    assertThat(response.nextPage()).isEqualTo(CURSOR);
    assertThat(response.data()).hasSize(1);
    UsageTimeBucket bucket = response.data().get(0);
    assertThat(bucket.startTime()).isEqualTo(START);
    assertThat(bucket.endTime()).isEqualTo(END);
    assertThat(bucket.results()).singleElement()
        .isInstanceOf(call.resultType())
        .extracting(UsageResult::object)
        .isEqualTo(call.endpoint().resultObject());
  }

  /**
   * The methods of the usage and costs operations, those that answer a usage page (the projects listing and the
   * spend operations have no start_time: UsageApiProjectsTest, SpendStreamsTest).
   */
  static Stream<Method> operations() {
    return Arrays.stream(UsageApi.class.getMethods())
        .filter(method -> method.getGenericReturnType().getTypeName().contains("UsageResponse"))
        .sorted((a, b) -> a.getName().compareTo(b.getName()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void absentOptionalParametersAreLeftOut(Method operation) throws Exception {
    server.enqueue(emptyPage());
    Object[] onlyStartTime = new Object[operation.getParameterCount()];
    onlyStartTime[0] = START;
    onlyStartTime[onlyStartTime.length - 1] = Map.of();

    ((Observable<?>) operation.invoke(api, onlyStartTime)).blockingFirst();

    assertThat(server.takeRequest().getRequestUrl().encodedQuery()).isEqualTo("start_time=4102444800");
  }

  @Test
  void groupByValuesGoOutAsRepeatedKeysInTheGivenOrder() throws InterruptedException {
    server.enqueue(emptyPage());

    GeneratedCalls.call(api, "usage-completions", Map.of(), "start_time", START, "group_by", List.of("model",
        "project_id")).blockingFirst();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestUrl().encodedQuery())
        .isEqualTo("start_time=4102444800&group_by=model&group_by=project_id");
  }

  @Test
  void batchFalseIsSentNotDropped() throws InterruptedException {
    server.enqueue(emptyPage());

    GeneratedCalls.call(api, "usage-completions", Map.of(), "start_time", START, "batch", false)
        .blockingFirst();

    assertThat(server.takeRequest().getRequestUrl().encodedQuery())
        .isEqualTo("start_time=4102444800&batch=false");
  }

  @Test
  void emptyFilterListSendsNoKey() throws InterruptedException {
    server.enqueue(emptyPage());

    GeneratedCalls.call(api, "usage-embeddings", Map.of(), "start_time", START, "project_ids", List.of(),
        "user_ids", List.of(), "group_by", List.of())
        .blockingFirst();

    assertThat(server.takeRequest().getRequestUrl().encodedQuery()).isEqualTo("start_time=4102444800");
  }

  @Test
  void pageCursorIsEscapedOnTheWireAndArrivesVerbatim() throws InterruptedException {
    server.enqueue(emptyPage());

    GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", START, "page", CURSOR).blockingFirst();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/organization/costs?start_time=4102444800&page=" + ENCODED_CURSOR);
    assertThat(request.getRequestUrl().queryParameter("page")).isEqualTo(CURSOR);
  }

  @Test
  void unixTimesBeyond32BitsAreSentExactly() throws InterruptedException {
    server.enqueue(emptyPage());

    GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", Long.MAX_VALUE - 1,
        "end_time", Long.MAX_VALUE).blockingFirst();

    assertThat(server.takeRequest().getRequestUrl().encodedQuery())
        .isEqualTo("start_time=9223372036854775806&end_time=9223372036854775807");
  }

  @Test
  void tooManyRequestsFailsWithHttpException429KeepingRetryAfterAndTheErrorBody() throws IOException {
    String body = """
        {"error": {"message": "Rate limit reached for organization usage.",
                   "type": "rate_limit_exceeded", "param": null, "code": "rate_limit_exceeded"}}""";
    server.enqueue(new MockResponse()
        .setResponseCode(429)
        .setHeader("Retry-After", "20")
        .setHeader("x-request-id", "req_123")
        .setHeader("Content-Type", "application/json")
        .setBody(body));

    HttpException failure = catchThrowableOfType(HttpException.class,
        () -> GeneratedCalls.call(api, "usage-completions", Map.of(), "start_time", START)
            .blockingFirst());

    assertThat(failure.code()).isEqualTo(429);
    assertThat(failure.response().headers().get("Retry-After")).isEqualTo("20");
    assertThat(failure.response().headers().get("x-request-id")).isEqualTo("req_123");
    ErrorResponse error = new ObjectMapper().readValue(failure.response().errorBody().string(), ErrorResponse.class);
    assertThat(error.error().message()).isEqualTo("Rate limit reached for organization usage.");
    assertThat(error.error().type()).isEqualTo("rate_limit_exceeded");
    assertThat(error.error().code()).isEqualTo("rate_limit_exceeded");
    assertThat(error.error().param()).isNull();
  }

  @Test
  void unknownFieldsInTheResponseAreIgnored() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
        {"object": "page", "data": [{"object": "bucket", "start_time": 1730419200, "end_time": 1730505600,
          "start_time_iso": "2024-11-01T00:00:00+00:00", "results": []}],
         "has_more": false, "next_page": null, "organization_id": "org_abc"}"""));

    UsageResponse response = GeneratedCalls.call(api, "usage-costs", Map.of(), "start_time", 1730419200L)
        .blockingFirst();

    assertThat(response.data()).singleElement().extracting(UsageTimeBucket::startTime).isEqualTo(1730419200L);
    assertThat(response.nextPage()).isNull();
  }

  private static MockResponse page(String resultJson) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
        {"object": "page",
         "data": [{"object": "bucket", "start_time": %d, "end_time": %d, "results": [%s]}],
         "has_more": true, "next_page": "%s"}""".formatted(START, END, resultJson, CURSOR));
  }

  private static MockResponse emptyPage() {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
        {"object": "page", "data": [], "has_more": false, "next_page": null}""");
  }
}
