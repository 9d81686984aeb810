package dev.proximity.support;

import dev.proximity.InvalidRequestException;
import dev.proximity.spi.HostShell;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A host session the test drives: it records what it is sent, the test makes it report lines
 * ({@link #report}) and end ({@link #exit}), and it remembers whether it was closed.
 */
public final class FakeLineSession implements HostShell.LineSession {
  /** The node the session was opened on. */
  public final String node;
  /** The command it runs. */
  public final List<String> argv;
  /** Every line sent, in order. */
  public final List<String> sent = new CopyOnWriteArrayList<>();
  /** Completed by the test to end the session; completed empty by {@link #close()}. */
  public final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();
  /** When set, {@link #send} fails as on a broken channel. */
  public volatile boolean refuseSends;
  /** Whether {@link #close()} was called. */
  public volatile boolean closed;
  private final Consumer<String> lines;
  private final BlockingQueue<String> sentQueue = new LinkedBlockingQueue<>();

  /**
   * Creates the session.
   *
   * @param node the node it was opened on
   * @param argv the command it runs
   * @param lines receives what the "command" reports
   */
  public FakeLineSession(String node, List<String> argv, Consumer<String> lines) {
    this.node = node;
    this.argv = argv;
    this.lines = lines;
  }

  /** Makes the "command" write a line. */
  public void report(String line) {
    lines.accept(line);
  }

  /** Waits up to 60 s for the next line sent to the session; null when none came. */
  public String nextSent() throws InterruptedException {
    return sentQueue.poll(60, TimeUnit.SECONDS);
  }

  @Override
  public void send(String line) {
    if (refuseSends || exit.isDone()) {
      throw new InvalidRequestException(InvalidRequestException.Reason.NOT_CONFIGURED,
          "session ended");
    }
    sent.add(line);
    sentQueue.add(line);
  }

  @Override
  public CompletableFuture<OptionalInt> exited() {
    return exit.copy();
  }

  @Override
  public OptionalInt await(Duration timeout) {
    return exit.getNow(OptionalInt.empty());
  }

  @Override
  public void close() {
    closed = true;
    exit.complete(OptionalInt.empty());
  }
}
