package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.Project;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.HttpException;

/** {@link UsageApiProjects}: every project, page after page, bounded under any server. */
class UsageApiProjectsTest {
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
    api = UsageApiFactory.builder().adminKey("sk-admin-projects").baseUrl(server.url("/v1/").toString()).build();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Test
  void pagesFollowAfterTheLastIdUntilHasMoreIsFalse() throws InterruptedException {
    server.enqueue(page(true, "proj_a", "proj_b"));
    server.enqueue(page(false, "proj_c"));

    List<Project> projects = UsageApiProjects.all(api).toList().blockingGet();

    assertThat(projects).extracting(Project::id).containsExactly("proj_a", "proj_b", "proj_c");
    assertThat(projects).extracting(Project::name).containsExactly("Name a", "Name b", "Name c");
    RecordedRequest first = server.takeRequest(30, TimeUnit.SECONDS);
    assertThat(first.getPath()).isEqualTo("/v1/organization/projects?limit=100&include_archived=true");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer sk-admin-projects");
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).getPath())
        .isEqualTo("/v1/organization/projects?limit=100&after=proj_b&include_archived=true");
  }

  @Test
  void aServerThatAlwaysHasMoreOfTheSameEndsAfterTheFirstRepeat() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(page(true, "proj_a"));
    }

    List<Project> projects = UsageApiProjects.all(api).toList().blockingGet();

    assertThat(projects).extracting(Project::id).containsExactly("proj_a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theListingEndsAfterMaxPages() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(page(true, "proj_" + i));
    }

    List<Project> projects = UsageApiProjects.all(api, 3).toList().blockingGet();

    assertThat(projects).extracting(Project::id).containsExactly("proj_0", "proj_1", "proj_2");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void pagesLargerThanAskedBringAtMostTheirFirstHundredEachAndTheListingAtMostMaxPagesOfThem()
      throws InterruptedException {
    // A server that ignores limit=100: 20,000 projects to a page, and more after each.
    for (int page = 0; page < 4; page++) {
      String[] ids = new String[20_000];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = String.format("proj_%06d", page * 100 + i);
      }
      server.enqueue(page(true, ids));
    }

    List<Project> projects = UsageApiProjects.all(api, 3).toList().blockingGet();

    assertThat(projects).hasSize(3 * UsageApiProjects.PAGE_SIZE);
    assertThat(projects.get(projects.size() - 1).id()).isEqualTo("proj_000299");
    server.takeRequest(30, TimeUnit.SECONDS);
    assertThat(server.takeRequest(30, TimeUnit.SECONDS).getPath())
        .isEqualTo("/v1/organization/projects?limit=100&after=proj_000099&include_archived=true");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aKeyThatMayNotListProjectsFailsWithTheStatus() {
    server.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
        .setBody("{\"error\":{\"message\":\"Insufficient permissions\",\"type\":\"invalid_request_error\"}}"));

    UsageApiProjects.all(api).test().awaitDone(30, TimeUnit.SECONDS)
        .assertError(e -> e instanceof HttpException && ((HttpException) e).code() == 403);
  }

  private static MockResponse page(boolean hasMore, String... ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"").append(id)
          .append("\",\"object\":\"organization.project\",\"name\":\"Name ").append(id.substring(5))
          .append("\",\"created_at\":1711471533,\"archived_at\":null,\"status\":\"active\"}");
    }
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"object\":\"list\",\"data\":["
        + data + "],\"first_id\":\"" + ids[0] + "\",\"last_id\":\"" + ids[ids.length - 1] + "\",\"has_more\":"
        + hasMore + "}");
  }
}
