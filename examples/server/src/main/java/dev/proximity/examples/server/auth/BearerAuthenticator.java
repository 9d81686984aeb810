package dev.proximity.examples.server.auth;

import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Authenticator;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <jwt>} headers: a valid signature and validity period,
 * a token not revoked by logout, and a user that still exists (whose stored role applies).
 * Thread-safe.
 */
public final class BearerAuthenticator implements Authenticator {
  private final TokenService tokens;
  private final RevokedTokens revoked;
  private final UserStore users;

  /**
   * Creates the authenticator.
   *
   * @param tokens verifies tokens
   * @param revoked the revocation list
   * @param users the user store
   */
  public BearerAuthenticator(TokenService tokens, RevokedTokens revoked, UserStore users) {
    this.tokens = tokens;
    this.revoked = revoked;
    this.users = users;
  }

  @Override
  public Caller authenticate(Optional<String> authorization) {
    String header = authorization.orElseThrow(() ->
        ApiException.unauthorized("this endpoint needs 'Authorization: Bearer <access_token>'; log in first"));
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      throw ApiException.unauthorized("use 'Authorization: Bearer <access_token>'");
    }
    String token = header.substring(space + 1).trim();
    if (token.isEmpty() || token.length() > 8192) {
      throw ApiException.unauthorized("the access token is malformed; log in again");
    }
    TokenService.VerifiedToken verified = tokens.verify(token);
    if (revoked.isRevoked(verified.tokenId())) {
      throw ApiException.unauthorized("the access token was revoked by logout; log in again");
    }
    User user = users.findById(verified.userId()).orElseThrow(() ->
        ApiException.unauthorized("the access token's user no longer exists"));
    return new Caller(user.id(), user.username(), user.role(), verified.tokenId(), verified.expiresAt());
  }
}
