package dev.usagekit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usagekit.model.UsageResponse;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.errors.OpenAIInvalidDataException;
import org.junit.jupiter.api.Test;

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
