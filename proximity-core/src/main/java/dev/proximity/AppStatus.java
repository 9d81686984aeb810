package dev.proximity;

/**
 * The state of an app's container, as Proxmox reports it.
 */
public enum AppStatus {
  /** The container is running. */
  RUNNING,
  /** The container is stopped. */
  STOPPED,
  /** The node is offline or the state is otherwise unknown. */
  UNKNOWN;

  /**
   * Maps a Proxmox status string.
   *
   * @param pveStatus {@code running}, {@code stopped} or anything else
   * @return the status
   */
  public static AppStatus fromPve(String pveStatus) {
    if ("running".equals(pveStatus)) {
      return RUNNING;
    }
    return "stopped".equals(pveStatus) ? STOPPED : UNKNOWN;
  }
}
