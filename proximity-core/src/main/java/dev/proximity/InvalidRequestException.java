package dev.proximity;

import java.util.Objects;

/**
 * A request was refused before anything changed: a bad name or resource value, or an operation
 * the app's state does not allow (deleting a running app, shrinking a disk, ...).
 *
 * <p>{@link #reason()} tells the cases apart; the message says what to do instead.
 */
public final class InvalidRequestException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The reason; see {@link #reason()}. */
  private final Reason reason;

  /** Why a request was refused. */
  public enum Reason {
    /** The app name is not an RFC 1123 label. */
    INVALID_NAME,
    /** Another app already has the name. */
    NAME_TAKEN,
    /** The catalog has no such entry. */
    UNKNOWN_CATALOG_ENTRY,
    /** A parameter is unknown, missing or invalid. */
    INVALID_PARAMETER,
    /** Resources are below the catalog minimum or otherwise invalid. */
    INVALID_RESOURCES,
    /** No node (or not the chosen one) has the capacity or is online. */
    NO_CAPACITY,
    /** The app is running and the operation needs it stopped (or {@code force}). */
    APP_RUNNING,
    /** The app is stopped and the operation needs it running. */
    APP_STOPPED,
    /** A disk can only grow. */
    DISK_SHRINK,
    /** The backup does not exist or belongs to another app. */
    BACKUP_NOT_FOUND,
    /** The catalog has no newer version of the app. */
    NO_UPDATE,
    /** The node is unknown or offline. */
    UNKNOWN_NODE,
    /** The credentials lack privileges an operation needs. */
    MISSING_PRIVILEGES,
    /** The SDK lacks a module or setting the request needs (host shell, catalog, storage). */
    NOT_CONFIGURED
  }

  /**
   * Creates the exception.
   *
   * @param reason why the request was refused
   * @param message what was refused and what to do instead
   */
  public InvalidRequestException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception with the failure that made the request invalid.
   *
   * @param reason why the request was refused
   * @param message what was refused and what to do instead
   * @param cause the underlying failure, such as the catalog's validation error
   */
  public InvalidRequestException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why the request was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
