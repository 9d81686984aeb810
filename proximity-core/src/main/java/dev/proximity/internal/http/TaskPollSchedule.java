package dev.proximity.internal.http;

/**
 * When a task wait sends its next status request: a pure function of what is known, so that the
 * schedule is tested without a clock or a server.
 *
 * <p>Ordinary waits ({@link #nextDelayMs}): unknown kinds of task are polled at once, then after
 * 100 ms, doubling, capped at 2 s. A kind with an {@link TaskDurations.Expectation} is first
 * polled at its expected end (after a probe at the middle of the uncertainty while that is still
 * wide); a task that outlives the expectation is then polled every tenth of its elapsed time,
 * between 100 ms and 2 s, so the end is noticed within about 10 % of the task's length.
 *
 * <p>Prompt waits ({@link #nextPromptDelayMs}), for tasks whose end other work is queued behind,
 * spend a bounded number of extra requests to notice the end sooner. Unknown kinds: at once, then
 * at gaps of 50 ms growing 1.5 times while under 2 s (up to 5.6 s), so the end is noticed within
 * about half the elapsed time instead of all of it, and also at the ordinary schedule's nominal
 * points (100, 300, 700, 1500, 3100 ms, then every 2 s), so never later than those. Known kinds: first at the early edge of the learned interval, then on
 * a grid of steps of {@link #PROMPT_STEP_MS} (wider when the interval is, so that at most
 * {@link #PROMPT_STEPS} steps span it) up to the late edge and for {@link #PROMPT_STEPS} steps
 * beyond it, where a task a little slower than every earlier one ends; then as an ordinary wait.
 * The grid is anchored at the early edge, not at the last answer, so a slow round trip skips grid
 * points instead of adding requests: a known kind's prompt wait sends at most
 * {@code 2 * PROMPT_STEPS + 2} requests before its ordinary overrun schedule.
 *
 * <p>Watched waits ({@link #nextWatchedDelayMs(TaskDurations.Expectation, boolean, int, long, long)}),
 * whose task's end a {@link dev.proximity.pve.TaskEndWatch} reports, read the status when the watch
 * says the task ended. Besides, a kind with an expectation is still polled at the points its
 * schedule has up to the learned end (for prompt waits, through the grid past it): the watch looks
 * every 50 ms and its report crosses the network, so a poll at a well-learned end notices sooner,
 * which matters for work queued behind the task. Past those points, and for unknown kinds, they
 * only poll sparsely, in case the watch stops without saying so: 5 s after the task's start, then
 * at gaps doubling from 10 s up to 60 s (5, 15, 35, 75, 135, 195 s...).
 */
public final class TaskPollSchedule {
  /** The first delay of the schedule for unknown kinds, and the shortest delay after an expected end. */
  public static final long FIRST_DELAY_MS = 100;
  /** The longest delay between two polls when no expected end lies ahead. */
  public static final long MAX_DELAY_MS = 2000;
  /** The first delay of a prompt wait on an unknown kind; each later one is 1.5 times longer. */
  public static final long PROMPT_FIRST_DELAY_MS = 50;
  /** The shortest step of a prompt wait between the edges of a learned interval. */
  public static final long PROMPT_STEP_MS = 15;
  /** How many steps span a learned interval at most, and how many follow its late edge. */
  public static final int PROMPT_STEPS = 6;

