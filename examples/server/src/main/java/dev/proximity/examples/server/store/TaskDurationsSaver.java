package dev.proximity.examples.server.store;

import dev.proximity.pve.PveClient;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationsFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves what the SDK's task waits learned about task durations while the server runs, so that a
 * crash or a kill loses at most {@link #EVERY} of it; the SDK itself saves the file when it is closed
 * at shutdown ({@code Proximity.Builder.taskDurations(Path)}), and reads it at start.
 *
 * <p>A timer checks every minute; the file is written when {@link #EVERY} has passed on the clock
 * since the last save and something was learned since. Thread-safe.
 */
public final class TaskDurationsSaver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskDurationsSaver.class);

  /** How often at most the file is written while the server runs. */
  public static final Duration EVERY = Duration.ofMinutes(10);
  private static final Duration CHECK = Duration.ofMinutes(1);

  private final PveClient pve;
  private final Path file;
  private final Clock clock;
  private final Duration every;
  private ScheduledExecutorService timer;
  private Instant lastSave;
  private TaskDurationSnapshot saved;

  /**
   * Creates a saver without a timer; {@link #tick()} does the periodic work.
   *
   * @param pve the client whose learned durations are saved
   * @param file the file, the one the SDK reads at start
   * @param clock tells when {@code every} has passed
   * @param every how often at most the file is written
   */
  public TaskDurationsSaver(PveClient pve, Path file, Clock clock, Duration every) {
    this.pve = Objects.requireNonNull(pve, "pve");
    this.file = Objects.requireNonNull(file, "file");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.every = Objects.requireNonNull(every, "every");
    this.lastSave = clock.instant();
    this.saved = pve.taskDurations();
  }

  /**
   * Creates a saver that ticks every minute on its own daemon thread until closed.
   *
   * @param pve the client whose learned durations are saved
   * @param file the file, the one the SDK reads at start
   * @param clock tells when {@link #EVERY} has passed
   * @return the running saver
   */
  public static TaskDurationsSaver start(PveClient pve, Path file, Clock clock) {
    TaskDurationsSaver saver = new TaskDurationsSaver(pve, file, clock, EVERY);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "px-task-durations");
      t.setDaemon(true);
      return t;
    });
    synchronized (saver) {
      saver.timer = timer;
    }
    timer.scheduleWithFixedDelay(saver::tick, CHECK.toSeconds(), CHECK.toSeconds(), TimeUnit.SECONDS);
    return saver;
  }

  /**
   * Saves when {@code every} has passed since the last save and something changed.
   *
   * @return whether the file was written
   */
  public synchronized boolean tick() {
    Instant now = clock.instant();
    if (now.isBefore(lastSave.plus(every))) {
      return false;
    }
    TaskDurationSnapshot current = pve.taskDurations();
    if (current.equals(saved)) {
      return false;
    }
    try {
      current.writeTo(file);
    } catch (TaskDurationsFileException e) {
      // Nothing else sees this failure: the timer thread has no caller. The next tick tries again.
      log.warn("{}", e.getMessage());
      return false;
    }
    saved = current;
    lastSave = now;
    return true;
  }

  /** Stops the timer; the SDK saves the file itself when it is closed. Idempotent. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
