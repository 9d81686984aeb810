package dev.proximity.testkit;

import java.util.Optional;

/**
 * A read view of one simulated container, shared by the Proxmox and SSH simulators.
 */
public interface SimGuest {

  /** @return the container id */
  int vmid();

  /** @return the node the container is on */
  String node();

  /** @return whether the container is running */
  boolean running();

  /** @return whether the container is a template */
  boolean template();

  /** @return the IPv4 address the simulated DHCP gave it, while running */
  Optional<String> ipv4();

  /** @return the container's file system */
  GuestFs fs();

  /**
   * Returns the container's hostname, as {@code uname -n} prints it inside.
   *
   * @return the hostname; by default {@code ct<vmid>}
   */
  default String hostname() {
    return "ct" + vmid();
  }

  /**
   * Returns the memory limit, for the simulated {@code free} inside the container.
   *
   * @return MiB; by default 1024
   */
  default int memoryMiB() {
    return 1024;
  }

  /**
   * Returns the swap limit, for the simulated {@code free} inside the container.
   *
   * @return MiB; by default 512
   */
  default int swapMiB() {
    return 512;
  }

  /**
   * Returns the root file system size, for the simulated {@code df} inside the container.
   *
   * @return GiB; by default 8
   */
  default int rootfsGiB() {
    return 8;
  }
}
