package dev.proximity.ssh;

import dev.proximity.ssh.internal.HostKeyPolicy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the SSH host keys of the Proxmox hosts are verified: against an OpenSSH {@code known_hosts}
 * file, or against pinned SHA-256 fingerprints. An unknown or changed key is refused with an
 * {@link SshCommandException} that shows the fingerprint the server presented.
 *
 * <p>Trust-on-first-use exists only as the explicit {@link #trustOnFirstUse(Path)} opt-in, which is
 * logged at WARN. Immutable and thread-safe.
 *
 * <pre>{@code
 * HostKeyVerification.knownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
 * HostKeyVerification.pinnedSha256("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8");
 * }</pre>
 */
public final class HostKeyVerification {
  private final HostKeyPolicy policy;

  private HostKeyVerification(HostKeyPolicy policy) {
    this.policy = policy;
  }

  /**
   * Verifies against an OpenSSH known_hosts file (hashed entries and {@code [host]:port} forms
   * supported). Hosts absent from the file are refused.
   *
   * @param file the known_hosts file; it may not exist yet, then every host is unknown
   * @return the verification
   */
  public static HostKeyVerification knownHosts(Path file) {
    Objects.requireNonNull(file, "file");
    return new HostKeyVerification(HostKeyPolicy.knownHosts(file, false));
  }

  /**
   * Verifies against the current user's {@code ~/.ssh/known_hosts}, as the {@code ssh} command does.
   *
   * @return the verification
   */
  public static HostKeyVerification defaultKnownHosts() {
    return knownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
  }

  /**
   * Accepts only host keys whose SHA-256 fingerprint is one of the given, in OpenSSH's form
   * {@code SHA256:base64} (as printed by {@code ssh-keygen -lf}); the {@code SHA256:} prefix is
   * optional.
   *
   * @param fingerprints one or more fingerprints, typically one per node
   * @return the verification
   */
  public static HostKeyVerification pinnedSha256(String... fingerprints) {
    return pinnedSha256(List.of(fingerprints));
  }

  /**
   * Accepts only host keys whose SHA-256 fingerprint is one of the given.
   *
   * @param fingerprints one or more fingerprints, {@code SHA256:base64}
   * @return the verification
   */
  public static HostKeyVerification pinnedSha256(List<String> fingerprints) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String fingerprint : fingerprints) {
      normalized.add(HostKeyPolicy.normalizeFingerprint(fingerprint));
    }
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("at least one fingerprint is required");
    }
    return new HostKeyVerification(HostKeyPolicy.pinned(normalized));
  }

  /**
   * Trust-on-first-use: an unknown host's key is accepted and appended to the known_hosts file; a
   * changed key is still refused. Convenient for labs, unsafe where the first connection could be
   * intercepted. Logged at WARN on every first use.
   *
   * @param file the known_hosts file to read and append to; created when missing
   * @return the verification
   */
  public static HostKeyVerification trustOnFirstUse(Path file) {
    Objects.requireNonNull(file, "file");
    return new HostKeyVerification(HostKeyPolicy.knownHosts(file, true));
  }

  HostKeyPolicy policy() {
    return policy;
  }

  @Override
  public String toString() {
    return "HostKeyVerification[" + policy + "]";
  }
}
