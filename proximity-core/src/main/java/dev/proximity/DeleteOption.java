package dev.proximity;

/**
 * Options of {@code AppHandle.delete(..)}.
 */
public enum DeleteOption {
  /** Stop a running app first instead of refusing to delete it. */
  FORCE,
  /** Delete the app's backups too. */
  WITH_BACKUPS
}
