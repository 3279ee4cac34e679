package dev.usagekit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageResponse;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.admin.organization.usage.UsageImagesResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodersAgreeTest {

  private static DecodeBenchmark bench(String page) {
    DecodeBenchmark b = new DecodeBenchmark();
    b.page = page;
    b.setUp();
    return b;
  }

  @Test
  void completionsPageHas31BucketsOf50Results() throws Exception {
    Totals t = Totals.of(bench("completions").usagekit());
    assertThat(t.buckets()).isEqualTo(31);
    assertThat(t.results()).isEqualTo(31 * 50);
  }

  @Test
  void everyDecoderGivesTheModelsCompletionsTotals() throws Exception {
    DecodeBenchmark b = bench("completions");
    Totals model = Totals.of(b.usagekit());
    assertThat(Totals.of(b.pojoDatabind())).isEqualTo(model);
    assertThat(Totals.of(b.streaming())).isEqualTo(model);
    assertThat(Totals.of(b.usagekitHiddenTypeId())).isEqualTo(model);
    assertThat(Totals.of((UsageCompletionsResponse) b.openaiSdk())).isEqualTo(model);
    assertThat(Totals.of((UsageCompletionsResponse) b.openaiSdkValidated())).isEqualTo(model);
  }

  @Test
  void everyDecoderGivesTheModelsCostsTotals() throws Exception {
    DecodeBenchmark b = bench("costs");
    Totals model = Totals.of(b.usagekit());
    assertThat(model.results()).isEqualTo(31 * 20);
    assertThat(Totals.of(b.usagekitHiddenTypeId())).isEqualTo(model);
    assertThat(Totals.of(b.pojoDatabind())).isEqualTo(model);
    assertThat(Totals.of(b.streaming())).isEqualTo(model);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "completions", "completions-objectLast", "completions-varied",
    "costs", "costs-objectLast", "costs-varied", "costsNumeric",
    "images", "images-objectLast", "images-varied",
  })
  void everyDecoderAgreesOnEveryPageAndLayout(String page) throws Exception {
    DecodeBenchmark b = bench(page);
    UsageResponse value = b.usagekit();
    Totals model = Totals.of(value);
    assertThat(model.buckets()).isEqualTo(31);
    assertThat(model.results()).isGreaterThanOrEqualTo(31 * 20);
    assertThat(Totals.of(b.pojoDatabind())).isEqualTo(model);
    assertThat(Totals.of(b.streaming())).isEqualTo(model);
    assertThat(Totals.of(b.usagekitHiddenTypeId())).isEqualTo(model);
    // The layout changes nothing in the decoded value (nor in the bytes: only the order of the fields).
    String kind = page.contains("-") ? page.substring(0, page.indexOf('-')) : page;
    assertThat(value).isEqualTo(bench(kind).usagekit());
    assertThat(b.bytes).hasSameSizeAs(bench(kind).bytes);
    if (!kind.equals("costs")) {
      Object sdk = b.openaiSdkValidated();
      Totals sdkTotals = sdk instanceof UsageCompletionsResponse c ? Totals.of(c)
          : sdk instanceof UsageImagesResponse i ? Totals.of(i) : Totals.of((UsageCostsResponse) sdk);
      if (kind.equals("completions") || kind.equals("costsNumeric")) {
        assertThat(sdkTotals).isEqualTo(model);
      } else {
        assertThat(sdkTotals.results()).isEqualTo(model.results());
        assertThat(sdkTotals.inputTokens()).isEqualTo(model.inputTokens()); // the images count
        assertThat(sdkTotals.requests()).isEqualTo(model.requests());
      }
    }
    if (kind.startsWith("costs")) {
      assertThat(model.amount()).isPositive();
    }
  }

  @Test
  void theLayoutsPutObjectWhereTheySay() throws Exception {
    for (String kind : new String[] {"completions", "costs", "images"}) {
      assertThat(objectPositions(kind)).as(kind).containsOnly(0);
      assertThat(objectPositions(kind + "-objectLast")).as(kind).hasSize(1).doesNotContain(0);
      List<Integer> varied = objectPositions(kind + "-varied");
      assertThat(new HashSet<>(varied)).as(kind).hasSizeGreaterThanOrEqualTo(4);
      // Most results do not start with object, and the field orders differ from one result to the next.
      assertThat(varied.stream().filter(i -> i == 0).count()).isLessThan(varied.size() / 3);
    }
  }

  /** The distinct positions of {@code object} in the results of a page (objectLast: one position). */
  private static List<Integer> objectPositions(String page) throws Exception {
    JsonNode root = new ObjectMapper().readTree(Pages.byName(page));
    List<Integer> positions = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (JsonNode bucket : root.get("data")) {
      for (JsonNode result : bucket.get("results")) {
        List<String> names = new ArrayList<>();
        result.fieldNames().forEachRemaining(names::add);
        int at = names.indexOf("object");
        if (page.endsWith("-varied") || seen.add(at)) {
          positions.add(at);
        }
      }
    }
    return positions;
  }

  @Test
  void officialSdkCannotReadStringCostAmounts() throws Exception {
    DecodeBenchmark b = bench("costs");
    // The SDK types amount.value as a number: the lazy decode succeeds, validate() and value() throw.
    UsageCostsResponse lazy = (UsageCostsResponse) b.openaiSdk();
    assertThat(lazy.data()).hasSize(31);
    assertThatThrownBy(b::openaiSdkValidated).isInstanceOf(OpenAIInvalidDataException.class)
        .hasMessageContaining("`value` is invalid");
  }

  @Test
  void handLoopAndFlowableSumTheSameTokensOverAllPages() throws Exception {
    PagingBenchmark b = new PagingBenchmark();
    b.setUp();
    try {
      long flowable = b.usagekitFlowable();
      assertThat(flowable).isPositive();
      assertThat(b.handLoopDatabind()).isEqualTo(flowable);
      assertThat(b.handLoopStreaming()).isEqualTo(flowable);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void modelReadsTheSameTotalsAfterARoundTrip() throws Exception {
    DecodeBenchmark b = bench("completions");
    UsageResponse page = b.usagekit();
    UsageResponse again = b.usagekitMapper.readValue(b.usagekitMapper.writeValueAsBytes(page), UsageResponse.class);
    assertThat(Totals.of(again)).isEqualTo(Totals.of(page));
  }
}
