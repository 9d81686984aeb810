package dev.proximity.examples.server.api;

import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the web dashboard: {@code GET /} and a fixed set of static files under {@code /assets/}.
 *
 * <p>The files are read from the classpath once, at start-up; only names in the list are served, so no
 * path can reach anything else. Responses carry a strict Content-Security-Policy (scripts and styles
 * from this server only). Thread-safe.
 */
public final class DashboardEndpoint {
  private static final String ROOT = "/dev/proximity/examples/server/web/";
  private static final Map<String, String> FILES = Map.of(
      "app.js", "text/javascript; charset=utf-8",
      "style.css", "text/css; charset=utf-8");
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final byte[] index;
  private final Map<String, byte[]> assets = new LinkedHashMap<>();

  /** Loads the files. */
  public DashboardEndpoint() {
    this.index = load("index.html");
    FILES.keySet().forEach(name -> assets.put(name, load(name)));
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/", Access.PUBLIC,
        r -> Response.bytes(200, "text/html; charset=utf-8", index).withHeader("Content-Security-Policy", CSP));
    router.add("GET", "/assets/{file}", Access.PUBLIC, r -> {
      String name = r.pathParam("file");
      byte[] content = assets.get(name);
      if (content == null) {
        throw ApiException.notFound("asset '" + name + "'");
      }
      return Response.bytes(200, FILES.get(name), content).withHeader("Content-Security-Policy", CSP);
    });
  }

  private static byte[] load(String name) {
    try (InputStream in = DashboardEndpoint.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing dashboard resource " + ROOT + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
