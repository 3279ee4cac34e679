package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A missing required field, a null one, or a value of the wrong JSON type fails with a Jackson
 * {@link DatabindException} whose message names the JSON field, never a Java name, and never
 * decodes to a default such as 0.
 */
class DecodingErrorsTest {
  private static final String COMPLETIONS =
      """
      {"object": "organization.usage.completions.result",
       "input_tokens": 10, "output_tokens": 20, "num_model_requests": 1, "input_audio_tokens": 3}
      """;

  private static String page(String result) {
    return """
    {"object": "page", "has_more": false, "next_page": null,
     "data": [{"object": "bucket", "start_time": 1, "end_time": 2, "results": [%s]}]}
    """
        .formatted(result);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertReadFails(
      String json, Class<?> type) {
    return assertThatThrownBy(() -> MAPPER.readValue(json, type))
        .isInstanceOf(DatabindException.class)
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void validCompletionsResultDecodes() throws Exception {
    UsageCompletionsResult result =
        (UsageCompletionsResult) MAPPER.readValue(COMPLETIONS, UsageResult.class);

    assertThat(result.inputTokens()).isEqualTo(10L);
    assertThat(result.inputAudioTokens()).isEqualTo(3L);
    assertThat(result.inputCachedTokens()).isNull();
  }

  // ---- missing required fields ----

  @ParameterizedTest
  @ValueSource(strings = {"input_tokens", "output_tokens", "num_model_requests"})
  void missingRequiredCountOfAResultFailsNamingIt(String field) {
    String json = COMPLETIONS.replaceFirst("\"" + field + "\": \\d+,?", "");

    assertReadFails(json, UsageResult.class)
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("Missing required property '" + field + "' of UsageCompletionsResult");
  }

  @Test
  void missingRequiredCountInsideAPageFailsNamingIt() {
    String json = page(COMPLETIONS.replace("\"input_tokens\": 10,", ""));

    assertReadFails(json, UsageResponse.class)
        .hasMessageContaining("'input_tokens'")
        .hasMessageNotContaining("inputTokens");
  }

  @ParameterizedTest
  @ValueSource(strings = {"start_time", "end_time"})
  void missingBucketTimeFailsNamingIt(String field) {
    String json =
        """
        {"object": "bucket", "start_time": 1, "end_time": 2, "results": []}
        """
            .replace("\"" + field + "\": ", "\"other\": ");

    assertReadFails(json, UsageTimeBucket.class)
        .hasMessageContaining("Missing required property '" + field + "' of UsageTimeBucket");
  }

  @Test
  void missingBucketResultsReadAsEmpty() throws Exception {
    UsageTimeBucket bucket =
        MAPPER.readValue("{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 2}", UsageTimeBucket.class);

    assertThat(bucket.results()).isEmpty();
  }

  @Test
  void missingHasMoreFailsNamingIt() {
    assertReadFails("{\"object\": \"page\", \"data\": []}", UsageResponse.class)
        .hasMessageContaining("Missing required property 'has_more' of UsageResponse");
  }

  @Test
  void missingDataReadsAsEmpty() throws Exception {
    UsageResponse page = MAPPER.readValue("{\"object\": \"page\", \"has_more\": false}", UsageResponse.class);

    assertThat(page.data()).isEmpty();
  }

  @Test
  void missingNextPageReadsAsNull() throws Exception {
    // The spec lists next_page as required but nullable: an absent one reads like a null one.
    UsageResponse page =
        MAPPER.readValue(
            "{\"object\": \"page\", \"data\": [], \"has_more\": false}", UsageResponse.class);

    assertThat(page.nextPage()).isNull();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.data()).isEmpty();
  }

  @Test
  void missingRequiredCountsOfEveryResultTypeFailNamingThem() {
    assertReadFails(
            "{\"object\": \"organization.usage.embeddings.result\", \"num_model_requests\": 1}",
            UsageResult.class)
        .hasMessageContaining("'input_tokens'");
    assertReadFails(
            "{\"object\": \"organization.usage.moderations.result\", \"input_tokens\": 1}",
            UsageResult.class)
        .hasMessageContaining("'num_model_requests'");
    assertReadFails(
            "{\"object\": \"organization.usage.images.result\", \"num_model_requests\": 1}",
            UsageResult.class)
        .hasMessageContaining("'images'");
    assertReadFails(
            "{\"object\": \"organization.usage.audio_speeches.result\", \"num_model_requests\": 1}",
            UsageResult.class)
        .hasMessageContaining("'characters'");
    assertReadFails(
            "{\"object\": \"organization.usage.audio_transcriptions.result\","
                + " \"num_model_requests\": 1}",
            UsageResult.class)
        .hasMessageContaining("'seconds'");
    assertReadFails("{\"object\": \"organization.usage.vector_stores.result\"}", UsageResult.class)
        .hasMessageContaining("'usage_bytes'");
    assertReadFails(
            "{\"object\": \"organization.usage.code_interpreter_sessions.result\"}",
            UsageResult.class)
        .hasMessageContaining("'num_sessions'");
    assertReadFails("{\"object\": \"organization.usage.file_searches.result\"}", UsageResult.class)
        .hasMessageContaining("'num_requests'");
    assertReadFails(
            "{\"object\": \"organization.usage.web_searches.result\", \"num_requests\": 1}",
            UsageResult.class)
        .hasMessageContaining("'num_model_requests'");
  }

  // ---- null for a required field ----

  @Test
  void nullRequiredCountFailsInsteadOfBecomingZero() {
    String json = COMPLETIONS.replace("\"input_tokens\": 10", "\"input_tokens\": null");

    assertReadFails(json, UsageResult.class)
        .isInstanceOf(InvalidNullException.class)
        .hasMessageContaining("\"input_tokens\"");
  }

  @Test
  void nullHasMoreFailsInsteadOfBecomingFalse() {
    assertReadFails("{\"object\": \"page\", \"data\": [], \"has_more\": null}", UsageResponse.class)
        .isInstanceOf(InvalidNullException.class)
        .hasMessageContaining("\"has_more\"");
  }

  @Test
  void nullStartTimeFails() {
    String json =
        "{\"object\": \"bucket\", \"start_time\": null, \"end_time\": 2, \"results\": []}";

    assertReadFails(json, UsageTimeBucket.class)
        .isInstanceOf(InvalidNullException.class)
        .hasMessageContaining("\"start_time\"");
  }

  @Test
  void nullResultInResultsFails() {
    String json =
        "{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 2, \"results\": [null]}";

    assertReadFails(json, UsageTimeBucket.class).hasMessageContaining("results");
  }

  @Test
  void nullDataReadsAsEmpty() throws Exception {
    UsageResponse page =
        MAPPER.readValue("{\"object\": \"page\", \"data\": null, \"has_more\": false}", UsageResponse.class);

    assertThat(page.data()).isEmpty();
  }

  @Test
  void nullOptionalCountIsNull() throws Exception {
    String json = COMPLETIONS.replace("\"input_audio_tokens\": 3", "\"input_audio_tokens\": null");

    UsageCompletionsResult result =
        (UsageCompletionsResult) MAPPER.readValue(json, UsageResult.class);

    assertThat(result.inputAudioTokens()).isNull();
  }

  // ---- wrong JSON types ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"abc\"",
        "{}",
        "[]",
        "[1]",
        "true",
        "1.5",
        "1.0",
        "\"10\"",
        "1e3",
        "99999999999999999999"
      })
  void requiredCountOfAnotherJsonTypeFailsNamingIt(String value) {
    String json = COMPLETIONS.replace("\"input_tokens\": 10", "\"input_tokens\": " + value);

    assertReadFails(json, UsageResult.class).hasMessageContaining("[\"input_tokens\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "{}", "true", "2.5"})
  void optionalCountOfAnotherJsonTypeFailsNamingIt(String value) {
    String json =
        COMPLETIONS.replace("\"input_audio_tokens\": 3", "\"input_audio_tokens\": " + value);

    assertReadFails(json, UsageResult.class).hasMessageContaining("[\"input_audio_tokens\"]");
  }

  @Test
  void wrongTypeInsideAPageNamesThePath() {
    String json = page(COMPLETIONS.replace("\"input_tokens\": 10", "\"input_tokens\": \"abc\""));

    assertReadFails(json, UsageResponse.class)
        .hasMessageContaining("[\"data\"]")
        .hasMessageContaining("[\"results\"]")
        .hasMessageContaining("[\"input_tokens\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yes\"", "{}", "[]"})
  void hasMoreOfAnotherJsonTypeFailsNamingIt(String value) {
    String json = "{\"object\": \"page\", \"data\": [], \"has_more\": " + value + "}";

    assertReadFails(json, UsageResponse.class).hasMessageContaining("[\"has_more\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"soon\"", "true", "{}", "[]"})
  void startTimeOfAnotherJsonTypeFailsNamingIt(String value) {
    String json =
        "{\"object\": \"bucket\", \"start_time\": " + value + ", \"end_time\": 2, \"results\": []}";

    assertReadFails(json, UsageTimeBucket.class).hasMessageContaining("[\"start_time\"]");
  }

  @Test
  void batchOfAnotherJsonTypeFailsNamingIt() {
    String json = COMPLETIONS.replace("\"input_audio_tokens\": 3", "\"batch\": \"yes\"");

    assertReadFails(json, UsageResult.class).hasMessageContaining("[\"batch\"]");
  }

  @Test
  void resultsThatIsNotAnArrayFailsNamingIt() {
    String json = "{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 2, \"results\": {}}";

    assertReadFails(json, UsageTimeBucket.class).hasMessageContaining("[\"results\"]");
  }

  @Test
  void resultThatIsNotAnObjectFails() {
    String json = "{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 2, \"results\": [5]}";

    assertReadFails(json, UsageTimeBucket.class).hasMessageContaining("results");
  }

  @Test
  void largestCountDecodesAndOneMoreFails() throws Exception {
    String largest = COMPLETIONS.replace("\"input_tokens\": 10", "\"input_tokens\": 1000000000000000");

    assertThat(((UsageCompletionsResult) MAPPER.readValue(largest, UsageResult.class)).inputTokens())
        .isEqualTo(1_000_000_000_000_000L);
    assertReadFails(largest.replace("1000000000000000", "1000000000000001"), UsageResult.class)
        .hasMessageContaining("a count must be a whole number from 0 to 1000000000000000")
        .hasMessageContaining("[\"input_tokens\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "9223372036854775807", "-0.0", "10.0"})
  void countOutsideItsRangeOrNotAnIntegerFailsNamingIt(String value) {
    String json = COMPLETIONS.replace("\"output_tokens\": 20", "\"output_tokens\": " + value);

    assertReadFails(json, UsageResult.class).hasMessageContaining("[\"output_tokens\"]");
  }
}
