package dev.proximity.scheduler;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures a {@link Scheduler}. Not thread-safe; {@link #build()} may be called once or more.
 */
public final class SchedulerBuilder {
  Clock clock = Clock.systemDefaultZone();
  SchedulerTimer timer;
  Executor executor;
  Path stateFile;
  Duration shutdownTimeout = Duration.ofSeconds(10);
  final List<SchedulerListener> listeners = new ArrayList<>();

  SchedulerBuilder() {}

  /**
   * Sets the clock (default: the system clock).
   *
   * @param clock the clock
   * @return this builder
   */
  public SchedulerBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the wake-up source (default: an SDK-owned daemon thread, closed with the scheduler).
   *
   * @param timer the timer; owned by the caller
   * @return this builder
   */
  public SchedulerBuilder timer(SchedulerTimer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
    return this;
  }

  /**
   * Uses a {@link VirtualTime} as clock and timer. Pair it with a direct executor
   * ({@code Runnable::run}) for fully deterministic tests.
   *
   * @param time the virtual time
   * @return this builder
   */
  public SchedulerBuilder virtualTime(VirtualTime time) {
    return clock(time.clock()).timer(time);
  }

  /**
   * Sets the executor jobs run on (default: an SDK-owned cached pool of daemon threads, shut down
   * by {@link Scheduler#close()}; at most one thread per job, since jobs never overlap).
   *
   * @param executor the executor; owned by the caller, never shut down by the scheduler
   * @return this builder
   */
  public SchedulerBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Sets the JSON file that keeps each job's last run across restarts (default: none, state is
   * kept in memory only and missed fires are not caught up after a restart).
   *
   * @param file the state file; its directory is created if needed
   * @return this builder
   */
  public SchedulerBuilder stateFile(Path file) {
    this.stateFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Sets how long {@link Scheduler#close()} waits for runs in progress on the SDK-owned executor
   * before interrupting them (default: 10 seconds).
   *
   * @param timeout the timeout
   * @return this builder
   */
  public SchedulerBuilder shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   * @return this builder
   */
  public SchedulerBuilder addListener(SchedulerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Builds the scheduler; call {@link Scheduler#start()} to arm it.
   *
   * @return a new scheduler
   */
  public Scheduler build() {
    return new Scheduler(this);
  }
}
