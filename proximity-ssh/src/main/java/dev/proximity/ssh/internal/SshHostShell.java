package dev.proximity.ssh.internal;

import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.ssh.SshCommandException;
import dev.proximity.ssh.SshCommandException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HostShell} over one node's {@link ConnectionPool}: builds the {@code pct} argv lists and
 * hands them to {@link ShellQuoting}. Thread-safe.
 */
public final class SshHostShell implements HostShell {
  private static final Logger log = LoggerFactory.getLogger(SshHostShell.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(30);

  private final ConnectionPool connections;
  private final Duration transferTimeout;
  private final String tempDirectory;

  /**
   * Creates the shell.
   *
   * @param connections the node's connections
   * @param transferTimeout the longest a push may take, upload and {@code pct push} together
   * @param tempDirectory the host directory for private temporary files
   */
  public SshHostShell(ConnectionPool connections, Duration transferTimeout,
      String tempDirectory) {
    this.connections = connections;
    this.transferTimeout = transferTimeout;
    this.tempDirectory = tempDirectory;
  }

  @Override
  public CommandResult run(List<String> argv, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return connections.pick().run(ShellQuoting.command(argv), timeout);
  }

  @Override
  public CommandResult exec(int vmid, List<String> argv, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return connections.pick().run(ShellQuoting.command(pctExec(vmid, argv)), timeout);
  }

  @Override
  public LineStream stream(int vmid, List<String> argv, Duration timeout, Consumer<String> lines) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(lines, "lines");
    return connections.pick().stream(ShellQuoting.command(pctExec(vmid, argv)), timeout, lines);
  }

  @Override
  public LineSession session(List<String> argv, Consumer<String> lines) {
    Objects.requireNonNull(lines, "lines");
    QuotedCommand command = ShellQuoting.command(argv);
    SshConnection connection = connections.pickForSession().orElseThrow(() -> {
      ConnectionSettings s = connections.settings();
      return new SshCommandException(Reason.TIMEOUT, "every channel to the node is in use, and a"
          + " long-lived command would hold the last one; it is not started (the task watch"
          + " polls instead), raise maxConcurrentChannels or maxConnectionsPerNode", s.node(),
          s.address(), argv, null, "", null, null);
    });
    return connection.session(command, lines);
  }

  @Override
  public void push(int vmid, byte[] content, String targetPath, int mode) {
    Objects.requireNonNull(content, "content");
    push(vmid, new ByteArrayInputStream(content), targetPath, mode);
  }

  @Override
  public void push(int vmid, Path source, String targetPath, int mode) {
    Objects.requireNonNull(source, "source");
    try (InputStream in = Files.newInputStream(source)) {
      push(vmid, in, targetPath, mode);
    } catch (IOException e) {
      ConnectionSettings s = connections.settings();
      throw new SshCommandException(Reason.TRANSFER, "cannot read the local file " + source
          + " (" + e.getMessage() + ")", s.node(), s.address(), List.of(), null, "", null, e);
    }
  }

  private void push(int vmid, InputStream content, String targetPath, int mode) {
    requireVmid(vmid);
    if (targetPath == null || !targetPath.startsWith("/")) {
      throw new IllegalArgumentException("targetPath must be absolute: " + targetPath);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode must be within 0..07777: " + Integer.toOctalString(mode));
    }
    long deadline = System.nanoTime() + transferTimeout.toNanos();
    String temp = tempDirectory + "/.proximity-push-" + HexFormat.of().formatHex(randomBytes());
    List<String> push = List.of("pct", "push", Integer.toString(vmid), temp, targetPath,
        "--perms", String.format("%04o", mode));
    try {
      connections.pick().upload(temp, 0600, content, remaining(deadline));
      CommandResult result = connections.pick().run(ShellQuoting.command(push), remaining(deadline));
      if (!result.ok()) {
        ConnectionSettings s = connections.settings();
        throw new SshCommandException(Reason.EXIT_STATUS,
            "pct push into CT " + vmid + " failed; check that the container runs and the target"
                + " directory exists", s.node(), s.address(), push, result.exitCode(),
            tail(result.stderr()), null, null);
      }
    } finally {
      removeQuietly(temp);
    }
  }

  /**
   * Removes the temp file. A connection that dropped (while another command on it ran, say) is
   * reconnected by the next command, so a failed removal is tried once more: {@code rm -f} is
   * idempotent, and a push must not leave its temp file behind.
   */
  private void removeQuietly(String temp) {
    for (int attempt = 1; ; attempt++) {
      try {
        CommandResult removed =
            connections.pick().run(ShellQuoting.command(List.of("rm", "-f", "--", temp)), CLEANUP_TIMEOUT);
        if (!removed.ok()) {
          log.warn("node {}: could not remove temporary file {}: exit {}",
              connections.settings().node(), temp, removed.exitCode());
        }
        return;
      } catch (RuntimeException e) {
        if (attempt >= 2) {
          log.warn("node {}: could not remove temporary file {}: {}",
              connections.settings().node(), temp, e.getMessage());
          return;
        }
        log.debug("node {}: removing temporary file {} failed, retrying", connections.settings().node(),
            temp, e);
      }
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }

  /**
   * Builds {@code pct exec VMID -- argv...}.
   *
   * @param vmid the container id
   * @param argv the command inside the container
   * @return the host argv
   */
  static List<String> pctExec(int vmid, List<String> argv) {
    requireVmid(vmid);
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    List<String> full = new ArrayList<>(argv.size() + 4);
    full.add("pct");
    full.add("exec");
    full.add(Integer.toString(vmid));
    full.add("--");
    full.addAll(argv);
    return full;
  }

  private static void requireVmid(int vmid) {
    if (vmid < 100 || vmid > 999_999_999) {
      throw new IllegalArgumentException("vmid must be within 100..999999999: " + vmid);
    }
  }
}
