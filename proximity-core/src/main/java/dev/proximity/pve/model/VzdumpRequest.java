package dev.proximity.pve.model;

import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code POST /nodes/{node}/vzdump} for one container: a backup now.
 *
 * <p>Compression defaults to {@code zstd} (the API's default is none). Immutable and thread-safe.
 *
 * @param vmid the container
 * @param storage target storage, or null for the node default
 * @param mode snapshot, suspend or stop
 * @param compress {@code zstd}, {@code gzip}, {@code lzo} or {@code 0}
 * @param pruneBackups retention applied after the backup, or null for the storage's
 * @param notesTemplate notes, e.g. {@code {{guestname}}}, or null
 * @param protect mark the backup protected
 */
public record VzdumpRequest(int vmid, String storage, BackupMode mode, String compress, PruneBackups pruneBackups,
    String notesTemplate, boolean protect) {

  /**
   * Validates the values.
   *
   * @param vmid the container
   * @param storage target storage, or null for the node default
   * @param mode snapshot, suspend or stop
   * @param compress {@code zstd}, {@code gzip}, {@code lzo} or {@code 0}
   * @param pruneBackups retention applied after the backup, or null for the storage's
   * @param notesTemplate notes, e.g. {@code {{guestname}}}, or null
   * @param protect mark the backup protected
   */
  public VzdumpRequest {
    Params.checkVmid(vmid);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(compress, "compress");
  }

  /**
   * Creates a snapshot-mode, zstd backup of a container to a storage.
   *
   * @param vmid the container
   * @param storage the target storage
   * @return the request
   */
  public static VzdumpRequest of(int vmid, String storage) {
    return new VzdumpRequest(vmid, storage, BackupMode.SNAPSHOT, "zstd", null, null, false);
  }

  /**
   * Returns a copy with another mode.
   *
   * @param mode the mode
   * @return the request
   */
  public VzdumpRequest withMode(BackupMode mode) {
    return new VzdumpRequest(vmid, storage, mode, compress, pruneBackups, notesTemplate, protect);
  }

  /**
   * Returns a copy with a retention.
   *
   * @param prune the retention
   * @return the request
   */
  public VzdumpRequest withPruneBackups(PruneBackups prune) {
    return new VzdumpRequest(vmid, storage, mode, compress, prune, notesTemplate, protect);
  }

  /**
   * Returns a copy with a notes template.
   *
   * @param notes e.g. {@code {{guestname}}}
   * @return the request
   */
  public VzdumpRequest withNotes(String notes) {
    return new VzdumpRequest(vmid, storage, mode, compress, pruneBackups, notes, protect);
  }

  /**
   * Returns a copy that marks the backup protected.
   *
   * @return the request
   */
  public VzdumpRequest protectedBackup() {
    return new VzdumpRequest(vmid, storage, mode, compress, pruneBackups, notesTemplate, true);
  }

  /**
   * Returns the parameters exactly as sent.
   *
   * @return name to value
   */
  public Map<String, String> parameters() {
    Params p = new Params();
    p.put("vmid", Integer.toString(vmid));
    p.put("storage", storage);
    p.put("mode", mode.wire());
    p.put("compress", compress);
    p.put("prune-backups", pruneBackups == null ? null : pruneBackups.render());
    p.put("notes-template", notesTemplate);
    if (protect) {
      p.put("protected", true);
    }
    return p.snapshot();
  }
}
