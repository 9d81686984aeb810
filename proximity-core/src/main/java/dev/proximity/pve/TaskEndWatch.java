package dev.proximity.pve;

import dev.proximity.pve.model.Upid;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a task wait when a task's worker process has ended, so the wait reads the status once at
 * that moment instead of guessing when to poll.
 *
 * <p>Proxmox reports a task as {@code running} exactly while the process named by the UPID's
 * {@code pid} still runs with the UPID's {@code pstart} as its start time; an implementation that
 * watches that same condition on the task's node (for example over SSH) lets a wait notice the end
 * of any task, of a kind seen before or not, with a single status request. The status request
 * stays the source of truth: a wait whose watch says "ended" while the status still says
 * {@code running}, or whose watch fails, goes back to polling.
 *
 * <p>Implementations are thread-safe and never block the caller.
 */
@FunctionalInterface
public interface TaskEndWatch {

  /**
   * Starts watching a task's worker process.
   *
   * @param upid the task; its node, pid and pstart name the process
   * @return a future that completes normally once the process no longer runs (at once when it has
   *     already ended) and exceptionally when watching fails; empty when this task cannot be
   *     watched (for example, no shell is configured for its node). Cancelling the future stops
   *     watching.
   */
  Optional<CompletableFuture<Void>> watch(Upid upid);
}
