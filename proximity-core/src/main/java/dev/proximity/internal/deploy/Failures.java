package dev.proximity.internal.deploy;

import dev.proximity.DeployException;
import dev.proximity.DeployStep;
import java.util.List;
import java.util.concurrent.CancellationException;

/** Turns a failure inside an operation into the {@link DeployException} the caller sees. */
final class Failures {
  private Failures() {}

  /** The remote output or task log tail that explains a failure. */
  static List<String> tail(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CommandFailedException cf) {
        return cf.tail();
      }
      List<String> taskTail = TaskLogs.tail(c);
      if (!taskTail.isEmpty()) {
        return taskTail;
      }
    }
    return List.of();
  }

  /**
   * Wraps a failure of an operation.
   *
   * @param op the operation
   * @param step the failed step
   * @param node the node, or null
   * @param vmid the container, or 0
   * @param rolledBack whether the rollback completed
   * @param t the failure
   * @return the exception to throw
   */
  static DeployException wrap(Operation op, DeployStep step, String node, int vmid,
      boolean rolledBack, Throwable t) {
    List<String> tail = tail(t);
    String hint = DockerFailures.hintFor(String.join("\n", tail))
        .or(() -> DockerFailures.hintFor(t.getMessage()))
        .orElse(null);
    return new DeployException(op.name(), op.app(), step, node, vmid, rolledBack, tail, hint, t);
  }

  static boolean isCancellation(Throwable t) {
    return t instanceof CancellationException || t instanceof InterruptedException;
  }
}
