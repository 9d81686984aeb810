package dev.proximity;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of an app container's round-robin metrics ({@code rrddata}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param time the sample time
 * @param cpu CPU use as a fraction of the allocated cores
 * @param memoryBytes memory in use
 * @param maxMemoryBytes memory limit
 * @param netInBytesPerSecond network receive rate
 * @param netOutBytesPerSecond network send rate
 * @param diskReadBytesPerSecond disk read rate
 * @param diskWriteBytesPerSecond disk write rate
 */
public record MetricSample(
    Instant time,
    double cpu,
    double memoryBytes,
    double maxMemoryBytes,
    double netInBytesPerSecond,
    double netOutBytesPerSecond,
    double diskReadBytesPerSecond,
    double diskWriteBytesPerSecond) {

  /**
   * Validates the components.
   *
   * @param time the sample time
   * @param cpu CPU use as a fraction of the allocated cores
   * @param memoryBytes memory in use
   * @param maxMemoryBytes memory limit
   * @param netInBytesPerSecond network receive rate
   * @param netOutBytesPerSecond network send rate
   * @param diskReadBytesPerSecond disk read rate
   * @param diskWriteBytesPerSecond disk write rate
   */
  public MetricSample {
    Objects.requireNonNull(time, "time");
  }

  /** The time spans Proxmox keeps metrics for. */
  public enum Timeframe {
    /** The last hour, one sample a minute. */
    HOUR,
    /** The last day. */
    DAY,
    /** The last week. */
    WEEK,
    /** The last month. */
    MONTH,
    /** The last year. */
    YEAR
  }
}
