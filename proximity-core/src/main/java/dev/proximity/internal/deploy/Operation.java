package dev.proximity.internal.deploy;

import dev.proximity.DeployStep;
import dev.proximity.OperationTimeoutException;
import dev.proximity.ProgressEvent;
import dev.proximity.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state of one long operation: its steps, deadline, cancellation and the undo actions
 * that roll back what it created. One thread runs an operation; {@link #cancel()} may come from any.
 * {@link OperationRunner} runs every operation (deploy, clone, restore, backup, update), so a
 * failure, a cancellation and the rollback are handled the same way for all of them.
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
  private boolean rollingBack;
  private volatile Thread runner;
  private volatile DeployStep step = DeployStep.RESOLVE;
  private volatile int percent;
  private volatile String node;
  private volatile int vmid;
  private volatile boolean keepOnFailure;
  private volatile FailureReport report = Operation::defaultReport;
  private final List<Runnable> finish = new ArrayList<>();
  private final List<RuntimeException> rollbackFailures = new ArrayList<>();
  private final Object runnerLock = new Object();

  private record Undo(String what, Runnable action) {}

  /** Turns a failure that was not a cancellation into the exception the caller sees. */
  @FunctionalInterface
  public interface FailureReport {
    /**
     * Builds the exception.
     *
     * @param op the operation
     * @param failed the step that failed
     * @param rolledBack whether the rollback ran and completed
     * @param cause the failure
     * @return the exception to throw
     */
    RuntimeException report(Operation op, DeployStep failed, boolean rolledBack, Throwable cause);
  }

  private static RuntimeException defaultReport(
      Operation op, DeployStep failed, boolean rolledBack, Throwable cause) {
    return Failures.wrap(op, failed, op.node(), op.vmid(), rolledBack, cause);
  }

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
   * Records where the operation works, for the failure report.
   *
   * @param node the node, or null before placement
   * @param vmid the container, or 0 before one is allocated
   */
  public void target(String node, int vmid) {
    this.node = node;
    this.vmid = vmid;
  }

  /** @return the node the operation works on, or null */
  public String node() {
    return node;
  }

  /** @return the container the operation works on or created, or 0 */
  public int vmid() {
    return vmid;
  }

  /**
   * Keeps what a failed operation created instead of rolling it back (a cancel still rolls back).
   *
   * @param keep whether to keep it
   */
  public void keepOnFailure(boolean keep) {
    this.keepOnFailure = keep;
  }

  /** @return whether a failure keeps what was created */
  public boolean keepOnFailure() {
    return keepOnFailure;
  }

  /**
   * Replaces how a failure is reported (by default a {@code DeployException}).
   *
   * @param report builds the exception
   */
  public void onFailure(FailureReport report) {
    this.report = report;
  }

  /**
   * Builds the exception for a failure with the registered report.
   *
   * @param failed the failed step
   * @param rolledBack whether the rollback completed
   * @param cause the failure
   * @return the exception
   */
  RuntimeException report(DeployStep failed, boolean rolledBack, Throwable cause) {
    return report.report(this, failed, rolledBack, cause);
  }

  /**
   * Registers an action that runs once the operation ended, after its commit or rollback, such as
   * releasing a reserved name.
   *
   * @param action the action
   */
  public synchronized void onFinish(Runnable action) {
    finish.add(action);
  }

  /** Runs the finish actions in registration order; each failure is logged and ignored. */
  synchronized void finish() {
    for (Runnable r : finish) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.debug("{} {}: a finish action failed, ignored", name, app, e);
      }
    }
    finish.clear();
  }

  /** @return the failures of undo actions in the last rollback, for suppressed exceptions */
  synchronized List<RuntimeException> rollbackFailures() {
    return List.copyOf(rollbackFailures);
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
   * Only the first request interrupts, and never once the rollback has begun, so that a repeated
   * cancel cannot abort the undo actions.
   */
  public void cancel() {
    synchronized (runnerLock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (runner != null && !rollingBack) {
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
    // Steps are shared between operations in different orders (an update backs up first), so the
    // reported percentage is kept from going backwards.
    int shown = Math.max(this.percent, Math.min(100, percent));
    this.percent = shown;
    ProgressEvent event = new ProgressEvent(name, app, s, shown, message, clock.instant());
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
    synchronized (runnerLock) {
      rollingBack = true;
    }
    boolean interrupted = Thread.interrupted();
    boolean ok = true;
    emit(DeployStep.ROLLBACK, step.percent(), "rolling back after failure in " + step.label());
    while (!undo.isEmpty()) {
      Undo u = undo.pop();
      try {
        u.action().run();
      } catch (RuntimeException e) {
        ok = false;
        rollbackFailures.add(e);
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
