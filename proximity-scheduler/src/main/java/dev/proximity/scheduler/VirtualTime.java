package dev.proximity.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A manually advanced clock and timer for deterministic tests of scheduled code: nothing happens
 * until the test calls {@link #advanceTo(Instant)} or {@link #advanceBy(Duration)}, and then every
 * wake-up that falls due runs on the calling thread, in time order, with the clock set to its due
 * time.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.at(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Berlin"));
 * try (Scheduler scheduler = Scheduler.builder()
 *     .clock(time.clock()).timer(time).executor(Runnable::run).build()) {
 *   scheduler.add(Job.of("b", Schedule.daily(LocalTime.of(2, 30)), time.clock().getZone(), ctx -> {}));
 *   scheduler.start();
 *   time.advanceBy(Duration.ofDays(2));     // runs the job on both nights
 * }
 * }</pre>
 *
 * <p>Thread-safe; wake-up actions run without any lock held.
 */
public final class VirtualTime implements SchedulerTimer {
  private final ZoneId zone;
  private final List<Pending> pending = new ArrayList<>();
  private Instant now;
  private long sequence;

  private VirtualTime(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Creates a virtual time source.
   *
   * @param start the initial instant
   * @param zone the zone of {@link #clock()}
   * @return the time source
   */
  public static VirtualTime at(Instant start, ZoneId zone) {
    return new VirtualTime(start, zone);
  }

  /**
   * Returns a clock that reads this virtual time.
   *
   * @return the clock, in this time source's zone
   */
  public Clock clock() {
    return new VirtualClock(zone);
  }

  /**
   * Returns the current virtual instant.
   *
   * @return now
   */
  public synchronized Instant now() {
    return now;
  }

  /**
   * Advances the clock to {@code target}, running every wake-up due on the way in time order.
   *
   * @param target the new time; not before {@link #now()}
   */
  public void advanceTo(Instant target) {
    synchronized (this) {
      if (target.isBefore(now)) {
        throw new IllegalArgumentException("virtual time only moves forward: " + target
            + " is before " + now);
      }
    }
    while (true) {
      Pending next;
      synchronized (this) {
        next = pending.stream()
            .filter(p -> !p.at.isAfter(target))
            .min((a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at))
            .orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        pending.remove(next);
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      next.action.run();
    }
  }

  /**
   * Advances the clock by {@code duration}, running every wake-up due on the way.
   *
   * @param duration how far; not negative
   */
  public void advanceBy(Duration duration) {
    advanceTo(now().plus(duration));
  }

  /**
   * Returns how many wake-ups are pending.
   *
   * @return the count
   */
  public synchronized int pendingWakeups() {
    return pending.size();
  }

  @Override
  public synchronized Wakeup schedule(Instant at, Runnable action) {
    Pending p = new Pending(Objects.requireNonNull(at, "at"), sequence++,
        Objects.requireNonNull(action, "action"));
    pending.add(p);
    return () -> {
      synchronized (VirtualTime.this) {
        pending.remove(p);
      }
    };
  }

  @Override
  public synchronized String toString() {
    return "VirtualTime[" + now + ", " + zone + ", pending=" + pending.size() + "]";
  }

  private record Pending(Instant at, long seq, Runnable action) {}

  private final class VirtualClock extends Clock {
    private final ZoneId clockZone;

    VirtualClock(ZoneId clockZone) {
      this.clockZone = clockZone;
    }

    @Override
    public ZoneId getZone() {
      return clockZone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new VirtualClock(newZone);
    }

    @Override
    public Instant instant() {
      return now();
    }
  }
}
