package dev.usagekit.retrofit;

import java.io.IOException;
import javax.annotation.Nullable;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Fails a call with {@link ResponseTooLargeException} once its response body, as the application sees it (after
 * OkHttp's transparent decompression), goes past {@code limit} bytes. The body streams through a counting source:
 * nothing is buffered beyond what the reader asks for. Installed by {@link UsageApiFactory} as the innermost
 * application interceptor, so the HTTP log, the key redaction of error bodies and the converter all read through it.
 */
final class ResponseSizeLimit implements Interceptor {
  private final long limit;

  ResponseSizeLimit(long limit) {
    this.limit = limit;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    long declared = body.contentLength();
    if (declared > limit) {
      body.close();
      throw new ResponseTooLargeException(limit, 0L, declared);
    }
    return response.newBuilder().body(new LimitedBody(body, limit)).build();
  }

  @Override
  public String toString() {
    return "UsageApiFactory.ResponseSizeLimit(" + limit + ")";
  }

  private static final class LimitedBody extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;

    LimitedBody(ResponseBody delegate, long limit) {
      this.delegate = delegate;
      this.source = Okio.buffer(new ForwardingSource(delegate.source()) {
        private long total;

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
          // Never more than one byte past the limit: the failure comes at that byte, whatever the reader asked.
          long room = limit - total;
          long read = super.read(sink, room < byteCount ? room + 1 : byteCount);
          if (read > 0) {
            total += read;
            if (total > limit) {
              throw new ResponseTooLargeException(limit, total, -1L);
            }
          }
          return read;
        }
      });
    }

    @Override
    public @Nullable MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }
  }
}
