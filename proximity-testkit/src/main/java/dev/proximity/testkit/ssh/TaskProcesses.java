package dev.proximity.testkit.ssh;

/**
 * Tells whether a Proxmox task's worker process runs on a node, for the simulator's task watch
 * command ({@code bash -c SCRIPT proximity-task-watch}). A
 * {@link dev.proximity.testkit.GuestDirectory} that also implements this (the Proxmox simulator
 * does) lets the watch see its tasks; otherwise the watch reports every process as ended at once,
 * as a host where none of them runs would.
 */
public interface TaskProcesses {

  /**
   * Whether the process {@code pid} runs on {@code node} with start time {@code pstart}: the
   * condition under which Proxmox answers {@code status: running} for a task whose UPID holds
   * this pid and pstart. An unknown pid, or one that runs with a different start time, is not
   * running, as {@code /proc/PID/stat} would show.
   *
   * @param node the node name
   * @param pid the process id, the UPID's {@code pid} field
   * @param pstart the process start time in clock ticks, the UPID's {@code pstart} field
   * @return whether that process runs
   */
  boolean processRunning(String node, long pid, long pstart);
}