  /**
   * The first safety poll of a watched wait, in milliseconds after the task's start. Most tasks an
   * app platform starts (a start, a stop, a linked clone, a snapshot) end well within it, so a
   * working watch leaves them with exactly one status request; a watch that stopped silently costs
   * such a task at most this much lateness, about what an ordinary wait on an unknown kind loses
   * anyway once its gaps have grown to 2 s.
   */
  public static final long WATCHED_FIRST_SAFETY_MS = 5_000;
  /**
   * The longest gap between two safety polls of a watched wait. The gaps double from
   * {@link #WATCHED_FIRST_SAFETY_MS} so that a long task (a full clone, a restore, a download of
   * several minutes) costs a few requests beyond the one the watch asks for, one a minute at
   * most; the cap bounds how late a silently stopped watch lets a long task's end be noticed.
   */
  public static final long WATCHED_MAX_SAFETY_GAP_MS = 60_000;

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
      delay = overrunDelayMs(elapsedMs);
    }
    return clamp(delay, leftMs);
  }

  /**
   * Returns how long a prompt wait waits before the next status request: one whose task's end
   * gates queued work, so that noticing it sooner is worth a few more requests.
   *
   * @param expectation what is known about this kind of task, or null when nothing is
   * @param pollsSent status requests sent so far in this wait
   * @param elapsedMs milliseconds since the task started (or since the wait began when the start is
   *     unknown), at the answer of the last request
   * @param leftMs milliseconds until the wait's deadline; the delay never goes past it
   * @return the delay in milliseconds, never negative
   */
  public static long nextPromptDelayMs(TaskDurations.Expectation expectation, int pollsSent, long elapsedMs,
      long leftMs) {
    long delay;
    if (expectation == null) {
      delay = pollsSent == 0 ? 0 : nextUnknownPromptPointMs(elapsedMs) - elapsedMs;
    } else if (pollsSent == 0 || elapsedMs < expectation.lowMs()) {
      delay = expectation.lowMs() - elapsedMs;
    } else {
      long step = promptStepMs(expectation);
      long gridEnd = expectation.endMs() + PROMPT_STEPS * step;
      if (elapsedMs < gridEnd) {
        long next = expectation.lowMs() + ((elapsedMs - expectation.lowMs()) / step + 1) * step;
        if (elapsedMs < expectation.endMs()) {
          next = Math.min(next, expectation.endMs());  // the late edge itself is always looked at
        }
        delay = next - elapsedMs;
      } else {
        delay = overrunDelayMs(elapsedMs);
      }
    }
    return clamp(delay, leftMs);
  }

  /**
   * Returns how long a watched wait waits before its next safety poll: the next of its points
   * after {@code elapsedMs}, at {@link #WATCHED_FIRST_SAFETY_MS} after the task's start, then at
   * gaps doubling from twice that up to {@link #WATCHED_MAX_SAFETY_GAP_MS}. The watch's signal,
   * not this schedule, is what is meant to end the wait; these polls only bound how late the end is
   * noticed when the watch stops without failing (a host that vanished from the network). The
   * points are anchored at the task's start, so a slow answer skips a point instead of shifting
   * the rest, and the number of requests stays a function of the task's length alone.
   *
   * @param elapsedMs milliseconds since the task started (or since the wait began when the start is
   *     unknown), at the answer of the last request or when the wait began
   * @param leftMs milliseconds until the wait's deadline; the delay never goes past it, so the last
   *     poll is at the deadline and a task still running then times out
   * @return the delay in milliseconds, never negative
   */
  public static long nextWatchedDelayMs(long elapsedMs, long leftMs) {
    return safetyDelayMs(elapsedMs, leftMs);
  }

  /**
   * Returns how long a watched wait waits before its next status request when the watch has not
   * spoken: the earlier of the next safety poll ({@link #nextWatchedDelayMs(long, long)}) and, for a
   * kind with an expectation, its own schedule's next point while that lies within what was
   * learned: up to the expected end for an ordinary wait, through the grid past the late edge for a
   * prompt one. Beyond that the schedule would poll a task that outlived every earlier one of its
   * kind, which the watch reports sooner and at one request.
   *
   * @param expectation what is known about this kind of task, or null when nothing is
   * @param prompt whether the wait is a prompt one ({@link #nextPromptDelayMs})
   * @param pollsSent status requests sent so far in this wait
   * @param elapsedMs milliseconds since the task started (or since the wait began when the start is
   *     unknown), at the answer of the last request or when the wait began
   * @param leftMs milliseconds until the wait's deadline; the delay never goes past it
   * @return the delay in milliseconds, never negative
   */
  public static long nextWatchedDelayMs(TaskDurations.Expectation expectation, boolean prompt, int pollsSent,
      long elapsedMs, long leftMs) {
    long safety = safetyDelayMs(elapsedMs, leftMs);
    if (expectation == null) {
      return safety;
    }
    long known = prompt ? nextPromptDelayMs(expectation, pollsSent, elapsedMs, leftMs)
        : nextDelayMs(expectation, pollsSent, elapsedMs, leftMs);
    long lastKnownMs = prompt ? expectation.endMs() + PROMPT_STEPS * promptStepMs(expectation)
        : expectation.endMs();
    return elapsedMs + known <= lastKnownMs ? Math.min(known, safety) : safety;
  }

  private static long safetyDelayMs(long elapsedMs, long leftMs) {
    long point = WATCHED_FIRST_SAFETY_MS;
    long gap = WATCHED_FIRST_SAFETY_MS;
    while (point <= elapsedMs && gap < WATCHED_MAX_SAFETY_GAP_MS) {
      gap = Math.min(WATCHED_MAX_SAFETY_GAP_MS, gap * 2);
      point += gap;
    }
    if (point <= elapsedMs) {
      point += ((elapsedMs - point) / WATCHED_MAX_SAFETY_GAP_MS + 1) * WATCHED_MAX_SAFETY_GAP_MS;
    }
    return clamp(point - elapsedMs, leftMs);
  }

  /**
   * The step of a prompt wait's grid for a learned interval: {@link #PROMPT_STEP_MS}, or wider when
   * the interval is, so that at most {@link #PROMPT_STEPS} steps span it.
   *
   * @param expectation the learned interval
   * @return the step in milliseconds, at least {@link #PROMPT_STEP_MS}
   */
  public static long promptStepMs(TaskDurations.Expectation expectation) {
    long width = expectation.endMs() - expectation.lowMs();
    return Math.max(PROMPT_STEP_MS, (width + PROMPT_STEPS - 1) / PROMPT_STEPS);
  }

  /**
   * The first point after {@code elapsedMs} of a prompt wait on an unknown kind: its own points
   * (50, 125, 237, 405, 657, 1035, 1602, 2452, 3727, 5639 ms, each gap 1.5 times the previous one
   * while that is under 2 s) and the ordinary schedule's nominal points (0, 100, 300, 700, 1500,
   * 3100 ms, then every 2 s), so that a prompt wait never looks later than an ordinary one would.
   * Anchored at the task's start, so a slow round trip skips points instead of shifting them.
   */
  private static long nextUnknownPromptPointMs(long elapsedMs) {
    long ordinary = 0;
    long gap = FIRST_DELAY_MS;
    while (ordinary <= elapsedMs && gap < MAX_DELAY_MS) {
      ordinary += gap;
      gap <<= 1;
    }
    if (ordinary <= elapsedMs) {
      ordinary += ((elapsedMs - ordinary) / MAX_DELAY_MS + 1) * MAX_DELAY_MS;
    }
    long own = 0;
    for (long g = PROMPT_FIRST_DELAY_MS; own <= elapsedMs && g < MAX_DELAY_MS; g = g * 3 / 2) {
      own += g;
    }
    return own > elapsedMs ? Math.min(ordinary, own) : ordinary;
  }

  /** Past every expectation: a tenth of the elapsed time, between 100 ms and 2 s. */
  private static long overrunDelayMs(long elapsedMs) {
    return Math.max(FIRST_DELAY_MS, Math.min(MAX_DELAY_MS, elapsedMs / 10));
  }

  private static long clamp(long delay, long leftMs) {
    return Math.max(0, Math.min(delay, leftMs));
  }
}
