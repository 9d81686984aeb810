package dev.proximity.examples.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The authenticated user of one request, established from a verified, unrevoked token.
 *
 * @param userId the stable user id
 * @param username the login name
 * @param role the role, as currently stored (not as claimed by the token)
 * @param tokenId the token's id ({@code jti}), used to revoke it on logout
 * @param tokenExpiresAt when the token expires
 */
public record Caller(String userId, String username, Role role, String tokenId, Instant tokenExpiresAt) {

  /** Validates the components. */
  public Caller {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
  }

  /**
   * Whether the caller is an admin.
   *
   * @return {@code true} for the admin role
   */
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Shows the user and role, never the token id. */
  @Override
  public String toString() {
    return "Caller[" + username + ", " + role.wireName() + "]";
  }
}
