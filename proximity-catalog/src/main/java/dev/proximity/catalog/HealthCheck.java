package dev.proximity.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The health check of a catalog app, written into the Compose {@code healthcheck} of one service
 * when the app is rendered. Immutable and thread-safe.
 *
 * <p>The deploy pipeline calls an app healthy when every service is running and every service with
 * a health check reports {@code healthy} (see docs/container-contract.md).
 *
 * @param service the Compose service the check runs in
 * @param test the Compose test: {@code CMD} followed by an argv, or {@code CMD-SHELL} and one
 *     shell command
 * @param interval time between checks
 * @param timeout how long one check may take
 * @param retries consecutive failures before the service is unhealthy
 * @param startPeriod grace period after start during which failures do not count
 */
public record HealthCheck(
    String service,
    List<String> test,
    Duration interval,
    Duration timeout,
    int retries,
    Duration startPeriod) {

  /**
   * Validates and copies the components.
   *
   * @param service the Compose service the check runs in
   * @param test {@code CMD} and an argv, or {@code CMD-SHELL} and one command
   * @param interval time between checks
   * @param timeout how long one check may take
   * @param retries consecutive failures before unhealthy, at least 1
   * @param startPeriod grace period after start
   */
  public HealthCheck {
    Objects.requireNonNull(service, "service");
    test = List.copyOf(test);
    if (test.size() < 2 || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"))) {
      throw new IllegalArgumentException("test must be CMD or CMD-SHELL followed by a command");
    }
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
    if (retries < 1) {
      throw new IllegalArgumentException("retries must be at least 1");
    }
  }
}
