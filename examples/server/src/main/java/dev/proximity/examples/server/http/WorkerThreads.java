package dev.proximity.examples.server.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the executors that run blocking work (HTTP handlers, SDK calls): one virtual thread per task
 * on Java 21 and later, a bounded pool of platform threads before.
 *
 * <p>The server is compiled for Java 17, so the Java 21 factory is found by a method-handle lookup at
 * run time rather than referenced directly.
 */
public final class WorkerThreads {
  private static final MethodHandle VIRTUAL_PER_TASK = findVirtualFactory();

  private WorkerThreads() {}

  /**
   * Whether this JVM offers virtual threads.
   *
   * @return {@code true} on Java 21 and later
   */
  public static boolean virtualThreadsAvailable() {
    return VIRTUAL_PER_TASK != null;
  }

  /**
   * Creates an executor for blocking tasks.
   *
   * @param name the thread name prefix, used for platform threads
   * @param platformThreads the pool size when virtual threads are not available
   * @return a new executor; the caller shuts it down
   */
  public static ExecutorService create(String name, int platformThreads) {
    if (VIRTUAL_PER_TASK != null) {
      try {
        return (ExecutorService) VIRTUAL_PER_TASK.invokeExact();
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create a virtual-thread executor", e);
      }
    }
    return platform(name, platformThreads);
  }

  /**
   * Creates a fixed pool of daemon platform threads.
   *
   * @param name the thread name prefix
   * @param threads the pool size
   * @return a new executor
   */
  static ExecutorService platform(String name, int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  private static MethodHandle findVirtualFactory() {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      return MethodHandles.publicLookup()
          .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
