package dev.usagekit.model.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UsageResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Decoding arbitrary bytes as a page or an error body gives a value or a documented Jackson exception (see
 * {@link FuzzOutcomes}), never anything else, and never hangs; every value that decodes writes back to JSON
 * that decodes to an equal value.
 *
 * <p>Bytes are read exactly as Retrofit's {@code JacksonConverterFactory} on a plain {@code new ObjectMapper()}
 * (what {@code UsageApiFactory} builds) reads a response body: {@code mapper.readerFor(type).readValue(
 * body.byteStream())}.
 *
 * <p>Without {@code JAZZER_FUZZ} each target runs once on the empty input and once per file of its committed
 * corpus, {@code src/test/resources/dev/usagekit/model/fuzz/PageDecodingFuzzTestInputs/<method>/}. With
 * {@code JAZZER_FUZZ=1} the first selected target fuzzes: select one with
 * {@code -Dtest=PageDecodingFuzzTest#decodePage}.
 */
class PageDecodingFuzzTest {
  /** What UsageApiFactory hands to JacksonConverterFactory: a plain mapper, no module, no settings. */
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader PAGE = MAPPER.readerFor(UsageResponse.class);
  private static final ObjectReader ERROR = MAPPER.readerFor(ErrorResponse.class);
  private static final CorpusRuns RUNS = new CorpusRuns(PageDecodingFuzzTest.class);

  @FuzzTest(maxDuration = "20s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void decodePage(byte[] body) {
    RUNS.ran("decodePage");
    decodeAndRoundTrip(PAGE, body);
  }

  @FuzzTest(maxDuration = "20s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void decodeErrorResponse(byte[] body) {
    RUNS.ran("decodeErrorResponse");
    decodeAndRoundTrip(ERROR, body);
  }

  /** Mostly valid pages (see {@link PageJson}), to reach the result decoders' inner branches. */
  @FuzzTest(maxDuration = "20s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void decodeStructuredPage(FuzzedDataProvider data) {
    RUNS.ran("decodeStructuredPage");
    decodeAndRoundTrip(PAGE, PageJson.page(data).getBytes(UTF_8));
  }

  @AfterAll
  static void everyCorpusInputRan() {
    RUNS.assertEveryInputRan();
  }

  /** Decodes {@code body}; when it decodes, checks that writing and reading it again gives an equal value. */
  static Object decodeAndRoundTrip(ObjectReader reader, byte[] body) {
    Object value;
    try {
      value = reader.readValue(new ByteArrayInputStream(body));
    } catch (Throwable failure) { // StackOverflowError, OutOfMemoryError, ... are findings too
      FuzzOutcomes.requireDecodingFailure(failure);
      return null;
    }
    if (value == null) {
      return null; // the body was the JSON literal null: ObjectReader's contract, left to the caller
    }
    byte[] written;
    Object again;
    try {
      written = MAPPER.writeValueAsBytes(value);
      again = reader.readValue(written);
    } catch (IOException e) {
      throw new AssertionError("a decoded value did not write and read back: " + value
          + "\ninput (base64): " + Base64.getEncoder().encodeToString(body), e);
    }
    if (!again.equals(value)) {
      String writtenAgain;
      try {
        writtenAgain = MAPPER.writeValueAsString(again);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new AssertionError("a decoded value read back unequal"
          + "\ninput (base64): " + Base64.getEncoder().encodeToString(body)
          + "\nwritten:       " + new String(written, UTF_8)
          + "\nwritten again: " + writtenAgain
          + "\ndecoded:       " + value
          + "\nread back:     " + again);
    }
    return value;
  }
}
