package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link UsageApiPages} puts each part of a typed query into the right parameter of the generated method. */
class UsageApiPagesTest {
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private static final String EMPTY_PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  private MockWebServer server;
  private UsageApi api;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    api = UsageApiFactory.builder().adminKey("sk-admin-test").baseUrl(server.url("/v1/").toString()).build();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyPartOfTheQueryReachesTheWireUnderItsOwnName(UsageEndpoint endpoint) throws Exception {
    UsageQuery<UsageResult> query = queryWithEverything(endpoint);
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE));

    UsageResponse page = UsageApiPages.fetch(api, query, "page_c+/=").blockingFirst();

    RecordedRequest request = server.takeRequest();
    assertThat(page.data()).isEmpty();
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/v1/" + endpoint.path());
    assertThat(parameters(request.getRequestUrl())).isEqualTo(query.toQueryParameters("page_c+/="));
  }

  @Test
  void aPageCarriesTheDateHeaderOfItsResponse() {
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE).setHeader("Date", "Mon, 07 Dec 2026 10:00:00 GMT"));
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE).setHeader("Date", "not a date"));
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE).removeHeader("Date"));
    UsageQuery<?> query = UsageQuery.costs().startTime(1_730_419_200L).build();

    assertThat(UsageApiPages.fetch(api, query, null).blockingFirst().serverDate())
        .isEqualTo(java.time.Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(UsageApiPages.fetch(api, query, null).blockingFirst().serverDate()).as("unparsable").isNull();
    assertThat(UsageApiPages.fetch(api, query, null).blockingFirst().serverDate()).as("absent").isNull();
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void aMinimalQuerySendsOnlyTheStartTime(UsageEndpoint endpoint) throws Exception {
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE));

    UsageApiPages.fetch(api, UsageQuery.builder(endpoint).startTime(4_102_444_800L).build(), null).blockingFirst();

    assertThat(server.takeRequest().getRequestUrl().query()).isEqualTo("start_time=4102444800");
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyEndpointDispatchesToTheMethodNamedForItsOperationId(UsageEndpoint endpoint) {
    UsageApiPages.Dispatch dispatch = UsageApiPages.dispatch(endpoint);

    assertThat(dispatch.method().getDeclaringClass()).isEqualTo(UsageApi.class);
    assertThat(dispatch.method().getName()).isEqualTo(UsageApiPages.methodName(endpoint.operationId()));
    assertThat(UsageApiPages.dispatch(endpoint)).isSameAs(dispatch);
  }

  /** A UsageApi generated from a spec that lacks the operations. */
  interface UsageApiWithoutOperations {}

  @Test
  void anEndpointWithoutAMethodFailsNamingItsOperationId() {
    assertThatIllegalStateException()
        .isThrownBy(() -> UsageApiPages.Dispatch.of(UsageApiWithoutOperations.class, UsageEndpoint.COMPLETIONS))
        .withMessage("UsageApiWithoutOperations has no method usageCompletions for operationId \"usage-completions\" "
            + "(UsageEndpoint.COMPLETIONS): usage-retrofit was generated from a spec without that operation");
  }

  @Test
  void operationIdsBecomeTheGeneratedMethodNames() {
    assertThat(UsageApiPages.methodName("usage-completions")).isEqualTo("usageCompletions");
    assertThat(UsageApiPages.methodName("usage-code-interpreter-sessions")).isEqualTo("usageCodeInterpreterSessions");
    assertThat(UsageApiPages.methodName("usage_costs")).isEqualTo("usageCosts");
  }

  @Test
  void aParameterTheMethodDoesNotHaveReachesTheServerWithEachOfItsValues() throws Exception {
    server.enqueue(new MockResponse().setBody(EMPTY_PAGE));
    Map<String, List<String>> parameters = new LinkedHashMap<>(
        UsageQuery.costs().startTime(4_102_444_800L).projectIds("proj_a", "proj_b").build().toQueryParameters("c1"));
    parameters.put("line_item", Arrays.asList("Image models, input", "a&b=c"));
    parameters.put("user_ids", Collections.singletonList("user_1"));

    UsageApiPages.dispatch(UsageEndpoint.COSTS).call(api, parameters).blockingFirst();

    HttpUrl url = server.takeRequest().getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/v1/organization/costs");
    assertThat(url.encodedQuery()).isEqualTo("start_time=4102444800&project_ids=proj_a&project_ids=proj_b&page=c1"
        + "&line_item=Image%20models%2C%20input&line_item=a%26b%3Dc&user_ids=user_1");
    assertThat(parameters(url)).isEqualTo(parameters);
  }

  @Test
  void aScalarParameterWithTwoValuesIsRefusedNamingIt() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("start_time", Collections.singletonList("1"));
    parameters.put("limit", Arrays.asList("1", "2"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageApiPages.dispatch(UsageEndpoint.COSTS).call(api, parameters))
        .withMessage("query parameter limit takes one value, but has 2: [1, 2]");
  }

  private static UsageQuery<UsageResult> queryWithEverything(UsageEndpoint endpoint) {
    UsageQuery.Builder<UsageResult> builder = UsageQuery.builder(endpoint)
        .startTime(4_102_444_800L)
        .endTime(4_102_444_800L + 86_400)
        .bucketWidth(BucketWidth.ONE_DAY)
        .limit(5)
        .groupBy(endpoint.groupByFields());
    int n = 0;
    for (UsageFilter filter : endpoint.filters()) {
      if (filter.isBoolean()) {
        builder.batch(false);
      } else if (filter.allowedValues().isEmpty()) {
        builder.filter(filter, filter.wireValue() + "_" + n++, filter.wireValue() + "_" + n++);
      } else {
        Iterator<String> allowed = filter.allowedValues().iterator();
        builder.filter(filter, allowed.next(), allowed.next());
      }
    }
    return builder.build();
  }

  private static Map<String, List<String>> parameters(HttpUrl url) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i < url.querySize(); i++) {
      parameters.computeIfAbsent(url.queryParameterName(i), k -> new ArrayList<>()).add(url.queryParameterValue(i));
    }
    return parameters;
  }
}
