package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} against attackers: a client that holds a half-sent request, requests for other paths and
 * methods, a server that echoes the admin key, and a {@code --state} file that was tampered with.
 */
class ServeUnderAttackTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  @Test
  void clientsHoldingHalfARequestDelayNoScrapeAndAreDropped() throws Exception {
    try (ServeTest.Serving serving = new ServeTest.Serving(Map.of(), "demo", "serve", "--port", "0")) {
      int port = URI.create(serving.url("/metrics")).getPort();
      List<Socket> stalled = new ArrayList<>();
      try {
        // More of them than the server has threads: each sends a request line and one header, and waits.
        for (int i = 0; i < MetricsServer.THREADS * 2; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
          OutputStream out = socket.getOutputStream();
          out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          stalled.add(socket);
        }

        // Answered while every one of them still holds its connection (the JDK server never answered it).
        HttpResponse<String> scrape = ServeTest.get(serving.url("/metrics"));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("openai_usage_buckets_total");

        // ... and each is dropped by the server, its half request never answered.
        for (Socket socket : stalled) {
          socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(2));
          InputStream in = socket.getInputStream();
          int read;
          try {
            read = in.read();
          } catch (SocketTimeoutException e) {
            throw new AssertionError("a stalled client was still connected after 2 minutes", e);
          } catch (java.net.SocketException reset) {
            read = -1;
          }
          assertThat(read).as("the server's answer to a half request").isEqualTo(-1);
        }
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }

  @Test
  void onlyGetAndHeadOfExactlyMetricsAnswer200() throws Exception {
    try (ServeTest.Serving serving = new ServeTest.Serving(Map.of(), "demo", "serve", "--port", "0")) {
      assertThat(ServeTest.get(serving.url("/metrics")).statusCode()).isEqualTo(200);
      assertThat(ServeTest.get(serving.url("/metrics?name[]=x")).statusCode()).isEqualTo(200);
      for (String path : new String[] {"/", "/metrics/", "/metricsx", "/metrics/../metrics", "/x/metrics",
          "/METRICS"}) {
        HttpResponse<String> response = ServeTest.get(serving.url(path));
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).as(path).contains("/metrics").doesNotContain("openai_");
      }
      HttpResponse<String> post = send(serving.url("/metrics"), "POST");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(send(serving.url("/metrics"), "DELETE").statusCode()).isEqualTo(405);
      HttpResponse<String> head = send(serving.url("/metrics"), "HEAD");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).hasValue(ServeCommand.CONTENT_TYPE);
    }
  }

  private static HttpResponse<String> send(String url, String method) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aServerThatEchoesTheKeyAsACursorNeverGetsItOnStderr() throws Exception {
    String key = "sk-admin-ECHOED-0123456789abcdef";
    AtomicInteger requests = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          // The first page (serve's check of the key) is plain; every poll after it gets the key as its cursor,
          // again and again: the stream fails naming the cursor, and serve warns every interval.
          String body = requests.incrementAndGet() == 1
              ? "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}"
              : "{\"object\":\"page\",\"data\":[],\"has_more\":true,\"next_page\":\"" + key + "\"}";
          return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
        }
      });
      server.start(InetAddress.getLoopbackAddress(), 0);
      ServeTest.Serving serving = new ServeTest.Serving(CliRun.key(key), "serve", "--port", "0",
          "--endpoints", "costs", "--interval", "1s", "--base-url", server.url("/v1/").toString());
      try {
        serving.url("/metrics");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!stderr(serving).contains("cursor cycle") && System.nanoTime() < deadline) {
          Thread.yield();
        }
      } finally {
        serving.close();
      }

      assertThat(stderr(serving)).contains("warning: usage-micrometer: following costs failed")
          .contains("cursor cycle): <" + Commands.ADMIN_KEY_VARIABLE + ">")
          .doesNotContain(key).doesNotContain("ECHOED");
    }
  }

  private static String stderr(ServeTest.Serving serving) {
    return serving.err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSymlinkPlantedBesideTheStateFileIsNeverFollowed(@TempDir Path dir) throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "# precious\n");
    Path state = dir.resolve("serve.state");
    Files.createSymbolicLink(dir.resolve("serve.state.tmp"), victim); // the fixed name the store used to write
    Path output = dir.resolve("linked.state");
    Files.createSymbolicLink(output, victim); // the state file itself a link: replaced, its target untouched

    Instant today = CliRun.CLOCK.instant().truncatedTo(ChronoUnit.DAYS);
    try (FakeUsageServer fake = FakeUsageServer.builder().clock(CliRun.CLOCK).start()) {
      fake.add(today.minus(1, ChronoUnit.DAYS).plusSeconds(600), dev.usagekit.testkit.TestData.costs()
          .projectId("proj_a").lineItem("gpt-4o, input").amount(dev.usagekit.testkit.TestData.usd("1.00")).build());
      for (Path file : new Path[] {state, output}) {
        try (ServeTest.Serving serving = new ServeTest.Serving(CliRun.key(fake.adminKey()), "serve", "--port", "0",
            "--endpoints", "costs", "--base-url", fake.url(),
            "--start", Long.toString(today.minus(1, ChronoUnit.DAYS).getEpochSecond()), "--state", file.toString())) {
          ServeTest.scrapeOnceCounted(serving, Map.of("costs", 1.0));
        }
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).contains("costs=" + today.getEpochSecond());
      }
    }

    assertThat(Files.readString(victim)).isEqualTo("# precious\n");
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("victim", "serve.state", "serve.state.tmp", "linked.state");
    }
  }

  @Test
  void aStateFileThatHoldsNoResumePointEndsServeWithExit2NamingIt(@TempDir Path dir) throws Exception {
    long now = CliRun.CLOCK.instant().getEpochSecond();
    String[] bad = {"costs=abc", "costs=" + (now + 365L * 86400 * 1000), "costs=" + (now + 3600), "costs=-5",
        "costs=12", "costs=99999999999999999999"};
    try (FakeUsageServer fake = FakeUsageServer.builder().clock(CliRun.CLOCK).start()) {
      for (String line : bad) {
        Path state = dir.resolve("bad.state");
        Files.writeString(state, "# tampered\n" + line + "\n");
        CliRun run = CliRun.run(CliRun.key(fake.adminKey()), "serve", "--port", "0", "--endpoints", "costs",
            "--base-url", fake.url(), "--state", state.toString());

        assertThat(run.exit()).as(line).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).as(line).contains("Invalid value for option '--state': " + state + ": " + line
            + " is not a resume point; allowed: Unix seconds from 1577836800 (2020-01-01T00:00:00Z) to now ("
            + now + ", 2026-11-21T09:30:00Z)").doesNotContain("internal error").doesNotContain("serving http");
      }
      assertThat(fake.requestCount()).as("requests sent for a tampered state").isZero();
    }
  }
}
