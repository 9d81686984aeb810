package dev.proximity.examples.server.config;

import java.util.Locale;

/**
 * The platform mode the server enforces on its endpoints.
 *
 * <p>AUTO: the scheduler takes backups and checks updates; clone, resource edits and manual backups
 * are refused. PRO: every operation is available and nothing runs on a schedule.
 */
public enum OperatingMode {
  /** Automatic maintenance, simple operations only. */
  AUTO,
  /** Manual control, every operation available. */
  PRO;

  /**
   * Parses a mode name, case-insensitively.
   *
   * @param text {@code AUTO} or {@code PRO}
   * @return the mode
   * @throws IllegalArgumentException for anything else
   */
  public static OperatingMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("mode must be AUTO or PRO");
    }
  }
}
