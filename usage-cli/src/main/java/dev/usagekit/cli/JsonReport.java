package dev.usagekit.cli;

import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code --format json}: the buckets of every page, each copied byte for byte from the body the API
 * sent (unknown fields, number forms and string amounts included), as one JSON array.
 *
 * <p>The array is opened with the first page and closed by {@link #finish()}: a report cut short by
 * an error leaves it open, so that a reader cannot take it for complete.
 */
final class JsonReport {
  private final OutputStream out;
  private final PageBodies bodies;
  private boolean opened;
  private boolean empty = true;

  /** @param bodies the bodies of the pages, kept as they were received */
  JsonReport(OutputStream out, PageBodies bodies) {
    this.out = out;
    this.bodies = bodies;
  }

  /** Copies the buckets of each page as it comes; closes the array after the last. */
  void write(Flowable<UsageResponse> pages) throws IOException {
    try {
      pages.blockingForEach(page -> page(page, bodies.next()), 1);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException && e.getClass() == RuntimeException.class) {
        throw (IOException) e.getCause();
      }
      throw e;
    }
    finish();
  }

  private void page(UsageResponse page, byte[] body) throws IOException {
    List<long[]> buckets = RawJson.dataElements(body);
    if (buckets.size() != page.data().size()) {
      throw new IllegalStateException("page body has " + buckets.size() + " buckets, the decoded page "
          + page.data().size() + ": the body does not belong to this page");
    }
    open();
    for (long[] bucket : buckets) {
      ascii(empty ? "\n" : ",\n");
      out.write(body, (int) bucket[0], (int) (bucket[1] - bucket[0]));
      empty = false;
    }
    out.flush();
  }

  private void finish() throws IOException {
    open();
    ascii(empty ? "]\n" : "\n]\n");
    out.flush();
  }

  private void open() throws IOException {
    if (!opened) {
      ascii("[");
      opened = true;
    }
  }

  private void ascii(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }
}
