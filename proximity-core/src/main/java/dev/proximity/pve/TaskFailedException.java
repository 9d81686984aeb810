package dev.proximity.pve;

import dev.proximity.ProximityException;
import java.util.List;

/**
 * A Proxmox task ended with an error exit status (or with warnings, when the caller asked to fail on them).
 *
 * <p>Carries the UPID, the exit status and the last lines of the task log. Immutable and thread-safe.
 */
public class TaskFailedException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The UPID text; see {@link #upid()}. */
  private final String upid;
  /** The error text, or {@code WARNINGS: n}; see {@link #exitStatus()}. */
  private final String exitStatus;
  /** The last task log lines, up to 20, oldest first; see {@link #logTail()}. */
  private final List<String> logTail;

  /**
   * Creates the exception.
   *
   * @param upid the task's UPID
   * @param exitStatus the exit status, e.g. {@code CT 105 already exists on node 'pve'}
   * @param logTail the last lines of the task log
   */
  public TaskFailedException(String upid, String exitStatus, List<String> logTail) {
    super(message(upid, exitStatus, logTail));
    this.upid = upid;
    this.exitStatus = exitStatus;
    this.logTail = List.copyOf(logTail);
  }

  private static String message(String upid, String exitStatus, List<String> logTail) {
    StringBuilder sb = new StringBuilder("task ").append(upid).append(" failed: ").append(exitStatus);
    if (!logTail.isEmpty()) {
      sb.append("\nlast task log lines:");
      logTail.forEach(l -> sb.append("\n  ").append(l));
    }
    return sb.toString();
  }

  /**
   * Returns the UPID of the failed task.
   *
   * @return the UPID text
   */
  public String upid() {
    return upid;
  }

  /**
   * Returns the exit status.
   *
   * @return the error text, or {@code WARNINGS: n}
   */
  public String exitStatus() {
    return exitStatus;
  }

  /**
   * Returns the last lines of the task log.
   *
   * @return up to 20 lines, oldest first
   */
  public List<String> logTail() {
    return logTail;
  }

  /**
   * Tells whether the task failed on a config lock timeout, so repeating it later may succeed.
   *
   * @return true for {@code can't lock file ... got timeout}
   */
  public boolean isConfigLocked() {
    return ConfigLockedException.isLockTimeout(exitStatus);
  }

  /**
   * Tells whether the task failed because the guest id was already taken (a lost {@code nextid} race).
   *
   * @return true for {@code ... already exists ...}
   */
  public boolean isAlreadyExists() {
    return exitStatus != null && exitStatus.contains("already exists");
  }
}
