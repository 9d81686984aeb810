package dev.proximity.internal.deploy;

import dev.proximity.internal.http.TaskDurations;
import java.util.List;

/**
 * When the waits inside a deploy look again at a condition (an IPv4 address, the app's health):
 * pure functions of what is known, tested without a clock, a server or a container.
 *
 * <p>Where nothing is known about when the condition can come true, the look comes a third of the
 * time waited so far after the last one, at least 20 ms and at most 1 s: the condition is seen at
 * most about a third of its wait after it came true, and the looks grow with the logarithm of the
 * wait. Where something is known, the looks go to the instants the condition can come true.
 */
final class WaitSchedule {
  /** The shortest pause between two looks. */
  static final long MIN_PAUSE_MS = 20;
  /** The longest pause of the blind schedule. */
  static final long MAX_PAUSE_MS = 1000;
  /**
   * How long after a health check instant the looks stay dense: a check takes time to run (a
   * {@code docker exec} of the test command, typically tens to hundreds of milliseconds), and
   * Docker's later checks drift by the time the earlier ones took.
   */
  static final long CHECK_SETTLE_MS = 1000;

  private WaitSchedule() {}

  /**
   * The blind schedule: a third of the time waited, between {@link #MIN_PAUSE_MS} and
   * {@link #MAX_PAUSE_MS}.
   *
   * @param waitedMs milliseconds waited so far
   * @return the pause before the next look
   */
  static long blind(long waitedMs) {
    return Math.max(MIN_PAUSE_MS, Math.min(MAX_PAUSE_MS, waitedMs / 3));
  }

  /**
   * Returns how long to wait before the next look for a just started container's IPv4 address,
   * counted from when the start was seen to end.
   *
   * <p>With an expectation learned from earlier waits on the node (see {@link TaskDurations}, one
   * kind per node and bridge), the looks go to its probe (its end once known closely) and then its
   * end; a lease later than that is overdue and looked for on the blind schedule counted from the
   * end (20 ms after it, then a third of the overrun), since the start's end is only seen with some
   * delay that varies from wait to wait. One look comes first, at half
   * the probe: the learned interval only narrows while leases keep coming inside it, so a node whose
   * leases became faster (or one slow lease that moved the estimate late) would be looked at late
   * for good, unless a look before the estimate can see the lease and start it over. Without an
   * expectation, the first look is at once and the rest follow the blind schedule.
   *
   * @param expected when the lease came on earlier starts, or null when unknown
   * @param looks looks sent so far in this wait
   * @param waitedMs milliseconds since this wait began (the start was seen to end)
   * @param leftMs milliseconds until the operation's deadline; the pause never goes past it
   * @return the pause in milliseconds, never negative
   */
  static long address(TaskDurations.Expectation expected, int looks, long waitedMs, long leftMs) {
    long delay;
    if (expected == null) {
      delay = looks == 0 ? 0 : blind(waitedMs);
    } else if (looks == 0) {
      delay = expected.probeMs() / 2 - waitedMs;
    } else if (waitedMs < expected.probeMs()) {
      delay = expected.probeMs() - waitedMs;
    } else if (waitedMs < expected.endMs()) {
      delay = expected.endMs() - waitedMs;
    } else {
      delay = blind(waitedMs - expected.endMs());
    }
    return clamp(delay, leftMs);
  }

  /**
   * Returns how long to wait before the next look at an app's health after
   * {@code docker compose up -d} returned.
   *
   * <p>A service's health changes only when one of its checks ends. Its containers started before
   * {@code up} returned, so check k cannot end before the k-th check instant counted from there
   * (see {@link ServiceHealthCheck}). The first look goes to the earliest instant at which every
   * pending service can have passed a check; after each instant the looks are dense for a short
   * while (at once, then doubling from {@link #MIN_PAUSE_MS}, for at most {@link #CHECK_SETTLE_MS}
   * or the check's timeout), then the next look waits for the next instant. Where something is not
   * known (a service reports a health check the compose file does not declare, or is not running
   * yet), or no service declares a check, the blind schedule applies, with a first look at once.
   *
   * @param pending the checks of the services not healthy yet, as far as they are known
   * @param unknownPending whether a service is pending whose checks are not known
   * @param looks looks sent so far in this wait
   * @param sinceUpMs milliseconds since {@code docker compose up -d} returned
   * @param waitedMs milliseconds since this wait began
   * @param leftMs milliseconds until the operation's deadline; the pause never goes past it
   * @return the pause in milliseconds, never negative
   */
  static long health(List<ServiceHealthCheck> pending, boolean unknownPending, int looks,
      long sinceUpMs, long waitedMs, long leftMs) {
    if (unknownPending || pending.isEmpty()) {
      return clamp(looks == 0 ? 0 : blind(waitedMs), leftMs);
    }
    // every pending service must pass a check: none can be healthy before the last first check
    long first = 0;
    for (ServiceHealthCheck c : pending) {
      first = Math.max(first, c.firstCheck().toMillis());
    }
    if (sinceUpMs < first) {
      return clamp(first - sinceUpMs, leftMs);
    }
    long next = Long.MAX_VALUE;
    long dense = Long.MAX_VALUE;
    for (ServiceHealthCheck c : pending) {
      long previous = previousCheck(c, sinceUpMs);
      long after = sinceUpMs - previous;
      if (after < Math.min(CHECK_SETTLE_MS, c.timeout().toMillis())) {
        dense = Math.min(dense, Math.max(MIN_PAUSE_MS, after));
      }
      next = Math.min(next, previous + step(c, previous));
    }
    return clamp(Math.min(dense, next - sinceUpMs), leftMs);
  }

  /** The latest check instant at or before {@code t}, t at least the first check instant. */
  static long previousCheck(ServiceHealthCheck c, long t) {
    long period = c.startPeriod().toMillis();
    long startStep = Math.max(1, c.startInterval().toMillis());
    long interval = Math.max(1, c.interval().toMillis());
    // inside the start period the checks come every start interval; the one that runs at or
    // after the period's end is the last of them, and the normal interval follows it
    long startChecks = period == 0 ? 0 : Math.max(1, (period + startStep - 1) / startStep);
    long lastStartCheck = startChecks * startStep;
    if (startChecks > 0 && t < lastStartCheck) {
      return (t / startStep) * startStep;
    }
    if (startChecks > 0) {
      return lastStartCheck + ((t - lastStartCheck) / interval) * interval;
    }
    return (t / interval) * interval;
  }

  /** The time from a check instant to the next one. */
  private static long step(ServiceHealthCheck c, long instant) {
    return instant < c.startPeriod().toMillis() ? Math.max(1, c.startInterval().toMillis())
        : Math.max(1, c.interval().toMillis());
  }

  private static long clamp(long delay, long leftMs) {
    return Math.max(0, Math.min(delay, leftMs));
  }
}
