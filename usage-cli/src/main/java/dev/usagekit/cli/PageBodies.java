package dev.usagekit.cli;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OkHttp interceptor that reads every successful (2xx) response body to its end before the
 * converter sees it, and keeps its exact bytes for the JSON report.
 *
 * <p>Reading the body here makes a connection dropped mid-body fail the attempt with an {@link
 * IOException}, which the stream retries like any I/O failure, whatever the decoder would have made
 * of a stream that breaks off halfway through a JSON value.
 *
 * <p>When bodies are kept: a page stream has at most one request in flight and emits each page after
 * its response, so the bodies queue up in the order of the pages, and {@link #next()} gives the body
 * of the page just emitted. Failed attempts (an error status, a body cut short) add nothing.
 */
final class PageBodies implements Interceptor {
  private final Queue<byte[]> bodies = new ConcurrentLinkedQueue<>();
  private final boolean keep;

  /** @param keep whether to keep the bodies for {@link #next()} */
  PageBodies(boolean keep) {
    this.keep = keep;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (!response.isSuccessful() || body == null) {
      return response;
    }
    byte[] bytes;
    try {
      bytes = body.bytes();
    } finally {
      body.close();
    }
    if (keep) {
      bodies.add(bytes);
    }
    return response.newBuilder().body(ResponseBody.create(body.contentType(), bytes)).build();
  }

  /** The body of the oldest page not taken yet. */
  byte[] next() {
    byte[] body = bodies.poll();
    if (body == null) {
      throw new IllegalStateException("no response body was kept for this page");
    }
    return body;
  }

  @Override
  public String toString() {
    return "PageBodies";
  }
}
