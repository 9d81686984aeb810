package dev.proximity.internal.deploy;

import dev.proximity.AppNotFoundException;
import dev.proximity.DeployStep;
import dev.proximity.InvalidRequestException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the body of an {@link Operation}, blocking or on an executor. This is the one place where
 * a failed step, a cancellation and the rollback are handled, for deploys and for every long app
 * operation, so the blocking and the async form of an operation behave the same.
 */
public final class OperationRunner {
  private OperationRunner() {}

  /**
   * The steps of an operation. It calls {@link Operation#begin} at each step boundary and registers
   * an undo action for everything it creates or changes.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  public interface Body<T> {
    /**
     * Runs the steps.
     *
     * @return the result
     * @throws InterruptedException if a wait was interrupted by a cancel
     */
    T run() throws InterruptedException;
  }

  /**
   * Runs an operation on the calling thread. On success the undo actions are forgotten; on
   * failure or cancellation they run (unless the operation keeps what it created on failure), and
   * the finish actions run either way.
   *
   * @param op the operation, not yet bound to a thread
   * @param body the steps
   * @param <T> the result
   * @return the body's result
   * @throws CancellationException if cancelled, after the rollback
   * @throws InvalidRequestException if the request was refused, after the rollback
   * @throws RuntimeException what the operation's failure report builds, by default a
   *     {@code DeployException} naming the step
   */
  public static <T> T run(Operation op, Body<T> body) {
    op.bindToCurrentThread();
    try {
      T result = body.run();
      op.commit();
      return result;
    } catch (Containers.VmidFailure vf) {
      op.target(op.node(), vf.vmid);
      throw fail(op, vf.cause());
    } catch (RuntimeException | InterruptedException e) {
      throw fail(op, e);
    } finally {
      op.finish();
      op.unbind();
    }
  }

  /**
   * Runs an operation on an executor. Cancelling the returned future ({@code cancel(true)}) stops
   * the operation at its next step boundary (or interrupts its current wait) and rolls back; a
   * future cancelled before the executor started it runs nothing.
   *
   * @param executor where the operation runs
   * @param op the operation, not yet bound to a thread
   * @param body the steps
   * @param <T> the result
   * @return a future completed with the result, or exceptionally with what {@link #run} throws
   */
  public static <T> CompletableFuture<T> runAsync(Executor executor, Operation op, Body<T> body) {
    OperationFuture<T> future = new OperationFuture<>(op);
    try {
      executor.execute(() -> {
        if (future.isDone()) {
          return;
        }
        try {
          future.complete(run(op, body));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        } finally {
          Thread.interrupted(); // a cancel must not leak into the executor's next task
        }
      });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private static RuntimeException fail(Operation op, Exception e) {
    DeployStep failed = op.step();
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    RuntimeException out;
    if (op.cancelled() || Failures.isCancellation(e)) {
      boolean ok = op.rollback();
      CancellationException ce = new CancellationException(op.name() + " of " + op.app()
          + " cancelled at step " + failed.label() + (ok ? "; rolled back"
              : "; the rollback did not complete (see the suppressed exceptions)"));
      ce.initCause(e);
      out = ce;
    } else if (e instanceof InvalidRequestException || e instanceof AppNotFoundException) {
      // refused up front (bad name, unknown backup, app gone): nothing to wrap
      op.rollback();
      out = (RuntimeException) e;
    } else {
      boolean rolledBack = !op.keepOnFailure() && op.rollback();
      out = op.report(failed, rolledBack, e);
    }
    for (RuntimeException r : op.rollbackFailures()) {
      if (r != out) {
        out.addSuppressed(r);
      }
    }
    return out;
  }

  /**
   * An operation with its steps, ready to run blocking or async.
   *
   * @param op the operation
   * @param body its steps
   * @param <T> the result
   */
  public record Job<T>(Operation op, Body<T> body) {
    /**
     * Runs it on the calling thread, as {@link OperationRunner#run}.
     *
     * @return the result
     */
    public T run() {
      return OperationRunner.run(op, body);
    }

    /**
     * Runs it on an executor, as {@link OperationRunner#runAsync}.
     *
     * @param executor where it runs
     * @return the future
     */
    public CompletableFuture<T> runAsync(Executor executor) {
      return OperationRunner.runAsync(executor, op, body);
    }
  }

  /** A future whose cancellation reaches the operation. */
  static final class OperationFuture<T> extends CompletableFuture<T> {
    private final Operation op;

    OperationFuture(Operation op) {
      this.op = op;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        op.cancel();
      }
      return cancelled;
    }
  }
}
