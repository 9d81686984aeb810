package dev.proximity.internal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When Docker runs the health check of one Compose service's container, as the container's
 * configuration says ({@code docker container inspect}: the compose file's {@code healthcheck}
 * block, or the image's {@code HEALTHCHECK}), with Docker's defaults filled in. The health wait
 * looks right after the instants a check can change the app's health, instead of blindly.
 *
 * <p>Docker (Engine 25 and later) runs the first check {@code start_interval} after the container
 * starts when a {@code start_period} is set and {@code interval} after the start otherwise; each
 * later check runs one {@code start_interval} (still inside the start period) or one
 * {@code interval} after the previous check ended. Immutable and thread-safe.
 *
 * @param service the Compose service name
 * @param interval {@code interval}, Docker's default 30 s when the block has none
 * @param timeout {@code timeout}: how long one check may run, default 30 s
 * @param startPeriod {@code start_period}, default zero
 * @param startInterval {@code start_interval}: the time between checks during the start period,
 *     Docker's default 5 s when the block has none
 */
record ServiceHealthCheck(String service, Duration interval, Duration timeout,
    Duration startPeriod, Duration startInterval) {
  /** Docker's {@code interval} and {@code timeout} when a health check names none. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** Docker's {@code start_interval} when a health check with a start period names none. */
  static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);

  /**
   * Validates the components: intervals and timeout positive, start period not negative.
   *
   * @param service the Compose service name
   * @param interval {@code interval}
   * @param timeout {@code timeout}
   * @param startPeriod {@code start_period}
   * @param startInterval {@code start_interval}
   */
  ServiceHealthCheck {
    Objects.requireNonNull(service, "service");
    for (Duration d : new Duration[] {interval, timeout, startInterval}) {
      if (Objects.requireNonNull(d, "duration").isNegative() || d.isZero()) {
        throw new IllegalArgumentException("health check of " + service
            + ": interval, timeout and start interval must be positive, got " + d);
      }
    }
    if (Objects.requireNonNull(startPeriod, "startPeriod").isNegative()) {
      throw new IllegalArgumentException("health check of " + service
          + ": start period must not be negative, got " + startPeriod);
    }
  }

  /**
   * Returns how long after the container's start Docker runs the first check.
   *
   * @return {@code startInterval} when there is a start period, else {@code interval}
   */
  Duration firstCheck() {
    return startPeriod.isZero() ? interval : startInterval;
  }

  /**
   * Reads a container's {@code .Config.Healthcheck} as {@code docker container inspect} prints it
   * in JSON: durations in nanoseconds, zero or absent meaning Docker's default.
   *
   * @param service the Compose service of the container
   * @param config the JSON object, or a null/missing node when the container has no check
   * @return the check, or empty when there is none ({@code NONE}) or it cannot be read
   */
  static Optional<ServiceHealthCheck> fromInspect(String service, JsonNode config) {
    if (config == null || !config.isObject()) {
      return Optional.empty();
    }
    JsonNode test = config.path("Test");
    if (test.isArray() && test.size() > 0 && "NONE".equals(test.get(0).asText())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ServiceHealthCheck(service,
          nanos(config, "Interval", DEFAULT_INTERVAL), nanos(config, "Timeout", DEFAULT_INTERVAL),
          nanos(config, "StartPeriod", Duration.ZERO),
          nanos(config, "StartInterval", DEFAULT_START_INTERVAL)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // negative durations: not a configuration Docker would run
    }
  }

  private static Duration nanos(JsonNode config, String field, Duration fallback) {
    long n = config.path(field).asLong(0);
    return n == 0 ? fallback : Duration.ofNanos(n);
  }
}
