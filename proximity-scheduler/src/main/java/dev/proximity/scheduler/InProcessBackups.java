package dev.proximity.scheduler;

import dev.proximity.ProximityException;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.pve.model.VzdumpRequest;
import dev.proximity.scheduler.internal.AppTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up every app from this process, for users who want the SDK to drive backups itself: one
 * {@code vzdump} per app (LXC containers tagged {@code proximity}) with the policy's storage, mode
 * and compression, then the policy's retention applied with Proxmox's prune endpoint
 * ({@code DELETE /nodes/{node}/storage/{storage}/prunebackups}) for that app.
 *
 * <p>Use it from a {@link Scheduler} job ({@link AutoPilot} does), or call {@link #runOnce} directly.
 * One app's failure does not stop the others; the {@link BackupRun} says what failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class InProcessBackups {
  private static final Logger log = LoggerFactory.getLogger(InProcessBackups.class);

  /** How long one backup or prune task may take by default: one hour. */
  public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);

  private final PveClient pve;
  private final Duration taskTimeout;
  private final Clock clock;

  private InProcessBackups(PveClient pve, Duration taskTimeout, Clock clock) {
    this.pve = Objects.requireNonNull(pve, "pve");
    this.taskTimeout = Objects.requireNonNull(taskTimeout, "taskTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates an in-process backup runner with the {@linkplain #DEFAULT_TASK_TIMEOUT default task
   * timeout}.
   *
   * @param pve the Proxmox client; owned by the caller
   * @return the runner
   */
  public static InProcessBackups create(PveClient pve) {
    return new InProcessBackups(pve, DEFAULT_TASK_TIMEOUT, Clock.systemUTC());
  }

  /**
   * Returns a copy with another task timeout.
   *
   * @param timeout the longest wait for one vzdump or prune task
   * @return a new runner
   */
  public InProcessBackups withTaskTimeout(Duration timeout) {
    return new InProcessBackups(pve, timeout, clock);
  }

  /**
   * Returns a copy that stamps runs with another clock.
   *
   * @param newClock the clock
   * @return a new runner
   */
  public InProcessBackups withClock(Clock newClock) {
    return new InProcessBackups(pve, taskTimeout, newClock);
  }

  /**
   * Backs up and prunes every app once, one after the other. Blocks until done.
   *
   * @param policy the policy (its schedule is not used here)
   * @return what happened per app
   * @throws ProximityException if the apps cannot be listed
   */
  public BackupRun runOnce(BackupPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    Instant started = clock.instant();
    List<BackupRun.AppBackup> results = new ArrayList<>();
    for (AppTargets.Target app : AppTargets.list(pve)) {
      results.add(backUp(app, policy));
    }
    return new BackupRun(started, clock.instant(), results);
  }

  private BackupRun.AppBackup backUp(AppTargets.Target app, BackupPolicy policy) {
    String step = "backup";
    try {
      pve.node(app.node()).vzdump(new VzdumpRequest(app.vmid(), policy.storage(), policy.mode(),
          policy.compression().apiValue(), null, "{{guestname}}", false)).await(taskTimeout);
      if (!policy.retention().isKeepAll()) {
        step = "prune";
        pve.node(app.node()).storage(policy.storage())
            .pruneBackups(PruneBackups.parse(policy.retention().toPruneBackups()), app.vmid())
            .await(taskTimeout);
      }
      log.debug("in-process backup of {} ({}) done", app.name(), app.vmid());
      return new BackupRun.AppBackup(app.vmid(), app.name(), app.node(), true, "");
    } catch (ProximityException e) {
      log.debug("in-process {} of {} ({}) failed: {}", step, app.name(), app.vmid(),
          e.getMessage());
      return new BackupRun.AppBackup(app.vmid(), app.name(), app.node(), false,
          step + " failed: " + e.getMessage());
    }
  }
}
