package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's loopback server: the fake API's answers, carried over plain HTTP/1.1 without MockWebServer. */
class DemoServerTest {
  private final FakeUsageApi api = FakeUsageApi.builder().clock(CliRun.CLOCK).build();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .readTimeout(30, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
  private DemoServer server;

  @BeforeEach
  void start() throws IOException {
    server = DemoServer.start(api);
  }

  @AfterEach
  void stop() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void pagesComeOverOneKeptAliveConnection() throws IOException {
    for (int i = 1; i <= 3; i++) {
      try (Response response = client.newCall(new Request.Builder()
          .url(server.url() + "organization/costs?start_time=0&end_time=86400")
          .header("Authorization", "Bearer " + api.adminKey())
          .build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("x-request-id")).isEqualTo(String.format("req_%032x", i));
        assertThat(response.body().string()).startsWith("{\"object\":\"page\"");
      }
    }
    assertThat(client.connectionPool().connectionCount()).isEqualTo(1);
  }

  @Test
  void theFakesErrorsComeWithTheirStatusAndBody() throws IOException {
    try (Response response = client.newCall(new Request.Builder()
        .url(server.url() + "organization/costs?start_time=0").build()).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).contains("\"type\":\"invalid_request_error\"");
    }
  }

  @Test
  void aRequestLineThatIsNotHttpGets400AndTheConnectionCloses() throws IOException {
    URI url = URI.create(server.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      List<String> lines = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
      assertThat(lines).first().isEqualTo("HTTP/1.1 400 Bad Request");
      assertThat(lines).contains("Connection: close");
    }
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    URI url = URI.create(server.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + url.getPath() + "organization/costs?start_time=0 HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + api.adminKey() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      List<String> lines = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
      assertThat(lines).first().isEqualTo("HTTP/1.1 200 OK");
      assertThat(lines).contains("Connection: close");
      assertThat(lines.get(lines.size() - 1)).startsWith("{\"object\":\"page\"").endsWith("}");
    }
  }
}
