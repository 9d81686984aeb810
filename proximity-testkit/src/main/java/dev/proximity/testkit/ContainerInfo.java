package dev.proximity.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one simulated container, for test assertions.
 *
 * @param vmid id
 * @param node node
 * @param running whether it runs
 * @param template whether it is a template
 * @param lock the operation holding its config lock, or null
 * @param ipv4 its DHCP lease, or null
 * @param config its configuration as Proxmox stores it
 */
public record ContainerInfo(int vmid, String node, boolean running, boolean template, String lock, String ipv4,
    Map<String, String> config) {
  /**
   * Copies the config.
   *
   * @param vmid id
   * @param node node
   * @param running whether it runs
   * @param template whether it is a template
   * @param lock the operation holding its config lock, or null
   * @param ipv4 its DHCP lease, or null
   * @param config its configuration as Proxmox stores it
   */
  public ContainerInfo {
    config = Map.copyOf(config);
  }

  /** @return the lock, if any */
  public Optional<String> lockName() {
    return Optional.ofNullable(lock);
  }
}
