package dev.proximity.examples.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered server user.
 *
 * @param id the stable id (a random UUID), used as the token subject and as app owner
 * @param username the login name
 * @param role the role
 * @param passwordHash the encoded PBKDF2 hash; never printed
 * @param createdAt when the user registered
 */
public record User(String id, String username, Role role, String passwordHash, Instant createdAt) {

  /** Validates the components. */
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Shows id, name and role; never the password hash. */
  @Override
  public String toString() {
    return "User[" + id + ", " + username + ", " + role.wireName() + "]";
  }
}
