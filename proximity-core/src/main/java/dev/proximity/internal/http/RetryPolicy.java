package dev.proximity.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with jittered exponential backoff for idempotent reads.
 *
 * @param maxAttempts attempts in total, at least 1
 * @param baseDelay delay before the second attempt, before jitter
 * @param maxDelay cap of one delay
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** Statuses that mean "try again": gateway errors and failed proxying to another node. */
  public static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503, 504, 595, 596, 599);

  /** Validates the bounds. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /**
   * Returns the default policy: 4 attempts, 200 ms doubling, capped at 2 s.
   *
   * @return the policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  /**
   * Returns the delay before the given retry, with "equal jitter" (half fixed, half random).
   *
   * @param retry 1 for the first retry
   * @return the delay
   */
  public Duration delay(int retry) {
    long base = baseDelay.toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
  }
}
