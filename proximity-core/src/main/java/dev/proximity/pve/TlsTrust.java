package dev.proximity.pve;

import java.util.Locale;
import java.util.Objects;

/**
 * Which server certificates the client accepts.
 *
 * <ul>
 *   <li>{@link #system()}: the JVM's trust store and host name checks (a certificate from a public CA);
 *   <li>{@link #caPem(String)}: certificates issued by the given CA, e.g. the cluster's {@code pve-root-ca.pem};
 *   <li>{@link #pinnedSha256(String)}: exactly the certificate with this SHA-256 fingerprint, whatever its
 *       issuer or host name (the usual case for self-signed node certificates reached by IP);
 *   <li>{@link #insecure()}: anything; for throw-away labs only, logged as a warning.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsTrust {
  /** The trust mode. */
  public enum Mode {
    /** JVM default trust store. */
    SYSTEM,
    /** Given CA certificates in PEM. */
    CA_PEM,
    /** Pinned leaf certificate fingerprint. */
    PINNED_SHA256,
    /** No verification. */
    INSECURE
  }

  private static final TlsTrust SYSTEM = new TlsTrust(Mode.SYSTEM, null);
  private static final TlsTrust INSECURE = new TlsTrust(Mode.INSECURE, null);

  private final Mode mode;
  private final String value;

  private TlsTrust(Mode mode, String value) {
    this.mode = mode;
    this.value = value;
  }

  /**
   * Trusts what the JVM trusts, with host name verification.
   *
   * @return the system trust
   */
  public static TlsTrust system() {
    return SYSTEM;
  }

  /**
   * Trusts certificates issued by the given CA certificates, with host name verification.
   *
   * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks
   * @return the trust
   */
  public static TlsTrust caPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("caPem expects PEM text with a -----BEGIN CERTIFICATE----- block");
    }
    return new TlsTrust(Mode.CA_PEM, pem);
  }

  /**
   * Trusts exactly the server certificate with this SHA-256 fingerprint.
   *
   * <p>Accepts the form {@code pvenode cert info} and {@code openssl x509 -fingerprint -sha256} print
   * ({@code 3F:A1:...}), lower case, or plain hex without colons.
   *
   * @param fingerprint 32 bytes as hex
   * @return the trust
   * @throws IllegalArgumentException when the text is not 64 hex digits
   */
  public static TlsTrust pinnedSha256(String fingerprint) {
    return new TlsTrust(Mode.PINNED_SHA256, normalizeFingerprint(fingerprint));
  }

  /**
   * Trusts any certificate: no protection against a man in the middle. A warning is logged when used.
   *
   * @return the insecure trust
   */
  public static TlsTrust insecure() {
    return INSECURE;
  }

  /**
   * Normalises a SHA-256 fingerprint to upper-case, colon-separated hex.
   *
   * @param fingerprint hex with or without colons
   * @return e.g. {@code 3F:A1:...}
   * @throws IllegalArgumentException when the text is not 64 hex digits
   */
  public static String normalizeFingerprint(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    String hex = fingerprint.replace(":", "").replace(" ", "").trim().toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{64}")) {
      throw new IllegalArgumentException(
          "a SHA-256 fingerprint has 64 hex digits (32 bytes, e.g. from 'pvenode cert info'), got '"
              + fingerprint + "'");
    }
    StringBuilder sb = new StringBuilder(95);
    for (int i = 0; i < 64; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  /**
   * Returns the mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Returns the PEM text of {@link Mode#CA_PEM} or the normalised fingerprint of {@link Mode#PINNED_SHA256}.
   *
   * @return the value, empty for the other modes
   */
  public String value() {
    return value == null ? "" : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsTrust t && t.mode == mode && Objects.equals(t.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, value);
  }

  @Override
  public String toString() {
    return switch (mode) {
      case PINNED_SHA256 -> "TlsTrust[pinned " + value + "]";
      case CA_PEM -> "TlsTrust[CA PEM]";
      default -> "TlsTrust[" + mode + "]";
    };
  }
}
