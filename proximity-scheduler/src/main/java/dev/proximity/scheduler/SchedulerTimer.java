package dev.proximity.scheduler;

import java.time.Instant;

/**
 * The source of wake-ups for a {@link Scheduler}: runs an action when the scheduler's clock reaches
 * an instant.
 *
 * <p>The default (used when none is configured) sleeps on an SDK-owned daemon thread and re-checks
 * the clock at least once a minute, so wall-clock steps and host suspends are noticed.
 * {@link VirtualTime} is the deterministic implementation for tests. A timer may wake the
 * scheduler early; the scheduler checks its clock and re-arms. Implementations are thread-safe.
 */
public interface SchedulerTimer {

  /**
   * Arranges for {@code action} to run once, at or after {@code at}.
   *
   * @param at when to run, on the scheduler's clock
   * @param action what to run; it must not block for long
   * @return a handle that cancels the wake-up
   */
  Wakeup schedule(Instant at, Runnable action);

  /** A pending wake-up. */
  interface Wakeup {
    /** Cancels the wake-up if it has not run yet; idempotent. */
    void cancel();
  }
}
