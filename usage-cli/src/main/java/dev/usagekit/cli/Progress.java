package dev.usagekit.cli;

import dev.usagekit.model.UsageResponse;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Progress on stderr while paging (pages, buckets, elapsed time), on one line rewritten in place,
 * only when stderr is a terminal: a redirected stderr gets nothing.
 */
final class Progress {
  private final PrintStream err;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private int pages;
  private long buckets;
  private int shown;

  Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Counts a page and shows the count. */
  void page(UsageResponse page) {
    pages++;
    buckets += page.data().size();
    if (enabled) {
      show(text() + (page.hasMore() ? " ..." : ""));
    }
  }

  /**
   * Whether this JVM runs in a terminal: it has a console (before Java 22, only when stdin and stdout
   * are a terminal) and, from Java 22 on, {@code Console.isTerminal()} says so.
   */
  static boolean terminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException beforeJava22) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Wipes the progress line before the report writes to stdout: when progress is shown, stdout is the
   * same terminal, and the report must not be written over it.
   */
  void clear() {
    if (enabled && shown > 0) {
      StringBuilder text = new StringBuilder("\r");
      for (int i = 0; i < shown; i++) {
        text.append(' ');
      }
      err.print(text.append('\r'));
      err.flush();
      shown = 0;
    }
  }

  /** Ends the progress line, so that what follows on stderr starts on a line of its own. */
  void done() {
    if (enabled && shown > 0) {
      show(text());
      err.println();
      err.flush();
      shown = 0;
    }
  }

  int pages() {
    return pages;
  }

  private String text() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(Locale.ROOT, "%s: %d page%s, %d bucket%s, %.1f s", Commands.NAME,
        pages, pages == 1 ? "" : "s", buckets, buckets == 1 ? "" : "s", seconds);
  }

  private void show(String line) {
    StringBuilder text = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < shown; i++) {
      text.append(' ');
    }
    shown = line.length();
    err.print(text);
    err.flush();
  }
}
