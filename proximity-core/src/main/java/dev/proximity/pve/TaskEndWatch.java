package dev.proximity.pve;

import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.pve.model.Upid;
import dev.proximity.spi.HostShellFactory;
import java.util.Objects;
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

  /**
   * Returns a watch that runs one small {@code bash} loop per node over the given host shells
   * (for example {@code proximity-ssh}'s {@code SshHostShells}), reading nothing but
   * {@code /proc/PID/stat} of the watched worker processes, for
   * {@link PveClient.Builder#taskEndWatch(TaskEndWatch)}. The Proximity facade sets this up by
   * itself whenever it has host shells.
   *
   * <p>A node's loop starts, off the caller's thread, with the first wait on one of its tasks and
   * ends as soon as no wait on the node is pending, so it holds one SSH channel per node only while
   * waits are pending; closing the factory ends the loops (pending waits then poll). Tasks of
   * nodes the factory has no shell for are not watched.
   *
   * @param shells the host shells; they stay the caller's to close
   * @return the watch
   */
  static TaskEndWatch overHostShells(HostShellFactory shells) {
    return new HostTaskWatch(Objects.requireNonNull(shells, "shells"));
  }
}
