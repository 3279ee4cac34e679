package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

/**
 * How the page and the bucket read JSON, errors included: the messages, exception types and JSON
 * paths Jackson's creators gave them.
 */
class EnvelopeReadTest {
  private static final String RESULT =
      "{\"object\":\"organization.usage.embeddings.result\",\"input_tokens\":1,\"num_model_requests\":2}";

  private static String bucket(String results) {
    return "{\"object\":\"bucket\",\"start_time\":1,\"end_time\":2,\"results\":" + results + "}";
  }

  private static String page(String data) {
    return "{\"object\":\"page\",\"data\":" + data + ",\"has_more\":true,\"next_page\":\"p2\"}";
  }

  @Test
  void pageWithUnknownFieldsAtEveryLevelReadsItsValues() throws Exception {
    String json = "{\"first\":{\"data\":[1]},\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
        + "\"start_time_iso\":\"x\",\"start_time\":1,\"end_time\":2,\"results\":[" + RESULT + "],\"more\":[{}]}],"
        + "\"has_more\":false,\"next_page\":null,\"last\":[[]]}";

    UsageResponse page = MAPPER.readValue(json, UsageResponse.class);

    assertThat(page.hasMore()).isFalse();
    assertThat(page.nextPage()).isNull();
    assertThat(page.data()).singleElement().satisfies(b -> {
      assertThat(b.startTime()).isEqualTo(1L);
      assertThat(b.endTime()).isEqualTo(2L);
      assertThat(b.results()).singleElement().isInstanceOf(UsageEmbeddingsResult.class);
    });
  }

  @Test
  void fieldsInAnyOrderReadTheSame() throws Exception {
    String json = "{\"next_page\":\"p2\",\"has_more\":true,\"data\":[{\"results\":[" + RESULT + "],"
        + "\"end_time\":2,\"start_time\":1,\"object\":\"bucket\"}],\"object\":\"page\"}";

    assertThat(MAPPER.readValue(json, UsageResponse.class))
        .isEqualTo(MAPPER.readValue(page("[" + bucket("[" + RESULT + "]") + "]"), UsageResponse.class));
  }

  @Test
  void theOldNameResultReadsAsResults() throws Exception {
    UsageTimeBucket bucket = MAPPER.readValue(
        "{\"object\":\"bucket\",\"start_time\":1,\"end_time\":2,\"result\":[" + RESULT + "," + RESULT + "]}",
        UsageTimeBucket.class);

    assertThat(bucket.results()).hasSize(2);
  }

