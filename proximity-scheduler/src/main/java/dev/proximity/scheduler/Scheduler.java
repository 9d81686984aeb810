package dev.proximity.scheduler;

import dev.proximity.scheduler.internal.DaemonThreads;
import dev.proximity.scheduler.internal.StateStore;
import dev.proximity.scheduler.internal.StateStore.JobState;
import dev.proximity.scheduler.internal.SystemTimer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process job scheduler for what Proxmox cannot schedule itself (update checks, in-process
 * backups).
 *
 * <ul>
 *   <li>Fire times follow each job's {@link Schedule} in its zone, correct across DST changes.
 *   <li>A job never overlaps itself: a fire that comes while the previous run is still in progress
 *       is skipped and reported ({@link SchedulerListener#onRunSkipped}).
 *   <li>A failed run is logged at ERROR (nobody else sees it), reported to listeners, and does not
 *       stop later runs.
 *   <li>With a {@linkplain SchedulerBuilder#stateFile(Path) state file}, each job's last run (time and outcome)
 *       and the run in progress are persisted atomically. On {@link #start()} a fire missed while
 *       the process was down (or a run interrupted by a stop) is caught up once, if it is no older
 *       than the job's {@linkplain Job#catchUpGrace() grace period}; an older one is recorded and
 *       reported as {@link RunOutcome#MISSED}. Nothing is repeated: a fire whose run finished is
 *       never run again. A run in progress when the process dies is run again (at-least-once).
 * </ul>
 *
 * <p>Time is injectable: a {@link Clock}, a {@link SchedulerTimer} and an {@link Executor}. With
 * {@link VirtualTime} and a direct executor ({@code Runnable::run}) a test drives the scheduler
 * deterministically.
 *
 * <pre>{@code
 * try (Scheduler scheduler = Scheduler.builder().stateFile(Path.of("scheduler-state.json")).build()) {
 *   scheduler.add(Job.of("update-check", Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)),
 *       ZoneId.systemDefault(), ctx -> checker.checkAll()));
 *   scheduler.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is idempotent and stops the scheduler's own threads.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  /** Daily and weekly fires are at most 8 days apart, so no older fire can be the latest one. */
  private static final Duration LOOKBACK = Duration.ofDays(8);

  private final Clock clock;
  private final SchedulerTimer timer;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final ScheduledExecutorService ownedTimerExecutor;
  private final Path stateFile;
  private final Duration shutdownTimeout;
  private final List<SchedulerListener> listeners;
  private final Object lock = new Object();
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private StateStore state;
  private boolean started;
  private boolean closed;

  private static final class Entry {
    final Job job;
    Instant nextFire;
    SchedulerTimer.Wakeup wakeup;
    boolean running;
    RunRecord lastRun;

    Entry(Job job) {
      this.job = job;
    }
  }

  Scheduler(SchedulerBuilder b) {
    this.clock = b.clock;
    this.stateFile = b.stateFile;
    this.shutdownTimeout = b.shutdownTimeout;
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    if (b.timer != null) {
      this.timer = b.timer;
      this.ownedTimerExecutor = null;
    } else {
      this.ownedTimerExecutor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("proximity-scheduler-timer"));
      this.timer = new SystemTimer(clock, ownedTimerExecutor);
    }
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = Executors.newCachedThreadPool(DaemonThreads.named("proximity-scheduler-job"));
      this.executor = ownedExecutor;
    }
  }

  /**
   * Starts configuring a scheduler.
   *
   * @return a new builder
   */
  public static SchedulerBuilder builder() {
    return new SchedulerBuilder();
  }

  /**
   * Adds a job. Added to a started scheduler, it is armed at once (and catches up a missed fire
   * recorded in the state file).
   *
   * @param job the job
   * @throws SchedulerException if a job with the same id exists, the scheduler is closed, or the
   *     state file cannot be written
   */
  public void add(Job job) {
    Objects.requireNonNull(job, "job");
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      requireOpen();
      if (entries.containsKey(job.id())) {
        throw new SchedulerException("a job with id '" + job.id() + "' is already scheduled: "
            + "remove it first or choose another id");
      }
      Entry entry = new Entry(job);
      entries.put(job.id(), entry);
      if (started) {
        initialize(entry, clock.instant(), after);
      }
    }
    after.forEach(Runnable::run);
  }

  /**
   * Removes a job and forgets its persisted state. A run in progress completes.
   *
   * @param jobId the job id
   * @return whether there was such a job
   */
  public boolean remove(String jobId) {
    synchronized (lock) {
      Entry entry = entries.remove(jobId);
      if (entry == null) {
        return false;
      }
      disarm(entry);
      if (state != null) {
        persist(jobId, null);
      }
      return true;
    }
  }

  /**
   * Loads the state file and arms every job, catching up missed fires. Idempotent.
   *
   * @throws SchedulerException if the scheduler is closed or the state file cannot be read or
   *     written
   */
  public void start() {
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      requireOpen();
      if (started) {
        return;
      }
      state = StateStore.load(stateFile);
      started = true;
      Instant now = clock.instant();
      for (Entry entry : entries.values()) {
        initialize(entry, now, after);
      }
    }
    after.forEach(Runnable::run);
  }

  /**
   * Returns the status of every job, in the order they were added.
   *
   * @return an immutable list
   */
  public List<JobStatus> status() {
    synchronized (lock) {
      return entries.values().stream().map(this::statusOf).toList();
    }
  }

  /**
   * Returns the status of one job.
   *
   * @param jobId the job id
   * @return the status, or empty if there is no such job
   */
  public Optional<JobStatus> status(String jobId) {
    synchronized (lock) {
      return Optional.ofNullable(entries.get(jobId)).map(this::statusOf);
    }
  }

  /**
   * Runs a job now, outside its schedule; the next scheduled fire is unaffected.
   *
   * @param jobId the job id
   * @return completes with the run's record (which may say {@link RunOutcome#FAILED}); completes
   *     exceptionally with a {@link SchedulerException} if the job is already running
   * @throws SchedulerException if there is no such job, or the scheduler is not started or closed
   */
  public CompletableFuture<RunRecord> runNow(String jobId) {
    CompletableFuture<RunRecord> result = new CompletableFuture<>();
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      requireOpen();
      Entry entry = entries.get(jobId);
      if (entry == null) {
        throw new SchedulerException("no job with id '" + jobId + "'; known: " + entries.keySet());
      }
      if (!started) {
        throw new SchedulerException("the scheduler is not started: call start() first");
      }
      if (entry.running) {
        result.completeExceptionally(new SchedulerException("job '" + jobId
            + "' is running; it never overlaps itself, try again when it has finished"));
        return result;
      }
      dispatch(entry, clock.instant(), false, result, after);
    }
    after.forEach(Runnable::run);
    return result;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   */
  public void addListener(SchedulerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   */
  public void removeListener(SchedulerListener listener) {
    listeners.remove(listener);
  }

  /**
   * Stops arming jobs and releases the scheduler's own threads: runs in progress get the
   * {@linkplain SchedulerBuilder#shutdownTimeout(Duration) shutdown timeout} to finish, then are interrupted.
   * A caller-supplied executor or timer is left running. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      entries.values().forEach(this::disarm);
    }
    if (ownedTimerExecutor != null) {
      ownedTimerExecutor.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  // --- under lock -----------------------------------------------------------------------------

  private void initialize(Entry entry, Instant now, List<Runnable> after) {
    String id = entry.job.id();
    JobState st = state.get(id);
    Instant ref;
    if (st == null) {
      ref = now;
      state.put(id, new JobState(now.toString(), null, null));
    } else {
      if (st.last() != null) {
        entry.lastRun = StateStore.toRecord(id, st.last());
      }
      if (st.running() != null) {
        Instant fire = Instant.parse(st.running().scheduledFor());
        RunRecord interrupted = new RunRecord(id, fire, Instant.parse(st.running().startedAt()),
            now, RunOutcome.INTERRUPTED, "the process stopped during this run");
        entry.lastRun = interrupted;
        state.put(id, new JobState(st.since(), StateStore.toRun(interrupted), null));
        log.warn("job '{}': the run for {} was interrupted by a process stop", id, fire);
        after.add(() -> notify(l -> l.onRunMissed(interrupted)));
        ref = fire.minusNanos(1);
      } else if (st.last() != null) {
        ref = Instant.parse(st.last().scheduledFor());
      } else {
        ref = st.since() == null ? now : Instant.parse(st.since());
      }
    }
    evaluate(entry, ref, now, true, after);
  }

  /** Runs (or records as missed) the latest fire in (ref, now], then arms the next one. */
  private void evaluate(Entry entry, Instant ref, Instant now, boolean catchUp,
      List<Runnable> after) {
    Job job = entry.job;
    Instant latest = latestFire(job, ref, now);
    if (latest != null) {
      if (Duration.between(latest, now).compareTo(job.catchUpGrace()) <= 0) {
        if (entry.running) {
          log.warn("job '{}': skipped the fire at {} because the previous run is still running",
              job.id(), latest);
          after.add(() -> notify(l -> l.onRunSkipped(job.id(), latest)));
        } else {
          dispatch(entry, latest, catchUp, null, after);
        }
      } else {
        RunRecord missed = new RunRecord(job.id(), latest, now, now, RunOutcome.MISSED,
            "missed while the scheduler was not running; older than the grace period "
                + job.catchUpGrace());
        entry.lastRun = missed;
        JobState st = state.get(job.id());
        persist(job.id(), new JobState(st == null ? null : st.since(), StateStore.toRun(missed),
            st == null ? null : st.running()));
        log.warn("job '{}': missed the fire at {} (more than {} ago), not caught up", job.id(),
            latest, job.catchUpGrace());
        after.add(() -> notify(l -> l.onRunMissed(missed)));
      }
    }
    arm(entry, job.schedule().next(now, job.zone()));
  }

  private static Instant latestFire(Job job, Instant ref, Instant now) {
    Instant from = ref.isBefore(now.minus(LOOKBACK)) ? now.minus(LOOKBACK) : ref;
    Instant latest = null;
    for (Instant f = job.schedule().next(from, job.zone()); !f.isAfter(now);
        f = job.schedule().next(f, job.zone())) {
      latest = f;
    }
    return latest;
  }

  private void arm(Entry entry, Instant at) {
    disarm(entry);
    entry.nextFire = at;
    entry.wakeup = timer.schedule(at, () -> onWake(entry, at));
  }

  private void disarm(Entry entry) {
    if (entry.wakeup != null) {
      entry.wakeup.cancel();
      entry.wakeup = null;
    }
    entry.nextFire = null;
  }

  private void dispatch(Entry entry, Instant scheduledFor, boolean catchUp,
      CompletableFuture<RunRecord> result, List<Runnable> after) {
    Instant startedAt = clock.instant();
    entry.running = true;
    JobState st = state.get(entry.job.id());
    persist(entry.job.id(), new JobState(st == null ? null : st.since(),
        st == null ? null : st.last(),
        new StateStore.Run(scheduledFor.toString(), startedAt.toString(), null, null, null)));
    JobContext context = new JobContext(entry.job.id(), scheduledFor, startedAt, catchUp);
    after.add(() -> {
      try {
        executor.execute(() -> execute(entry, context, result));
      } catch (RejectedExecutionException e) {
        log.error("job '{}': the executor refused the run for {}", entry.job.id(), scheduledFor, e);
        finish(entry, context, e, result);
      }
    });
  }

  private void persist(String jobId, JobState jobState) {
    try {
      state.put(jobId, jobState);
    } catch (SchedulerException e) {
      if (!started) {
        throw e;
      }
      log.error("job '{}': could not persist scheduler state", jobId, e);
    }
  }

  private JobStatus statusOf(Entry e) {
    return new JobStatus(e.job.id(), e.job.schedule(), e.job.zone(), e.nextFire, e.lastRun,
        e.running);
  }

  private void requireOpen() {
    if (closed) {
      throw new SchedulerException("the scheduler is closed: build a new one");
    }
  }

  // --- outside the lock ------------------------------------------------------------------------

  private void onWake(Entry entry, Instant fire) {
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      if (closed || entries.get(entry.job.id()) != entry || !fire.equals(entry.nextFire)) {
        return;
      }
      Instant now = clock.instant();
      if (now.isBefore(fire)) {
        arm(entry, fire);
        return;
      }
      entry.wakeup = null;
      evaluate(entry, fire.minusNanos(1), now, false, after);
    }
    after.forEach(Runnable::run);
  }

  private void execute(Entry entry, JobContext context, CompletableFuture<RunRecord> result) {
    notify(l -> l.onRunStarted(context));
    Throwable error = null;
    try {
      entry.job.task().run(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = e;
    } catch (Exception | LinkageError | AssertionError e) {
      error = e;
    }
    finish(entry, context, error, result);
  }

  private void finish(Entry entry, JobContext context, Throwable error,
      CompletableFuture<RunRecord> result) {
    String id = entry.job.id();
    RunRecord record = new RunRecord(id, context.scheduledFor(), context.startedAt(),
        clock.instant(), error == null ? RunOutcome.SUCCEEDED : RunOutcome.FAILED,
        error == null ? "" : summary(error));
    synchronized (lock) {
      entry.running = false;
      entry.lastRun = record;
      if (entries.get(id) == entry) {
        JobState st = state.get(id);
        persist(id, new JobState(st == null ? null : st.since(), StateStore.toRun(record), null));
      }
    }
    if (error != null) {
      log.error("scheduled job '{}' failed (run for {}); later runs continue as scheduled", id,
          context.scheduledFor(), error);
      Throwable failure = error;
      notify(l -> l.onRunFailed(record, failure));
    } else {
      log.debug("scheduled job '{}' succeeded (run for {})", id, context.scheduledFor());
      notify(l -> l.onRunSucceeded(record));
    }
    if (result != null) {
      result.complete(record);
    }
  }

  private static String summary(Throwable error) {
    String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst()
        .orElse("");
    String s = error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }

  private void notify(java.util.function.Consumer<SchedulerListener> event) {
    for (SchedulerListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.error("scheduler listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }
}
