package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.retrofit.UsageApiPages;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.RecordedUsageRequest;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.time.Instant;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import retrofit2.HttpException;

/** The admin key, 400s naming the parameter, 404s, and the headers every response carries. */
@ExtendWith(FakeUsageServerExtension.class)
class AuthAndErrorsTest {
  static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
  static final String COSTS = "organization/costs?start_time=" + NOV_1;

  @Test
  void withoutAKeyTheAnswerIs401WithTheApisErrorBody(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, COSTS, null);

    assertThat(reply.status()).isEqualTo(401);
    JsonNode error = reply.json().get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("API key");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
  }

  @Test
  void aWrongKeyIs401InvalidApiKeyAndTheKeyIsNeverEchoedWhole(FakeUsageServer server) {
    String wrong = "sk-admin-wrong-key-9f8e7d6c5b4a39281706";

    Http.Reply reply = Http.get(server, COSTS, "Bearer " + wrong);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(reply.body()).doesNotContain(wrong).contains("1706");
  }

  @Test
  void aTypedClientSeesA401AsAnHttpExceptionWithTheErrorBody(FakeUsageServer server) throws Exception {
    UsageApi wrong = UsageApiFactory.builder().adminKey("sk-admin-not-the-right-one-00000000")
        .baseUrl(server.url()).build();

    HttpException e = catchThrowableOfType(HttpException.class, () -> UsageApiPages.fetch(wrong,
        UsageQuery.costs().startTime(NOV_1).build(), null).blockingFirst());

    assertThat(e.code()).isEqualTo(401);
    ErrorResponse body = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(e.response().errorBody().string(), ErrorResponse.class);
    assertThat(body.error().code()).isEqualTo("invalid_api_key");
    assertThat(e.response().headers().get("x-request-id")).startsWith("req_");
  }

  @Test
  void aRotatedKeyReplacesTheOldOne(FakeUsageServer server) {
    String old = server.adminKey();
    server.setAdminKey("sk-admin-rotated-0000000000000000000000");

    assertThat(Http.get(server, COSTS, "Bearer " + old).status()).isEqualTo(401);
    assertThat(Http.get(server, COSTS, "Bearer sk-admin-rotated-0000000000000000000000").status()).isEqualTo(200);
  }

  @Test
  void theBearerSchemeIsCaseInsensitive(FakeUsageServer server) {
    assertThat(Http.get(server, COSTS, "bearer " + server.adminKey()).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "organization/costs|start_time",
      "organization/costs?start_time=yesterday|start_time",
      "organization/costs?start_time=100&end_time=50|end_time",
      "organization/costs?start_time=100&bucket_width=1h|bucket_width",
      "organization/usage/completions?start_time=100&bucket_width=2d|bucket_width",
      "organization/usage/completions?start_time=100&limit=many|limit",
      "organization/usage/completions?start_time=100&group_by=line_item|group_by",
      "organization/usage/completions?start_time=100&batch=yes|batch",
      "organization/usage/completions?start_time=100&colour=blue|colour",
      "organization/usage/completions?start_time=100&start_time=200|start_time",
      "organization/usage/web_search_calls?start_time=100&context_levels=extreme|context_levels",
      "organization/usage/completions?start_time=100&models=|models"})
  void anInvalidParameterIs400NamingIt(String request, String param, FakeUsageServer server) {
    Http.Reply reply = Http.get(server, request);

    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.json().get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo(param);
    assertThat(error.get("message").asText()).contains(param);
    assertThat(error.get("code").isNull()).isTrue();
  }

  @Test
  void theArraySpellingOfSomeSdksIsAccepted(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/usage/completions?start_time=" + NOV_1
        + "&group_by[]=model&group_by[]=project_id&models[]=gpt-4o");

    assertThat(reply.status()).isEqualTo(200);
    RecordedUsageRequest request = server.requests().get(0);
    assertThat(request.query().groupBy()).extracting(f -> f.wireValue()).containsExactly("model", "project_id");
  }

  @Test
  void anUnknownPathIs404InvalidUrl(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/usage/completion?start_time=" + NOV_1);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/message").asText())
        .isEqualTo("Invalid URL (GET /v1/organization/usage/completion)");
  }

  @Test
  void anotherMethodThanGetIs404InvalidUrl(FakeUsageServer server) {
    Http.Reply reply = Http.execute(Http.CLIENT, new Request.Builder().url(server.url() + COSTS)
        .header("Authorization", "Bearer " + server.adminKey())
        .post(RequestBody.create(null, new byte[0])).build());

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/message").asText()).startsWith("Invalid URL (POST /v1/organization/costs");
  }

  @Test
  void everyResponseHasJsonAndADistinctRequestId(FakeUsageServer server) {
    Http.Reply ok = Http.get(server, COSTS);
    Http.Reply unauthorized = Http.get(server, COSTS, null);
    Http.Reply invalid = Http.get(server, "organization/costs");

    assertThat(ok.header("Content-Type")).isEqualTo("application/json");
    assertThat(invalid.header("Content-Type")).isEqualTo("application/json");
    assertThat(java.util.List.of(ok.header("x-request-id"), unauthorized.header("x-request-id"),
        invalid.header("x-request-id")))
        .allMatch(id -> id.matches("req_[0-9a-f]{32}"))
        .doesNotHaveDuplicates();
    assertThat(server.requests()).extracting(RecordedUsageRequest::requestId)
        .containsExactly(ok.header("x-request-id"), unauthorized.header("x-request-id"),
            invalid.header("x-request-id"));
  }
}
