package dev.proximity.ssh;

import dev.proximity.ProximityException;
import dev.proximity.command.Redaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A command on a Proxmox VE host could not be run over SSH, or ran and failed where success was
 * required (a {@code pct push}).
 *
 * <p>Carries the node and {@code host:port}, the argv with secret-looking values masked, the exit
 * code when there was one, the tail of standard error, and for host-key failures the SHA-256
 * fingerprint the server presented, so that an operator can compare it with the host's own
 * ({@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub}). No secret is ever part of it.
 */
public final class SshCommandException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** Why the command failed. */
  public enum Reason {
    /** The node has no configured host. */
    UNKNOWN_NODE,
    /** The TCP connection or the SSH handshake failed. */
    CONNECT,
    /** The server refused the configured credentials. */
    AUTHENTICATION,
    /** The server's host key is not in known_hosts and matches no pinned fingerprint. */
    HOST_KEY_UNKNOWN,
    /** known_hosts holds a different key for this host: possibly a man-in-the-middle. */
    HOST_KEY_CHANGED,
    /** The command, or the wait for a free channel, outlasted its timeout. */
    TIMEOUT,
    /** The connection dropped while the command ran; it may or may not have completed. */
    CONNECTION_LOST,
    /** The command ran and exited with a non-zero status where success was required. */
    EXIT_STATUS,
    /** An SFTP upload to the host failed. */
    TRANSFER
  }

  /** The reason; see {@link #reason()}. */
  private final Reason reason;
  /** The node; see {@link #node()}. */
  private final String node;
  /** The host and port; see {@link #host()}. */
  private final String host;
  /** The redacted argv, empty when no command was involved; see {@link #argv()}. */
  private final List<String> argv;
  /** The exit code, or empty; see {@link #exitCode()}. */
  private final Integer exitCode;
  /** The stderr tail, possibly empty; see {@link #stderrTail()}. */
  private final String stderrTail;
  /** The fingerprint, or empty; see {@link #presentedFingerprint()}. */
  private final String presentedFingerprint;

  /**
   * Creates the exception; argv is redacted here, whatever the caller passes.
   *
   * @param reason why it failed
   * @param detail what happened and what to do next, without secrets
   * @param node the Proxmox node name
   * @param host {@code host:port} of the SSH server
   * @param argv the command, unredacted (masked before it is stored); empty when none
   * @param exitCode the exit code, or {@code null} when the command did not exit
   * @param stderrTail the end of standard error, or empty
   * @param presentedFingerprint the server's host key fingerprint for host-key failures, or null
   * @param cause the underlying failure, or null
   */
  public SshCommandException(
      Reason reason,
      String detail,
      String node,
      String host,
      List<String> argv,
      Integer exitCode,
      String stderrTail,
      String presentedFingerprint,
      Throwable cause) {
    super(message(reason, detail, node, host, Redaction.redactArgv(argv), exitCode, stderrTail),
        cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.node = Objects.requireNonNull(node, "node");
    this.host = Objects.requireNonNull(host, "host");
    this.argv = Redaction.redactArgv(argv);
    this.exitCode = exitCode;
    this.stderrTail = stderrTail == null ? "" : stderrTail;
    this.presentedFingerprint = presentedFingerprint;
  }

  private static String message(
      Reason reason, String detail, String node, String host, List<String> argv,
      Integer exitCode, String stderrTail) {
    StringBuilder m = new StringBuilder();
    m.append("SSH ").append(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .append(" on node ").append(node).append(" (").append(host).append(")");
    if (!argv.isEmpty()) {
      m.append(", command ").append(argv);
    }
    if (exitCode != null) {
      m.append(", exit code ").append(exitCode);
    }
    m.append(": ").append(detail);
    if (stderrTail != null && !stderrTail.isBlank()) {
      m.append("; stderr: ").append(stderrTail.strip());
    }
    return m.toString();
  }

  /**
   * Returns why the command failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the Proxmox node name.
   *
   * @return the node
   */
  public String node() {
    return node;
  }

  /**
   * Returns the SSH server as {@code host:port}.
   *
   * @return the host and port
   */
  public String host() {
    return host;
  }

  /**
   * Returns the command with secret-looking values masked.
   *
   * @return the redacted argv, empty when no command was involved
   */
  public List<String> argv() {
    return argv;
  }

  /**
   * Returns the exit code of the command, when it exited.
   *
   * @return the exit code, or empty
   */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /**
   * Returns the end of the command's standard error.
   *
   * @return the stderr tail, possibly empty
   */
  public String stderrTail() {
    return stderrTail;
  }

  /**
   * Returns the SHA-256 fingerprint ({@code SHA256:base64}) of the host key the server presented,
   * for {@link Reason#HOST_KEY_UNKNOWN} and {@link Reason#HOST_KEY_CHANGED}.
   *
   * @return the fingerprint, or empty
   */
  public Optional<String> presentedFingerprint() {
    return Optional.ofNullable(presentedFingerprint);
  }
}
