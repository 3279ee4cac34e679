package dev.usagekit.testkit.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.Project;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiProjects;
import dev.usagekit.testkit.FakeUsageServer;
import dev.usagekit.testkit.junit5.FakeUsageServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake answers {@code GET /organization/projects} with the projects it has names for, paged as the API. */
@ExtendWith(FakeUsageServerExtension.class)
class ProjectsListingTest {

  @Test
  void theNamedProjectsAreListedInIdOrderAcrossPages(FakeUsageServer server, UsageApi api) {
    for (int i = 0; i < 105; i++) {
      server.projectName(String.format("proj_%03d", i), "Project " + i);
    }

    List<Project> projects = UsageApiProjects.all(api).toList().blockingGet();

    assertThat(projects).hasSize(105);
    assertThat(projects.get(0).id()).isEqualTo("proj_000");
    assertThat(projects.get(104).name()).isEqualTo("Project 104");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aPageHoldsLimitProjectsAfterTheCursor(FakeUsageServer server) {
    server.projectName("proj_a", "A").projectName("proj_b", "B").projectName("proj_c", "C");

    Http.Reply reply = Http.get(server, "organization/projects?limit=1&after=proj_a");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("data")).hasSize(1);
    assertThat(reply.json().get("data").get(0).get("name").textValue()).isEqualTo("B");
    assertThat(reply.json().get("last_id").textValue()).isEqualTo("proj_b");
    assertThat(reply.json().get("has_more").booleanValue()).isTrue();
  }

  @Test
  void aLimitOutOfRangeIsRefusedNamingIt(FakeUsageServer server) {
    Http.Reply reply = Http.get(server, "organization/projects?limit=101");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").get("param").textValue()).isEqualTo("limit");
  }
}
