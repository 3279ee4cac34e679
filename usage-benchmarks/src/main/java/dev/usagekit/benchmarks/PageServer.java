package dev.usagekit.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ServerSocketFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A MockWebServer on loopback serving page {@code n} for cursor {@code "page_n"} (page 0 without a cursor),
 * from {@code pages}: either pre-built bytes or pages synthesized on the fly. It does not keep the requests it has
 * served.
 */
public final class PageServer implements AutoCloseable {
  // Strongly held: java.util.logging keeps loggers weakly, and MockWebServer logs every request at INFO.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final MockWebServer server = new MockWebServer();
  private final int pageCount;

  public PageServer(int pageCount, IntFunction<byte[]> pages) throws IOException {
    this.pageCount = pageCount;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        // MockWebServer queues every request it records (before dispatching it) for takeRequest(): take one
        // back, or a long benchmark run fills the heap of this JVM (client and server alike) with them.
        server.takeRequest(0, TimeUnit.NANOSECONDS);
        HttpUrl url = request.getRequestUrl();
        String cursor = url == null ? null : url.queryParameter("page");
        int n = cursor == null ? 0 : Integer.parseInt(cursor.substring("page_".length()));
        if (n < 0 || n >= pageCount) {
          return new MockResponse().setResponseCode(404);
        }
        return new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(new Buffer().write(pages.apply(n)));
      }
    });
    // MockWebServer writes headers and body separately: without TCP_NODELAY, Nagle's algorithm meets the
    // client's delayed ACK and every response on loopback waits ~40 ms.
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start();
  }

  /** The base URL, ending in {@code /v1/}. */
  public HttpUrl baseUrl() {
    return server.url("/v1/");
  }

  /** The cursor of the page after page {@code n}, or null for the last page. */
  public static String next(int n, int pageCount) {
    return n + 1 < pageCount ? "page_" + (n + 1) : null;
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket socket = new NoDelayServerSocket();
      socket.bind(new InetSocketAddress(port));
      return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket socket = new NoDelayServerSocket();
      socket.bind(new InetSocketAddress(port), backlog);
      return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      ServerSocket socket = new NoDelayServerSocket();
      socket.bind(new InetSocketAddress(address, port), backlog);
      return socket;
    }
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
