package dev.proximity.internal.http;

import java.util.Map;

/** {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}; no login, no CSRF. */
final class TokenAuthenticator implements Authenticator {
  private final Map<String, String> headers;

  TokenAuthenticator(String tokenId, String secret) {
    this.headers = Map.of("Authorization", "PVEAPIToken=" + tokenId + "=" + secret);
  }

  @Override
  public Map<String, String> headers(boolean write) {
    return headers;
  }

  @Override
  public boolean invalidate() {
    return false;
  }

  @Override
  public String toString() {
    return "TokenAuthenticator[***]";
  }
}
