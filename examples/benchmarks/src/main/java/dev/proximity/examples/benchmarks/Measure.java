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
    long allocatedBefore = allocatedBytes();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.call();
      nanos[i] = System.nanoTime() - start;
    }
    long allocated = (allocatedBytes() - allocatedBefore) / runs;
    Arrays.sort(nanos);
    return new Figures(nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.9)] / 1e6, allocated);
  }

  /** Bytes allocated by this thread so far, where the JVM reports it; -1 elsewhere. */
  static long allocatedBytes() {
    var bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
