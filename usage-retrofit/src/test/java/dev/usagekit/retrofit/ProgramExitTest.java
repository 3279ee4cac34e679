package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain JVM program that makes a call through a client {@link UsageApiFactory} built, and returns from
 * {@code main}, ends: no thread of that client keeps the JVM alive (OkHttp's own dispatcher threads are not daemon
 * threads and idle for 60 s). Runs {@link Program} in a JVM of its own.
 */
class ProgramExitTest {

  /** Far below OkHttp's 60 s keep-alive of an idle dispatcher thread, far above a JVM start on a loaded machine. */
  private static final long BOUND_SECONDS = 30;

  @Test
  void aProgramEndsWhenMainReturnsAfterACall(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("program.txt");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Program.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean exited = process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }

    String out = new String(Files.readAllBytes(log));
    assertThat(exited).as("the program exited within %d s of starting; its output:%n%s", BOUND_SECONDS, out).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out).contains("main returns");
  }

  /** The program: one call against a loopback server, then {@code main} returns. */
  public static final class Program {
    public static void main(String[] args) throws IOException {
      MockWebServer server = new MockWebServer();
      try {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
            .setBody("{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}"));
        server.start();
        UsageApi api = UsageApiFactory.builder().adminKey("sk-admin-test").baseUrl(server.url("/v1/").toString())
            .build();
        api.usageCosts(1730419200L, null, null, null, null, null, null, null, null, Map.of()).blockingFirst();
      } finally {
        server.shutdown();
      }
      System.out.println("main returns");
    }
  }
}
