package dev.proximity.examples.server.config;

import java.util.Locale;

/**
 * Who may register once the first user (who always becomes admin) exists.
 */
public enum Registration {
  /** Only an authenticated admin may register further users (the default). */
  ADMIN,
  /** Nobody may register further users. */
  CLOSED,
  /** Anybody may register as a user. */
  OPEN;

  /**
   * Parses a policy name, case-insensitively.
   *
   * @param text {@code admin}, {@code closed} or {@code open}
   * @return the policy
   * @throws IllegalArgumentException for anything else
   */
  public static Registration parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("registration must be admin, closed or open");
    }
  }
}
