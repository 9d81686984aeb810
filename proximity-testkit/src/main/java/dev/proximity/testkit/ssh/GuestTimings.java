package dev.proximity.testkit.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the slow work inside a simulated container takes: the Docker install script, pulling
 * one image, and starting a Compose project's containers. {@link
 * SshHostSimulator.Builder#timings(GuestTimings, double)} scales them like the Proxmox simulator's
 * task durations; a command that waits is released early, without effect, when the client closes
 * its channel. When a service becomes healthy is not set here: it comes from the service's health
 * check in the compose file (its first check), scaled the same way.
 *
 * @param dockerInstall the install script, {@code apt-get update} and the Docker packages included
 * @param imagePull one image that is not present yet, on {@code compose up} or {@code compose pull}
 * @param containerStart {@code compose up} creating and starting the project's containers
 */
public record GuestTimings(Duration dockerInstall, Duration imagePull, Duration containerStart) {
  /** Everything at once: the default. */
  public static final GuestTimings INSTANT =
      new GuestTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /**
   * Validates the durations.
   *
   * @param dockerInstall the install script, {@code apt-get update} and the Docker packages
   * @param imagePull one image that is not present yet
   * @param containerStart {@code compose up} creating and starting the containers
   */
  public GuestTimings {
    for (Duration d : new Duration[] {dockerInstall, imagePull, containerStart}) {
      if (Objects.requireNonNull(d, "duration").isNegative()) {
        throw new IllegalArgumentException("guest timings must not be negative: " + d);
      }
    }
  }

  /**
   * Returns these timings multiplied by a time scale.
   *
   * @param scale real seconds per simulated second, not negative
   * @return the scaled timings
   */
  public GuestTimings scaled(double scale) {
    if (scale < 0) {
      throw new IllegalArgumentException("scale must not be negative: " + scale);
    }
    return new GuestTimings(scale(dockerInstall, scale), scale(imagePull, scale),
        scale(containerStart, scale));
  }

  private static Duration scale(Duration d, double scale) {
    return Duration.ofNanos((long) (d.toNanos() * scale));
  }
}
