package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A fatal error on a thread main does not wait on ends the tool with a message, never leaves main parked. */
class FatalErrorsTest {
  @Test
  void anOutOfMemoryErrorOnAnotherThreadIsReportedAndExitsWith1() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    FatalErrors fatal = new FatalErrors(new PrintStream(bytes, true), exit::set);
    Thread okHttp = new Thread(() -> {
      throw new OutOfMemoryError("Java heap space");
    }, "OkHttp https://api.openai.com/...");
    okHttp.setUncaughtExceptionHandler(fatal);

    okHttp.start();
    okHttp.join(30_000);

    String err = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    assertThat(exit.get()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(err).contains("usage-report: fatal error on thread OkHttp https://api.openai.com/...: "
        + "java.lang.OutOfMemoryError: Java heap space").contains("the report is incomplete");
  }

  @Test
  void withTheHeapStillFullItSaysTheLeastAndStillExits() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    PrintStream full = new PrintStream(bytes, true) {
      @Override
      public void println(String text) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    Thread worker = new Thread(() -> {
      throw new OutOfMemoryError("Java heap space");
    }, "RxComputationThreadPool-1");
    worker.setUncaughtExceptionHandler(new FatalErrors(full, exit::set));

    worker.start();
    worker.join(30_000);

    assertThat(exit.get()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8))
        .startsWith("usage-report: fatal error: out of memory (raise it with java -Xmx...)");
  }
}
