package dev.usagekit.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.testkit.FakeUsageServer;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every scenario of the fault matrix shares: the fault-free {@link Baseline}, a {@link FaultStack} started by
 * the test, and after the test the checks that nothing leaked and that RxJava had no error it could not deliver.
 */
abstract class HardeningTest {
  private final List<Throwable> undeliverable = Collections.synchronizedList(new ArrayList<>());
  private Set<Thread> threadsBefore = Set.of();
  private @Nullable FaultStack stack;

  @BeforeAll
  static void fetchBaseline() {
    Baseline.get(); // before any scenario counts threads
  }

  @BeforeEach
  void watchThreadsAndRxErrors() {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  /** The stack of this test; one per test. */
  FaultStack stack(Consumer<FakeUsageServer.Builder> configure, Predicate<String> shortReadTimeout) {
    assertThat(stack).as("one stack per test").isNull();
    stack = new FaultStack(configure, shortReadTimeout);
    return stack;
  }

  FaultStack stack() {
    return stack(builder -> {}, page -> false);
  }

  @AfterEach
  void nothingLeaked() throws InterruptedException {
    try {
      if (stack != null) {
        stack.closeAndCheckNoLeaks(threadsBefore);
      }
    } finally {
      RxJavaPlugins.reset();
    }
    assertThat(undeliverable).as("errors RxJava could not deliver").isEmpty();
  }
}
