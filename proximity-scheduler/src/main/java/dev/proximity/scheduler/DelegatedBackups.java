package dev.proximity.scheduler;

import dev.proximity.Proximity;
import dev.proximity.pve.BackupJobsApi;
import dev.proximity.pve.PoolsApi;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.Pool;
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
 * <p>The job selects a resource pool ({@link Proximity#APP_POOL} by default), which Proxmox
 * expands to its members each time the job runs. Every new app joins that pool when it is created,
 * cloned or restored as a new app (the facade joins {@link Proximity#APP_POOL} whenever it exists,
 * or the pool configured with {@code Proximity.builder().pool(..)}), so apps deployed while no
 * AutoPilot runs are covered without touching the job. {@link #apply(BackupPolicy)}:
 * <ol>
 *   <li>creates the pool if it is missing;
 *   <li>adds the apps (LXC containers tagged {@code proximity}, templates excluded) that are in no
 *       pool yet, once; apps that are in another pool are left there, logged and not covered;
 *   <li>creates or updates the job, finding it by its id (and removing any other job carrying
 *       Proximity's comment marker for it), so applying twice converges on one job.
 * </ol>
 * {@link #remove()} removes the job; the pool and its memberships stay, so that switching back to
 * AUTO mode or another Proximity process finds them (delete an empty pool in Proxmox if wanted).
 *
 * <pre>{@code
 * DelegatedBackups backups = DelegatedBackups.create(px.pve());
 * backups.apply(BackupPolicy.builder().storage("pbs").build());
 * backups.remove();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Methods throw the {@code PveApiException} or
 * {@code PveConnectionException} of the client when Proxmox refuses or does not answer. Privileges:
 * {@code Sys.Modify} on {@code /} (the job), {@code Pool.Allocate} on {@code /pool/<pool>} (create
 * the pool, add apps), {@code Pool.Audit} on it (read it), and {@code VM.Allocate} on each app that
 * is added.
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
  private final String pool;

  private DelegatedBackups(PveClient pve, String jobId, String pool) {
    this.pve = Objects.requireNonNull(pve, "pve");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.pool = Pool.requireValidId(pool);
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("a backup job id is lower-case letters, digits and _ (Proxmox pve-configid),"
          + " starting with a letter: '" + jobId + "'");
    }
  }

  /**
   * Manages the job {@link #DEFAULT_JOB_ID} over the pool {@link Proximity#APP_POOL}.
   *
   * @param pve the Proxmox client; owned by the caller
   * @return the manager
   */
  public static DelegatedBackups create(PveClient pve) {
    return new DelegatedBackups(pve, DEFAULT_JOB_ID, Proximity.APP_POOL);
  }

  /**
   * Manages a job with another id (several policies side by side) over the pool
   * {@link Proximity#APP_POOL}.
   *
   * @param pve the Proxmox client; owned by the caller
   * @param jobId the job id, a Proxmox config id such as {@code proximity_weekly}
   * @return the manager
   */
  public static DelegatedBackups create(PveClient pve, String jobId) {
    return new DelegatedBackups(pve, jobId, Proximity.APP_POOL);
  }

  /**
   * Returns a manager of the same job over another pool; use the pool the facade was configured
   * with ({@code Proximity.builder().pool(..)}), since that is the pool new apps join.
   *
   * @param pool the pool id
   * @return the manager
   * @throws IllegalArgumentException if {@code pool} is not a Proxmox pool id
   */
  public DelegatedBackups withPool(String pool) {
    return new DelegatedBackups(pve, jobId, pool);
  }

  /** @return the id of the managed job */
  public String jobId() {
    return jobId;
  }

  /** @return the id of the pool the job backs up */
  public String pool() {
    return pool;
  }

  /**
   * Ensures the pool, adds the apps that are in no pool to it, and creates or updates the job so
   * that it matches {@code policy} and selects the pool.
   *
   * @param policy the policy
   * @return the job as Proxmox reports it
   */
  public BackupJob apply(BackupPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    ensurePool();
    BackupJobsApi jobs = pve.cluster().backupJobs();
    List<BackupJob> existing = jobs.list();
    for (BackupJob j : existing) {
      if (!j.id().equals(jobId) && j.comment() != null && j.comment().contains(COMMENT_MARKER
          + " " + jobId)) {
        log.debug("removing duplicate Proximity backup job {}", j.id());
        jobs.delete(j.id());
      }
    }
    boolean exists = existing.stream().anyMatch(j -> j.id().equals(jobId));
    BackupJobRequest request = request(policy);
    if (exists) {
      jobs.update(request);
    } else {
      jobs.create(request);
    }
    log.debug("backup job {}: {} for pool {}", jobId, exists ? "updated" : "created", pool);
    return jobs.find(jobId).orElseThrow(() -> new SchedulerException("Proxmox does not list backup job '"
        + jobId + "' right after writing it; check /etc/pve/jobs.cfg on the cluster"));
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
   * Removes the managed job (and stray jobs carrying its marker). Idempotent. The pool and its
   * members stay.
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
   * Lists the vmids of the apps the job backs up when it runs: app containers (tagged
   * {@code proximity}, not templates) in the pool, from one {@code GET /cluster/resources}.
   *
   * @return the vmids, ascending
   */
  public List<Integer> appVmids() {
    return AppTargets.list(pve).stream().filter(t -> pool.equals(t.pool())).map(AppTargets.Target::vmid)
        .toList();
  }

  /** Creates the pool when missing, then adds the apps that are in no pool yet. */
  private void ensurePool() {
    PoolsApi pools = pve.pools();
    if (pools.find(pool).isEmpty()) {
      pools.create(pool, "Proximity apps: backed up by job " + jobId + " (AUTO mode)");
      log.debug("created pool {}", pool);
    }
    List<AppTargets.Target> apps = AppTargets.list(pve);
    List<Integer> join = apps.stream().filter(t -> t.pool() == null).map(AppTargets.Target::vmid).toList();
    pools.addGuests(pool, join, false);
    apps.stream().filter(t -> t.pool() != null && !t.pool().equals(pool)).forEach(t -> log.warn(
        "app {} (CT {}) is in pool '{}', not in '{}': backup job {} does not back it up; move it with"
            + " PUT /pools/{} vms={} allow-move=1 if it should be", t.name(), t.vmid(), t.pool(), pool, jobId,
        pool, t.vmid()));
    if (!join.isEmpty()) {
      log.debug("added apps {} to pool {}", join, pool);
    }
  }

  private BackupJobRequest request(BackupPolicy policy) {
    return new BackupJobRequest(jobId, policy.schedule().toCalendarEvent(), List.of(), false, pool,
        policy.storage(), policy.mode(), policy.compression().apiValue(),
        PruneBackups.parse(policy.retention().toPruneBackups()), true,
        COMMENT_MARKER + " " + jobId + " (Proximity AUTO mode; changes are overwritten)",
        "{{guestname}}");
  }
}
