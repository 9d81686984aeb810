package dev.proximity.pve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A settable clock; optionally advances by a step on every read, so deadlines pass without waiting. */
final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final Duration stepPerRead;

  TestClock(Instant start, Duration stepPerRead) {
    this.now = new AtomicReference<>(start);
    this.stepPerRead = stepPerRead;
  }

  static TestClock fixed() {
    return new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO);
  }

  void advance(Duration d) {
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
