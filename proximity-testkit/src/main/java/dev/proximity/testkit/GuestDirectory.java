package dev.proximity.testkit;

import java.util.Optional;

/**
 * Looks up simulated containers; implemented by the Proxmox simulator, used by the SSH host
 * simulator to emulate {@code pct} against the same state.
 */
public interface GuestDirectory {

  /**
   * Finds a container on a node.
   *
   * @param node the node name
   * @param vmid the container id
   * @return the container, or empty when that node has no such container
   */
  Optional<SimGuest> guest(String node, int vmid);
}
