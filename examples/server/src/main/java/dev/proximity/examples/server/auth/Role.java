package dev.proximity.examples.server.auth;

import java.util.Locale;

/** The roles of server users. */
public enum Role {
  /** Manages everything: every app, settings, users, the audit log. */
  ADMIN,
  /** Deploys apps and manages the apps they own. */
  USER;

  /**
   * The lower-case name used in JSON and tokens.
   *
   * @return {@code admin} or {@code user}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @param text {@code admin} or {@code user}
   * @return the role
   * @throws IllegalArgumentException for any other text
   */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equals(text)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role must be 'admin' or 'user'");
  }
}
