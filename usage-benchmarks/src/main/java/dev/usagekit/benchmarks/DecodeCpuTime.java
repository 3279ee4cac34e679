package dev.usagekit.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.model.UsageResponse;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A cross-check of {@link DecodeBenchmark} for a loaded machine: the decoders take turns (one batch each, round
 * after round), and each batch is timed in <b>process CPU time</b> (every thread of the JVM, so GC work counts),
 * which other processes competing for the cores inflate far less than wall-clock time. Prints, per page, the
 * mean CPU microseconds per decode of each decoder and usagekit's speed ratio against each baseline
 * (baseline CPU time / usagekit CPU time; above 1.0 means usagekit is faster).
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.usagekit.benchmarks.DecodeCpuTime [rounds] [batch]
 * </pre>
 */
public final class DecodeCpuTime {
  private DecodeCpuTime() {}

  interface Decoder {
    Object decode(byte[] bytes) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ObjectMapper usagekit = new ObjectMapper();
    ObjectMapper pojo = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    StreamingDecoder streaming = new StreamingDecoder(pojo.getFactory());
    String[] names = {"usagekit", "pojoDatabind", "streaming"};
    Decoder[] decoders = {
      b -> usagekit.readValue(b, UsageResponse.class),
      b -> pojo.readValue(b, Pojos.Page.class),
      streaming::decode,
    };
    for (String page : new String[] {"completions", "costs", "images"}) {
      byte[] bytes = switch (page) {
        case "completions" -> Pages.completionsPage();
        case "costs" -> Pages.costsPage();
        default -> Pages.imagesPage();
      };
      int perBatch = batch * (int) Math.max(1, Pages.completionsPage().length / bytes.length);
      long[][] cpu = new long[decoders.length][rounds];
      Object sink = null;
      for (int warm = 0; warm < rounds / 2; warm++) { // warm-up rounds, not recorded
        for (Decoder d : decoders) {
          for (int i = 0; i < perBatch; i++) {
            sink = d.decode(bytes);
          }
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int d = 0; d < decoders.length; d++) {
          long t0 = os.getProcessCpuTime();
          for (int i = 0; i < perBatch; i++) {
            sink = decoders[d].decode(bytes);
          }
          cpu[d][r] = (os.getProcessCpuTime() - t0) / perBatch; // ns per decode, truncated: see below
        }
      }
      // The mean over all rounds: the OS reports process CPU time in coarse ticks (10 ms here), so single
      // batches are quantized; their sum is not.
      double[] mean = new double[decoders.length];
      for (int d = 0; d < decoders.length; d++) {
        mean[d] = Arrays.stream(cpu[d]).sum() / (double) rounds / 1000.0;
      }
      System.out.printf("%s page (%,d bytes), %d rounds x %d decodes each, mean process CPU per decode:%n",
          page, bytes.length, rounds, perBatch);
      for (int d = 0; d < decoders.length; d++) {
        System.out.printf("  %-13s %9.1f us  %7.1f MB/s-of-CPU%s%n", names[d], mean[d],
            bytes.length / mean[d], d == 0 ? "" : String.format("  usagekit ratio %.2fx", mean[d] / mean[0]));
      }
      if (sink == null) {
        throw new AssertionError();
      }
    }
  }
}
