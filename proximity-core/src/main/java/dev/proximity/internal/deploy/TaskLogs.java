package dev.proximity.internal.deploy;

import dev.proximity.pve.TaskFailedException;
import java.util.List;

/** Extracts the Proxmox task log tail from the client's task failures. */
final class TaskLogs {
  private TaskLogs() {}

  static List<String> tail(Throwable t) {
    return t instanceof TaskFailedException tf ? tf.logTail() : List.of();
  }
}
