package dev.usagekit.testkit.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usagekit.testkit.FakeUsageServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Raw GETs against a fake, for what a typed client hides: status, headers and the JSON as sent. */
final class Http {
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .connectTimeout(5, TimeUnit.SECONDS)
      .readTimeout(5, TimeUnit.SECONDS)
      .retryOnConnectionFailure(false)
      .build();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response read whole. */
  record Reply(int status, okhttp3.Headers headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private Http() {}

  /** GET {@code relative} (such as {@code "organization/costs?start_time=0"}) with the server's admin key. */
  static Reply get(FakeUsageServer server, String relative) {
    return get(server, relative, "Bearer " + server.adminKey());
  }

  /** GET with the given Authorization header, or none when null. */
  static Reply get(FakeUsageServer server, String relative, String authorization) {
    Request.Builder request = new Request.Builder().url(server.url() + relative);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return execute(CLIENT, request.build());
  }

  static Reply execute(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      return new Reply(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
