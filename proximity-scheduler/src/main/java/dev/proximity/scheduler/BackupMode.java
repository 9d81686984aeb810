package dev.proximity.scheduler;

/** How vzdump backs up a running container (Proxmox {@code mode}). */
public enum BackupMode {
  /** A storage snapshot while the container runs (the default; needs snapshot-capable storage). */
  SNAPSHOT("snapshot"),
  /** rsync, then a short suspend for the final sync. */
  SUSPEND("suspend"),
  /** Stop the container, back it up, start it again. */
  STOP("stop");

  private final String apiValue;

  BackupMode(String apiValue) {
    this.apiValue = apiValue;
  }

  /** @return the Proxmox API value, such as {@code snapshot} */
  public String apiValue() {
    return apiValue;
  }

  /**
   * Reads a Proxmox API value.
   *
   * @param value {@code snapshot}, {@code suspend} or {@code stop}
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static BackupMode fromApiValue(String value) {
    for (BackupMode m : values()) {
      if (m.apiValue.equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown backup mode '" + value + "'");
  }
}
