package dev.proximity.internal.http;

import dev.proximity.ProximityException;
import dev.proximity.pve.PveConnectionException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Joins SDK futures for the blocking API, rethrowing the typed cause. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for a future and returns its value, unwrapping {@link CompletionException}.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   * @throws ProximityException the typed failure of the future
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new PveConnectionException("interrupted while waiting for Proxmox VE",
          PveConnectionException.Kind.INTERRUPTED, false, null, e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Waits for a future like {@link #join}, but an interrupt does not end the wait: it is kept and
   * restored once the future completes. For futures that complete within a bounded time.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   * @throws ProximityException the typed failure of the future
   */
  public static <T> T joinUninterruptibly(CompletableFuture<T> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Unwraps completion wrappers and returns the exception to throw.
   *
   * @param t a failure from a future
   * @return a runtime exception
   */
  public static RuntimeException rethrow(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof RuntimeException r) {
      return r;
    }
    if (c instanceof Error e) {
      throw e;
    }
    return new CompletionException(c);
  }

  static boolean isTls(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  static String presentedFingerprint(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Tls.PinMismatchException p) {
        return p.presented();
      }
    }
    return null;
  }

  /**
   * Tells whether a failure is a cancellation.
   *
   * @param t the failure
   * @return true for {@link CancellationException}, also when wrapped
   */
  public static boolean isCancellation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CancellationException) {
        return true;
      }
    }
    return false;
  }
}
