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
   * Starts a long-lived command on the host itself and holds a conversation with it: lines sent
   * with {@link LineSession#send(String)} reach its standard input, each line of its standard
   * output goes to {@code lines}. It runs without a timeout until it exits on its own, the
   * connection drops, or the session is closed (which ends its standard input first, so a command
   * that exits at end of input ends cleanly).
   *
   * <p>A session holds one channel of the connection for as long as it runs; the SDK's task watch
   * keeps at most one per node, and only while task waits are pending. Starting may block while
   * connecting (up to the connect timeout), so callers that must not block start sessions off
   * their own thread.
   *
   * @param argv the program and its arguments on the host; no element may contain NUL
   * @param lines receives each output line, on a thread of the implementation; must not block
   * @return the running session
   * @throws dev.proximity.ProximityException when the command cannot be started (connection
   *     failure, no free channel)
   */
  LineSession session(List<String> argv, Consumer<String> lines);

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

  /**
   * A running command with a conversation over standard input and output; see
   * {@link HostShell#session(List, Consumer)}. Closing it ends its standard input and then stops
   * it.
   */
  interface LineSession extends LineStream {
    /**
     * Sends one line to the command's standard input: a newline is appended and the line is
     * flushed at once.
     *
     * @param line the line, without a line break
     * @throws IllegalArgumentException if the line contains a line break or NUL
     * @throws dev.proximity.ProximityException if the session has ended or the write failed
     */
    void send(String line);

    /**
     * Tells when the command has ended, whoever ended it.
     *
     * @return a future that completes with the exit code when the command exits, with an empty
     *     value when {@link #close()} stopped it before it reported one, and exceptionally (with
     *     a {@link dev.proximity.ProximityException}) when the connection dropped; completing or
     *     cancelling it has no effect on the session
     */
    java.util.concurrent.CompletableFuture<java.util.OptionalInt> exited();
  }
}
