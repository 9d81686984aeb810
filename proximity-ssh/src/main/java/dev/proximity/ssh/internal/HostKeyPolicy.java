package dev.proximity.ssh.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host key policy: known_hosts (optionally trust-on-first-use) or pinned fingerprints. Creates a
 * fresh {@link Verifier} per connection attempt, which remembers what the server presented so that
 * a refusal can name the fingerprint. Immutable and thread-safe.
 */
public final class HostKeyPolicy {
  private static final Logger log = LoggerFactory.getLogger(HostKeyPolicy.class);
  private static final Pattern BASE64_SHA256 = Pattern.compile("[A-Za-z0-9+/]{43}=?");

  private final Path knownHosts;
  private final boolean trustOnFirstUse;
  private final Set<String> pinned;

  private HostKeyPolicy(Path knownHosts, boolean trustOnFirstUse, Set<String> pinned) {
    this.knownHosts = knownHosts;
    this.trustOnFirstUse = trustOnFirstUse;
    this.pinned = pinned;
  }

  /**
   * A known_hosts policy.
   *
   * @param file the known_hosts file
   * @param trustOnFirstUse whether unknown hosts are appended instead of refused
   * @return the policy
   */
  public static HostKeyPolicy knownHosts(Path file, boolean trustOnFirstUse) {
    return new HostKeyPolicy(file, trustOnFirstUse, Set.of());
  }

  /**
   * A pinned-fingerprint policy.
   *
   * @param fingerprints normalized {@code SHA256:base64} fingerprints
   * @return the policy
   */
  public static HostKeyPolicy pinned(Set<String> fingerprints) {
    return new HostKeyPolicy(null, false, Set.copyOf(fingerprints));
  }

  /**
   * Normalizes a fingerprint to {@code SHA256:base64} without padding.
   *
   * @param fingerprint {@code SHA256:base64} or bare base64
   * @return the normalized form
   */
  public static String normalizeFingerprint(String fingerprint) {
    String f = fingerprint.strip();
    if (f.regionMatches(true, 0, "SHA256:", 0, 7)) {
      f = f.substring(7);
    }
    if (!BASE64_SHA256.matcher(f).matches()) {
      throw new IllegalArgumentException(
          "not an OpenSSH SHA-256 fingerprint (SHA256: followed by 43 base64 characters): "
              + fingerprint);
    }
    return "SHA256:" + (f.endsWith("=") ? f.substring(0, f.length() - 1) : f);
  }

  /**
   * Computes the OpenSSH SHA-256 fingerprint of a public key.
   *
   * @param key the key
   * @return {@code SHA256:base64} without padding
   */
  public static String fingerprint(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Creates the verifier for one connection attempt.
   *
   * @return a new verifier
   * @throws IOException if the known_hosts file cannot be read
   */
  public Verifier newVerifier() throws IOException {
    return new Verifier();
  }

  @Override
  public String toString() {
    if (knownHosts == null) {
      return "pinned " + pinned;
    }
    return (trustOnFirstUse ? "trust-on-first-use " : "known_hosts ") + knownHosts;
  }

  /** The verdict of one verification, readable after the handshake failed. */
  public enum Verdict {
    /** Nothing verified yet. */
    NONE,
    /** The key was accepted. */
    ACCEPTED,
    /** The host is unknown. */
    UNKNOWN,
    /** The host is known with another key. */
    CHANGED
  }

  /** Verifies one handshake and remembers the presented key. Used by one connection attempt. */
  public final class Verifier implements HostKeyVerifier {
    private final OpenSSHKnownHosts file;
    private volatile Verdict verdict = Verdict.NONE;
    private volatile String presented;

    private Verifier() throws IOException {
      if (knownHosts == null) {
        file = null;
      } else {
        if (trustOnFirstUse && knownHosts.getParent() != null) {
          Files.createDirectories(knownHosts.getParent());
        }
        file = new KnownHostsFile(knownHosts.toFile());
      }
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
      presented = fingerprint(key) + " (" + KeyType.fromKey(key) + ")";
      boolean ok;
      if (file == null) {
        ok = pinned.contains(fingerprint(key));
        if (!ok) {
          verdict = Verdict.UNKNOWN;
        }
      } else {
        ok = file.verify(hostname, port, key);
      }
      if (ok) {
        verdict = Verdict.ACCEPTED;
      }
      return ok;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
      return file == null ? List.of() : file.findExistingAlgorithms(hostname, port);
    }

    /**
     * Returns the verdict.
     *
     * @return what happened
     */
    public Verdict verdict() {
      return verdict;
    }

    /**
     * Returns the presented key's fingerprint and type.
     *
     * @return e.g. {@code SHA256:abc... (ssh-ed25519)}, or null before the handshake
     */
    public String presented() {
      return presented;
    }

    private final class KnownHostsFile extends OpenSSHKnownHosts {
      KnownHostsFile(File file) throws IOException {
        super(file);
      }

      @Override
      protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (!trustOnFirstUse) {
          verdict = Verdict.UNKNOWN;
          return false;
        }
        try {
          HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
          entries().add(entry);
          write(entry);
          log.warn(
              "trust-on-first-use: accepted and recorded the unverified host key {} of {} in {}",
              fingerprint(key), hostname, getFile());
          return true;
        } catch (IOException e) {
          log.warn("trust-on-first-use: could not record the host key of {} in {}: {}",
              hostname, getFile(), e.toString());
          verdict = Verdict.UNKNOWN;
          return false;
        }
      }

      @Override
      protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        verdict = Verdict.CHANGED;
        return false;
      }
    }
  }
}
