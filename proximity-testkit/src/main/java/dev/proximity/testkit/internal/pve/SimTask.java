package dev.proximity.testkit.internal.pve;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/** One simulated worker task. Mutable fields are guarded by this object's monitor. */
public final class SimTask {
  private final String upid;
  private final String node;
  private final int pid;
  private final long pstart;
  private final long starttime;
  private final String type;
  private final String id;
  private final Principal user;
  private final List<String> log = new ArrayList<>();
  private String exitstatus;
  private long endtime;
  private Instant endedAt;
  private int warnings;
  private Future<?> future;
  private TaskManager.Cleanup cleanup;

  SimTask(String node, int pid, long pstart, long starttime, String type, String id, Principal user) {
    this.node = node;
    this.pid = pid;
    this.pstart = pstart;
    this.starttime = starttime;
    this.type = type;
    this.id = id;
    this.user = user;
    this.upid = String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, starttime, type, id,
        user.authId());
  }

  /** @return the UPID */
  public String upid() {
    return upid;
  }

  /** @return the node */
  public String node() {
    return node;
  }

  /** @return the worker type */
  public String type() {
    return type;
  }

  /** @return the task id (often the vmid), may be empty */
  public String id() {
    return id;
  }

  /** @return who started it */
  public Principal user() {
    return user;
  }

  /** @return the start time */
  public long starttime() {
    return starttime;
  }

  /** @return the process id */
  public int pid() {
    return pid;
  }

  /** @return the process start time */
  public long pstart() {
    return pstart;
  }

  /**
   * Appends a log line.
   *
   * @param line the text
   */
  public synchronized void log(String line) {
    log.add(line);
  }

  /**
   * Appends a warning line.
   *
   * @param line the text
   */
  public synchronized void warn(String line) {
    log.add("WARN: " + line);
    warnings++;
  }

  /** @return a copy of the log */
  public synchronized List<String> logLines() {
    return new ArrayList<>(log);
  }

  /** @return whether it still runs */
  public synchronized boolean running() {
    return exitstatus == null;
  }

  /** @return the exit status, or null while running */
  public synchronized String exitstatus() {
    return exitstatus;
  }

  /** @return the end time, or 0 */
  public synchronized long endtime() {
    return endtime;
  }

  /** @return when it ended, to the clock's precision, or null while running */
  public synchronized Instant endedAt() {
    return endedAt;
  }

  synchronized void future(Future<?> f) {
    this.future = f;
  }

  synchronized void cleanup(TaskManager.Cleanup c) {
    this.cleanup = c;
  }

  synchronized TaskManager.Cleanup cleanup() {
    return cleanup;
  }

  synchronized Future<?> future() {
    return future;
  }

  /**
   * Ends the task.
   *
   * @param error the error text, or null for success
   * @param now end time
   * @return whether this call ended it (false when it had already ended)
   */
  synchronized boolean finish(String error, Instant now) {
    if (exitstatus != null) {
      return false;
    }
    endtime = now.getEpochSecond();
    endedAt = now;
    if (error != null) {
      String first = error.strip();
      log.add("TASK ERROR: " + first);
      exitstatus = first;
    } else if (warnings > 0) {
      log.add("TASK WARNINGS: " + warnings);
      exitstatus = "WARNINGS: " + warnings;
    } else {
      log.add("TASK OK");
      exitstatus = "OK";
    }
    notifyAll();
    return true;
  }
}
