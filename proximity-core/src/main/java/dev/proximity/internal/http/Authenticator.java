package dev.proximity.internal.http;

import java.io.IOException;
import java.util.Map;

/** Supplies authentication headers for each request. Implementations are thread-safe. */
interface Authenticator {
  /**
   * Returns the headers that authenticate one request, logging in or renewing first if needed.
   *
   * @param write true for POST/PUT/DELETE (a ticket then also needs the CSRF header)
   * @return header name to value
   * @throws IOException when a login exchange fails on the wire
   */
  Map<String, String> headers(boolean write) throws IOException;

  /**
   * Drops the current session after a 401.
   *
   * @return true when a fresh login may help, so the request is worth repeating once
   */
  boolean invalidate();
}
