package dev.proximity.testkit.ssh;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** One emulated command: who runs it, its words, its streams, and its channel's end. */
final class Invocation {
  final SshHostSimulator sim;
  final String node;
  final List<String> argv;
  /** The channel's standard input; only commands that read it touch it. */
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  private final CountDownLatch closed;

  Invocation(SshHostSimulator sim, String node, List<String> argv, InputStream in,
      PrintStream out, PrintStream err, CountDownLatch closed) {
    this.sim = sim;
    this.node = node;
    this.argv = argv;
    this.in = in;
    this.out = out;
    this.err = err;
    this.closed = closed;
  }

  Invocation withArgv(List<String> inner) {
    return new Invocation(sim, node, inner, in, out, err, closed);
  }

  /** Blocks until the client closes the channel (for hangs and {@code --follow}). */
  void awaitChannelClosed() throws InterruptedException {
    out.flush();
    err.flush();
    closed.await();
  }

  /**
   * Spends the time a piece of simulated work takes.
   *
   * @param d real duration
   * @return true if the client closed the channel meanwhile: the work must not take effect
   */
  boolean work(java.time.Duration d) throws InterruptedException {
    if (d.isZero()) {
      return false;
    }
    return closed.await(d.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  Instant now() {
    return clock().instant();
  }

  Clock clock() {
    return sim.clock();
  }

  int fail(int code, String message) {
    err.println(message);
    return code;
  }
}
