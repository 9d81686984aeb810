package dev.proximity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An app operation (deploy, update, clone, restore) failed at a step.
 *
 * <p>By the time this is thrown, what the operation created has been rolled back, unless the
 * caller asked to keep it ({@code keepOnFailure()}) or the rollback itself failed; {@link
 * #rolledBack()} tells which. The cause is the underlying failure ({@code PveApiException}, {@code
 * TaskFailedException}, an SSH error, {@link OperationTimeoutException}, ...). The message names the
 * operation, the app, the step and, for known failures, what to change.
 */
public final class DeployException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The operation that failed, e.g. {@code deploy}; see {@link #operation()}. */
  private final String operation;
  /** The name of the app the operation was for; see {@link #app()}. */
  private final String app;
  /** The step that failed; see {@link #step()}. */
  private final DeployStep step;
  /** The node, or null when the failure came before placement; see {@link #node()}. */
  private final String node;
  /** The container id, or 0 when none was allocated; see {@link #vmid()}. */
  private final int vmid;
  /** Whether the partial work was completely rolled back; see {@link #rolledBack()}. */
  private final boolean rolledBack;
  /** The last lines of the remote log, possibly empty; see {@link #remoteLogTail()}. */
  private final List<String> remoteLogTail;
  /** What to do about the failure, or null; see {@link #hint()}. */
  private final String hint;
  /** The kept safety backup of a restore in place, or null; see {@link #safetyBackup()}. */
  private final String safetyBackup;

  /**
   * Creates the exception.
   *
   * @param operation the operation, such as {@code deploy}
   * @param app the app name
   * @param step the failed step
   * @param node the node, or {@code null} when not yet placed
   * @param vmid the container id, or 0 when none was allocated
   * @param rolledBack whether what was created has been removed
   * @param remoteLogTail the last lines of the remote or task log, free of secrets
   * @param hint what to change, or {@code null}
   * @param cause the underlying failure
   */
  public DeployException(
      String operation,
      String app,
      DeployStep step,
      String node,
      int vmid,
      boolean rolledBack,
      List<String> remoteLogTail,
      String hint,
      Throwable cause) {
    this(operation, app, step, node, vmid, rolledBack, remoteLogTail, hint, null, cause);
  }

  /**
   * Creates the exception of a restore in place whose undo failed too, naming the safety backup
   * that holds the app's state from before the restore.
   *
   * @param operation the operation, such as {@code restore}
   * @param app the app name
   * @param step the failed step
   * @param node the node, or {@code null} when not yet placed
   * @param vmid the container id, or 0 when none was allocated
   * @param rolledBack whether the app was put back as it was
   * @param remoteLogTail the last lines of the remote or task log, free of secrets
   * @param hint what to change, or {@code null}
   * @param safetyBackup the volume id of the kept safety backup, or {@code null}
   * @param cause the underlying failure
   */
  public DeployException(
      String operation,
      String app,
      DeployStep step,
      String node,
      int vmid,
      boolean rolledBack,
      List<String> remoteLogTail,
      String hint,
      String safetyBackup,
      Throwable cause) {
    super(message(operation, app, step, node, vmid, rolledBack, hint, safetyBackup, cause),
        cause);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.app = Objects.requireNonNull(app, "app");
    this.step = Objects.requireNonNull(step, "step");
    this.node = node;
    this.vmid = vmid;
    this.rolledBack = rolledBack;
    this.remoteLogTail = List.copyOf(remoteLogTail);
    this.hint = hint;
    this.safetyBackup = safetyBackup;
  }

  private static String message(
      String operation, String app, DeployStep step, String node, int vmid, boolean rolledBack,
      String hint, String safetyBackup, Throwable cause) {
    StringBuilder sb = new StringBuilder();
    sb.append(operation).append(" of app '").append(app).append("' failed at step ")
        .append(step.label());
    if (node != null) {
      sb.append(" on node ").append(node);
    }
    if (vmid > 0) {
      sb.append(" (CT ").append(vmid).append(')');
    }
    if (cause != null && cause.getMessage() != null) {
      sb.append(": ").append(cause.getMessage());
    }
    if (safetyBackup != null && !rolledBack) {
      sb.append("; the app could not be put back, its safety backup '").append(safetyBackup)
          .append("' is kept");
    } else {
      sb.append(rolledBack ? "; rolled back" : vmid > 0 ? "; container kept for inspection" : "");
    }
    if (hint != null) {
      sb.append(". Hint: ").append(hint);
    }
    return sb.toString();
  }

  /**
   * The operation that failed.
   *
   * @return e.g. {@code deploy}, {@code update}
   */
  public String operation() {
    return operation;
  }

  /**
   * The app the operation was about.
   *
   * @return the app name
   */
  public String app() {
    return app;
  }

  /**
   * The step that failed.
   *
   * @return the step
   */
  public DeployStep step() {
    return step;
  }

  /**
   * The node the operation ran on.
   *
   * @return the node, empty when the failure came before placement
   */
  public Optional<String> node() {
    return Optional.ofNullable(node);
  }

  /**
   * The container the operation created or worked on.
   *
   * @return the vmid, empty when none was allocated
   */
  public OptionalInt vmid() {
    return vmid > 0 ? OptionalInt.of(vmid) : OptionalInt.empty();
  }

  /**
   * Whether what the operation created was removed (or, for updates, the backup restored).
   *
   * @return {@code true} after a complete rollback
   */
  public boolean rolledBack() {
    return rolledBack;
  }

  /**
   * The last lines of the remote command output or task log that explain the failure.
   *
   * @return an immutable list, possibly empty
   */
  public List<String> remoteLogTail() {
    return remoteLogTail;
  }

  /**
   * What to change for a recognised failure, such as the Docker-in-LXC AppArmor regression.
   *
   * @return the hint, or empty
   */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /**
   * The safety backup of a restore in place that failed and could not be undone: it holds the app
   * as it was before the restore, and is kept so that it can be restored by hand.
   *
   * @return its volume id, or empty when the app was put back (or the operation is not a restore)
   */
  public Optional<String> safetyBackup() {
    return Optional.ofNullable(safetyBackup);
  }
}
