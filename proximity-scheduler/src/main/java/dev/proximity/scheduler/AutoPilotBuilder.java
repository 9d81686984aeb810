package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.pve.PveClient;
import dev.proximity.spi.AppCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Configures an {@link AutoPilot}. Not thread-safe. */
public final class AutoPilotBuilder {
  final PveClient pve;
  final Supplier<List<App>> apps;
  final AppCatalog catalog;
  BackupPolicy policy = BackupPolicy.defaults();
  AutoPilot.BackupStrategy strategy = AutoPilot.BackupStrategy.DELEGATED;
  Schedule updateSchedule = Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0));
  ZoneId updateZone;
  Duration grace = Duration.ofHours(12);
  String jobId = DelegatedBackups.DEFAULT_JOB_ID;
  String pool = dev.proximity.Proximity.APP_POOL;
  RegistryClient registry;
  UpdateChecker.RunningImages runningImages;
  AutoPilot.UpdateApplier applier;
  Path stateFile;
  Clock clock = Clock.systemDefaultZone();
  SchedulerTimer timer;
  Executor executor;
  AutoPilot.Mode mode = AutoPilot.Mode.AUTO;
  final List<AutoPilotListener> listeners = new ArrayList<>();

  AutoPilotBuilder(PveClient pve, Supplier<List<App>> apps, AppCatalog catalog) {
    this.pve = Objects.requireNonNull(pve, "pve");
    this.apps = Objects.requireNonNull(apps, "apps");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Sets the backup policy (default: {@link BackupPolicy#defaults()}, daily 02:00).
   *
   * @param policy the policy
   * @return this builder
   */
  public AutoPilotBuilder backupPolicy(BackupPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets who runs the backups (default: {@link AutoPilot.BackupStrategy#DELEGATED}).
   *
   * @param strategy the strategy
   * @return this builder
   */
  public AutoPilotBuilder backupStrategy(AutoPilot.BackupStrategy strategy) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /**
   * Sets the id of the delegated Proxmox backup job (default
   * {@link DelegatedBackups#DEFAULT_JOB_ID}).
   *
   * @param id a Proxmox config id
   * @return this builder
   */
  public AutoPilotBuilder backupJobId(String id) {
    this.jobId = Objects.requireNonNull(id, "id");
    return this;
  }

  /**
   * Sets when updates are checked (default: Sunday 03:00) and in which zone (default: the
   * backup policy's zone).
   *
   * @param schedule the schedule
   * @param zone the zone, or null for the policy's
   * @return this builder
   */
  public AutoPilotBuilder updateChecks(Schedule schedule, ZoneId zone) {
    this.updateSchedule = Objects.requireNonNull(schedule, "schedule");
    this.updateZone = zone;
    return this;
  }

  /**
   * Sets the resource pool the delegated job backs up (default: the pool configured on the
   * {@code Proximity} instance given to {@link AutoPilot#builder(dev.proximity.Proximity)}, else
   * {@link dev.proximity.Proximity#APP_POOL}). New apps join the facade's pool, so both should
   * name the same pool.
   *
   * @param pool a Proxmox pool id
   * @return this builder
   */
  public AutoPilotBuilder backupPool(String pool) {
    this.pool = dev.proximity.pve.model.Pool.requireValidId(pool);
    return this;
  }

  /**
   * Sets how old a run missed while the process was down may be and still be caught up
   * (default: 12 hours).
   *
   * @param grace the grace period
   * @return this builder
   */
  public AutoPilotBuilder catchUpGrace(Duration grace) {
    this.grace = Objects.requireNonNull(grace, "grace");
    return this;
  }

  /**
   * Also compares the digest of the image each service runs with its registry. With
   * {@link AutoPilot#builder(dev.proximity.Proximity)} the running images are read through the
   * facade; otherwise set them with {@link #runningImages(UpdateChecker.RunningImages)}.
   *
   * @param client the registry client; owned by the caller
   * @return this builder
   */
  public AutoPilotBuilder registry(RegistryClient client) {
    this.registry = Objects.requireNonNull(client, "client");
    return this;
  }

  /**
   * Sets how the images each app's services run are read (set by
   * {@link AutoPilot#builder(dev.proximity.Proximity)} to the facade's
   * {@code app -> px.app(app.name()).runningImages()}).
   *
   * @param images the reader
   * @return this builder
   */
  public AutoPilotBuilder runningImages(UpdateChecker.RunningImages images) {
    this.runningImages = Objects.requireNonNull(images, "images");
    return this;
  }

  /**
   * Applies new catalog versions after each check (default: only notify).
   *
   * @param applier applies one update, such as {@code app -> px.app(app.name()).update(null)}
   * @return this builder
   */
  public AutoPilotBuilder applyUpdates(AutoPilot.UpdateApplier applier) {
    this.applier = Objects.requireNonNull(applier, "applier");
    return this;
  }

  /**
   * Persists the in-process jobs' last runs, so missed runs are caught up after a restart.
   *
   * @param file the JSON state file
   * @return this builder
   */
  public AutoPilotBuilder stateFile(Path file) {
    this.stateFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Sets the clock (default: the system clock).
   *
   * @param clock the clock
   * @return this builder
   */
  public AutoPilotBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the scheduler's wake-up source (see {@link SchedulerBuilder#timer}).
   *
   * @param timer the timer
   * @return this builder
   */
  public AutoPilotBuilder timer(SchedulerTimer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
    return this;
  }

  /**
   * Uses a {@link VirtualTime} as clock and timer, for tests.
   *
   * @param time the virtual time
   * @return this builder
   */
  public AutoPilotBuilder virtualTime(VirtualTime time) {
    return clock(time.clock()).timer(time);
  }

  /**
   * Sets the executor jobs run on (see {@link SchedulerBuilder#executor}).
   *
   * @param executor the executor; owned by the caller
   * @return this builder
   */
  public AutoPilotBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Sets the mode AutoPilot starts in (default AUTO).
   *
   * @param mode the mode
   * @return this builder
   */
  public AutoPilotBuilder mode(AutoPilot.Mode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   * @return this builder
   */
  public AutoPilotBuilder addListener(AutoPilotListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Builds AutoPilot; call {@link AutoPilot#start()} to begin.
   *
   * @return a new AutoPilot
   * @throws IllegalStateException if {@link #registry(RegistryClient)} is set but there is no way to
   *     read the images apps run (see {@link #runningImages(UpdateChecker.RunningImages)})
   */
  public AutoPilot build() {
    return new AutoPilot(this);
  }
}
