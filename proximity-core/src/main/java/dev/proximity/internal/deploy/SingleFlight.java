package dev.proximity.internal.deploy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs an action at most once at a time per key: concurrent callers for the same key wait for
 * the one running action and share its result. A failed action is forgotten so the next caller
 * tries again; a successful one is remembered only when asked.
 *
 * <p>Used so that concurrent deploys download a node's OS template once.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class SingleFlight<K, V> {
  private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /**
   * Runs the action for the key, or joins the run already in flight.
   *
   * @param key the key
   * @param action the action, run on the calling thread of the first caller
   * @return the action's result
   * @throws InterruptedException if interrupted while waiting for another caller's run
   */
  public V run(K key, Supplier<V> action) throws InterruptedException {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> existing = inFlight.putIfAbsent(key, mine);
    if (existing != null) {
      try {
        return existing.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(cause);
      }
    }
    try {
      V value = action.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }
}
