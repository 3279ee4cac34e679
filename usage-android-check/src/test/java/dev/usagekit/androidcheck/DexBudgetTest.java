package dev.usagekit.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.androidcheck.Shrinker.Mode;
import dev.usagekit.androidcheck.micrometer.MicrometerApp;
import dev.usagekit.androidcheck.model.ModelApp;
import dev.usagekit.androidcheck.retrofit.RetrofitApp;
import dev.usagekit.androidcheck.rx.RxApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * A real dex for API 26: each app shrunk by R8 in full mode with {@code --min-api 26}, android-all of API 26 and the
 * JDK as library, as a release build of an app with minSdk 26 would. The app on usage-rx must fit in one dex and
 * within the method-reference budget of the pom ({@code usagekit.dex.maxMethodRefs}); the figures of every app go to
 * {@code target/r8/dex-figures.txt} (BENCHMARKS.md quotes them).
 */
class DexBudgetTest {
  private static final long MAX_METHOD_REFS = Long.parseLong(System.getProperty("usagekit.dex.maxMethodRefs", "0"));

  @Test
  void anAppOnUsageRxDexesIntoOneDexWithinTheMethodReferenceBudget() throws Exception {
    Dex dex = dex("usage-rx", RxApp.class);

    assertThat(dex.files).as("dex files (a single dex: no multidex for usagekit)").isEqualTo(1);
    assertThat(MAX_METHOD_REFS).as("usagekit.dex.maxMethodRefs, set in the pom").isPositive();
    assertThat(dex.methodRefs).as("method references of the app on usage-rx (%s)", dex).isLessThanOrEqualTo(MAX_METHOD_REFS);
  }

  @Test
  void anAppOnUsageModelAloneKeepsNeitherHttpNorRx() throws Exception {
    Dex dex = dex("usage-model", ModelApp.class);

    String mapping = new String(Files.readAllBytes(Shrinker.OUTPUT.resolve("dex-usage-model/mapping.txt")),
        StandardCharsets.UTF_8);
    assertThat(mapping).as("the consumer rules keep only what the app uses")
        .doesNotContain("okhttp3.").doesNotContain("retrofit2.").doesNotContain("io.reactivex.");
    assertThat(dex.files).isEqualTo(1);
  }

  @Test
  void anAppOnUsageRetrofitDexes() throws Exception {
    assertThat(dex("usage-retrofit", RetrofitApp.class).files).isEqualTo(1);
  }

  @Test
  void anAppOnUsageMicrometerDexes() throws Exception {
    assertThat(dex("usage-micrometer", MicrometerApp.class).files).isEqualTo(1);
  }

  private static Dex dex(String module, Class<?> app) throws Exception {
    Path out = Shrinker.shrink("dex-" + module, app, Shrinker.appClasspath(), Mode.FULL, true);
    Dex dex = Dex.read(out);
    String line = String.format("%s: an app on %s (%s), R8 %s full mode, --min-api 26: %s%n", module, module,
        app.getSimpleName(), Shrinker.R8_VERSION, dex);
    System.out.print(line);
    Files.write(Shrinker.OUTPUT.resolve("dex-figures.txt"), line.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return dex;
  }
}
