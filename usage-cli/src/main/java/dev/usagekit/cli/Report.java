package dev.usagekit.cli;

import dev.usagekit.model.UsageResponse;
import java.io.IOException;
import javax.annotation.Nullable;

/** A report being written: it receives the pages in order, then {@link #finish()}. */
interface Report {
  /**
   * One page, with the exact bytes of its body as the API sent them (given to the JSON report
   * only; null for the others).
   */
  void page(UsageResponse page, @Nullable byte[] body) throws IOException;

  /** After the last page: writes what is left and flushes. */
  void finish() throws IOException;
}
