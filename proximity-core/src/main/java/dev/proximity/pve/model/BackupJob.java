package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A scheduled backup job ({@code GET /cluster/backup}).
 *
 * @param id job id
 * @param schedule calendar event, e.g. {@code 02:00}
 * @param storage target storage, or null
 * @param vmid comma-separated guest ids, or null when {@code all} or {@code pool} is used
 * @param all back up all guests
 * @param pool pool to back up, or null
 * @param mode vzdump mode text, or null
 * @param compress compression, or null
 * @param enabled the job is enabled
 * @param comment comment, or null
 * @param notesTemplate notes template, or null
 * @param pruneBackups retention, or null for the storage's
 * @param nextRun next run in epoch seconds, or null
 */
public record BackupJob(String id, String schedule, String storage, String vmid, boolean all, String pool, String mode,
    String compress, Boolean enabled, String comment, @JsonProperty("notes-template") String notesTemplate,
    @JsonProperty("prune-backups") PruneBackups pruneBackups, @JsonProperty("next-run") Long nextRun) {

  /**
   * Tells whether the job runs; Proxmox treats a missing {@code enabled} as enabled.
   *
   * @return true when enabled
   */
  public boolean isEnabled() {
    return enabled == null || enabled;
  }
}
