package dev.proximity.examples.server.http;

/** Handles one request that matched a route. */
@FunctionalInterface
public interface Handler {

  /**
   * Handles the request.
   *
   * @param request the parsed request
   * @return the response to send
   * @throws ApiException for an error the client should see
   * @throws Exception for anything unexpected, reported as a 500 without details
   */
  Response handle(Request request) throws Exception;
}
