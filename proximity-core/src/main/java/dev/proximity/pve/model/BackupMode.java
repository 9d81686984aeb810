package dev.proximity.pve.model;

import java.util.Locale;

/** How vzdump gets a consistent container state. */
public enum BackupMode {
  /** Snapshot of all volumes; needs snapshot-capable storage. The API default. */
  SNAPSHOT,
  /** rsync, then a short freeze. */
  SUSPEND,
  /** Stop the container for the backup. */
  STOP;

  /**
   * Returns the value sent to the API.
   *
   * @return e.g. {@code snapshot}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
