package dev.proximity.scheduler;

import dev.proximity.pve.BackupJobsApi;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.scheduler.internal.AppTargets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realises a {@link BackupPolicy} as a Proxmox cluster backup job ({@code /cluster/backup}), so
 * Proxmox runs the backups and applies the retention ({@code prune-backups}) even when no Proximity
 * process is up.
 *
 * <p>The job selects every app: each LXC container tagged {@code proximity} (templates excluded),
 * by vmid. {@link #apply(BackupPolicy)} is idempotent: it finds the job by its id (and any other
 * job carrying Proximity's comment marker, which it removes) and creates or updates it, so applying
 * twice converges on one job. Apps deployed later are covered the next time the policy is applied;
 * {@link AutoPilot} re-applies it hourly. A container destroyed with {@code purge} leaves the job
 * by itself.
 *
 * <pre>{@code
 * DelegatedBackups backups = DelegatedBackups.create(px.pve());
 * backups.apply(BackupPolicy.builder().storage("pbs").build());
 * backups.remove();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Methods throw the {@code PveApiException} or
 * {@code PveConnectionException} of the client when Proxmox refuses or does not answer; the job
 * needs {@code Sys.Modify} on {@code /}.
 */
public final class DelegatedBackups {
  private static final Logger log = LoggerFactory.getLogger(DelegatedBackups.class);

  /** The id of the job {@link #create(PveClient)} manages. */
  public static final String DEFAULT_JOB_ID = "proximity_auto_backup";
  /** The tag every Proximity app carries. */
  public static final String APP_TAG = AppTargets.APP_TAG;
  /** Marks jobs Proximity manages, in the job's comment. */
  public static final String COMMENT_MARKER = "[proximity:auto-backup]";
  private static final Pattern JOB_ID = Pattern.compile("[a-z][a-z0-9_]+");

  private final PveClient pve;
  private final String jobId;

  private DelegatedBackups(PveClient pve, String jobId) {
    this.pve = Objects.requireNonNull(pve, "pve");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("a backup job id is lower-case letters, digits and _ (Proxmox pve-configid),"
          + " starting with a letter: '" + jobId + "'");
    }
  }

  /**
   * Manages the job {@link #DEFAULT_JOB_ID}.
   *
   * @param pve the Proxmox client; owned by the caller
   * @return the manager
   */
  public static DelegatedBackups create(PveClient pve) {
    return new DelegatedBackups(pve, DEFAULT_JOB_ID);
  }

  /**
   * Manages a job with another id (several policies side by side).
   *
   * @param pve the Proxmox client; owned by the caller
   * @param jobId the job id, a Proxmox config id such as {@code proximity_weekly}
   * @return the manager
   */
  public static DelegatedBackups create(PveClient pve, String jobId) {
    return new DelegatedBackups(pve, jobId);
  }

  /** @return the id of the managed job */
  public String jobId() {
    return jobId;
  }

  /**
   * Creates or updates the job so that it matches {@code policy} and selects every current app.
   * When there is no app, a job cannot select anything, so an existing job is removed.
   *
   * @param policy the policy
   * @return the job as Proxmox reports it, or empty when there is no app to back up
   */
  public Optional<BackupJob> apply(BackupPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    BackupJobsApi jobs = pve.cluster().backupJobs();
    List<Integer> vmids = appVmids();
    List<BackupJob> existing = jobs.list();
    for (BackupJob j : existing) {
      if (!j.id().equals(jobId) && j.comment() != null && j.comment().contains(COMMENT_MARKER
          + " " + jobId)) {
        log.debug("removing duplicate Proximity backup job {}", j.id());
        jobs.delete(j.id());
      }
    }
    boolean exists = existing.stream().anyMatch(j -> j.id().equals(jobId));
    if (vmids.isEmpty()) {
      if (exists) {
        jobs.delete(jobId);
      }
      log.debug("backup job {}: no apps to back up, no job", jobId);
      return Optional.empty();
    }
    BackupJobRequest request = request(policy, vmids);
    if (exists) {
      jobs.update(request);
    } else {
      jobs.create(request);
    }
    log.debug("backup job {}: {} for vmids {}", jobId, exists ? "updated" : "created", vmids);
    return jobs.find(jobId);
  }

  /**
   * Reads the managed job.
   *
   * @return the job, or empty when it does not exist
   */
  public Optional<BackupJob> find() {
    return pve.cluster().backupJobs().find(jobId);
  }

  /**
   * Removes the managed job (and stray jobs carrying its marker). Idempotent.
   *
   * @return whether a job was removed
   */
  public boolean remove() {
    BackupJobsApi jobs = pve.cluster().backupJobs();
    boolean removed = false;
    for (BackupJob j : jobs.list()) {
      if (j.id().equals(jobId) || (j.comment() != null
          && j.comment().contains(COMMENT_MARKER + " " + jobId))) {
        jobs.delete(j.id());
        removed = true;
      }
    }
    return removed;
  }

  /**
   * Lists the vmids of the apps the job selects: LXC containers tagged {@code proximity} that are
   * not templates, from one {@code GET /cluster/resources}.
   *
   * @return the vmids, ascending
   */
  public List<Integer> appVmids() {
    return AppTargets.list(pve).stream().map(AppTargets.Target::vmid).toList();
  }

  private BackupJobRequest request(BackupPolicy policy, List<Integer> vmids) {
    return new BackupJobRequest(jobId, policy.schedule().toCalendarEvent(), vmids, false,
        policy.storage(), policy.mode(), policy.compression().apiValue(),
        PruneBackups.parse(policy.retention().toPruneBackups()), true,
        COMMENT_MARKER + " " + jobId + " (Proximity AUTO mode; changes are overwritten)",
        "{{guestname}}");
  }
}
