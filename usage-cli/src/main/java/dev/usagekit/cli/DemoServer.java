package dev.usagekit.cli;

import dev.usagekit.testkit.FakeUsageApi;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * The demo's HTTP/1.1 server on a loopback port: it hands each request to the testkit's {@link FakeUsageApi}
 * and writes its answer back. It knows only what the report tool's own OkHttp client sends (requests without
 * bodies, kept-alive connections), so that the shipped jar needs no MockWebServer and no test framework, and
 * it starts in a few milliseconds. A thread accepts, and one thread per connection answers; all are daemons.
 */
final class DemoServer implements Closeable {
  /** The longest request line or header line read; OkHttp's requests here are far shorter. */
  private static final int MAX_LINE = 64 * 1024;

  private final FakeUsageApi api;
  private final ServerSocket serverSocket;
  private final String origin;
  private final Set<Socket> connections = Collections.newSetFromMap(new ConcurrentHashMap<Socket, Boolean>());

  private DemoServer(FakeUsageApi api, ServerSocket serverSocket) {
    this.api = api;
    this.serverSocket = serverSocket;
    this.origin = "http://" + serverSocket.getInetAddress().getHostAddress() + ":" + serverSocket.getLocalPort();
  }

  /** Starts answering with {@code api} on an ephemeral port of the loopback address. */
  static DemoServer start(FakeUsageApi api) throws IOException {
    ServerSocket serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    DemoServer server = new DemoServer(api, serverSocket);
    Thread acceptor = new Thread(server::acceptLoop, "usage-report demo server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** The API's base URL, for example {@code http://127.0.0.1:51234/v1/}. */
  String url() {
    return origin + api.basePath();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException closed) {
        return;
      }
      connections.add(socket);
      Thread connection = new Thread(() -> serve(socket), "usage-report demo connection");
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket) {
    try (Socket s = socket) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      while (serveOne(in, out)) {
        out.flush();
      }
      out.flush();
    } catch (IOException dropped) {
      // The client went away: nothing to answer.
    } finally {
      connections.remove(socket);
    }
  }

  /** Answers one request; false when the connection is to be closed. */
  private boolean serveOne(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return false;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      writeResponse(out, 400, Collections.<String, String>emptyMap(), new byte[0], true);
      return false;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
      }
    }
    skipBody(in, headers);
    boolean close = "HTTP/1.0".equals(parts[2]) || "close".equalsIgnoreCase(first(headers, "connection"));
    FakeUsageApi.Response response = api.answer(parts[0], origin + parts[1], headers);
    writeResponse(out, response.status(), response.headers(), response.body(), close);
    return !close;
  }

  private static void skipBody(InputStream in, Map<String, List<String>> headers) throws IOException {
    String length = first(headers, "content-length");
    long remaining = length != null ? Long.parseLong(length) : 0L;
    while (remaining > 0) {
      long skipped = in.skip(remaining);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return;
        }
        skipped = 1;
      }
      remaining -= skipped;
    }
  }

  private static void writeResponse(OutputStream out, int status, Map<String, String> headers, byte[] body,
      boolean close) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
        .append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      default:
        return status >= 500 ? "Server Error" : "Client Error";
    }
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A line ending in CRLF (or LF), without it; null at the end of the stream. */
  private static @Nullable String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("request line too long");
      }
      line.append((char) c);
    }
    return null;
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // Closing is all that was asked.
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Same.
      }
    }
  }
}
