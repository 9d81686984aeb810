package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of a task ({@code GET /nodes/{node}/tasks/{upid}/status}).
 *
 * @param upid the UPID text
 * @param node node
 * @param type worker type
 * @param id task object id
 * @param user user, without the token part
 * @param tokenId token name when a token started it, or null
 * @param status {@code running} or {@code stopped}
 * @param exitStatus when stopped: {@code OK}, {@code WARNINGS: n} or the error text; else null
 * @param startTime start time in epoch seconds
 * @param pid worker pid
 */
public record TaskStatus(String upid, String node, String type, String id, String user,
    @JsonProperty("tokenid") String tokenId, String status, @JsonProperty("exitstatus") String exitStatus,
    @JsonProperty("starttime") long startTime, long pid) {
  private static final Pattern WARNINGS = Pattern.compile("^WARNINGS: (\\d+)$");

  /**
   * Tells whether the task is still running.
   *
   * @return true while running
   */
  public boolean running() {
    return !"stopped".equals(status);
  }

  /**
   * Tells whether the task ended successfully: exit status {@code OK} or {@code WARNINGS: n}.
   *
   * @return true on success, false while running or on failure
   */
  public boolean succeeded() {
    return !running() && ("OK".equals(exitStatus) || warnings() > 0);
  }

  /**
   * Returns the number of warnings of a task that ended with {@code WARNINGS: n}.
   *
   * @return n, or 0
   */
  public int warnings() {
    if (exitStatus == null) {
      return 0;
    }
    Matcher m = WARNINGS.matcher(exitStatus);
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }
}
