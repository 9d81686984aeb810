package dev.proximity.pve;

import dev.proximity.ProximityException;
import java.util.Optional;

/**
 * No usable answer from Proxmox VE: an I/O error, a TLS failure or a timeout.
 *
 * <p>For a write whose request may have reached the server, {@link #outcomeUnknown()} is true: check
 * the state before repeating it. Immutable and thread-safe.
 */
public class PveConnectionException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** What went wrong on the way to the server. */
  public enum Kind {
    /** Connection refused, reset or closed, or another I/O failure. */
    IO,
    /** The TLS handshake failed, e.g. the certificate did not match the pinned fingerprint. */
    TLS,
    /** Connecting or waiting for the answer took longer than the configured timeout. */
    TIMEOUT,
    /** The calling thread was interrupted. */
    INTERRUPTED
  }

  /** What went wrong: IO, TLS, TIMEOUT or INTERRUPTED; see {@link #kind()}. */
  private final Kind kind;
  /**
   * True when the caller must check the state before repeating the call; see {@link #outcomeUnknown()}.
   */
  private final boolean outcomeUnknown;
  /**
   * The fingerprint as colon-separated upper-case hex, if known; see {@link #presentedFingerprint()}.
   */
  private final String presentedFingerprint;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do, never a secret
   * @param kind the failure class
   * @param outcomeUnknown true when a write may have been executed by the server
   * @param presentedFingerprint SHA-256 fingerprint of the certificate the server presented, or null
   * @param cause the underlying failure
   */
  public PveConnectionException(
      String message, Kind kind, boolean outcomeUnknown, String presentedFingerprint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.outcomeUnknown = outcomeUnknown;
    this.presentedFingerprint = presentedFingerprint;
  }

  /**
   * Returns the failure class.
   *
   * @return IO, TLS, TIMEOUT or INTERRUPTED
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Tells whether a write may have been executed although no answer arrived.
   *
   * @return true when the caller must check the state before repeating the call
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * Returns the SHA-256 fingerprint the server presented when a pinned fingerprint did not match.
   *
   * @return the fingerprint as colon-separated upper-case hex, if known
   */
  public Optional<String> presentedFingerprint() {
    return Optional.ofNullable(presentedFingerprint);
  }
}
