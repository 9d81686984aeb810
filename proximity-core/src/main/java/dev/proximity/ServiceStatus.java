package dev.proximity;

import java.util.Objects;

/**
 * The state of one Docker Compose service inside an app, from {@code docker compose ps}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param service the Compose service name
 * @param state {@code running}, {@code exited}, {@code restarting} or {@code created}
 * @param health {@code healthy}, {@code unhealthy}, {@code starting}, or empty without a health check
 */
public record ServiceStatus(String service, String state, String health) {

  /**
   * Validates the components.
   *
   * @param service the Compose service name
   * @param state {@code running}, {@code exited}, {@code restarting} or {@code created}
   * @param health {@code healthy}, {@code unhealthy}, {@code starting}, or empty without a health check
   */
  public ServiceStatus {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    health = health == null ? "" : health;
  }

  /**
   * Whether the service counts as healthy: running, and healthy if it has a health check.
   *
   * @return {@code true} when healthy
   */
  public boolean healthy() {
    return "running".equals(state) && (health.isEmpty() || "healthy".equals(health));
  }
}
