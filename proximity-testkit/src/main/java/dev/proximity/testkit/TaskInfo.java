package dev.proximity.testkit;

import java.util.List;

/**
 * A snapshot of one simulated task, for test assertions.
 *
 * @param upid the UPID
 * @param node node
 * @param type worker type, e.g. {@code vzcreate}
 * @param id task id, often the vmid
 * @param user {@code user@realm} or {@code user@realm!token}
 * @param running whether it still runs
 * @param exitstatus {@code OK}, {@code WARNINGS: n} or the error, null while running
 * @param log the log lines so far
 */
public record TaskInfo(String upid, String node, String type, String id, String user, boolean running,
    String exitstatus, List<String> log) {
  /**
   * Copies the log.
   *
   * @param upid the UPID
   * @param node node
   * @param type worker type, e.g. {@code vzcreate}
   * @param id task id, often the vmid
   * @param user {@code user@realm} or {@code user@realm!token}
   * @param running whether it still runs
   * @param exitstatus {@code OK}, {@code WARNINGS: n} or the error, null while running
   * @param log the log lines so far
   */
  public TaskInfo {
    log = List.copyOf(log);
  }
}
