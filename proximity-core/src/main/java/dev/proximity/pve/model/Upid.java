package dev.proximity.pve.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox task id, {@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:}, parsed.
 *
 * @param text the full UPID as the server sent it
 * @param node node the task runs on
 * @param pid worker process id
 * @param pstart process start time in clock ticks
 * @param startTime task start time
 * @param type worker type, e.g. {@code vzcreate}
 * @param id task object id, e.g. the vmid, may be empty
 * @param user {@code user@realm} or {@code user@realm!tokenid}
 */
public record Upid(String text, String node, long pid, long pstart, Instant startTime, String type, String id,
    String user) {
  private static final Pattern UPID = Pattern.compile(
      "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
          + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

  /**
   * Checks the components are present.
   *
   * @param text the full UPID as the server sent it
   * @param node node the task runs on
   * @param pid worker process id
   * @param pstart process start time in clock ticks
   * @param startTime task start time
   * @param type worker type, e.g. {@code vzcreate}
   * @param id task object id, e.g. the vmid, may be empty
   * @param user {@code user@realm} or {@code user@realm!tokenid}
   */
  public Upid {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(node, "node");
  }

  /**
   * Parses a UPID.
   *
   * @param text e.g. {@code UPID:pve:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:}
   * @return the parsed UPID
   * @throws IllegalArgumentException when the text is not a UPID
   */
  public static Upid parse(String text) {
    Matcher m = UPID.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Proxmox UPID: '" + text + "'");
    }
    return new Upid(text, m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
        Instant.ofEpochSecond(Long.parseLong(m.group(5), 16)), m.group(6), m.group(7), m.group(8));
  }

  /**
   * Tells whether a text is a UPID.
   *
   * @param text any text, may be null
   * @return true when {@link #parse(String)} would succeed
   */
  public static boolean isUpid(String text) {
    return text != null && UPID.matcher(text).matches();
  }

  /**
   * Returns the token name when an API token started the task.
   *
   * @return e.g. {@code api_token}, or empty
   */
  public String tokenId() {
    int i = user.indexOf('!');
    return i < 0 ? "" : user.substring(i + 1);
  }

  @Override
  public String toString() {
    return text;
  }
}
