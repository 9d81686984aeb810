package dev.proximity.examples.benchmarks;

import dev.proximity.catalog.Catalogs;
import dev.proximity.catalog.HealthCheck;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.ssh.GuestTimings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The latency of every modelled step of a deploy, in real-world (unscaled) time: the Proxmox tasks
 * and the steps inside the container. The deploy scenario makes both simulators apply exactly these
 * (scaled), and {@link CriticalPath} computes its lower bound from the same figures.
 *
 * @param download {@code pveam download} of the OS template ({@code download} task)
 * @param create {@code pct create} from that template ({@code vzcreate})
 * @param linkedClone a linked clone of a template on LVM-thin ({@code vzclone})
 * @param start {@code pct start} ({@code vzstart})
 * @param dhcp from the start until the container's DHCP client has an IPv4 address
 * @param dockerInstall the Docker install script inside the container
 * @param imagePull pulling one image that is not present
 * @param containerStart {@code docker compose up -d} creating and starting the containers
 * @param healthy from the app's start until its health check first passes; the SSH host simulator
 *     takes this from the app's compose file, so it must agree with the catalog entry
 * @param stop {@code pct stop} ({@code vzstop}), preparing golden templates only
 * @param template converting a container to a template ({@code vztemplate}), golden templates only
 */
public record DeployLatencies(Duration download, Duration create, Duration linkedClone, Duration start,
    Duration dhcp, Duration dockerInstall, Duration imagePull, Duration containerStart,
    Duration healthy, Duration stop, Duration template) {

  /**
   * Checks that no latency is missing or negative.
   *
   * @param download {@code pveam download} of the OS template
   * @param create {@code pct create} from that template
   * @param linkedClone a linked clone of a template
   * @param start {@code pct start}
   * @param dhcp from the start until the container has an IPv4 address
   * @param dockerInstall the Docker install script
   * @param imagePull pulling one image
   * @param containerStart {@code docker compose up -d} starting the containers
   * @param healthy from the app's start until its health check first passes
   * @param stop {@code pct stop}
   * @param template converting a container to a template
   */
  public DeployLatencies {
    for (Duration d : new Duration[] {download, create, linkedClone, start, dhcp, dockerInstall,
        imagePull, containerStart, healthy, stop, template}) {
      if (Objects.requireNonNull(d, "latency").isNegative()) {
        throw new IllegalArgumentException("a latency must not be negative: " + d);
      }
    }
  }

  /**
   * The figures docs/performance.md explains, step by step, for a node on SSD-backed LVM-thin with
   * a 100 Mbit/s uplink, deploying the catalog's {@code hello} app (one small image).
   *
   * @return the realistic latencies
   */
  public static DeployLatencies realistic() {
    return new DeployLatencies(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofSeconds(2),
        firstCheck(Catalogs.bundled().entry("hello").healthCheck().orElseThrow()),
        Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  /**
   * When Docker runs a catalog health check for the first time after the container starts: one
   * start interval (the catalog sets none, so Docker's 5 s) when it has a start period, else one
   * interval. The check passes then for an app that is up by that time, as {@code hello} is.
   *
   * @param check the entry's health check
   * @return the delay from the start to the first check
   */
  static Duration firstCheck(HealthCheck check) {
    return check.startPeriod().isZero() ? check.interval() : Duration.ofSeconds(5);
  }

  /**
   * Makes a Proxmox simulator apply the task latencies and the DHCP delay.
   *
   * @param b the simulator builder, whose time scale applies
   */
  public void applyTo(PveSimulatorBuilder b) {
    Map.of("download", download, "vzcreate", create, "vzclone", linkedClone, "vzstart", start,
        "vzstop", stop, "vztemplate", template).forEach(b::taskDuration);
    b.dhcpDelay(dhcp);
  }

  /**
   * The latencies of the steps inside the container, for the SSH host simulator; the health check
   * timing comes from the deployed compose file.
   *
   * @return the guest timings
   */
  public GuestTimings guestTimings() {
    return new GuestTimings(dockerInstall, imagePull, containerStart);
  }
}
