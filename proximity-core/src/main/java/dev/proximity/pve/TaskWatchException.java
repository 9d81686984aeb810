package dev.proximity.pve;

import dev.proximity.ProximityException;

/**
 * Watching a node's task worker processes failed: the watch command could not start on the host,
 * ended, or was closed while tasks were watched. A {@link TaskEndWatch} completes its futures with
 * it; a task wait that sees it polls the task's status instead, so it never fails a wait by
 * itself. Immutable and thread-safe.
 */
public final class TaskWatchException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The node; see {@link #node()}. */
  private final String node;

  /**
   * Creates the exception.
   *
   * @param node the Proxmox node whose watch failed
   * @param detail what happened, without secrets
   * @param cause the underlying failure, or null
   */
  public TaskWatchException(String node, String detail, Throwable cause) {
    super("watching task worker processes on node " + node + " failed: " + detail
        + "; waits on its tasks poll their status instead (check that the node's host shell"
        + " works and may run bash)", cause);
    this.node = node;
  }

  /**
   * Returns the node whose watch failed.
   *
   * @return the Proxmox node name
   */
  public String node() {
    return node;
  }
}
