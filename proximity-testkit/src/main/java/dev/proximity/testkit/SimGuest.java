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
}
