package dev.usagekit.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.admin.organization.usage.UsageCompletionsResponse;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.models.admin.organization.usage.UsageImagesResponse;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cross-check of {@link DecodeBenchmark} for a loaded machine: the decoders take turns (one batch each, round
 * after round), and each batch is timed in <b>process CPU time</b> (every thread of the JVM, so GC work counts),
 * which other processes competing for the cores inflate far less than wall-clock time. Prints, per page, the
 * mean CPU microseconds per decode of each decoder and usagekit's speed ratio against each baseline
 * (baseline CPU time / usagekit CPU time; above 1.0 means usagekit is faster), with the range of that ratio
 * over five equal slices of the rounds.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.usagekit.benchmarks.DecodeCpuTime [rounds] [batch] [pages] [sdk]
 * </pre>
 *
 * {@code pages}: comma-separated names of {@link Pages#byName} (default: completions,costs,images); then {@code
 * sdk}: also the official SDK's decode ({@code openaiSdk}) and decode + {@code validate()} ({@code
 * openaiSdkValidated}, not on costs pages with string amounts, which it cannot read); {@code hidden}: also the
 * {@code usagekitHiddenTypeId} experiment of {@link DecodeBenchmark}; or {@code sdk,hidden}.
 */
public final class DecodeCpuTime {
  private DecodeCpuTime() {}

  interface Decoder {
    Object decode(byte[] bytes) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    String[] pages = args.length > 2 ? args[2].split(",") : new String[] {"completions", "costs", "images"};
    List<String> extras = args.length > 3 ? List.of(args[3].split(",")) : List.of();
    boolean sdk = extras.contains("sdk");
    boolean hidden = extras.contains("hidden");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ObjectMapper usagekit = new ObjectMapper();
    ObjectMapper pojo = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    StreamingDecoder streaming = new StreamingDecoder(pojo.getFactory());
    JsonMapper sdkMapper = ObjectMappers.jsonMapper();
    ObjectMapper hiddenTypeId = new ObjectMapper().addMixIn(UsageResult.class, DecodeBenchmark.HiddenTypeId.class);
    int reference = Pages.completionsPage().length;
    for (String page : pages) {
      byte[] bytes = Pages.byName(page);
      Class<?> sdkType = DecodeBenchmark.sdkType(page);
      List<String> names = new ArrayList<>(List.of("usagekit", "pojoDatabind", "streaming"));
      List<Decoder> decoders = new ArrayList<>(List.of(
          b -> usagekit.readValue(b, UsageResponse.class),
          b -> pojo.readValue(b, Pojos.Page.class),
          streaming::decode));
      if (hidden) {
        names.add("usagekitHiddenTypeId");
        decoders.add(b -> hiddenTypeId.readValue(b, UsageResponse.class));
      }
      if (sdk) {
        names.add("openaiSdk");
        decoders.add(b -> sdkMapper.readValue(b, sdkType));
        if (!page.startsWith("costs-") && !page.equals("costs")) {
          names.add("openaiSdkValidated");
          decoders.add(b -> validate(sdkMapper.readValue(b, sdkType)));
        }
      }
      int perBatch = batch * (int) Math.max(1, reference / bytes.length);
      int[] batches = new int[decoders.size()];
      for (int d = 0; d < decoders.size(); d++) {
        // The SDK is 5-10x slower: fewer decodes per batch keep its turns about as long as the others'.
        batches[d] = names.get(d).startsWith("openaiSdk") ? Math.max(1, perBatch / 5) : perBatch;
      }
      long[][] cpu = new long[decoders.size()][rounds];
      Object sink = null;
      for (int warm = 0; warm < rounds / 2; warm++) { // warm-up rounds, not recorded
        for (int d = 0; d < decoders.size(); d++) {
          for (int i = 0; i < batches[d]; i++) {
            sink = decoders.get(d).decode(bytes);
          }
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int d = 0; d < decoders.size(); d++) {
          Decoder decoder = decoders.get(d);
          long t0 = os.getProcessCpuTime();
          for (int i = 0; i < batches[d]; i++) {
            sink = decoder.decode(bytes);
          }
          cpu[d][r] = os.getProcessCpuTime() - t0;
        }
      }
      // Means over all rounds: the OS reports process CPU time in coarse ticks, so single batches are
      // quantized; their sums are not. The spread: the same ratio over five slices of the rounds.
      int slices = Math.min(5, rounds);
      double[] mean = new double[decoders.size()];
      double[][] slice = new double[decoders.size()][slices];
      for (int d = 0; d < decoders.size(); d++) {
        mean[d] = Arrays.stream(cpu[d]).sum() / (double) rounds / batches[d] / 1000.0;
        for (int s = 0; s < slices; s++) {
          int from = s * rounds / slices;
          int to = (s + 1) * rounds / slices;
          slice[d][s] = Arrays.stream(cpu[d], from, to).sum() / (double) (to - from) / batches[d];
        }
      }
      System.out.printf("%s page (%,d bytes), %d rounds x %d decodes each, mean process CPU per decode:%n",
          page, bytes.length, rounds, perBatch);
      for (int d = 0; d < decoders.size(); d++) {
        String ratio = "";
        if (d > 0) {
          double lo = Double.MAX_VALUE;
          double hi = 0;
          for (int s = 0; s < slices; s++) {
            double q = slice[d][s] / slice[0][s];
            lo = Math.min(lo, q);
            hi = Math.max(hi, q);
          }
          ratio = String.format("  usagekit ratio %.2fx (slices %.2f-%.2f)", mean[d] / mean[0], lo, hi);
        }
        System.out.printf("  %-19s %9.1f us  %7.1f MB/s-of-CPU%s%n", names.get(d), mean[d],
            bytes.length / mean[d], ratio);
      }
      if (sink == null) {
        throw new AssertionError();
      }
    }
  }

  static Object validate(Object response) {
    if (response instanceof UsageCompletionsResponse c) {
      return c.validate();
    }
    if (response instanceof UsageImagesResponse i) {
      return i.validate();
    }
    return ((UsageCostsResponse) response).validate();
  }
}
