package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resets {@link RxJavaPlugins} around each test and fails the test if an error was undeliverable (signalled
 * after cancellation or termination, which RxJava routes to the plugins' error handler).
 */
final class RxPlugins implements BeforeEachCallback, AfterEachCallback {
  private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    RxJavaPlugins.reset();
    undeliverable.clear();
    RxJavaPlugins.setErrorHandler(undeliverable::add);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RxJavaPlugins.reset();
    assertThat(undeliverable).as("undeliverable errors").isEmpty();
  }
}
