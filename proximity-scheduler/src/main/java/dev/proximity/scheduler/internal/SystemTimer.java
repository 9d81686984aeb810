package dev.proximity.scheduler.internal;

import dev.proximity.scheduler.SchedulerTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link SchedulerTimer}: sleeps on a scheduled executor, at most {@link #MAX_SLEEP} at
 * a time, and re-reads the clock on every wake-up, so a wall-clock step or a host suspend delays a
 * fire by at most that long.
 */
public final class SystemTimer implements SchedulerTimer {
  /** Longest single sleep before the clock is read again. */
  public static final Duration MAX_SLEEP = Duration.ofMinutes(1);

  private final Clock clock;
  private final ScheduledExecutorService executor;

  /**
   * Creates a timer.
   *
   * @param clock the clock that decides when an instant is reached
   * @param executor the executor to sleep on; owned by the caller
   */
  public SystemTimer(Clock clock, ScheduledExecutorService executor) {
    this.clock = clock;
    this.executor = executor;
  }

  @Override
  public Wakeup schedule(Instant at, Runnable action) {
    AtomicReference<ScheduledFuture<?>> current = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      if (cancelled.get()) {
        return;
      }
      Duration wait = Duration.between(clock.instant(), at);
      if (wait.isNegative() || wait.isZero()) {
        action.run();
        return;
      }
      long millis = Math.min(wait.toMillis() + 1, MAX_SLEEP.toMillis());
      try {
        current.set(executor.schedule(step[0], millis, TimeUnit.MILLISECONDS));
      } catch (RejectedExecutionException e) {
        // the scheduler is closing: nothing left to wake
      }
    };
    current.set(executor.schedule(step[0], 0, TimeUnit.MILLISECONDS));
    return () -> {
      cancelled.set(true);
      ScheduledFuture<?> f = current.get();
      if (f != null) {
        f.cancel(false);
      }
    };
  }
}
