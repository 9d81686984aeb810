package dev.proximity.examples.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Limits failed logins per user name and per client address within a sliding window.
 *
 * <p>After {@code maxFailures} failures for the same user or the same address within the window, every
 * further attempt is refused until the oldest failure leaves the window, without checking the
 * password. With the defaults (5 per minute) the 6th failed login within a minute is throttled.
 * Thread-safe; the clock is injectable for tests.
 */
public final class LoginThrottle {
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  /**
   * Creates a throttle.
   *
   * @param maxFailures failures allowed in the window before attempts are refused
   * @param window the sliding window
   * @param clock the clock
   */
  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Checks whether an attempt may proceed.
   *
   * @param username the user name attempted
   * @param address the client address
   * @return empty when allowed; otherwise how long until the next attempt is allowed
   */
  public synchronized Optional<Duration> check(String username, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : new String[] {userKey(username), addressKey(address)}) {
      Deque<Instant> times = prune(key, now);
      if (times != null && times.size() >= maxFailures) {
        Duration untilFree = Duration.between(now, times.peekFirst().plus(window));
        if (untilFree.compareTo(wait) > 0) {
          wait = untilFree;
        }
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /**
   * Records a failed attempt.
   *
   * @param username the user name attempted
   * @param address the client address
   */
  public synchronized void recordFailure(String username, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_TRACKED_KEYS) {
      evictExpired(now);
    }
    failures.computeIfAbsent(userKey(username), k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>()).addLast(now);
  }

  /**
   * Clears the failures of a user after a successful login (the address keeps its count).
   *
   * @param username the user name
   */
  public synchronized void recordSuccess(String username) {
    failures.remove(userKey(username));
  }

  private Deque<Instant> prune(String key, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return null;
    }
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return null;
    }
    return times;
  }

  private void evictExpired(Instant now) {
    Iterator<String> keys = failures.keySet().iterator();
    Instant cutoff = now.minus(window);
    while (keys.hasNext()) {
      Deque<Instant> times = failures.get(keys.next());
      if (times.isEmpty() || !times.peekLast().isAfter(cutoff)) {
        keys.remove();
      }
    }
  }

  private static String userKey(String username) {
    return "u:" + username;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
