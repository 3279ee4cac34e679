package dev.usagekit.cli;

import io.reactivex.rxjava3.exceptions.UndeliverableException;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * What the tool does when a thread it does not wait on fails (an {@code OutOfMemoryError} on an OkHttp thread,
 * an error RxJava cannot deliver): the stream that thread fed would never end and {@code main} would wait for
 * ever, so the tool says what failed on stderr and exits with {@link ExitCodes#SOFTWARE} at once.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {
  private final PrintStream err;
  private final IntConsumer exit;

  FatalErrors(PrintStream err, IntConsumer exit) {
    this.err = err;
    this.exit = exit;
  }

  /** Makes this the handler of every thread's uncaught failures and of RxJava's undeliverable errors. */
  static void install(PrintStream err) {
    FatalErrors fatal = new FatalErrors(err, status -> Runtime.getRuntime().halt(status));
    Thread.setDefaultUncaughtExceptionHandler(fatal);
    RxJavaPlugins.setErrorHandler(error -> {
      Throwable cause = error instanceof UndeliverableException ? error.getCause() : error;
      if (cause instanceof Error) {
        fatal.uncaughtException(Thread.currentThread(), cause);
      }
    });
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    try {
      err.println(Printable.visible(Commands.NAME + ": fatal error on thread " + thread.getName() + ": " + failure));
      err.println(Commands.NAME + ": the report is incomplete; nothing more is written");
      err.flush();
    } catch (OutOfMemoryError noRoomToSayMore) {
      // The heap is still full: say the least, without allocating (the bytes were made at start).
      err.write(OUT_OF_MEMORY, 0, OUT_OF_MEMORY.length);
      err.flush();
    } finally {
      exit.accept(ExitCodes.SOFTWARE);
    }
  }

  private static final byte[] OUT_OF_MEMORY = (Commands.NAME + ": fatal error: out of memory (raise it with java "
      + "-Xmx...); the report is incomplete; nothing more is written" + System.lineSeparator())
      .getBytes(StandardCharsets.UTF_8);
}
