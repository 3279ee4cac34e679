package dev.usagekit.cli;

import dev.usagekit.model.UsageResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.Nullable;

/**
 * {@code --format json}: the buckets of every page, each copied byte for byte from the body the API
 * sent (unknown fields, number forms and string amounts included), as one JSON array.
 *
 * <p>The array is opened with the first page and closed by {@link #finish()}: a report cut short by
 * an error leaves it open, so that a reader cannot take it for complete.
 */
final class JsonReport implements Report {
  private final OutputStream out;
  private boolean opened;
  private boolean empty = true;

  JsonReport(OutputStream out) {
    this.out = out;
  }

  @Override
  public void page(UsageResponse page, @Nullable byte[] body) throws IOException {
    if (body == null) {
      throw new IllegalStateException("the JSON report needs the body of each page");
    }
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

  @Override
  public void finish() throws IOException {
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
