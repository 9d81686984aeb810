package dev.proximity.pve;

import dev.proximity.ProximityException;
import java.time.Duration;

/**
 * A task was still running when {@link Task#await(Duration)} gave up; it keeps running on the server.
 *
 * <p>Immutable and thread-safe.
 */
public class TaskTimeoutException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The UPID text; see {@link #upid()}. */
  private final String upid;
  /** How long the caller waited; see {@link #timeout()}. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param upid the task's UPID
   * @param timeout the wait that elapsed
   */
  public TaskTimeoutException(String upid, Duration timeout) {
    super("task " + upid + " still running after " + timeout
        + "; it continues on the server: await it again, or call stop() to abort it");
    this.upid = upid;
    this.timeout = timeout;
  }

  /**
   * Returns the UPID.
   *
   * @return the UPID text
   */
  public String upid() {
    return upid;
  }

  /**
   * Returns how long the caller waited.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
