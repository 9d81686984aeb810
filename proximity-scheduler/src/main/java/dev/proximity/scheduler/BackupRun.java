package dev.proximity.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one in-process backup run over every app.
 *
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param apps one entry per app, in vmid order
 */
public record BackupRun(Instant startedAt, Instant finishedAt, List<AppBackup> apps) {

  /**
   * The outcome for one app.
   *
   * @param vmid the app's container id
   * @param name the app's name
   * @param node the node it runs on
   * @param succeeded whether both the backup and the pruning succeeded
   * @param message what failed, or an empty string
   */
  public record AppBackup(int vmid, String name, String node, boolean succeeded, String message) {

    /**
     * Validates the components.
     *
     * @param vmid the app's container id
     * @param name the app's name
     * @param node the node it runs on
     * @param succeeded whether both the backup and the pruning succeeded
     * @param message what failed, or an empty string
     */
    public AppBackup {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(node, "node");
      message = message == null ? "" : message;
    }
  }

  /**
   * Validates and copies the components.
   *
   * @param startedAt when the run started
   * @param finishedAt when it ended
   * @param apps one entry per app, in vmid order
   */
  public BackupRun {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    apps = List.copyOf(apps);
  }

  /** @return whether every app was backed up and pruned */
  public boolean succeeded() {
    return apps.stream().allMatch(AppBackup::succeeded);
  }

  /** @return the apps whose backup or pruning failed */
  public List<AppBackup> failures() {
    return apps.stream().filter(a -> !a.succeeded()).toList();
  }
}
