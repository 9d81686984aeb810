package dev.proximity.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of {@link AutoPilot}: its mode, its next runs and its last outcomes.
 *
 * @param mode AUTO or PRO
 * @param backupStrategy whether Proxmox or this process runs the backups
 * @param nextBackup the next backup time by the policy's schedule (for delegated backups, when
 *     Proxmox will run the job, assuming the nodes' zone is the policy's); empty in PRO mode
 * @param nextUpdateCheck the next update check; empty in PRO mode or before {@code start()}
 * @param jobs the in-process jobs with their next runs and last outcomes
 * @param lastUpdateCheck the last update check's report, if one ran in this process
 * @param lastBackupRun the last in-process backup run, if one ran in this process
 */
public record AutoPilotStatus(
    AutoPilot.Mode mode,
    AutoPilot.BackupStrategy backupStrategy,
    Optional<Instant> nextBackup,
    Optional<Instant> nextUpdateCheck,
    List<JobStatus> jobs,
    Optional<UpdateReport> lastUpdateCheck,
    Optional<BackupRun> lastBackupRun) {

  /**
   * Validates and copies the components.
   *
   * @param mode AUTO or PRO
   * @param backupStrategy whether Proxmox or this process runs the backups
   * @param nextBackup the next backup time by the policy's schedule (for delegated backups, when Proxmox will run the job, assuming the nodes' zone is the policy's); empty in PRO mode
   * @param nextUpdateCheck the next update check; empty in PRO mode or before {@code start()}
   * @param jobs the in-process jobs with their next runs and last outcomes
   * @param lastUpdateCheck the last update check's report, if one ran in this process
   * @param lastBackupRun the last in-process backup run, if one ran in this process
   */
  public AutoPilotStatus {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(backupStrategy, "backupStrategy");
    Objects.requireNonNull(nextBackup, "nextBackup");
    Objects.requireNonNull(nextUpdateCheck, "nextUpdateCheck");
    jobs = List.copyOf(jobs);
    Objects.requireNonNull(lastUpdateCheck, "lastUpdateCheck");
    Objects.requireNonNull(lastBackupRun, "lastBackupRun");
  }

  /**
   * Returns one in-process job's status.
   *
   * @param jobId such as {@link AutoPilot#UPDATE_CHECK_JOB}
   * @return the status, or empty when the job is not scheduled
   */
  public Optional<JobStatus> job(String jobId) {
    return jobs.stream().filter(j -> j.jobId().equals(jobId)).findFirst();
  }
}
