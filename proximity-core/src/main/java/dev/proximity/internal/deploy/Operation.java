package dev.proximity.internal.deploy;

import dev.proximity.DeployStep;
import dev.proximity.OperationTimeoutException;
import dev.proximity.ProgressEvent;
import dev.proximity.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state of one long operation: its steps, deadline, cancellation and the undo actions
 * that roll back what it created. One thread runs an operation; {@link #cancel()} may come from any.
 */
public final class Operation {
  private static final Logger log = LoggerFactory.getLogger(Operation.class);

  private final String name;
  private final List<ProgressListener> listeners;
  private final Clock clock;
  private final Instant started;
  private final Duration timeout;
  private final Deque<Undo> undo = new ArrayDeque<>();
  private volatile String app;
  private volatile boolean cancelled;
  private volatile Thread runner;
  private volatile DeployStep step = DeployStep.RESOLVE;
  private final Object runnerLock = new Object();

  private record Undo(String what, Runnable action) {}

  /**
   * Creates an operation.
   *
   * @param name the operation, such as {@code deploy}
   * @param app the app name (may be refined later with {@link #app(String)})
   * @param listeners progress listeners
   * @param clock the clock for the deadline and event times
   * @param timeout the whole operation's limit
   */
  public Operation(
      String name, String app, List<ProgressListener> listeners, Clock clock, Duration timeout) {
    this.name = name;
    this.app = app;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
    this.started = clock.instant();
    this.timeout = timeout;
  }

  /** @return the operation name */
  public String name() {
    return name;
  }

  /** @return the app name */
  public String app() {
    return app;
  }

  /**
   * Sets the app name once it is resolved.
   *
   * @param app the name
   */
  public void app(String app) {
    this.app = app;
  }

  /** @return the current step */
  public DeployStep step() {
    return step;
  }

  /**
   * Binds the operation to the thread that runs it, so {@link #cancel()} can interrupt waits.
   */
  public void bindToCurrentThread() {
    synchronized (runnerLock) {
      runner = Thread.currentThread();
    }
  }

  /** Unbinds the running thread; after this, a cancel no longer interrupts it. */
  public void unbind() {
    synchronized (runnerLock) {
      runner = null;
    }
  }

  /**
   * Requests cancellation: the next step boundary throws, and a wait in progress is interrupted.
   */
  public void cancel() {
    cancelled = true;
    synchronized (runnerLock) {
      if (runner != null) {
        runner.interrupt();
      }
    }
  }

  /** @return whether cancellation was requested */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Begins a step: checks cancellation and the deadline, then reports progress.
   *
   * @param next the step
   * @param message what the step does, free of secrets
   * @throws CancellationException if cancelled
   * @throws OperationTimeoutException if the deadline passed
   */
  public void begin(DeployStep next, String message) {
    checkpoint();
    step = next;
    emit(next, next.percent(), message);
  }

  /**
   * Checks cancellation and the deadline without reporting.
   *
   * @throws CancellationException if cancelled
   * @throws OperationTimeoutException if the deadline passed
   */
  public void checkpoint() {
    if (cancelled) {
      throw new CancellationException(name + " of " + app + " cancelled");
    }
    if (remaining().isZero()) {
      throw new OperationTimeoutException(name, step.label(), elapsed(), "the " + step.label()
          + " step had not finished");
    }
  }

  /**
   * Reports progress without changing step.
   *
   * @param s the step to report
   * @param percent completion
   * @param message the message
   */
  public void emit(DeployStep s, int percent, String message) {
    ProgressEvent event = new ProgressEvent(name, app, s, percent, message, clock.instant());
    log.debug("{} {}: {} {}% {}", name, app, s.label(), percent, message);
    for (ProgressListener l : listeners) {
      try {
        l.onProgress(event);
      } catch (RuntimeException e) {
        log.debug("progress listener failed, ignored", e);
      }
    }
  }

  /** @return how long until the deadline, zero once passed */
  public Duration remaining() {
    Duration left = timeout.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** @return time since the operation started */
  public Duration elapsed() {
    return Duration.between(started, clock.instant());
  }

  /**
   * Registers an undo action, run in reverse order on rollback.
   *
   * @param what a description for logs
   * @param action the action
   */
  public synchronized void onRollback(String what, Runnable action) {
    undo.push(new Undo(what, action));
  }

  /** Forgets every undo action, once the operation has succeeded. */
  public synchronized void commit() {
    undo.clear();
  }

  /**
   * Runs the undo actions in reverse order. The interrupt flag is cleared first so that a
   * cancellation does not abort the cleanup, and restored afterwards.
   *
   * @return whether every action succeeded
   */
  public synchronized boolean rollback() {
    boolean interrupted = Thread.interrupted();
    boolean ok = true;
    emit(DeployStep.ROLLBACK, step.percent(), "rolling back after failure in " + step.label());
    while (!undo.isEmpty()) {
      Undo u = undo.pop();
      try {
        u.action().run();
      } catch (RuntimeException e) {
        ok = false;
        log.debug("{} {}: rollback '{}' failed", name, app, u.what(), e);
      }
    }
    emit(DeployStep.ROLLBACK, step.percent(), ok ? "rolled back" : "rollback incomplete");
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ok;
  }
}
