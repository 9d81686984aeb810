package dev.proximity.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK-owned threads of one client: a bounded I/O pool and one timer thread for backoff delays.
 *
 * <p>Both use daemon threads and are shut down by {@link #close()}.
 */
public final class Executors implements AutoCloseable {
  private final ThreadPoolExecutor io;
  private final ScheduledThreadPoolExecutor timer;

  /**
   * Creates the executors.
   *
   * @param ioThreads maximum concurrent blocking exchanges
   */
  public Executors(int ioThreads) {
    this.io = new ThreadPoolExecutor(ioThreads, ioThreads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory("proximity-pve-io-"));
    this.io.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, factory("proximity-pve-timer-"));
    this.timer.setRemoveOnCancelPolicy(true);
  }

  private static ThreadFactory factory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Returns the pool blocking exchanges run on.
   *
   * @return the I/O executor
   */
  public Executor io() {
    return io;
  }

  /**
   * Returns the timer for delays (retries, task polling).
   *
   * @return the scheduler
   */
  public ScheduledExecutorService timer() {
    return timer;
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return io.isShutdown();
  }

  /** Stops both executors, interrupting running exchanges; idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
    io.shutdownNow();
  }
}
