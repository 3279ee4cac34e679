package dev.usagekit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * The HTTP server of {@code serve}: answers {@code GET} and {@code HEAD} of exactly {@code /metrics} (a query
 * string aside) with {@code body}, any other path with 404 and any other method with 405, one request per
 * connection.
 *
 * <pre>{@code
 * MetricsServer server = MetricsServer.bind(new InetSocketAddress(loopback, 0), registry::scrape);
 * server.start();
 * // ... curl http://127.0.0.1:<server.address().getPort()>/metrics
 * server.close();
 * }</pre>
 *
 * <p>No client can stop it answering the others. One thread reads every request head without blocking; a
 * connection whose head has not arrived {@value #HEAD_TIMEOUT_SECONDS} s after it was accepted is closed, and at
 * most {@value #MAX_PENDING} connections wait for their head (further ones are closed at once). Complete requests
 * are answered by a pool of {@value #THREADS} daemon threads ({@value #QUEUED} more wait their turn); a client
 * that does not take its answer within {@value #ANSWER_TIMEOUT_SECONDS} s is dropped. A client that sends half a
 * request and holds it therefore delays nobody. (The JDK's {@code HttpServer} it replaces read each request head
 * on its only thread, with no timeout: one such client stopped every scrape for good.)
 */
final class MetricsServer implements java.io.Closeable {
  static final int THREADS = 4;
  static final int QUEUED = 64;
  static final int MAX_PENDING = 128;
  static final long HEAD_TIMEOUT_SECONDS = 5;
  static final long ANSWER_TIMEOUT_SECONDS = 30;
  /** The longest request head read: a scraper's is a few hundred bytes. */
  static final int MAX_HEAD = 8 * 1024;
  static final String PATH = "/metrics";

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Supplier<String> body;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService deadlines;
  private volatile boolean closed;
  private boolean started;

  /** A connection whose request head is being read. */
  private static final class Pending {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEAD_TIMEOUT_SECONDS);
    final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
  }

  private MetricsServer(ServerSocketChannel server, Selector selector, Supplier<String> body) {
    this.server = server;
    this.selector = selector;
    this.body = body;
    this.workers = new ThreadPoolExecutor(THREADS, THREADS, 0L, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<Runnable>(QUEUED), daemons("usage-report serve"));
    this.deadlines = Executors.newSingleThreadScheduledExecutor(daemons("usage-report serve timeouts"));
  }

  /**
   * Binds {@code address}, to answer {@code /metrics} with what {@code body} returns at each request once {@link
   * #start()} is called (until then connections wait in the kernel's queue).
   *
   * @throws IOException when the address cannot be bound (a port in use, an address not of this machine)
   */
  static MetricsServer bind(InetSocketAddress address, Supplier<String> body) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.bind(address, QUEUED);
      server.configureBlocking(false);
      Selector selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
      return new MetricsServer(server, selector, body);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Starts answering. */
  synchronized void start() {
    started = true;
    Thread reader = new Thread(this::selectLoop, "usage-report serve requests");
    reader.setDaemon(true);
    reader.start();
  }

  /** The address listened on (the port chosen, when 0 was asked for). */
  InetSocketAddress address() {
    return (InetSocketAddress) server.socket().getLocalSocketAddress();
  }

  /** Stops listening and closes every connection. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (started) {
      selector.wakeup(); // the loop closes the selector and every connection
    } else {
      selector.close();
    }
    workers.shutdownNow();
    deadlines.shutdownNow();
    server.close();
  }

  private void selectLoop() {
    try {
      while (!closed) {
        long wait = expire();
        selector.select(wait);
        List<SocketChannel> complete = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else if (key.isReadable()) {
            String head = read(key);
            if (head != null) {
              key.cancel();
              complete.add((SocketChannel) key.channel());
              heads.add(head);
            }
          }
        }
        if (!complete.isEmpty()) {
          selector.selectNow(); // deregisters the cancelled keys: their channels may then block
          for (int i = 0; i < complete.size(); i++) {
            hand(complete.get(i), heads.get(i));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The selector failed or was closed: nothing more is served.
    } finally {
      for (SelectionKey key : keysOf(selector)) {
        closeQuietly(key.channel());
      }
      closeQuietly(selector);
    }
  }

  private static List<SelectionKey> keysOf(Selector selector) {
    try {
      return new ArrayList<>(selector.keys());
    } catch (RuntimeException closed) {
      return new ArrayList<>();
    }
  }

  /** Closes the connections whose head is late; the milliseconds until the next one is due (0: none waits). */
  private long expire() {
    long now = System.nanoTime();
    long next = Long.MAX_VALUE;
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Pending) {
        long left = ((Pending) key.attachment()).deadline - now;
        if (left <= 0) {
          key.cancel();
          closeQuietly(key.channel());
        } else {
          next = Math.min(next, left);
        }
      }
    }
    return next == Long.MAX_VALUE ? 0L : Math.max(1L, TimeUnit.NANOSECONDS.toMillis(next) + 1);
  }

  private void accept() throws IOException {
    SocketChannel channel = server.accept();
    if (channel == null) {
      return;
    }
    if (selector.keys().size() > MAX_PENDING) {
      closeQuietly(channel); // as many clients as it serves are already sending heads
      return;
    }
    try {
      channel.configureBlocking(false);
      channel.socket().setTcpNoDelay(true);
      channel.register(selector, SelectionKey.OP_READ, new Pending());
    } catch (IOException e) {
      closeQuietly(channel);
    }
  }

  /** Reads what has arrived; the head once it is complete, else null (the connection is closed on EOF or excess). */
  private static @Nullable String read(SelectionKey key) {
    Pending pending = (Pending) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    ByteBuffer buffer = pending.head;
    try {
      int from = buffer.position();
      if (channel.read(buffer) < 0) {
        key.cancel();
        closeQuietly(channel);
        return null;
      }
      byte[] bytes = buffer.array();
      for (int i = Math.max(1, from); i < buffer.position(); i++) {
        // The head ends at an empty line: LF LF or LF CR LF.
        if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n')) {
          return new String(bytes, 0, i + 1, StandardCharsets.ISO_8859_1);
        }
      }
      if (!buffer.hasRemaining()) {
        key.cancel();
        closeQuietly(channel); // a head longer than any scraper's
      }
    } catch (IOException e) {
      key.cancel();
      closeQuietly(channel);
    }
    return null;
  }

  /** Gives a complete request to the workers; closes it when they are all busy and their queue is full. */
  private void hand(SocketChannel channel, String head) {
    try {
      channel.configureBlocking(true);
      workers.execute(() -> answer(channel, head));
    } catch (IOException | RejectedExecutionException | java.nio.channels.IllegalBlockingModeException e) {
      closeQuietly(channel);
    }
  }

  private void answer(SocketChannel channel, String head) {
    ScheduledFuture<?> deadline = null;
    try {
      deadline = deadlines.schedule(() -> closeQuietly(channel), ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      respond(Channels.newOutputStream(channel), head);
    } catch (IOException | RejectedExecutionException dropped) {
      // A client that went away or would not take its answer: its connection is closed, no one else is affected.
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      closeQuietly(channel);
    }
  }

  private void respond(OutputStream out, String head) throws IOException {
    String line = head.substring(0, head.indexOf('\n')).trim();
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
      write(out, 400, "Bad Request", "text/plain; charset=utf-8", "Bad request\n", true, null);
      return;
    }
    String method = parts[0];
    String target = parts[1];
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    boolean isHead = "HEAD".equals(method);
    if (!PATH.equals(path)) {
      write(out, 404, "Not Found", "text/plain; charset=utf-8", "Not found: the metrics are at " + PATH + "\n",
          !isHead, null);
    } else if (!"GET".equals(method) && !isHead) {
      write(out, 405, "Method Not Allowed", "text/plain; charset=utf-8",
          "Method not allowed: " + PATH + " answers GET and HEAD\n", true, "GET, HEAD");
    } else {
      write(out, 200, "OK", ServeCommand.CONTENT_TYPE, body.get(), !isHead, null);
    }
  }

  private static void write(OutputStream out, int status, String reason, String contentType, String text,
      boolean withBody, @Nullable String allow) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
        .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
        .append("Content-Type: ").append(contentType).append("\r\n")
        .append("Content-Length: ").append(bytes.length).append("\r\n")
        .append("Connection: close\r\n");
    if (allow != null) {
      head.append("Allow: ").append(allow).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (withBody) {
      out.write(bytes);
    }
    out.flush();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + " " + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "MetricsServer(" + address() + ")";
  }
}
