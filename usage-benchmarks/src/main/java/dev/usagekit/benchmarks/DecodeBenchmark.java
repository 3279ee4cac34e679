package dev.usagekit.benchmarks;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.models.admin.organization.usage.UsageImagesResponse;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes to model for one realistic page. {@code usagekit} (a plain {@code new ObjectMapper()} into the
 * usage-model values, as usage-retrofit does) against: {@code pojoDatabind} (Jackson databind into public-field
 * POJOs), {@code streaming} (hand-written Jackson streaming decode), and the official SDK's own mapper into its
 * response type, with ({@code openaiSdkValidated}) and without ({@code openaiSdk}) its {@code validate()}.
 * MB/s = ops/s x page bytes (printed by {@link #pageSizes()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
  /** See {@link Pages#byName}: the three layouts of each page, and costs with numeric amounts. */
  @Param({
    "completions", "completions-objectLast", "completions-varied",
    "costs", "costs-objectLast", "costs-varied", "costsNumeric",
    "images", "images-objectLast", "images-varied",
  })
  public String page;

  byte[] bytes;
  ObjectMapper usagekitMapper;
  ObjectMapper hiddenTypeIdMapper;
  ObjectMapper pojoMapper;
  StreamingDecoder streaming;
  JsonMapper sdkMapper;
  Class<?> sdkType;

  @Setup
  public void setUp() {
    bytes = Pages.byName(page);
    usagekitMapper = new ObjectMapper();
    hiddenTypeIdMapper = new ObjectMapper().addMixIn(UsageResult.class, HiddenTypeId.class);
    pojoMapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    streaming = new StreamingDecoder(pojoMapper.getFactory());
    sdkMapper = ObjectMappers.jsonMapper();
    sdkType = sdkType(page);
  }

  @Benchmark
  public UsageResponse usagekit() throws IOException {
    return usagekitMapper.readValue(bytes, UsageResponse.class);
  }

  /**
   * Experiment, not a library configuration: the model read with its {@code UsageResult} type id
   * {@code visible = false} (a mix-in), which spares Jackson a TokenBuffer per result. UnknownUsageResult then
   * loses its raw {@code object}; the known subtypes do not need it.
   */
  @Benchmark
  public UsageResponse usagekitHiddenTypeId() throws IOException {
    return hiddenTypeIdMapper.readValue(bytes, UsageResponse.class);
  }

  @Benchmark
  public Pojos.Page pojoDatabind() throws IOException {
    return pojoMapper.readValue(bytes, Pojos.Page.class);
  }

  @Benchmark
  public Pojos.Page streaming() throws IOException {
    return streaming.decode(bytes);
  }

  @Benchmark
  public Object openaiSdk() throws IOException {
    return sdkMapper.readValue(bytes, sdkType);
  }

  @Benchmark
  public Object openaiSdkValidated() throws IOException {
    Object response = sdkMapper.readValue(bytes, sdkType);
    if (response instanceof UsageCompletionsResponse c) {
      return c.validate();
    }
    if (response instanceof UsageImagesResponse i) {
      return i.validate();
    }
    return ((UsageCostsResponse) response).validate();
  }

  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.EXISTING_PROPERTY,
      property = "object",
      visible = false,
      defaultImpl = UnknownUsageResult.class)
  abstract static class HiddenTypeId {}

  /** The official SDK's response type for a page of {@link Pages#byName}. */
  static Class<?> sdkType(String page) {
    if (page.startsWith("completions")) {
      return UsageCompletionsResponse.class;
    }
    if (page.startsWith("costs")) {
      return UsageCostsResponse.class;
    }
    return UsageImagesResponse.class;
  }

  /** Prints the byte size of each page, to turn ops/s into MB/s. */
  public static void pageSizes() {
    for (String page : Pages.DECODE_PAGES) {
      System.out.printf("%-24s %,9d bytes%n", page + " page:", Pages.byName(page).length);
    }
  }
}
