package dev.usagekit.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.usagekit.model.UsageEndpoint;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Random UNUSED = new Random(0);

  private static UsageApiException http(int status, @javax.annotation.Nullable Duration retryAfter) {
    return new UsageApiException("HTTP " + status, UsageEndpoint.COMPLETIONS, 1, null, status, null, null, null,
        null, null, retryAfter);
  }

  private static UsageNetworkException io(IOException cause) {
    return new UsageNetworkException("I/O failure", cause, UsageEndpoint.COMPLETIONS, 1, null);
  }

  private static UsageNetworkException io() {
    return new UsageNetworkException("I/O failure", new IOException("reset"), UsageEndpoint.COMPLETIONS, 1, null);
  }

  @Test
  void defaultsAreFourRetriesFromOneSecondDoublingToThirtySecondsWithJitter() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxRetries()).isEqualTo(4);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.multiplier()).isEqualTo(2.0);
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.jitter()).isEqualTo(0.2);
    assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(policy.seed()).isNull();
    assertThat(RetryPolicy.builder().build()).isEqualTo(policy);
  }

  @Test
  void noneNeverRetries() {
    assertThat(RetryPolicy.none().maxRetries()).isZero();
    assertThat(RetryPolicy.none().delayMillis(1, http(503, null), UNUSED)).isEqualTo(-1);
    assertThat(RetryPolicy.none().delayMillis(1, io(), UNUSED)).isEqualTo(-1);
  }

  @Test
  void withoutJitterTheBackoffDoublesUpToTheCap() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxRetries(8).build();

    List<Long> delays = new ArrayList<>();
    for (int retry = 1; retry <= 8; retry++) {
      delays.add(policy.delayMillis(retry, http(500, null), UNUSED));
    }

    assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
  }

  @Test
  void jitterShortensEachBackoffByAtMostItsFractionAndNeverExceedsTheCap() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0.2).maxRetries(10).build();
    Random random = new Random(1);

    for (int i = 0; i < 1_000; i++) {
      int retry = 1 + i % 10;
      long exact = Math.min(1_000L << (retry - 1), 30_000L);
      assertThat(policy.delayMillis(retry, io(), random)).isBetween((long) (exact * 0.8), exact);
    }
  }

  @Test
  void aSeedReplaysTheSameJitter() {
    RetryPolicy policy = RetryPolicy.builder().seed(99L).jitter(1).build();
    Random first = policy.newRandom();
    Random second = policy.newRandom();

    for (int retry = 1; retry <= 4; retry++) {
      assertThat(policy.delayMillis(retry, io(), first)).isEqualTo(policy.delayMillis(retry, io(), second));
    }
  }

  @Test
  void retryAfterIsWaitedExactlyWithoutJitter() {
    RetryPolicy policy = RetryPolicy.builder().jitter(1).build();

    assertThat(policy.delayMillis(1, http(429, Duration.ofMillis(7_250)), new Random())).isEqualTo(7_250);
    assertThat(policy.delayMillis(3, http(503, Duration.ofSeconds(1)), new Random())).isEqualTo(1_000);
  }

  @Test
  void retryAfterZeroWaitsTheFloorWithJitterInstead() {
    RetryPolicy policy = RetryPolicy.builder().jitter(1).build();

    assertThat(policy.delayMillis(3, http(503, Duration.ZERO), new Random())).isBetween(1_000L, 2_000L);
  }

  @Test
  void aRetryAfterAboveMaxRetryAfterIsNotWaitedFor() {
    RetryPolicy policy = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build();

    assertThat(policy.delayMillis(1, http(429, Duration.ofSeconds(10)), UNUSED)).isEqualTo(10_000);
    assertThat(policy.delayMillis(1, http(429, Duration.ofSeconds(11)), UNUSED)).isEqualTo(-1);
  }

  @Test
  void onlyThrottlingServerErrorsAndIoFailuresAreRetried() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0).build();

    for (int status : new int[] {429, 500, 502, 503, 504}) {
      assertThat(policy.delayMillis(1, http(status, null), UNUSED)).as("HTTP %d", status).isEqualTo(1_000);
    }
    for (int status : new int[] {400, 401, 403, 404, 405, 409, 422, 501, 505}) {
      assertThat(policy.delayMillis(1, http(status, Duration.ofSeconds(1)), UNUSED)).as("HTTP %d", status)
          .isEqualTo(-1);
    }
    assertThat(policy.delayMillis(1, io(), UNUSED)).isEqualTo(1_000);
    assertThat(policy.delayMillis(1,
        new UsageDecodingException("bad", null, UsageEndpoint.COSTS, 1, null), UNUSED)).isEqualTo(-1);
    assertThat(policy.delayMillis(1, new IllegalStateException("bug"), UNUSED)).isEqualTo(-1);
  }

  @Test
  void aRedirectLoopOrAMalformedResponseIsNotRetriedButABodyThatBrokeOffIs() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0).build();
    Random random = new Random(1);

    assertThat(policy.delayMillis(1, io(new ProtocolException("Too many follow-up requests: 21")), random))
        .isEqualTo(-1L);
    assertThat(policy.delayMillis(1, io(new ProtocolException("Unexpected status line: HTTP/9")), random))
        .isEqualTo(-1L);
    assertThat(policy.delayMillis(1, io(new ProtocolException("unexpected end of stream")), random))
        .isEqualTo(1_000L);
  }

  @Test
  void retriesStopAfterMaxRetries() {
    RetryPolicy policy = RetryPolicy.builder().maxRetries(2).build();

    assertThat(policy.delayMillis(2, io(), new Random())).isNotNegative();
    assertThat(policy.delayMillis(3, io(), new Random())).isEqualTo(-1);
  }

  @Test
  void invalidSettingsAreRejectedNamingTheSetting() {
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxRetries(-1))
        .withMessage("maxRetries must be >= 0, was -1");
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .withMessage("jitter must be between 0 and 1, was 1.5");
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().jitter(Double.NaN))
        .withMessage("jitter must be between 0 and 1, was NaN");
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
        .withMessage("multiplier must be a finite number >= 1, was 0.5");
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(-1)))
        .withMessage("initialBackoff must not be negative, was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1))
            .build())
        .withMessage("maxBackoff (PT1S) must not be less than initialBackoff (PT5S)");
    assertThatNullPointerException().isThrownBy(() -> RetryPolicy.builder().maxRetryAfter(null))
        .withMessage("maxRetryAfter == null");
  }

  @Test
  void toStringShowsTheSettings() {
    assertThat(RetryPolicy.builder().seed(3).build().toString()).isEqualTo(
        "RetryPolicy{maxRetries=4, initialBackoff=PT1S, maxBackoff=PT30S, multiplier=2.0, jitter=0.2, "
            + "minRetryAfter=PT1S, maxRetryAfter=PT2M, seed=3}");
  }
}
