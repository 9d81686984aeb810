package dev.proximity.testkit.internal.pve;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs simulated worker tasks: each takes a simulated duration (scaled by the time scale), then
 * applies its effect to the cluster state under the state monitor and ends {@code OK},
 * {@code WARNINGS: n} or with the error text.
 */
public final class TaskManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskManager.class);

  /** The effect of a task, applied at its end under the state monitor. */
  @FunctionalInterface
  public interface Work {
    /**
     * @param task the task, for log lines and warnings
     * @throws RuntimeException to fail the task with the exception's message
     */
    void run(SimTask task);
  }

  /** Cleanup that runs after the work or the failure, under the state monitor. */
  @FunctionalInterface
  public interface Cleanup {
    /** @param ok whether the task succeeded */
    void done(boolean ok);
  }

  /** Finished tasks beyond this many are forgotten, oldest first. */
  static final int MAX_TASKS = 10_000;

  private final ClusterState state;
  private final Map<String, Double> durations;
  private final Clock clock;
  private final double timeScale;
  private final ScheduledExecutorService executor;
  private final Map<String, SimTask> tasks = new LinkedHashMap<>();
  /** The tasks by pid, guarded by {@code tasks}: the task watch asks every 50 ms per watched pid. */
  private final Map<Integer, SimTask> byPid = new HashMap<>();
  private final AtomicInteger pid;
  private volatile FaultEngine faults;

  /**
   * @param state the cluster state (its monitor guards task effects)
   * @param clock the simulated clock
   * @param timeScale real seconds per simulated second
   * @param seed seed for pids
   * @param faults fault engine
   * @param durations simulated seconds per worker type, overriding the built-in ones
   */
  public TaskManager(ClusterState state, Clock clock, double timeScale, long seed, FaultEngine faults,
      Map<String, Double> durations) {
    this.state = state;
    this.durations = Map.copyOf(durations);
    this.clock = clock;
    this.timeScale = timeScale;
    this.faults = faults;
    this.pid = new AtomicInteger(10_000 + (int) Math.floorMod(seed, 100_000L));
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "pve-sim-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @param faults the new fault engine */
  public void faults(FaultEngine faults) {
    this.faults = faults;
  }

  /**
   * Starts a task.
   *
   * @param node node it runs on
   * @param type worker type, e.g. {@code vzcreate}
   * @param id task id, e.g. the vmid
   * @param user who started it
   * @param seconds simulated duration (unless configured per type)
   * @param endpoint {@code "METHOD template"} of the request, for fault rates
   * @param work the effect
   * @param cleanup runs afterwards either way (releases locks)
   * @return the task, already registered
   */
  public SimTask start(String node, String type, String id, Principal user, double seconds, String endpoint,
      Work work, Cleanup cleanup) {
    long now = clock.instant().getEpochSecond();
    int p = pid.incrementAndGet();
    SimTask task = new SimTask(node, p, 0x1000000L + p * 7L, now, type, id, user);
    task.cleanup(cleanup);
    synchronized (tasks) {
      tasks.put(task.upid(), task);
      byPid.put(task.pid(), task);
    }
    String[] ep = endpoint.split(" ", 2);
    var rates = faults.rates(ep[0], ep[1]);
    if (faults.roll("task-hang", ep[0], ep[1], rates.taskHangRate())) {
      log.debug("task {} hangs (fault injection)", task.upid());
      task.log("waiting for lock (simulated hang)");
      return task;
    }
    String failure = null;
    if (faults.nextTaskFails(ep[0], ep[1]) || faults.roll("task-fail", ep[0], ep[1], rates.taskFailureRate())) {
      failure = "simulated failure (fault injection)";
    } else {
      String lockTimeout = FaultEngine.lockTimeoutFor(ep[0], ep[1], id);
      if (lockTimeout != null && (faults.nextTaskLocked(ep[0], ep[1])
          || faults.roll("task-lock-timeout", ep[0], ep[1], rates.taskLockTimeoutRate()))) {
        // as a worker that waited for the guest's config lock in vain: nothing done, lock text as status
        failure = lockTimeout;
      }
    }
    boolean warn = faults.roll("task-warn", ep[0], ep[1], rates.taskWarningRate());
    double simulated = durations.getOrDefault(type, seconds);
    long delayMicros = Math.max(0, (long) (simulated * timeScale * 1_000_000));
    String fail = failure;
    task.future(executor.schedule(() -> complete(task, work, cleanup, fail, warn), delayMicros, TimeUnit.MICROSECONDS));
    prune();
    return task;
  }

  private void prune() {
    synchronized (tasks) {
      if (tasks.size() <= MAX_TASKS) {
        return;
      }
      var it = tasks.values().iterator();
      while (tasks.size() > MAX_TASKS && it.hasNext()) {
        SimTask t = it.next();
        if (!t.running()) {
          it.remove();
          byPid.remove(t.pid(), t);
        }
      }
    }
  }

  private void complete(SimTask task, Work work, Cleanup cleanup, String failure, boolean warn) {
    String error = null;
    synchronized (state) {
      if (!task.running()) {
        return;
      }
      try {
        if (failure != null) {
          throw PveError.fail(failure);
        }
        work.run(task);
        if (warn) {
          task.warn("simulated warning (fault injection)");
        }
      } catch (RuntimeException e) {
        error = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      try {
        cleanup.done(error == null);
      } catch (RuntimeException e) {
        log.debug("task cleanup failed", e);
      }
      task.finish(error, clock.instant());
    }
    log.debug("task {} ended: {}", task.upid(), task.exitstatus());
  }

  /**
   * Stops a running task: it ends with {@code interrupted by signal} and its cleanup runs.
   *
   * @param upid the task
   * @return whether it was running
   */
  public boolean stop(String upid) {
    SimTask t = find(upid);
    if (t == null) {
      return false;
    }
    synchronized (state) {
      if (!t.running()) {
        return false;
      }
      if (t.future() != null) {
        t.future().cancel(false);
      }
      if (t.cleanup() != null) {
        t.cleanup().done(false);
      }
      return t.finish("interrupted by signal", clock.instant());
    }
  }

  /**
   * @param upid a UPID
   * @return the task, or null
   */
  public SimTask find(String upid) {
    synchronized (tasks) {
      return tasks.get(upid);
    }
  }

  /**
   * Whether a task's worker process runs: the pid belongs to a task on that node with that start
   * time, and the task has not ended. This is the very condition the task status answers
   * {@code running} on (both read {@link SimTask#running()}), so a task watch and the status
   * endpoint never disagree. A forgotten task has ended, so its absence reads as not running.
   *
   * @param node the node
   * @param pid the process id
   * @param pstart the process start time
   * @return whether it runs
   */
  public boolean processRunning(String node, long pid, long pstart) {
    if (pid < 0 || pid > Integer.MAX_VALUE) {
      return false;
    }
    SimTask t;
    synchronized (tasks) {
      t = byPid.get((int) pid);
    }
    return t != null && t.node().equals(node) && t.pstart() == pstart && t.running();
  }

  /** @return every task, oldest first */
  public List<SimTask> all() {
    synchronized (tasks) {
      return new ArrayList<>(tasks.values());
    }
  }

  /** @return how many tasks still run */
  public long activeCount() {
    return all().stream().filter(SimTask::running).count();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
