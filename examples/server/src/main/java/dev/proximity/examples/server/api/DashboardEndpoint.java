package dev.proximity.examples.server.api;

import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web dashboard: {@code GET /} (the page) and {@code GET /ui/{file}} (its scripts and
 * styles), static files from the classpath, with a strict Content-Security-Policy and ETags.
 *
 * <p>Files are read once and kept in memory. Every response carries {@code Cache-Control: no-cache}
 * with an ETag, so a browser revalidates cheaply (304) and never runs a stale script after an upgrade.
 */
public final class DashboardEndpoint {
  /** The classpath folder of the dashboard's files. */
  public static final String RESOURCE_DIR = "/dev/proximity/examples/server/dashboard/";

  /** No inline script or style, nothing from elsewhere except catalog icons (https images). */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;"
      + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|html)");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "html", "text/html; charset=utf-8");

  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /**
   * Registers the routes.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/", Access.PUBLIC, r -> serve(r, "index.html"));
    router.add("GET", "/ui/{file}", Access.PUBLIC, r -> serve(r, r.pathParam("file")));
  }

  private Response serve(Request request, String file) {
    if (!FILE.matcher(file).matches()) {
      throw ApiException.notFound("dashboard file '" + file + "'");
    }
    Asset asset = cache.computeIfAbsent(file, DashboardEndpoint::load);
    if (asset.bytes() == null) {
      throw ApiException.notFound("dashboard file '" + file + "'");
    }
    String etag = asset.etag();
    boolean fresh = request.header("If-None-Match").map(v -> v.contains(etag)).orElse(false);
    Response response = fresh ? Response.empty(304) : Response.bytes(200, asset.type(), asset.bytes());
    return response
        .withHeader("ETag", etag)
        .withHeader("Cache-Control", "no-cache")
        .withHeader("Content-Security-Policy", CSP)
        .withHeader("Cross-Origin-Opener-Policy", "same-origin")
        .withHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  }

  private static Asset load(String file) {
    String ext = file.substring(file.lastIndexOf('.') + 1);
    try (InputStream in = DashboardEndpoint.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        return new Asset(null, null, null);
      }
      byte[] bytes = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Asset(bytes, TYPES.get(ext), "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Asset(byte[] bytes, String type, String etag) {}
}
