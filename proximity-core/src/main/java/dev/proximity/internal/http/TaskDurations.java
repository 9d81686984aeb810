package dev.proximity.internal.http;

import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one client has learned about how long each kind of task (node and worker type) runs, so a
 * wait can poll near the expected end instead of on a fixed schedule.
 *
 * <p>Every finished wait tells that the task ended after the last status request that still saw it
 * running and before the answer that saw it stopped. The kinds keep the intersection of these
 * intervals; an interval that does not overlap it (the task outlived what was known) starts over
 * from that interval, so the estimate follows a kind that becomes slower. A kind that becomes faster
 * is still polled at its older end, so that wait is late by the difference, except by prompt waits
 * ({@link #recordEndedByEarlyEdge}), whose first look at the early edge tells. At most
 * {@link #MAX_KINDS} kinds are kept, least recently used dropped first. Each kind keeps when a wait
 * last taught it, so that what is carried to another client ({@link #snapshot()},
 * {@link #restore(TaskDurationSnapshot)}) can age out. Thread-safe.
 */
public final class TaskDurations {
  /** How many kinds of task are remembered. */
  public static final int MAX_KINDS = 256;
  /**
   * How far back at least the early edge moves when a task ended before it: two steps of a
   * prompt wait, so the next one looks that much earlier.
   */
  public static final long MIN_WIDENING_MS = 2 * TaskPollSchedule.PROMPT_STEP_MS;

  /**
   * Where the next wait for a kind of task polls.
   *
   * @param lowMs the early edge: every task of this kind seen so far still ran at this time, in
   *     milliseconds after the task's start; a prompt wait looks here first
   * @param probeMs the first poll of an ordinary wait, in milliseconds after the task's start;
   *     equals {@code endMs} when the end is known closely enough, else the middle of the
   *     uncertainty
   * @param endMs the late edge: the latest end seen for this kind, in milliseconds after the
   *     task's start
   */
  public record Expectation(long lowMs, long probeMs, long endMs) {
    /** Checks that the early edge, the probe and the end come in this order. */
    public Expectation {
      if (lowMs < 0 || lowMs > probeMs || probeMs > endMs) {
        throw new IllegalArgumentException("expected 0 <= early edge " + lowMs + " ms <= probe "
            + probeMs + " ms <= end " + endMs + " ms");
      }
    }
  }

  /** The task ended after {@code lowMs} and at or before {@code highMs}. */
  private record Interval(long lowMs, long highMs) {}

  /** What is known of a kind, and when a wait last taught it. */
  private record Learned(Interval interval, Instant at) {}

  private final Clock clock;
  private final Map<String, Learned> kinds = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Learned> eldest) {
      return size() > MAX_KINDS;
    }
  };

  /** Creates an empty memory that stamps what it learns with the system UTC clock. */
  public TaskDurations() {
    this(Clock.systemUTC());
  }

  /**
   * Creates an empty memory.
   *
   * @param clock stamps when each kind was learned
   */
  public TaskDurations(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns where to poll the next task of a kind.
   *
   * @param node the node the task runs on
   * @param type the worker type, e.g. {@code vzstart}
   * @return the expectation, or null when no task of this kind was seen to end
   */
  public Expectation expect(String node, String type) {
    Learned known;
    synchronized (kinds) {
      known = kinds.get(key(node, type));
    }
    return known == null ? null : expectation(known.interval().lowMs(), known.interval().highMs());
  }

  /**
   * Remembers when a task of a kind ended.
   *
   * @param node the node the task ran on
   * @param type the worker type
   * @param lowMs the send time of the last request that saw it running (0 when none did), in
   *     milliseconds after the task's start
   * @param highMs the answer time of the request that saw it stopped, in milliseconds after the start
   */
  public void record(String node, String type, long lowMs, long highMs) {
    if (highMs < 0 || lowMs > highMs) {
      return;  // the task's start is not known well enough to learn from this wait
    }
    Interval seen = new Interval(Math.max(0, lowMs), highMs);
    Instant now = clock.instant();
    synchronized (kinds) {
      Learned known = kinds.get(key(node, type));
      kinds.put(key(node, type), new Learned(known == null ? seen : narrow(known.interval(), seen), now));
    }
  }

  /**
   * Returns everything known, least recently used kind first, for another client to start from.
   *
   * @return the snapshot
   */
  public TaskDurationSnapshot snapshot() {
    List<LearnedKind> out = new ArrayList<>();
    synchronized (kinds) {
      for (Map.Entry<String, Learned> e : kinds.entrySet()) {
        int split = e.getKey().indexOf('\u0000');
        Interval i = e.getValue().interval();
        out.add(new LearnedKind(e.getKey().substring(0, split), e.getKey().substring(split + 1),
            Duration.ofMillis(i.lowMs()), Duration.ofMillis(i.highMs()), e.getValue().at()));
      }
    }
    return new TaskDurationSnapshot(out);
  }

  /**
   * Takes over what another client learned, as if this memory had seen those waits itself at the
   * times they were learned: a kind known here already is narrowed by the restored interval the same
   * way a wait narrows it. Kinds are used in the snapshot's order, so its most recently used kinds
   * stay when the bound drops some.
   *
   * @param snapshot what another client learned
   */
  public void restore(TaskDurationSnapshot snapshot) {
    synchronized (kinds) {
      for (LearnedKind k : snapshot.kinds()) {
        Interval seen = new Interval(k.endsAfter().toMillis(), k.endsBy().toMillis());
        String key = key(k.node(), k.kind());
        Learned known = kinds.get(key);
        Instant at = known == null || k.learnedAt().isAfter(known.at()) ? k.learnedAt() : known.at();
        kinds.put(key, new Learned(known == null ? seen : narrow(known.interval(), seen), at));
      }
    }
  }

  /**
   * Remembers that a prompt wait's first look, at the kind's early edge, already saw a task ended.
   * Tasks of a kind vary a little (and so does when their start is seen), while intersecting
   * intervals only ever moves the early edge later, up to the latest time any task was seen
   * running; without this, every faster task would be noticed at that edge, late by the
   * difference. So the early edge moves back by the interval's width, at least
   * {@link #MIN_WIDENING_MS}, and the late edge comes down to this answer when that is earlier.
   *
   * @param node the node the task ran on
   * @param type the worker type
   * @param highMs the answer time of the first look, which saw the task stopped, in milliseconds
   *     after the task's start
   */
  public void recordEndedByEarlyEdge(String node, String type, long highMs) {
    if (highMs < 0) {
      return;
    }
    Instant now = clock.instant();
    synchronized (kinds) {
      Learned known = kinds.get(key(node, type));
      kinds.put(key(node, type), new Learned(known == null ? new Interval(0, highMs)
          : movedBack(known.interval(), highMs), now));
    }
  }

  private static Interval movedBack(Interval known, long endedByMs) {
    long low = Math.max(0, known.lowMs() - Math.max(MIN_WIDENING_MS, known.highMs() - known.lowMs()));
    long high = Math.min(known.highMs(), endedByMs);
    return new Interval(low, high > low ? high : known.highMs());
  }

  /**
   * Returns the expectation for a task that ends between two instants: poll at the late one when
   * waiting until then costs at most a twentieth of the task's length plus 50 ms, else probe halfway
   * first. That is half the target of docs/performance.md (noticed within 10 % + 150 ms), leaving the
   * other half for the request's round trip and timer slack.
   *
   * @param lowMs the task ends after this, in milliseconds after its start
   * @param highMs the task ends at or before this
   * @return the expectation
   */
  public static Expectation expectation(long lowMs, long highMs) {
    boolean closeEnough = highMs - lowMs <= lowMs / 20 + 50;
    return new Expectation(lowMs, closeEnough ? highMs : lowMs + (highMs - lowMs) / 2, highMs);
  }

  private static Interval narrow(Interval known, Interval seen) {
    long low = Math.max(known.lowMs(), seen.lowMs());
    long high = Math.min(known.highMs(), seen.highMs());
    return low < high ? new Interval(low, high) : seen;
  }

  private static String key(String node, String type) {
    return node + '\u0000' + type;
  }
}
