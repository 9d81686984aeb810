package dev.proximity.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A shell on one Proxmox VE host, reached by SSH, that runs commands given as argv lists.
 *
 * <p>Commands are never shell strings: an implementation quotes argv in exactly one place, so no
 * value can inject shell syntax. Thread-safe; many commands may run concurrently.
 */
public interface HostShell {

  /**
   * Runs a command on the host itself.
   *
   * @param argv the program and its arguments; no element may contain NUL
   * @param timeout how long the command may run before it is abandoned
   * @return the exit code and captured output
   * @throws dev.proximity.ProximityException on connection failure or timeout
   */
  CommandResult run(List<String> argv, Duration timeout);

  /**
   * Runs a command inside a container ({@code pct exec VMID -- argv...}).
   *
   * @param vmid the container id
   * @param argv the program and its arguments inside the container
   * @param timeout how long the command may run
   * @return the exit code and captured output
   * @throws dev.proximity.ProximityException on connection failure or timeout
   */
  CommandResult exec(int vmid, List<String> argv, Duration timeout);

  /**
   * Runs a command inside a container and streams its standard output line by line until it ends,
   * the timeout passes, or the returned handle is closed.
   *
   * @param vmid the container id
   * @param argv the program and its arguments inside the container
   * @param timeout the longest the stream stays open
   * @param lines receives each output line, on a thread of the implementation
   * @return a handle that stops the stream when closed
   */
  LineStream stream(int vmid, List<String> argv, Duration timeout, Consumer<String> lines);

  /**
   * Copies bytes into a file inside a container ({@code pct push}), through a private temporary
   * file on the host that is removed whatever happens.
   *
   * @param vmid the container id
   * @param content the file content
   * @param targetPath absolute path inside the container
   * @param mode the file mode, e.g. {@code 0600}
   */
  void push(int vmid, byte[] content, String targetPath, int mode);

  /**
   * Copies a local file into a container ({@code pct push}).
   *
   * @param vmid the container id
   * @param source the local file
   * @param targetPath absolute path inside the container
   * @param mode the file mode, e.g. {@code 0644}
   */
  void push(int vmid, Path source, String targetPath, int mode);

  /** A running output stream; closing it stops the remote command. */
  interface LineStream extends AutoCloseable {
    /**
     * Waits until the remote command ends.
     *
     * @param timeout the longest to wait
     * @return the exit code, or empty when it was still running at the timeout
     */
    java.util.OptionalInt await(Duration timeout);

    /** Stops the remote command. Idempotent. */
    @Override
    void close();
  }
}
