package dev.proximity.internal.http;

/**
 * When a task wait sends its next status request: a pure function of what is known, so that the
 * schedule is tested without a clock or a server.
 *
 * <p>Unknown kinds of task are polled at once, then after 100 ms, doubling, capped at 2 s. A kind
 * with an {@link TaskDurations.Expectation} is first polled at its expected end (after a probe at
 * the middle of the uncertainty while that is still wide); a task that outlives the expectation is
 * then polled every tenth of its elapsed time, between 100 ms and 2 s, so the end is noticed within
 * about 10 % of the task's length.
 */
public final class TaskPollSchedule {
  /** The first delay of the schedule for unknown kinds, and the shortest delay after an expected end. */
  public static final long FIRST_DELAY_MS = 100;
  /** The longest delay between two polls when no expected end lies ahead. */
  public static final long MAX_DELAY_MS = 2000;

  private TaskPollSchedule() {}

  /**
   * Returns how long to wait before the next status request.
   *
   * @param expectation what is known about this kind of task, or null when nothing is
   * @param pollsSent status requests sent so far in this wait
   * @param elapsedMs milliseconds since the task started (or since the wait began when the start is
   *     unknown), at the answer of the last request
   * @param leftMs milliseconds until the wait's deadline; the delay never goes past it
   * @return the delay in milliseconds, never negative
   */
  public static long nextDelayMs(TaskDurations.Expectation expectation, int pollsSent, long elapsedMs, long leftMs) {
    long delay;
    if (expectation == null) {
      delay = pollsSent == 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(pollsSent - 1, 10));
    } else if (pollsSent == 0 || elapsedMs < expectation.probeMs()) {
      delay = expectation.probeMs() - elapsedMs;
    } else if (elapsedMs < expectation.endMs()) {
      delay = expectation.endMs() - elapsedMs;
    } else {
      delay = Math.max(FIRST_DELAY_MS, Math.min(MAX_DELAY_MS, elapsedMs / 10));
    }
    return Math.max(0, Math.min(delay, leftMs));
  }
}
