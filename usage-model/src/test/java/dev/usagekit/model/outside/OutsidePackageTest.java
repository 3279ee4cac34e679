package dev.usagekit.model.outside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.ApiError;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Code in another package, as users write it: it can chain builder calls and round-trip values
 * through a plain ObjectMapper without seeing any generated class.
 */
class OutsidePackageTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void buildersChainAndValuesRoundTripFromAnotherPackage() throws Exception {
    UsageResponse page =
        UsageResponse.builder()
            .hasMore(true)
            .nextPage("page_2")
            .addData(
                UsageTimeBucket.builder()
                    .startTime(1730419200L)
                    .endTime(1730505600L)
                    .addResults(
                        UsageCompletionsResult.builder()
                            .inputTokens(10)
                            .outputTokens(20)
                            .numModelRequests(1)
                            .model("gpt-4o")
                            .build(),
                        CostsResult.builder()
                            .amount(
                                CostsAmount.builder()
                                    .value(new BigDecimal("0E-6176"))
                                    .currency("usd")
                                    .build())
                            .build())
                    .build())
            .build();

    UsageResponse again = mapper.readValue(mapper.writeValueAsString(page), UsageResponse.class);

    assertThat(again).isEqualTo(page);
    UsageResult first = again.data().get(0).results().get(0);
    assertThat(((UsageCompletionsResult) first).model()).isEqualTo("gpt-4o");
  }

  @Test
  void errorBuildsAndRoundTripsFromAnotherPackage() throws Exception {
    ErrorResponse error =
        ErrorResponse.builder()
            .error(ApiError.builder().message("m").type("t").param("limit").build())
            .build();

    assertThat(mapper.readValue(mapper.writeValueAsString(error), ErrorResponse.class))
        .isEqualTo(error);
  }
}
