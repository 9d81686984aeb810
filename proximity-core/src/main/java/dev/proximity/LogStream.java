package dev.proximity;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A running log stream of an app ({@code docker compose logs --follow}). Must be closed.
 */
public interface LogStream extends AutoCloseable {

  /**
   * Waits until the stream ends by itself.
   *
   * @param timeout the longest to wait
   * @return the remote exit code, or empty when still running at the timeout
   */
  OptionalInt await(Duration timeout);

  /** Stops the stream. Idempotent. */
  @Override
  void close();
}
