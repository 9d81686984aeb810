package dev.proximity.internal.deploy;

import dev.proximity.OperationTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs actions one at a time per key, in arrival order (a fair lock per key).
 *
 * <p>Used for the clones of one golden template: Proxmox holds the template's {@code disk} lock
 * for the whole clone, so clones of one template run one after the other whatever the SDK does.
 * Queueing them here starts each clone as soon as the previous one ended, where retrying on
 * "CT is locked" would poll the lock and start late. Keys are template ids, a small set, so locks
 * are kept.
 *
 * <p>With several equivalent keys (the replicas of a node's golden template), {@link
 * #runOnShortest} joins the queue with the fewest actions pending, so k replicas run k clones at
 * once.
 *
 * @param <K> the key type
 */
final class SerialQueue<K> {
  private final ConcurrentMap<K, ReentrantLock> locks = new ConcurrentHashMap<>();
  /** Actions queued or running per key, and actions ever started per key; guarded by itself. */
  private final Map<K, int[]> load = new HashMap<>();

  /**
   * Runs the action when every earlier action of the key has ended.
   *
   * @param key the key
   * @param wait the longest wait for the earlier actions
   * @param what what the queue guards, for the timeout message
   * @param action runs on the calling thread
   * @throws OperationTimeoutException when the earlier actions took longer than {@code wait}
   * @throws CancellationException when interrupted while waiting
   */
  void run(K key, Duration wait, String what, Runnable action) {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock(true));
    try {
      if (!lock.tryLock(Math.max(1, wait.toNanos()), TimeUnit.NANOSECONDS)) {
        throw new OperationTimeoutException("deploy", "create", wait,
            "earlier clones of " + what + " by this SDK instance were still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while queued for " + what);
    }
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the action on the key whose queue is shortest (queued plus running actions of this
   * instance), ties going to the key used least so far, so that even one-at-a-time callers spread
   * over the keys. The choice and the joining are one atomic step: concurrent callers never pick
   * the same key while another is idle.
   *
   * @param keys the equivalent keys, at least one
   * @param wait the longest wait for the earlier actions of the chosen key
   * @param what names a key for the timeout message
   * @param action runs on the calling thread with the chosen key
   * @throws OperationTimeoutException when the earlier actions took longer than {@code wait}
   * @throws CancellationException when interrupted while waiting
   */
  void runOnShortest(List<K> keys, Duration wait, Function<K, String> what, Consumer<K> action) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no keys to queue on");
    }
    K chosen;
    synchronized (load) {
      chosen = keys.get(0);
      int[] best = null;
      for (K k : keys) {
        int[] l = load.computeIfAbsent(k, x -> new int[2]);
        if (best == null || l[0] < best[0] || l[0] == best[0] && l[1] < best[1]) {
          best = l;
          chosen = k;
        }
      }
      best[0]++;
      best[1]++;
    }
    K key = chosen;
    try {
      run(key, wait, what.apply(key), () -> action.accept(key));
    } finally {
      synchronized (load) {
        load.get(key)[0]--;
      }
    }
  }

  /**
   * The actions of a key queued or running through {@link #runOnShortest}.
   *
   * @param key the key
   * @return the count, 0 for a key never used
   */
  int pending(K key) {
    synchronized (load) {
      int[] l = load.get(key);
      return l == null ? 0 : l[0];
    }
  }
}
