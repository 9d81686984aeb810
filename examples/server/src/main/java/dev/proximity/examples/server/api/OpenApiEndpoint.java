package dev.proximity.examples.server.api;

import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves {@code GET /openapi.json}, the OpenAPI 3 document of this API.
 *
 * <p>The document is a resource written by hand; a test compares its paths and operations with the
 * registered routes, so it cannot drift from the code.
 */
public final class OpenApiEndpoint {
  /** The classpath location of the document. */
  public static final String RESOURCE = "/dev/proximity/examples/server/openapi.json";

  private final byte[] document;

  /** Loads the document. */
  public OpenApiEndpoint() {
    this.document = load();
  }

  /**
   * Reads the document from the classpath.
   *
   * @return the JSON bytes
   */
  public static byte[] load() {
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Registers the endpoint.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/openapi.json", Access.PUBLIC,
        r -> Response.bytes(200, "application/json; charset=utf-8", document));
  }
}
