package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.ProjectApiKey;
import dev.usagekit.model.User;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.HttpException;

/** {@link UsageApiUsers} and {@link UsageApiProjectApiKeys}: page after page, bounded as the projects listing. */
class UsageApiUsersAndKeysTest {
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
    api = UsageApiFactory.builder().adminKey("sk-admin-users").baseUrl(server.url("/v1/").toString()).build();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Test
  void usersPagesFollowAfterTheLastIdAndKeepEmailAndName() throws InterruptedException {
    server.enqueue(users(true, "user_a", "user_b"));
    server.enqueue(users(false, "user_c"));

    List<User> users = UsageApiUsers.all(api).toList().blockingGet();

    assertThat(users).extracting(User::id).containsExactly("user_a", "user_b", "user_c");
    assertThat(users).extracting(User::email).containsExactly("a@example.com", "b@example.com", "c@example.com");
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).getPath()).isEqualTo("/v1/organization/users?limit=100");
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).getPath())
        .isEqualTo("/v1/organization/users?limit=100&after=user_b");
  }

  @Test
  void theUsersListingEndsOnARepeatedCursor() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(users(true, "user_a"));
    }

    assertThat(UsageApiUsers.all(api).toList().blockingGet()).extracting(User::id).containsExactly("user_a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theUsersListingEndsAfterMaxPages() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(users(true, "user_" + i));
    }

    assertThat(UsageApiUsers.all(api, 2).toList().blockingGet()).extracting(User::id)
        .containsExactly("user_0", "user_1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void usersPagesLargerThanAskedBringAtMostTheirFirstHundredEach() {
    for (int page = 0; page < 3; page++) {
      String[] ids = new String[5_000];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = String.format("user_%06d", page * 100 + i);
      }
      server.enqueue(users(true, ids));
    }

    assertThat(UsageApiUsers.all(api, 2).toList().blockingGet()).hasSize(2 * UsageApiUsers.PAGE_SIZE);
  }

  @Test
  void apiKeysAreListedPerProjectWithEveryOwnerAndKeepTheOwnerAsSent() throws InterruptedException {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"object\":\"list\","
        + "\"data\":[{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-abc...def\",\"name\":"
        + "\"My API Key\",\"created_at\":1711471533,\"last_used_at\":1711471534,\"id\":\"key_abc\","
        + "\"owner_project_access\":\"active\",\"owner\":{\"type\":\"user\",\"user\":{\"id\":\"user_abc\"}}}],"
        + "\"first_id\":\"key_abc\",\"last_id\":\"key_abc\",\"has_more\":false}"));

    List<ProjectApiKey> keys = UsageApiProjectApiKeys.all(api, "proj_abc").toList().blockingGet();

    assertThat(keys).extracting(ProjectApiKey::id, ProjectApiKey::name).containsExactly(
        org.assertj.core.groups.Tuple.tuple("key_abc", "My API Key"));
    assertThat(keys.get(0).owner().path("user").path("id").asText()).isEqualTo("user_abc");
    assertThat(keys.get(0).additionalProperties()).containsKey("owner_project_access");
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).getPath())
        .isEqualTo("/v1/organization/projects/proj_abc/api_keys?limit=100&owner_project_access=any");
  }

  @Test
  void aKeyThatMayNotListUsersFailsWithTheStatus() {
    server.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
        .setBody("{\"error\":{\"message\":\"Insufficient permissions\",\"type\":\"invalid_request_error\"}}"));

    UsageApiUsers.all(api).test().awaitDone(30, TimeUnit.SECONDS)
        .assertError(e -> e instanceof HttpException && ((HttpException) e).code() == 403);
  }

  private static MockResponse users(boolean hasMore, String... ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      data.append(data.length() == 0 ? "" : ",").append("{\"object\":\"organization.user\",\"id\":\"").append(id)
          .append("\",\"name\":null,\"email\":\"").append(id.substring(5)).append("@example.com\",\"role\":\"reader\","
          + "\"added_at\":1711471533}");
    }
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"object\":\"list\",\"data\":["
        + data + "],\"first_id\":\"" + ids[0] + "\",\"last_id\":\"" + ids[ids.length - 1] + "\",\"has_more\":"
        + hasMore + "}");
  }
}
