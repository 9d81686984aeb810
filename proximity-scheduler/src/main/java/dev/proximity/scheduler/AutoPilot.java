package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.AppNotFoundException;
import dev.proximity.AppSummary;
import dev.proximity.Proximity;
import dev.proximity.ProximityException;
import dev.proximity.pve.PveClient;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTO mode: nightly backups with retention and weekly update checks, switchable to PRO mode (all
 * of it left to the user) at runtime.
 *
 * <ul>
 *   <li>Backups follow a {@link BackupPolicy}. {@link BackupStrategy#DELEGATED} (the default)
 *       realises it as a Proxmox backup job ({@link DelegatedBackups}) over a resource pool that
 *       every new app joins, which Proxmox runs even when this process is down; apps deployed later
 *       are covered without re-applying it.
 *       {@link BackupStrategy#IN_PROCESS} runs {@link InProcessBackups} on the policy's schedule.
 *   <li>Update checks ({@link UpdateChecker}) run weekly, Sunday 03:00 by default, and notify the
 *       listeners. Updates are applied only when {@link AutoPilotBuilder#applyUpdates(UpdateApplier)} is
 *       set; applying (backup, pull, recreate, restore on failure) belongs to the facade's
 *       {@code app.update()}.
 *   <li>In-process jobs run on a {@link Scheduler}; with a {@link AutoPilotBuilder#stateFile(Path) state
 *       file} a run missed while the process was down is caught up once within the grace period.
 * </ul>
 *
 * <pre>{@code
 * try (AutoPilot autopilot = AutoPilot.builder(px)
 *     .backupPolicy(BackupPolicy.builder().storage("pbs").build())
 *     .stateFile(Path.of("/var/lib/myapp/autopilot.json"))
 *     .addListener(new AutoPilotListener() {
 *       public void onUpdateAvailable(AppUpdate u) { notifyAdmin(u); }
 *     })
 *     .build()) {
 *   autopilot.start();
 *   autopilot.switchTo(AutoPilot.Mode.PRO);   // later, at runtime
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the in-process jobs; a delegated Proxmox job stays, since
 * it is meant to run without this process (switch to PRO mode to remove it).
 */
public final class AutoPilot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AutoPilot.class);

  /** The in-process backup job (strategy {@link BackupStrategy#IN_PROCESS}). */
  public static final String BACKUP_JOB = "backups";
  /** The update check job. */
  public static final String UPDATE_CHECK_JOB = "update-check";

  /** Who decides about backups and updates. */
  public enum Mode {
    /** Scheduled backups, retention and update checks run by themselves. */
    AUTO,
    /** Nothing is scheduled: backups and updates are the user's calls. */
    PRO
  }

  /** Who runs the backups in AUTO mode. */
  public enum BackupStrategy {
    /** A Proxmox cluster backup job; runs even when no Proximity process is up. */
    DELEGATED,
    /** This process, through the scheduler. */
    IN_PROCESS
  }

  /** Applies an update to an app, such as {@code app -> px.app(app.name()).update(null)}. */
  @FunctionalInterface
  public interface UpdateApplier {
    /**
     * Updates an app to the catalog's current version.
     *
     * @param app the app as last listed
     * @return the app after the update
     * @throws ProximityException if the update fails
     */
    App apply(App app);
  }

  private final Supplier<List<App>> apps;
  private final UpdateChecker checker;
  private final UpdateApplier applier;
  private final BackupPolicy policy;
  private final BackupStrategy strategy;
  private final Schedule updateSchedule;
  private final ZoneId updateZone;
  private final Duration grace;
  private final Clock clock;
  private final Scheduler scheduler;
  private final DelegatedBackups delegated;
  private final InProcessBackups inProcess;
  private final List<AutoPilotListener> listeners;
  private Mode mode;
  private boolean started;
  private volatile UpdateReport lastUpdateReport;
  private volatile BackupRun lastBackupRun;

  AutoPilot(AutoPilotBuilder b) {
    this.apps = b.apps;
    this.applier = b.applier;
    this.policy = b.policy;
    this.strategy = b.strategy;
    this.updateSchedule = b.updateSchedule;
    this.updateZone = b.updateZone == null ? b.policy.zone() : b.updateZone;
    this.grace = b.grace;
    this.clock = b.clock;
    this.mode = b.mode;
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    UpdateChecker.Builder cb = UpdateChecker.builder(b.catalog).clock(clock);
    if (b.registry != null) {
      if (b.runningImages == null) {
        throw new IllegalStateException("registry(..) compares the images apps run: build AutoPilot with"
            + " AutoPilot.builder(px) or set runningImages(..)");
      }
      cb.registry(b.registry, b.runningImages);
    }
    this.checker = cb.build();
    this.delegated = DelegatedBackups.create(b.pve, b.jobId).withPool(b.pool);
    this.inProcess = InProcessBackups.create(b.pve).withClock(clock);
    SchedulerBuilder sb = Scheduler.builder().clock(clock).addListener(new Relay());
    if (b.timer != null) {
      sb.timer(b.timer);
    }
    if (b.executor != null) {
      sb.executor(b.executor);
    }
    if (b.stateFile != null) {
      sb.stateFile(b.stateFile);
    }
    this.scheduler = sb.build();
  }

  /**
   * Starts configuring AutoPilot over a {@link Proximity} instance: its Proxmox client, apps and
   * catalog. Updates are only checked unless {@link AutoPilotBuilder#applyUpdates(UpdateApplier)} is set,
   * e.g. to {@code app -> px.app(app.name()).update(null)}.
   *
   * @param px the SDK instance; owned by the caller and used until {@link #close()}
   * @return a new builder
   */
  public static AutoPilotBuilder builder(Proximity px) {
    Objects.requireNonNull(px, "px");
    AutoPilotBuilder b = new AutoPilotBuilder(px.pve(), () -> details(px), new LazyCatalog(px));
    px.pool().ifPresent(b::backupPool);
    b.runningImages(app -> px.app(Integer.toString(app.vmid())).runningImages());
    return b;
  }

  /**
   * Reads every app completely: the update check and the applier take full apps, which the
   * one-request listing does not give, so this costs the listing plus a few requests per app.
   */
  private static List<App> details(Proximity px) {
    List<App> out = new ArrayList<>();
    for (AppSummary s : px.apps()) {
      try {
        out.add(px.app(Integer.toString(s.vmid())).info());
      } catch (AppNotFoundException e) {
        // deleted since the listing: nothing to check
      }
    }
    return out;
  }

  /**
   * Starts configuring AutoPilot from its parts.
   *
   * @param pve the Proxmox client
   * @param apps lists the apps completely, such as {@code () -> List.of(px.app("web").info())}
   * @param catalog the catalog holding the current versions
   * @return a new builder
   */
  public static AutoPilotBuilder builder(PveClient pve, Supplier<List<App>> apps, AppCatalog catalog) {
    return new AutoPilotBuilder(pve, apps, catalog);
  }

  /**
   * Starts the scheduler and, in AUTO mode, creates or updates the backup job (delegated) and
   * arms the in-process jobs. Idempotent.
   *
   * @throws ProximityException if Proxmox refuses the backup job (e.g. missing {@code Sys.Modify})
   * @throws SchedulerException if the state file cannot be read
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    scheduler.start();
    started = true;
    if (mode == Mode.AUTO) {
      enterAuto();
    }
  }

  /** @return the current mode */
  public synchronized Mode mode() {
    return mode;
  }

  /**
   * Switches between AUTO and PRO at runtime. To PRO: the in-process jobs stop and the delegated
   * backup job is removed from Proxmox. To AUTO: they are set up again. No-op if already in
   * {@code newMode}.
   *
   * @param newMode the mode
   * @throws ProximityException if Proxmox refuses to create or remove the backup job; the mode is
   *     then unchanged
   */
  public void switchTo(Mode newMode) {
    Objects.requireNonNull(newMode, "newMode");
    synchronized (this) {
      if (newMode == mode) {
        return;
      }
      if (started) {
        if (newMode == Mode.AUTO) {
          enterAuto();
        } else {
          enterPro();
        }
      }
      mode = newMode;
    }
    log.debug("AutoPilot switched to {}", newMode);
    emit(l -> l.onModeChanged(newMode));
  }

  /**
   * Returns the mode, next runs and last outcomes.
   *
   * @return the status
   */
  public synchronized AutoPilotStatus status() {
    List<JobStatus> jobs = scheduler.status();
    boolean auto = mode == Mode.AUTO && started;
    Optional<java.time.Instant> nextBackup = !auto ? Optional.empty()
        : strategy == BackupStrategy.IN_PROCESS
            ? scheduler.status(BACKUP_JOB).flatMap(JobStatus::nextRun)
            : Optional.of(policy.schedule().next(clock.instant(), policy.zone()));
    return new AutoPilotStatus(mode, strategy, nextBackup,
        scheduler.status(UPDATE_CHECK_JOB).flatMap(JobStatus::nextRun), jobs,
        Optional.ofNullable(lastUpdateReport), Optional.ofNullable(lastBackupRun));
  }

  /**
   * Runs an update check now, in the calling thread, with the same notifications (and, if
   * configured, updates) as the scheduled one.
   *
   * @return the report
   * @throws SchedulerException if applying an update failed (the listeners were told which)
   */
  public UpdateReport checkUpdatesNow() {
    return runUpdateCheck();
  }

  /**
   * Runs an in-process backup of every app now, in the calling thread, whatever the strategy.
   *
   * @return what happened per app
   */
  public BackupRun backUpNow() {
    BackupRun run = inProcess.runOnce(policy);
    lastBackupRun = run;
    emit(l -> l.onBackupRun(run));
    return run;
  }

  /** Stops the in-process jobs and their threads; the delegated Proxmox job stays. Idempotent. */
  @Override
  public void close() {
    scheduler.close();
  }

  private void enterAuto() {
    if (strategy == BackupStrategy.DELEGATED) {
      // applied once: the job selects the pool, which every new app joins when it is created
      delegated.apply(policy);
    } else {
      scheduler.add(Job.of(BACKUP_JOB, policy.schedule(), policy.zone(), ctx -> {
        BackupRun run = backUpNow();
        if (!run.succeeded()) {
          throw new SchedulerException(run.failures().size() + " of " + run.apps().size()
              + " app backups failed: " + run.failures().get(0).name() + ": "
              + run.failures().get(0).message());
        }
      }).withCatchUpGrace(grace));
    }
    scheduler.add(Job.of(UPDATE_CHECK_JOB, updateSchedule, updateZone, ctx -> runUpdateCheck())
        .withCatchUpGrace(grace));
  }

  private void enterPro() {
    scheduler.remove(BACKUP_JOB);
    scheduler.remove(UPDATE_CHECK_JOB);
    if (strategy == BackupStrategy.DELEGATED) {
      delegated.remove();
    }
  }

  private UpdateReport runUpdateCheck() {
    List<App> current = apps.get();
    UpdateReport report = checker.check(current);
    lastUpdateReport = report;
    emit(l -> l.onUpdateCheck(report));
    for (AppUpdate u : report.updatesAvailable()) {
      emit(l -> l.onUpdateAvailable(u));
    }
    if (applier == null) {
      return report;
    }
    List<String> failed = new ArrayList<>();
    for (AppUpdate u : report.updatesAvailable()) {
      if (!u.newVersionAvailable()) {
        continue; // a moved tag of the same version is reported, not applied
      }
      App app = current.stream().filter(a -> a.name().equals(u.app())).findFirst().orElseThrow();
      try {
        App after = applier.apply(app);
        emit(l -> l.onUpdateApplied(u, after));
      } catch (ProximityException e) {
        failed.add(u.app() + " (" + e.getMessage() + ")");
        emit(l -> l.onUpdateFailed(u, e));
      }
    }
    if (!failed.isEmpty()) {
      throw new SchedulerException("updating " + failed.size() + " app(s) failed: "
          + String.join("; ", failed));
    }
    return report;
  }

  private void emit(Consumer<AutoPilotListener> event) {
    for (AutoPilotListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.error("AutoPilot listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }

  /** Passes the scheduler's events on to the AutoPilot listeners. */
  private final class Relay implements SchedulerListener {
    @Override
    public void onRunStarted(JobContext context) {
      emit(l -> l.onRunStarted(context));
    }

    @Override
    public void onRunSucceeded(RunRecord record) {
      emit(l -> l.onRunSucceeded(record));
    }

    @Override
    public void onRunFailed(RunRecord record, Throwable error) {
      emit(l -> l.onRunFailed(record, error));
    }

    @Override
    public void onRunMissed(RunRecord record) {
      emit(l -> l.onRunMissed(record));
    }

    @Override
    public void onRunSkipped(String jobId, java.time.Instant scheduledFor) {
      emit(l -> l.onRunSkipped(jobId, scheduledFor));
    }
  }

  /** Resolves the facade's catalog on first use, so AutoPilot builds without one. */
  record LazyCatalog(Proximity px) implements AppCatalog {
    @Override
    public Optional<AppTemplate> find(String id) {
      return px.catalog().find(id);
    }

    @Override
    public List<AppTemplate> list() {
      return px.catalog().list();
    }
  }
}
