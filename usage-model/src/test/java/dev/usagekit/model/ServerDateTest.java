package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A page's server date is transport metadata: never read from or written to JSON, never part of equality. */
class ServerDateTest {
  private static final String PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  @Test
  void aBodyCannotSetTheServerDate() throws Exception {
    String json = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"serverDate\":\"2100-01-01T00:00:00Z\","
        + "\"server_date\":4102444800}";

    UsageResponse page = MAPPER.readValue(json, UsageResponse.class);

    assertThat(page.serverDate()).isNull();
    assertThat(page.additionalProperties()).containsOnlyKeys("serverDate", "server_date");
  }

  @Test
  void theServerDateIsNotWrittenNorComparedNorPrinted() throws Exception {
    UsageResponse read = MAPPER.readValue(PAGE, UsageResponse.class);
    UsageResponse dated = UsageResponse.builder().from(read).serverDate(Instant.parse("2026-12-07T10:00:00Z"))
        .build();

    assertThat(dated.serverDate()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(MAPPER.writeValueAsString(dated)).isEqualTo(PAGE);
    assertThat(dated).isEqualTo(read).hasSameHashCodeAs(read);
    assertThat(dated.toString()).isEqualTo(read.toString());
  }
}
