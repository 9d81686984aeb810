package dev.proximity;

import java.time.Instant;
import java.util.Objects;

/**
 * A vzdump backup of an app's container.
 *
 * <p>Immutable and thread-safe.
 *
 * @param volid the Proxmox volume id, such as {@code local:backup/vzdump-lxc-105-2026_01_02-03_04_05.tar.zst}
 * @param node the node whose storage holds it
 * @param storage the storage id
 * @param vmid the container it was taken of
 * @param createdAt when it was taken
 * @param sizeBytes its size
 * @param notes the notes stored with it, possibly empty
 */
public record Backup(
    String volid,
    String node,
    String storage,
    int vmid,
    Instant createdAt,
    long sizeBytes,
    String notes) {

  /**
   * Validates the components.
   *
   * @param volid the Proxmox volume id, such as {@code local:backup/vzdump-lxc-105-2026_01_02-03_04_05.tar.zst}
   * @param node the node whose storage holds it
   * @param storage the storage id
   * @param vmid the container it was taken of
   * @param createdAt when it was taken
   * @param sizeBytes its size
   * @param notes the notes stored with it, possibly empty
   */
  public Backup {
    Objects.requireNonNull(volid, "volid");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(createdAt, "createdAt");
    notes = notes == null ? "" : notes;
  }
}
