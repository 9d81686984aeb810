package dev.proximity.command;

import java.util.Objects;

/**
 * Which container a safe command runs in, as recorded in audit events.
 *
 * @param node the Proxmox node, or empty when not known
 * @param vmid the container id, 100..999999999
 * @param app the app's name, or empty when not known
 */
public record CommandTarget(String node, int vmid, String app) {

  /**
   * Validates the components.
   *
   * @param node the Proxmox node, or empty when not known
   * @param vmid the container id, 100..999999999
   * @param app the app's name, or empty when not known
   */
  public CommandTarget {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(app, "app");
    if (vmid < 100 || vmid > 999_999_999) {
      throw new IllegalArgumentException("vmid must be within 100..999999999: " + vmid);
    }
  }

  /**
   * A target known only by its container id.
   *
   * @param vmid the container id
   * @return the target
   */
  public static CommandTarget of(int vmid) {
    return new CommandTarget("", vmid, "");
  }
}
