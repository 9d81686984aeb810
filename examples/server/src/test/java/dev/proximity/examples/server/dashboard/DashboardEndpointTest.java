package dev.proximity.examples.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.examples.server.ProximityServer;
import dev.proximity.examples.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's static files: content types, CSP, caching, and nothing outside the folder. */
class DashboardEndpointTest {
  @TempDir Path dataDir;
  private ProximityServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = ProximityServer.start(ServerConfig.fromSettings(
        Map.of("demo", "true", "listen.port", "0", "data_dir", dataDir.toString())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void root_servesThePage_withAStrictCspAndRevalidation() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String etag = page.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get("/", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void assets_haveTheirContentTypes() throws Exception {
    assertThat(get("/ui/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(get("/ui/api.js").statusCode()).isEqualTo(200);
    assertThat(get("/ui/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(get("/ui/logo.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void unknownOrEscapingFiles_are404() throws Exception {
    assertThat(get("/ui/missing.js").statusCode()).isEqualTo(404);
    assertThat(get("/ui/..%2Fopenapi.json").statusCode()).isEqualTo(404);
    assertThat(get("/ui/%2e%2e").statusCode()).isEqualTo(404);
    assertThat(get("/ui/App.JS").statusCode()).isEqualTo(404);
  }

  @Test
  void noInlineScriptOrStyle_inTheFiles() throws Exception {
    String page = get("/").body();
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("style=", "onclick=", "<style");
    for (String file : new String[] {"app.js", "api.js", "dom.js", "validate.js"}) {
      String js = get("/ui/" + file).body();
      assertThat(js).as(file).doesNotContain("innerHTML", "eval(", "new Function", "localStorage.setItem");
    }
  }
}
