package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzzer found (/work/notes/fuzz-findings.md, F1 and F3): repeated fields never make a
 * value that breaks its own contract or does not read back from its own JSON.
 */
class FuzzFindingsRegressionTest {
  private static String page(String result) {
    return "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1730419200,"
        + "\"end_time\":1730505600,\"results\":[" + result + "]}],\"has_more\":false,\"next_page\":null}";
  }

  @Test
  void unknownResultWithASecondDifferentObjectFails() {
    String json = page("{\"object\":\"organizateon.usage.completions.result\",\"input_tokens\":1,"
        + "\"output_tokens\":2,\"num_model_requests\":3,\"object\":\"organization.costs.result\"}");

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResponse.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("\"object\" \"organization.costs.result\" is a known type");
  }

  @Test
  void unknownResultWithTheSameObjectTwiceDecodes() throws Exception {
    String json = page("{\"object\":\"x.y\",\"a\":1,\"object\":\"x.y\"}");

    UsageResult result = MAPPER.readValue(json, UsageResponse.class).data().get(0).results().get(0);

    assertThat(result).isInstanceOf(UnknownUsageResult.class);
    assertThat(result.object()).isEqualTo("x.y");
  }

  @Test
  void resultWhoseFirstObjectIsNotAStringNeverBecomesAnUnknownResultOfAKnownType() {
    String json = page("{\"object\":0,\"source\":null,\"object\":\"organization.usage.embeddings.result\"}");

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResponse.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  /** Since the redesign a missing or null {@code data} reads as empty: the page keeps its contract and reads back. */
  @Test
  void aRepeatedNullDataIsIgnoredAndThePageReadsBack() throws Exception {
    String json = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1,\"end_time\":2}],"
        + "\"has_more\":true,\"next_page\":null,\"object\":\"page\",\"data\":null}";

    UsageResponse page = MAPPER.readValue(json, UsageResponse.class);

    // A null reads as absent (Nulls.SKIP): the earlier value of a repeated key stays.
    assertThat(page.data()).hasSize(1);
    assertThat(page.hasMore()).isTrue();
    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(page), UsageResponse.class)).isEqualTo(page);
  }

  @Test
  void repeatedDataWithANullBucketFails() {
    String json = "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":null,\"data\":[null]}";

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResponse.class))
        .isExactlyInstanceOf(InvalidNullException.class)
        .hasMessageContaining("\"data\"");
  }

  /** Since the redesign a missing or null {@code results} reads as empty. */
  @Test
  void aRepeatedNullResultsIsIgnored() throws Exception {
    String json = "{\"object\":\"bucket\",\"start_time\":1,\"end_time\":2,"
        + "\"results\":[{\"object\":\"x.y\"}],\"results\":null}";

    UsageTimeBucket bucket = MAPPER.readValue(json, UsageTimeBucket.class);

    assertThat(bucket.results()).hasSize(1);
    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(bucket), UsageTimeBucket.class)).isEqualTo(bucket);
  }

  @Test
  void aRepeatedNullErrorNeverBuildsAnErrorResponseWithoutError() throws Exception {
    String json = "{\"error\":{\"message\":\"m\",\"type\":\"t\"},\"error\":null}";

    assertThat(MAPPER.readValue(json, ErrorResponse.class).error().message()).isEqualTo("m");
    assertThatThrownBy(() -> MAPPER.readValue("{\"error\":null}", ErrorResponse.class))
        .isExactlyInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("problem: Missing required property 'error' of ErrorResponse");
  }

  @Test
  void aNullMessageIsMissing() throws Exception {
    String json = "{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null,\"message\":null}";

    assertThat(MAPPER.readValue(json, ApiError.class).message()).isEqualTo("m");
    assertThatThrownBy(() -> MAPPER.readValue("{\"message\":null,\"type\":\"t\"}", ApiError.class))
        .isExactlyInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("problem: Missing required property 'message' of ApiError");
  }

  @Test
  void resultWhoseLaterObjectNamesAKnownTypeIsNotAnUnknownResultOfThatType() {
    String json = page("{\"object\":\"x.y\",\"object\":\"organization.usage.vector_stores.result\"}");

    assertThatThrownBy(() -> MAPPER.readValue(json, UsageResponse.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("is a known type");
  }

  @Test
  void integerValuedFloatsInAnUnknownResultReadBackEqual() throws Exception {
    String json = page("{\"object\":\"x.y\",\"a\":[5e0,0.5e1,1234567890123e0,"
        + "123456789012345678901234567890e0,1.50,1e3]}");

    UsageResponse page = MAPPER.readValue(json, UsageResponse.class);

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(page), UsageResponse.class)).isEqualTo(page);
    assertThat(((UnknownUsageResult) page.data().get(0).results().get(0)).additionalProperties().get("a").get(0).isInt())
        .isTrue();
  }
}
