package dev.proximity;

import java.time.Duration;
import java.util.Objects;

/**
 * A point-in-time view of an app container's resource use.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cpu CPU use as a fraction of the allocated cores (0.25 = a quarter)
 * @param cores the allocated cores
 * @param memoryBytes memory in use
 * @param maxMemoryBytes memory limit
 * @param diskBytes root disk in use
 * @param maxDiskBytes root disk size
 * @param uptime time since the container started, zero when stopped
 */
public record AppUsage(
    double cpu,
    int cores,
    long memoryBytes,
    long maxMemoryBytes,
    long diskBytes,
    long maxDiskBytes,
    Duration uptime) {

  /**
   * Validates the components.
   *
   * @param cpu CPU use as a fraction of the allocated cores (0.25 = a quarter)
   * @param cores the allocated cores
   * @param memoryBytes memory in use
   * @param maxMemoryBytes memory limit
   * @param diskBytes root disk in use
   * @param maxDiskBytes root disk size
   * @param uptime time since the container started, zero when stopped
   */
  public AppUsage {
    Objects.requireNonNull(uptime, "uptime");
  }
}
