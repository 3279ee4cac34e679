package dev.usagekit.model;

import static dev.usagekit.model.TestJson.MAPPER;
import static dev.usagekit.model.TestJson.read;
import static dev.usagekit.model.TestJson.tree;
import static dev.usagekit.model.TestJson.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DatabindException;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorResponse} and {@link ApiError}: {@code {"error":{"message","type","param","code"}}}.
 */
class ErrorResponseTest {
  private static final String RATE_LIMITED =
      """
      {"error": {"message": "Rate limit reached for requests", "type": "requests",
                 "param": null, "code": "rate_limit_exceeded"}}
      """;

  @Test
  void errorDecodes() {
    ErrorResponse response = read(RATE_LIMITED, ErrorResponse.class);

    assertThat(response)
        .isEqualTo(
            ErrorResponse.builder()
                .error(
                    ApiError.builder()
                        .message("Rate limit reached for requests")
                        .type("requests")
                        .code("rate_limit_exceeded")
                        .build())
                .build());
    assertThat(response.error().param()).isNull();
  }

  @Test
  void errorWithParamDecodes() {
    String json =
        """
        {"error": {"message": "Invalid value for 'bucket_width'.", "type": "invalid_request_error",
                   "param": "bucket_width", "code": null}}
        """;

    ApiError error = read(json, ErrorResponse.class).error();

    assertThat(error.param()).isEqualTo("bucket_width");
    assertThat(error.code()).isNull();
    assertThat(error.type()).isEqualTo("invalid_request_error");
  }

  @Test
  void absentParamAndCodeReadAsNull() {
    ApiError error =
        read("{\"error\": {\"message\": \"m\", \"type\": \"t\"}}", ErrorResponse.class).error();

    assertThat(error.param()).isNull();
    assertThat(error.code()).isNull();
  }

  @Test
  void nullParamAndCodeAreWrittenAsTheSpecRequires() {
    ErrorResponse response =
        ErrorResponse.builder().error(ApiError.builder().message("m").type("t").build()).build();

    assertThat(write(response))
        .isEqualTo("{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}");
  }

  @Test
  void errorDecodesThenEncodesToTheSameTree() {
    assertThat(tree(write(read(RATE_LIMITED, ErrorResponse.class)))).isEqualTo(tree(RATE_LIMITED));
  }

  @Test
  void errorEncodesThenDecodesEqual() {
    ErrorResponse response = read(RATE_LIMITED, ErrorResponse.class);

    assertThat(read(write(response), ErrorResponse.class)).isEqualTo(response);
  }

  @Test
  void missingMessageFailsNamingIt() {
    assertThatThrownBy(
            () -> MAPPER.readValue("{\"error\": {\"type\": \"t\"}}", ErrorResponse.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'message' of ApiError");
  }

  @Test
  void missingTypeFailsNamingIt() {
    assertThatThrownBy(
            () -> MAPPER.readValue("{\"error\": {\"message\": \"m\"}}", ErrorResponse.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'type' of ApiError");
  }

  @Test
  void missingErrorFailsNamingIt() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"message\": \"m\"}", ErrorResponse.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("Missing required property 'error' of ErrorResponse");
  }

  @Test
  void errorThatIsNotAnObjectFailsNamingIt() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"error\": \"boom\"}", ErrorResponse.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("[\"error\"]");
  }
}
