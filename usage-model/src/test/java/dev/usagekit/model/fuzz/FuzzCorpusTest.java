package dev.usagekit.model.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageResponse;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed fuzz corpus is there and means what its names say: known-bad inputs fail the documented way,
 * known-good ones decode. Together with the run counts the fuzz tests assert after a regression run, this
 * proves that {@code verify} really executes the corpus.
 */
class FuzzCorpusTest {
  private static final ObjectReader PAGE = new ObjectMapper().readerFor(UsageResponse.class);

  @Test
  void everyTargetHasACommittedCorpus() {
    CorpusRuns pages = new CorpusRuns(PageDecodingFuzzTest.class);
    assertThat(pages.inputCount("decodePage")).isGreaterThanOrEqualTo(50);
    assertThat(pages.inputCount("decodeErrorResponse")).isGreaterThanOrEqualTo(10);
    assertThat(pages.inputCount("decodeStructuredPage")).isGreaterThanOrEqualTo(5);
    CorpusRuns queries = new CorpusRuns(QueryValidationFuzzTest.class);
    assertThat(queries.inputCount("buildQuery")).isGreaterThanOrEqualTo(5);
    assertThat(queries.inputCount("parseWireValues")).isGreaterThanOrEqualTo(5);
  }

  @Test
  void nestingBeyondJacksonsLimitFailsAsAConstraintViolation() {
    for (String name : List.of(
        "deep-nesting-arrays-in-unknown-5000-unclosed.json",
        "deep-nesting-objects-in-unknown-1001.json",
        "deep-nesting-objects-in-known-result-2000.json")) {
      assertThatThrownBy(() -> decode(name))
          .as(name)
          .isInstanceOf(JsonProcessingException.class)
          .hasMessageContaining("nesting depth")
          .satisfies(e -> assertThat(withCauses(e)).hasAtLeastOneElementOfType(StreamConstraintsException.class));
    }
  }

  /** A top-level array is not a page: Jackson fails at the first token, before any nesting. */
  @Test
  void aDeeplyNestedTopLevelArrayFailsAtItsFirstToken() {
    assertThatThrownBy(() -> decode("top-level-array-nesting-5000.json"))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("START_ARRAY");
  }

  private static List<Throwable> withCauses(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    chain.add(failure);
    chain.addAll(FuzzOutcomes.causes(failure));
    return chain;
  }

  @Test
  void nestingJustBelowTheLimitDecodesInsideAnUnknownResult() throws IOException {
    UsageResponse page = decode("deep-nesting-arrays-in-unknown-990.json");

    UnknownUsageResult result = (UnknownUsageResult) page.data().get(0).results().get(0);
    int depth = 0;
    for (JsonNode node = result.additionalProperties().get("payload"); node.isArray() && !node.isEmpty(); node = node.get(0)) {
      depth++;
    }
    assertThat(depth).isEqualTo(989); // the innermost array is empty
  }

  @Test
  void bytesInNoJsonEncodingFailAsCharConversion() {
    assertThatThrownBy(() -> decode("ucs4-endianness-3412.bin")).isExactlyInstanceOf(CharConversionException.class);
  }

  @Test
  void aStringAmountKeepsItsExactScale() throws IOException {
    UsageResponse page = decode("amount-string-0E-6176.json");

    CostsResult costs = (CostsResult) page.data().get(0).results().get(0);
    assertThat(costs.amount().value().scale()).isEqualTo(6176);
    assertThat(costs.amount().value().signum()).isZero();
    assertThat(costs.amount().value()).isEqualTo(new BigDecimal("0E-6176"));
  }

  @Test
  void theJsonLiteralNullDecodesToNull() throws IOException {
    assertThat(decode("not-a-page-null.json")).isNull();
  }

  private static UsageResponse decode(String name) throws IOException {
    String path = "PageDecodingFuzzTestInputs/decodePage/" + name;
    try (InputStream in = FuzzCorpusTest.class.getResourceAsStream(path)) {
      assertThat(in).as("corpus file %s", path).isNotNull();
      return PAGE.readValue(in);
    }
  }
}
