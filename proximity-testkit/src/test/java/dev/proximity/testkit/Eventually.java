package dev.proximity.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** Polls a count until it reaches a value or a deadline passes, for state another thread changes. */
public final class Eventually {
  private Eventually() {}

  /**
   * Polls until the count equals the expected value.
   *
   * @param count the count to read
   * @param expected the value to wait for
   * @param deadline how long to wait at most
   * @return the last value read (the expected one unless the deadline passed)
   */
  public static int count(IntSupplier count, int expected, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    int n = count.getAsInt();
    while (n != expected && System.nanoTime() < end) {
      LockSupport.parkNanos(1_000_000); // a poll interval, not a guess at how long the change takes
      n = count.getAsInt();
    }
    return n;
  }
}
