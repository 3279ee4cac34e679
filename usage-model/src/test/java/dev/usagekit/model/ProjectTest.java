package dev.usagekit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A page of {@code GET /organization/projects} reads with a plain ObjectMapper and keeps what it does not know. */
class ProjectTest {
  private static final String PAGE = "{\"object\":\"list\",\"data\":[{\"id\":\"proj_abc\",\"object\":"
      + "\"organization.project\",\"name\":\"Project example\",\"created_at\":1711471533,\"archived_at\":null,"
      + "\"status\":\"active\",\"residency\":\"GLOBAL\",\"external_key_id\":\"ek_1\",\"tier\":\"gold\"},"
      + "{\"id\":\"proj_def\",\"object\":\"organization.project\","
      + "\"name\":null,\"created_at\":1711471534}],\"first_id\":\"proj_abc\",\"last_id\":\"proj_def\",\"has_more\":true}";

  @Test
  void aPageReadsItsProjectsAndCursor() throws Exception {
    ProjectListResponse page = new ObjectMapper().readValue(PAGE, ProjectListResponse.class);

    assertThat(page.data()).extracting(Project::id).containsExactly("proj_abc", "proj_def");
    assertThat(page.data()).extracting(Project::name).containsExactly("Project example", null);
    assertThat(page.data().get(0).createdAt()).isEqualTo(1711471533L);
    assertThat(page.data()).extracting(Project::residency).containsExactly("GLOBAL", null);
    assertThat(page.data()).extracting(Project::externalKeyId).containsExactly("ek_1", null);
    assertThat(page.data().get(0).additionalProperties()).containsOnlyKeys("tier");
    assertThat(page.lastId()).isEqualTo("proj_def");
    assertThat(page.hasMore()).isTrue();
  }

  /** residency is an open value: one that neither the upstream spec nor the SDK lists is kept as it is. */
  @Test
  void aResidencyNoListHasIsKept() throws Exception {
    Project project = new ObjectMapper().readValue("{\"id\":\"p\",\"object\":\"organization.project\","
        + "\"created_at\":1,\"residency\":\"MARS_STORAGE\"}", Project.class);

    assertThat(project.residency()).isEqualTo("MARS_STORAGE");
  }

  @Test
  void aPageWritesBackWhatItRead() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ProjectListResponse page = mapper.readValue(PAGE, ProjectListResponse.class);

    assertThat(mapper.readValue(mapper.writeValueAsString(page), ProjectListResponse.class)).isEqualTo(page);
    assertThat(mapper.readTree(mapper.writeValueAsString(page.data().get(0))).get("residency").textValue())
        .isEqualTo("GLOBAL");
  }
}
