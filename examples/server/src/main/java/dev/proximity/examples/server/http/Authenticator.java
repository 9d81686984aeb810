package dev.proximity.examples.server.http;

import dev.proximity.examples.server.auth.Caller;
import java.util.Optional;

/** Turns a request's {@code Authorization} header into a caller. */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates a request.
   *
   * @param authorization the {@code Authorization} header, if any
   * @return the caller
   * @throws ApiException 401 when the header is missing or the token is invalid, expired or revoked
   */
  Caller authenticate(Optional<String> authorization);
}
