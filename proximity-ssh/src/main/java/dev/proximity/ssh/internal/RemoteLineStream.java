package dev.proximity.ssh.internal;

import dev.proximity.spi.HostShell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A running streamed command of an {@link SshConnection}: pumps standard output line by line to a
 * consumer on an I/O thread, drains standard error (capped), ends at the timeout (streams) or runs
 * until closed (sessions, which also write lines to standard input), and releases its channel
 * permit exactly once. Thread-safe.
 */
final class RemoteLineStream implements HostShell.LineSession {
  private final SshConnection owner;
  private final Session session;
  private final Session.Command cmd;
  private final List<String> argv;
  private final OutputCapture err;
  private final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Object sendLock = new Object();
  /** Null for sessions, which run until closed. */
  private final ScheduledFuture<?> deadline;

  /**
   * Starts pumping the output of a command that was just started.
   *
   * @param timeout the longest the command may run, or null to run until closed
   */
  RemoteLineStream(SshConnection owner, Session session, Session.Command cmd, List<String> argv,
      Duration timeout, Consumer<String> lines) {
    this.owner = owner;
    this.err = new OutputCapture(owner.settings().maxOutputBytes(), true);
    this.session = session;
    this.cmd = cmd;
    this.argv = argv;
    // The deadline exists before the pump starts, so a command that ends at once can cancel it.
    this.deadline = timeout == null ? null
        : owner.timer().schedule(this::close, timeout.toNanos(), TimeUnit.NANOSECONDS);
    owner.io().submit(() -> SshConnection.drain(err, cmd.getErrorStream()));
    owner.io().submit(() -> pump(lines));
  }

  private void pump(Consumer<String> lines) {
    OptionalInt code = OptionalInt.empty();
    RuntimeException failure = null;
    try {
      readLines(cmd.getInputStream(), lines);
      cmd.join(owner.settings().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Integer status = SshConnection.exitCode(cmd);
      if (status != null) {
        code = OptionalInt.of(status);
      } else if (!stopped.get()) {
        failure = owner.lost(argv, err, null);
      }
    } catch (IOException e) {
      if (!stopped.get()) {
        failure = owner.lost(argv, err, e);
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // The channel is free before anyone learns that the command ended.
      finish();
    }
    if (failure != null) {
      exit.completeExceptionally(failure);
    } else {
      exit.complete(code);
    }
  }

  private void readLines(InputStream in, Consumer<String> lines) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) != -1) {
      for (int i = 0; i < n; i++) {
        byte b = chunk[i];
        if (b == '\n' || line.size() >= owner.settings().maxOutputBytes()) {
          emit(line, lines);
          if (b == '\n') {
            continue;
          }
        }
        line.write(b);
      }
    }
    if (line.size() > 0) {
      emit(line, lines);
    }
  }

  private void emit(ByteArrayOutputStream line, Consumer<String> lines) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!stopped.get()) {
      lines.accept(text);
    }
  }

  private void finish() {
    if (deadline != null) {
      deadline.cancel(false);
    }
    SshConnection.closeQuietly(session);
    if (released.compareAndSet(false, true)) {
      owner.releaseChannel();
    }
  }

  @Override
  public OptionalInt await(Duration timeout) {
    try {
      return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw owner.lost(argv, err, e.getCause());
    }
  }

  @Override
  public void send(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a session line must not contain a line break or NUL");
    }
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    // One writer at a time, so that lines of concurrent senders never interleave.
    synchronized (sendLock) {
      if (stopped.get() || exit.isDone()) {
        throw owner.ended(argv, err);
      }
      try {
        OutputStream in = cmd.getOutputStream();
        in.write(bytes);
        in.flush();
      } catch (IOException e) {
        throw owner.lost(argv, err, e);
      }
    }
  }

  @Override
  public CompletableFuture<OptionalInt> exited() {
    return exit.copy();
  }

  @Override
  public void close() {
    if (stopped.compareAndSet(false, true)) {
      // End of input first: a command that reads its standard input (a session's) exits cleanly.
      SshConnection.endInputQuietly(cmd);
      SshConnection.signalQuietly(cmd);
      SshConnection.closeQuietly(session);
    }
  }
}
