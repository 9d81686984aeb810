package dev.proximity.pve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A settable clock; optionally advances by a step on every read, so deadlines pass without waiting. */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final Duration stepPerRead;

  /**
   * Creates the clock.
   *
   * @param start the first instant
   * @param stepPerRead how far each read advances it
   */
  public TestClock(Instant start, Duration stepPerRead) {
    this.now = new AtomicReference<>(start);
    this.stepPerRead = stepPerRead;
  }

  /** A clock at 2026-01-01T00:00:00Z that moves only when advanced. */
  public static TestClock fixed() {
    return new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO);
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.getAndUpdate(i -> i.plus(stepPerRead));
  }
}
