package dev.proximity.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** Times repeated calls: warm-up first, then the median and 90th percentile of the measured runs. */
final class Measure {
  private Measure() {}

  /** The figures of one measured call. */
  record Figures(double medianMs, double p90Ms, long allocatedBytesPerCall) {}

  static Figures time(int warmup, int runs, Callable<?> call) throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.call();
    }
    long[] nanos = new long[runs];
    java.util.Map<Long, Long> allocatedBefore = allocatedByThread();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.call();
      nanos[i] = System.nanoTime() - start;
    }
    long allocated = allocatedSince(allocatedBefore) / runs;
    Arrays.sort(nanos);
    return new Figures(nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.9)] / 1e6, allocated);
  }

  /**
   * Bytes allocated so far by each thread of the client side: every live thread but the in-process
   * simulators' (whose serving costs the same for every caller), so that work a client hands to its
   * own or the HTTP client's threads (decoding a streamed answer) counts. Empty where the JVM does
   * not tell.
   */
  static java.util.Map<Long, Long> allocatedByThread() {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    var bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      for (java.lang.management.ThreadInfo info : sun.getThreadInfo(sun.getAllThreadIds())) {
        if (info != null && !isSimulator(info.getThreadName())) {
          long bytes = sun.getThreadAllocatedBytes(info.getThreadId());
          if (bytes >= 0) {
            out.put(info.getThreadId(), bytes);
          }
        }
      }
    }
    return out;
  }

  /**
   * Bytes the client side allocated since {@code before}: per thread, so that a thread ending in
   * between loses only its own share (the clients' threads are pooled); -1 where the JVM does not
   * tell.
   */
  static long allocatedSince(java.util.Map<Long, Long> before) {
    java.util.Map<Long, Long> now = allocatedByThread();
    if (now.isEmpty()) {
      return -1;
    }
    long total = 0;
    for (java.util.Map.Entry<Long, Long> e : now.entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  /** The testkit's threads, and the JDK HTTP server's dispatcher the Proxmox simulator runs on. */
  private static boolean isSimulator(String thread) {
    return thread.startsWith("pve-sim-") || thread.startsWith("ssh-host-sim-")
        || thread.startsWith("HTTP-Dispatcher");
  }
}
