package dev.proximity.internal.deploy;

import dev.proximity.OperationTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs actions one at a time per key, in arrival order (a fair lock per key).
 *
 * <p>Used for the clones of one golden template: Proxmox holds the template's {@code disk} lock
 * for the whole clone, so clones of one template run one after the other whatever the SDK does.
 * Queueing them here starts each clone as soon as the previous one ended, where retrying on
 * "CT is locked" would poll the lock and start late. Keys are template ids, a small set, so locks
 * are kept.
 *
 * @param <K> the key type
 */
final class SerialQueue<K> {
  private final ConcurrentMap<K, ReentrantLock> locks = new ConcurrentHashMap<>();

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
}
