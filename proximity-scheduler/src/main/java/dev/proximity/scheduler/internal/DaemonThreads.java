package dev.proximity.scheduler.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the SDK-owned threads of this module and makes them daemons, so they never hold a JVM. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /**
   * Returns a factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ...
   *
   * @param prefix such as {@code proximity-scheduler-job}
   * @return the factory
   */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
