package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.testkit.Fault;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.Fixture;
import dev.usagekit.testkit.SyntheticOrganization;
import dev.usagekit.testkit.UsageFixtures;
import dev.usagekit.model.UsageResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake's responses for every endpoint, and the testkit's fixtures, validate against the project's OpenAPI
 * document: each 200 against its operation's response schema, each error against ErrorResponse (429: the
 * operation's declared response). Loaded with a synthetic organisation, so that every field has values.
 */
class SpecConformanceTest {
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final long S = START.getEpochSecond();
  static final long DAY = 86400;

  static SyntheticOrganization org;
  static FakeUsageServer server;
  static FakeUsageServer strict;

  @BeforeAll
  static void start() throws IOException {
    org = SyntheticOrganization.generate(11, START, 3);
    Clock clock = Clock.fixed(START.plusSeconds(3 * DAY), ZoneOffset.UTC);
    server = FakeUsageServer.builder().clock(clock).organization(org).start();
    strict = FakeUsageServer.builder().clock(clock).organization(org).undocumentedFields(false).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    strict.close();
  }

  /** The requests each endpoint is checked with: ungrouped, grouped by every field, hourly, paged. */
  static List<String> queries(UsageEndpoint endpoint) {
    List<String> queries = new ArrayList<>();
    String base = endpoint.path() + "?start_time=" + S + "&end_time=" + (S + 3 * DAY);
    queries.add(base);
    StringBuilder grouped = new StringBuilder(base);
    GroupFields.allTogether(endpoint).forEach(f -> grouped.append("&group_by=").append(f.wireValue()));
    queries.add(grouped.toString());
    queries.add(base + "&limit=1");
    if (endpoint.bucketWidths().contains(BucketWidth.ONE_HOUR)) {
      queries.add(base + "&bucket_width=1h&limit=30" + (endpoint.groupByFields().size() > 1
          ? "&group_by=" + endpoint.groupByFields().get(1).wireValue() : ""));
    }
    queries.add(endpoint.path() + "?start_time=" + (S + 10 * DAY));
    return queries;
  }

