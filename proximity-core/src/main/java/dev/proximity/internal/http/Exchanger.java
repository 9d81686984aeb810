package dev.proximity.internal.http;

import java.io.IOException;
import java.util.Map;

/** Sends one unauthenticated request; the ticket authenticator logs in through it. */
@FunctionalInterface
interface Exchanger {
  /**
   * Sends a request without authentication headers.
   *
   * @param request the request
   * @param headers extra headers
   * @return the raw answer
   * @throws IOException on I/O failure
   */
  RawResponse exchange(ApiRequest request, Map<String, String> headers) throws IOException;
}
