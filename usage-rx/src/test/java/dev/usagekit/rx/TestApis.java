package dev.usagekit.rx;

import dev.usagekit.retrofit.UsageApi;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;
import retrofit2.converter.jackson.JacksonConverterFactory;

/** {@link UsageApi}s on a {@link MockWebServer}. */
final class TestApis {
  private TestApis() {}

  /**
   * A {@code UsageApi} whose calls run synchronously on the subscribing thread (as in Retrofit's own
   * FlowableTest): a {@code request(n)} returns only after the page it caused was fetched and emitted, so
   * request counts can be asserted right after it, with no waiting. OkHttp's silent retry of failed connections
   * is off, so every attempt the stream makes is one request at the server.
   */
  static UsageApi synchronous(MockWebServer server) {
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    return new Retrofit.Builder()
        .baseUrl(server.url("/v1/"))
        .client(client)
        .addConverterFactory(JacksonConverterFactory.create(Fixtures.JSON))
        .addCallAdapterFactory(RxJava3CallAdapterFactory.createSynchronous())
        .build()
        .create(UsageApi.class);
  }
}