  static Stream<UsageEndpoint> endpoints() {
    return Stream.of(UsageEndpoint.values());
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void theSpecHasTheEndpointsOperation(UsageEndpoint endpoint) {
    assertThat(OpenApiDocument.operation(endpoint).path("operationId").asText()).isEqualTo(endpoint.operationId());
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void everyPageOfTheEndpointValidatesAgainstItsOperationsResponseSchema(UsageEndpoint endpoint) {
    for (FakeUsageServer fake : List.of(server, strict)) {
      for (String query : queries(endpoint)) {
        Http.Reply reply = Http.get(fake, query);

        assertThat(reply.status()).as(query).isEqualTo(200);
        assertThat(OpenApiDocument.validate(OpenApiDocument.okSchema(endpoint), reply.body())).as(query).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void theChecksCoverRealData(UsageEndpoint endpoint) {
    JsonNode page = Http.get(server, queries(endpoint).get(1)).json();

    int results = 0;
    for (JsonNode bucket : page.get("data")) {
      results += bucket.get("results").size();
    }
    assertThat(results).as("results of %s", endpoint).isGreaterThan(1);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void withoutUndocumentedFieldsResultsHaveExactlyTheSchemasProperties(UsageEndpoint endpoint) {
    String schema = endpoint.resultType().getSimpleName();
    Set<String> expected = new HashSet<>(OpenApiDocument.properties(schema));

    JsonNode page = Http.get(strict, queries(endpoint).get(1)).json();

    assertThat(page.get("data").size()).isPositive();
    for (JsonNode bucket : page.get("data")) {
      assertThat(names(bucket)).containsExactlyInAnyOrderElementsOf(OpenApiDocument.properties("UsageTimeBucket"));
      for (JsonNode result : bucket.get("results")) {
        assertThat(names(result)).as(schema).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    assertThat(names(page)).containsExactlyInAnyOrderElementsOf(OpenApiDocument.properties("UsageResponse"));
  }

  @Test
  void errorsValidateAgainstErrorResponse() {
    String schema = "/components/schemas/ErrorResponse";
    List<String> bodies = new ArrayList<>();
    bodies.add(Http.get(server, "organization/costs?start_time=" + S, null).body());
    bodies.add(Http.get(server, "organization/costs?start_time=" + S, "Bearer sk-admin-wrong-0000000000000").body());
    bodies.add(Http.get(server, "organization/costs?start_time=x").body());
    bodies.add(Http.get(server, "organization/costs?start_time=" + S + "&page=page_garbled").body());
    bodies.add(Http.get(server, "organization/nothing").body());
    for (int status : new int[] {400, 401, 403, 404, 409, 500, 502, 503}) {
      server.enqueue(Fault.error(status));
      bodies.add(Http.get(server, "organization/costs?start_time=" + S).body());
    }

    for (String body : bodies) {
      assertThat(OpenApiDocument.validate(schema, body)).as(body).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void aRateLimitValidatesAgainstTheOperations429Response(UsageEndpoint endpoint) {
    server.enqueue(Fault.rateLimited(1));

    Http.Reply reply = Http.get(server, endpoint.path() + "?start_time=" + S);

    assertThat(reply.status()).isEqualTo(429);
    assertThat(OpenApiDocument.validate(OpenApiDocument.rateLimitSchema(endpoint), reply.body())).isEmpty();
    JsonNode header = OpenApiDocument.document()
        .at("/components/responses/TooManyRequests/headers/Retry-After/schema");
    assertThat(Long.parseLong(reply.header("Retry-After"))).isGreaterThanOrEqualTo(header.get("minimum").asLong());
  }

  static Stream<Fixture<UsageResponse>> validPageFixtures() {
    return UsageFixtures.pages().stream().filter(f -> !f.equals(UsageFixtures.costsWithStringAmounts())
        && !f.equals(UsageFixtures.unknownResultType()) && !f.equals(UsageFixtures.legacyResultField()));
  }

  @ParameterizedTest
  @MethodSource("validPageFixtures")
  void pageFixturesValidateAgainstUsageResponse(Fixture<UsageResponse> fixture) {
    assertThat(OpenApiDocument.validate("/components/schemas/UsageResponse", fixture.json())).isEmpty();
  }

  @Test
  void errorFixturesValidateAgainstErrorResponse() {
    for (int status : UsageFixtures.errorStatuses()) {
      assertThat(OpenApiDocument.validate("/components/schemas/ErrorResponse", UsageFixtures.error(status).json()))
          .as("error %d", status).isEmpty();
    }
  }

  /** The validator is not vacuous: what real responses do beyond the spec, and broken pages, fail it. */
  @Test
  void theValidatorRejectsWhatTheSpecDoesNotAllow() {
    String usageResponse = "/components/schemas/UsageResponse";

    assertThat(OpenApiDocument.validate(usageResponse, UsageFixtures.costsWithStringAmounts().json())).isNotEmpty();
    assertThat(OpenApiDocument.validate(usageResponse, UsageFixtures.unknownResultType().json())).isNotEmpty();
    assertThat(OpenApiDocument.validate(usageResponse, UsageFixtures.legacyResultField().json())).isNotEmpty();
    assertThat(OpenApiDocument.validate(usageResponse, "{\"object\":\"page\",\"data\":[],\"has_more\":false}"))
        .isNotEmpty();
    assertThat(OpenApiDocument.validate(usageResponse, "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
        + "\"start_time\":0,\"end_time\":60,\"results\":[{\"object\":\"organization.usage.embeddings.result\","
        + "\"input_tokens\":\"ten\",\"num_model_requests\":1}]}],\"has_more\":false,\"next_page\":null}"))
        .isNotEmpty();
    assertThat(OpenApiDocument.validate("/components/schemas/ErrorResponse",
        "{\"error\":{\"message\":\"m\",\"type\":\"t\"}}")).isNotEmpty();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