  @Test
  void missingBucketFieldFailsNamingIt() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"object\":\"bucket\",\"start_time\":1,\"results\":[]}",
            UsageTimeBucket.class))
        .isExactlyInstanceOf(ValueInstantiationException.class)
        .hasMessageStartingWith("Cannot construct instance of `dev.usagekit.model.UsageTimeBucket$Builder`, "
            + "problem: Missing required property 'end_time' of UsageTimeBucket");
  }

  /** Since the redesign page and bucket do not check their {@code object}: any value, or none, reads the same. */
  @Test
  void anotherOrMissingObjectValueIsAccepted() throws Exception {
    UsageTimeBucket bucket = MAPPER.readValue(bucket("[]"), UsageTimeBucket.class);
    UsageResponse page = MAPPER.readValue(page("[]"), UsageResponse.class);

    assertThat(MAPPER.readValue(bucket("[]").replace("\"bucket\"", "\"page\""), UsageTimeBucket.class))
        .isEqualTo(bucket);
    assertThat(MAPPER.readValue(bucket("[]").replace("\"object\":\"bucket\",", ""), UsageTimeBucket.class))
        .isEqualTo(bucket);
    assertThat(MAPPER.readValue(page("[]").replace("\"page\"", "5"), UsageResponse.class)).isEqualTo(page);
    assertThat(MAPPER.readValue(page("[]").replace("\"object\":\"page\",", ""), UsageResponse.class))
        .isEqualTo(page);
    assertThat(MAPPER.readValue(page("[]").replace("\"page\"", "{\"a\":[1]}"), UsageResponse.class))
        .isEqualTo(page);
    assertThat(page.object()).isEqualTo("page");
    assertThat(bucket.object()).isEqualTo("bucket");
    assertThat(page.additionalProperties()).doesNotContainKey("object");
  }

  @Test
  void nullObjectIsAcceptedAndWrittenAsPage() throws Exception {
    UsageResponse page = MAPPER.readValue(page("[]").replace("\"page\"", "null"), UsageResponse.class);

    assertThat(MAPPER.writeValueAsString(page)).startsWith("{\"object\":\"page\",");
  }

  @Test
  void nullResultFailsWithItsIndex() {
    assertThatThrownBy(() -> MAPPER.readValue(bucket("[" + RESULT + ",null]"), UsageTimeBucket.class))
        .isExactlyInstanceOf(InvalidNullException.class)
        .hasMessageStartingWith("Invalid `null` value encountered for property \"results\"")
        .hasMessageContaining("dev.usagekit.model.UsageTimeBucket$Builder[\"results\"]->java.util.ArrayList[1])");
  }

  @Test
  void nullBucketFailsWithItsIndex() {
    assertThatThrownBy(() -> MAPPER.readValue(page("[null]"), UsageResponse.class))
        .isExactlyInstanceOf(InvalidNullException.class)
        .hasMessageStartingWith("Invalid `null` value encountered for property \"data\"")
        .hasMessageContaining("dev.usagekit.model.UsageResponse$Builder[\"data\"]->java.util.ArrayList[0])");
  }

  @Test
  void dataThatIsNotAnArrayFailsAsAList() {
    assertThatThrownBy(() -> MAPPER.readValue(page("{}"), UsageResponse.class))
        .isExactlyInstanceOf(MismatchedInputException.class)
        .hasMessageStartingWith("Cannot deserialize value of type "
            + "`java.util.ArrayList<dev.usagekit.model.UsageTimeBucket>` from Object value")
        .hasMessageContaining("dev.usagekit.model.UsageResponse$Builder[\"data\"])");
  }

  @Test
  void resultThatIsNotAnObjectFailsAsAnUnknownResult() {
    assertThatThrownBy(() -> MAPPER.readValue(bucket("[5]"), UsageTimeBucket.class))
        .isExactlyInstanceOf(MismatchedInputException.class)
        .hasMessageStartingWith("Cannot deserialize value of type `dev.usagekit.model.UnknownUsageResult` from "
            + "Integer value")
        .hasMessageContaining("dev.usagekit.model.UsageTimeBucket$Builder[\"results\"]->java.util.ArrayList[0])");
  }

  @Test
  void hasMoreOfAStructuredTypeFails() {
    for (String value : new String[] {"{}", "[]", "[true]"}) {
      assertThatThrownBy(() -> MAPPER.readValue(page("[]").replace("true", value), UsageResponse.class))
          .as(value)
          .isInstanceOf(MismatchedInputException.class)
          .hasMessageStartingWith("Cannot deserialize value of type `boolean` from ")
          .hasMessageContaining("dev.usagekit.model.UsageResponse$Builder[\"has_more\"])");
    }
  }

  /**
   * Since the redesign {@code has_more} and the bucket times are read by Jackson's own readers, with their default
   * scalar coercions (only counts have a strict reader): {@code "true"}, {@code 1} and {@code 0} are booleans, and
   * {@code "7"} and {@code 7.9} (truncated) are times. Pinned here so that tightening it is a visible decision.
   */
  @Test
  void hasMoreAndTimesAcceptJacksonsScalarCoercions() throws Exception {
    assertThat(MAPPER.readValue(page("[]").replace("true", "\"true\""), UsageResponse.class).hasMore()).isTrue();
    assertThat(MAPPER.readValue(page("[]").replace("true", "1"), UsageResponse.class).hasMore()).isTrue();
    assertThat(MAPPER.readValue(page("[]").replace("true", "0"), UsageResponse.class).hasMore()).isFalse();
    assertThat(MAPPER.readValue(bucket("[]").replace("1,", "\"7\","), UsageTimeBucket.class).startTime())
        .isEqualTo(7L);
    assertThat(MAPPER.readValue(bucket("[]").replace("1,", "7.9,"), UsageTimeBucket.class).startTime())
        .isEqualTo(7L);
  }

  @Test
  void bucketTimeOutsideTheRangeOfLongFails() {
    assertThatThrownBy(() -> MAPPER.readValue(bucket("[]").replace("1,", "9223372036854775808,"),
            UsageTimeBucket.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("out of range of long")
        .hasMessageContaining("dev.usagekit.model.UsageTimeBucket$Builder[\"start_time\"])");
  }

  @Test
  void nextPageFromAJsonScalarIsItsText() throws Exception {
    assertThat(MAPPER.readValue(page("[]").replace("\"p2\"", "42"), UsageResponse.class).nextPage())
        .isEqualTo("42");
  }
}
