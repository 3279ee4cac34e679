package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.testkit.FakeUsageApi;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.SyntheticOrganization;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake API answered in this process, without a socket: the same answers as the server on a port. */
class FakeUsageApiTest {
  static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  static final SyntheticOrganization ORGANIZATION = SyntheticOrganization.generate(42, NOV_1, 30);
  static final String BASE = "http://127.0.0.1/v1/";
  static final ObjectMapper MAPPER = new ObjectMapper();

  static Map<String, List<String>> bearer(String key) {
    return Collections.singletonMap("Authorization", Collections.singletonList("Bearer " + key));
  }

  static JsonNode json(byte[] body) throws IOException {
    return MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void everyPageIsTheSameAsTheServersOnAPort() throws IOException {
    FakeUsageApi api = FakeUsageApi.builder().organization(ORGANIZATION).clock(CLOCK).build();
    try (FakeUsageServer server = FakeUsageServer.builder().organization(ORGANIZATION).clock(CLOCK).start()) {
      String relative = "organization/usage/completions?start_time=" + NOV_1.getEpochSecond()
          + "&bucket_width=1h&group_by=model&group_by=project_id&limit=100";
      int pages = 0;
      while (relative != null) {
        FakeUsageApi.Response inProcess = api.answer("GET", BASE + relative, bearer(api.adminKey()));
        Http.Reply onAPort = Http.get(server, relative);

        assertThat(inProcess.status()).as(onAPort.body()).isEqualTo(200).isEqualTo(onAPort.status());
        assertThat(new String(inProcess.body(), StandardCharsets.UTF_8)).isEqualTo(onAPort.body());
        assertThat(inProcess.headers()).containsEntry("Content-Type", "application/json")
            .containsEntry("x-request-id", onAPort.header("x-request-id"));
        JsonNode page = json(inProcess.body());
        relative = page.get("has_more").asBoolean()
            ? "organization/usage/completions?start_time=" + NOV_1.getEpochSecond()
                + "&bucket_width=1h&group_by=model&group_by=project_id&limit=100&page="
                + URLEncoder.encode(page.get("next_page").asText(), "UTF-8")
            : null;
        pages++;
      }
      assertThat(pages).isEqualTo(8); // 720 hourly buckets, 100 a page
    }
  }

  @Test
  void headerNamesAreMatchedInAnyCase() throws IOException {
    FakeUsageApi api = FakeUsageApi.builder().organization(ORGANIZATION).clock(CLOCK).build();

    FakeUsageApi.Response response = api.answer("GET",
        BASE + "organization/costs?start_time=" + NOV_1.getEpochSecond(),
        Collections.singletonMap("AUTHORIZATION", Collections.singletonList("Bearer " + api.adminKey())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response.body()).get("data").size()).isEqualTo(7);
  }

  @Test
  void withoutTheKeyTheAnswerIs401AndNeverQuotesTheKeyWhole() throws IOException {
    FakeUsageApi api = FakeUsageApi.builder().build();
    String wrong = "sk-admin-a-wrong-key-that-is-long-enough";

    FakeUsageApi.Response missing = api.answer("GET", BASE + "organization/costs?start_time=0",
        Collections.<String, List<String>>emptyMap());
    FakeUsageApi.Response incorrect = api.answer("GET", BASE + "organization/costs?start_time=0", bearer(wrong));

    assertThat(missing.status()).isEqualTo(401);
    assertThat(json(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(incorrect.status()).isEqualTo(401);
    assertThat(json(incorrect.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(new String(incorrect.body(), StandardCharsets.UTF_8)).doesNotContain(wrong);
  }

  @Test
  void anInvalidParameterIs400NamingIt() throws IOException {
    FakeUsageApi api = FakeUsageApi.builder().build();

    FakeUsageApi.Response response = api.answer("GET",
        BASE + "organization/usage/completions?start_time=0&bucket_width=2h", bearer(api.adminKey()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("bucket_width");
  }

  @Test
  void anUnknownPathOrMethodIs404() throws IOException {
    FakeUsageApi api = FakeUsageApi.builder().build();

    FakeUsageApi.Response path = api.answer("GET", BASE + "organization/usage/nothing", bearer(api.adminKey()));
    FakeUsageApi.Response method = api.answer("POST", BASE + "organization/costs?start_time=0",
        bearer(api.adminKey()));

    assertThat(path.status()).isEqualTo(404);
    assertThat(json(path.body()).at("/error/message").asText())
        .isEqualTo("Invalid URL (GET /v1/organization/usage/nothing)");
    assertThat(method.status()).isEqualTo(404);
  }

  @Test
  void requestIdsCountUpFromOne() {
    FakeUsageApi api = FakeUsageApi.builder().build();

    String first = api.answer("GET", BASE + "organization/costs?start_time=0", bearer(api.adminKey()))
        .headers().get("x-request-id");
    String second = api.answer("GET", BASE + "organization/costs?start_time=0", bearer(api.adminKey()))
        .headers().get("x-request-id");

    assertThat(first).isEqualTo("req_00000000000000000000000000000001");
    assertThat(second).isEqualTo("req_00000000000000000000000000000002");
  }

  @Test
  void aUrlThatIsNotHttpIsRejectedNamingTheParameter() {
    FakeUsageApi api = FakeUsageApi.builder().build();

    assertThatThrownBy(() -> api.answer("GET", "ftp://127.0.0.1/v1/organization/costs", bearer(api.adminKey())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("url must be an http or https URL");
  }
}
