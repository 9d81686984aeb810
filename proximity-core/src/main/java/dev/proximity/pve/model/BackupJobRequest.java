package dev.proximity.pve.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A scheduled backup job to create or replace ({@code POST /cluster/backup}, {@code PUT /cluster/backup/{id}}).
 *
 * <p>Exactly one selection is used: the vmids, all guests, or the members of a pool (resolved by
 * Proxmox each time the job runs, so guests that join the pool later are covered). Proxmox refuses
 * {@code pool} together with {@code vmid} or {@code all}. Immutable and thread-safe.
 *
 * @param id job id, or null to let Proxmox generate one on create
 * @param schedule calendar event, e.g. {@code 02:00} or {@code sun 03:00}
 * @param vmids guests to back up (empty with {@code all} or {@code pool})
 * @param all back up all guests
 * @param pool back up the guests in this pool (resolved at run time), or null
 * @param storage target storage
 * @param mode backup mode
 * @param compress compression, e.g. {@code zstd}
 * @param pruneBackups retention, or null for the storage's
 * @param enabled the job is enabled
 * @param comment comment, or null
 * @param notesTemplate notes template, or null
 */
public record BackupJobRequest(String id, String schedule, List<Integer> vmids, boolean all, String pool, String storage,
    BackupMode mode, String compress, PruneBackups pruneBackups, boolean enabled, String comment,
    String notesTemplate) {

  /**
   * Validates the selection.
   *
   * @param id job id, or null to let Proxmox generate one on create
   * @param schedule calendar event, e.g. {@code 02:00} or {@code sun 03:00}
   * @param vmids guests to back up (empty with {@code all} or {@code pool})
   * @param all back up all guests
   * @param pool back up the guests in this pool (resolved at run time), or null
   * @param storage target storage
   * @param mode backup mode
   * @param compress compression, e.g. {@code zstd}
   * @param pruneBackups retention, or null for the storage's
   * @param enabled the job is enabled
   * @param comment comment, or null
   * @param notesTemplate notes template, or null
   */
  public BackupJobRequest {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(compress, "compress");
    vmids = List.copyOf(vmids);
    vmids.forEach(Params::checkVmid);
    int selections = (all ? 1 : 0) + (vmids.isEmpty() ? 0 : 1) + (pool == null ? 0 : 1);
    if (selections != 1) {
      throw new IllegalArgumentException("a backup job selects exactly one of: some vmids, all guests, a pool");
    }
    if (pool != null) {
      Params.checkPoolId(pool);
    }
  }

  /**
   * Creates an enabled snapshot-mode, zstd job for the given guests.
   *
   * @param schedule calendar event, e.g. {@code 02:00}
   * @param storage target storage
   * @param vmids guests
   * @return the job
   */
  public static BackupJobRequest of(String schedule, String storage, List<Integer> vmids) {
    return new BackupJobRequest(null, schedule, vmids, false, null, storage, BackupMode.SNAPSHOT, "zstd", null, true,
        null, null);
  }

  /**
   * Creates an enabled snapshot-mode, zstd job for the members of a pool, as they are when the job runs.
   *
   * @param schedule calendar event, e.g. {@code 02:00}
   * @param storage target storage
   * @param pool the pool id
   * @return the job
   */
  public static BackupJobRequest ofPool(String schedule, String storage, String pool) {
    return new BackupJobRequest(null, schedule, List.of(), false, Objects.requireNonNull(pool, "pool"), storage,
        BackupMode.SNAPSHOT, "zstd", null, true, null, null);
  }

  /**
   * Returns a copy with an id.
   *
   * @param id job id
   * @return the job
   */
  public BackupJobRequest withId(String id) {
    return new BackupJobRequest(id, schedule, vmids, all, pool, storage, mode, compress, pruneBackups, enabled, comment,
        notesTemplate);
  }

  /**
   * Returns a copy with a retention.
   *
   * @param prune the retention
   * @return the job
   */
  public BackupJobRequest withPruneBackups(PruneBackups prune) {
    return new BackupJobRequest(id, schedule, vmids, all, pool, storage, mode, compress, prune, enabled, comment,
        notesTemplate);
  }

  /**
   * Returns a copy with a comment.
   *
   * @param comment the comment
   * @return the job
   */
  public BackupJobRequest withComment(String comment) {
    return new BackupJobRequest(id, schedule, vmids, all, pool, storage, mode, compress, pruneBackups, enabled, comment,
        notesTemplate);
  }

  /**
   * Returns a copy enabled or disabled.
   *
   * @param enabled true to enable
   * @return the job
   */
  public BackupJobRequest withEnabled(boolean enabled) {
    return new BackupJobRequest(id, schedule, vmids, all, pool, storage, mode, compress, pruneBackups, enabled, comment,
        notesTemplate);
  }

  /**
   * Returns the parameters of a create; includes {@code id} when set.
   *
   * @return name to value
   */
  public Map<String, String> parameters() {
    Params p = new Params();
    p.put("id", id);
    fill(p);
    return p.snapshot();
  }

  /**
   * Returns the parameters of an update of job {@link #id()} (the id travels in the path). The
   * selections this request does not use are deleted, so that switching a job from a vmid list to
   * a pool (or back) leaves exactly one selection whatever the Proxmox version does on its own.
   *
   * @return name to value
   */
  public Map<String, String> updateParameters() {
    Params p = new Params();
    fill(p);
    List<String> unused = new java.util.ArrayList<>();
    if (vmids.isEmpty()) {
      unused.add("vmid");
    }
    if (!all) {
      unused.add("all");
    }
    if (pool == null) {
      unused.add("pool");
    }
    p.put("delete", String.join(",", unused));
    return p.snapshot();
  }

  private void fill(Params p) {
    p.put("schedule", schedule);
    if (all) {
      p.put("all", true);
    } else if (pool != null) {
      p.put("pool", pool);
    } else {
      p.put("vmid", vmids.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    p.put("storage", storage);
    p.put("mode", mode.wire());
    p.put("compress", compress);
    p.put("prune-backups", pruneBackups == null ? null : pruneBackups.render());
    p.put("enabled", enabled);
    p.put("comment", comment);
    p.put("notes-template", notesTemplate);
  }
}
