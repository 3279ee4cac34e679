package dev.usagekit.testkit.junit5;

import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.testkit.FakeUsageServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test its own {@link FakeUsageServer} on a loopback port, and a {@link UsageApi} pointed at it
 * with its admin key, as test method (or constructor) parameters; stops the server after the test.
 *
 * <pre>{@code
 * @ExtendWith(FakeUsageServerExtension.class)
 * class CostsTest {
 *   @Test
 *   void costsAreSummedPerProject(FakeUsageServer server, UsageApi api) {
 *     server.add(Instant.parse("2026-11-01T09:30:00Z"),
 *         TestData.costs().projectId("proj_a").amount(TestData.usd("1.25")).build());
 *
 *     UsageQuery<CostsResult> query = UsageQuery.costs()
 *         .start(Instant.parse("2026-11-01T00:00:00Z")).groupBy(GroupByField.PROJECT_ID).build();
 *     UsageResponse page = UsageApiPages.fetch(api, query, null).blockingFirst();
 *
 *     assertThat(((CostsResult) page.data().get(0).results().get(0)).projectId()).isEqualTo("proj_a");
 *   }
 * }
 * }</pre>
 *
 * <p>To configure the servers, register it with {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeUsageServerExtension fake = FakeUsageServerExtension.configured(server -> server
 *     .clock(Clock.fixed(Instant.parse("2026-11-08T00:00:00Z"), ZoneOffset.UTC))
 *     .organization(SyntheticOrganization.generate(42, Instant.parse("2026-10-09T00:00:00Z"), 30)));
 * }</pre>
 *
 * <p>The server starts when a test first asks for it and stops after that test, so tests never share one and
 * may run in parallel. Constructor parameters get the test's own server too (with the default per-method test
 * instance lifecycle). Needs JUnit Jupiter 5.12 or later.
 */
public final class FakeUsageServerExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeUsageServerExtension.class);

  /** One client for all tests: its connection pool and threads are shared, each test's API has its own URL. */
  private static final OkHttpClient CLIENT = new OkHttpClient();

  private final Consumer<FakeUsageServer.Builder> configuration;

  /** Servers with the defaults of {@link FakeUsageServer#builder()}. */
  public FakeUsageServerExtension() {
    this(new Consumer<FakeUsageServer.Builder>() {
      @Override
      public void accept(FakeUsageServer.Builder builder) {}
    });
  }

  private FakeUsageServerExtension(Consumer<FakeUsageServer.Builder> configuration) {
    this.configuration = configuration;
  }

  /** Servers configured by {@code configuration} before they start (called once per test). */
  public static FakeUsageServerExtension configured(Consumer<FakeUsageServer.Builder> configuration) {
    return new FakeUsageServerExtension(Objects.requireNonNull(configuration, "configuration == null"));
  }

  /** Resolves constructor parameters in the test method's context, so that they get the test's server. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == FakeUsageServer.class || type == UsageApi.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    ServerAndApi resources = resources(extensionContext);
    if (type == FakeUsageServer.class) {
      return resources.server;
    }
    if (type == UsageApi.class) {
      return resources.api;
    }
    throw new ParameterResolutionException("Cannot resolve " + type.getName());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ServerAndApi resources = context.getStore(NAMESPACE).remove(ServerAndApi.class, ServerAndApi.class);
    if (resources != null) {
      resources.close();
    }
  }

  private ServerAndApi resources(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(ServerAndApi.class,
        new java.util.function.Function<Class<ServerAndApi>, ServerAndApi>() {
          @Override
          public ServerAndApi apply(Class<ServerAndApi> key) {
            return start();
          }
        },
        ServerAndApi.class);
  }

  private ServerAndApi start() {
    FakeUsageServer.Builder builder = FakeUsageServer.builder();
    configuration.accept(builder);
    FakeUsageServer server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the fake usage server", e);
    }
    UsageApi api = UsageApiFactory.builder()
        .client(CLIENT)
        .adminKey(server.adminKey())
        .baseUrl(server.url())
        .build();
    return new ServerAndApi(server, api);
  }

  /** The server of one test and its client; JUnit closes it if a test ends without afterEach running. */
  private static final class ServerAndApi implements AutoCloseable {
    final FakeUsageServer server;
    final UsageApi api;

    ServerAndApi(FakeUsageServer server, UsageApi api) {
      this.server = server;
      this.api = api;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
