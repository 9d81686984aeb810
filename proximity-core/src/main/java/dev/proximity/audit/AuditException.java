package dev.proximity.audit;

import dev.proximity.ProximityException;

/** An audit event could not be recorded, e.g. the audit file is not writable or the disk is full. */
public final class AuditException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be recorded where, and what to check
   * @param cause the I/O failure
   */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
