package dev.proximity.examples.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.examples.server.ApiClient;
import dev.proximity.examples.server.DemoServerExtension;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardHttpTest {
  private DemoServerExtension demo;
  private ApiClient api;

  @BeforeEach
  void start() {
    demo = new DemoServerExtension(Clock.systemUTC(), Map.of());
    api = demo.client();
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  @Test
  void root_servesThePage_withAStrictContentSecurityPolicy() {
    ApiClient.Result page = api.get("/", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(page.body()).contains("/assets/app.js").contains("<html lang=\"en\">");
  }

  @Test
  void assets_serveOnlyTheListedFiles() {
    ApiClient.Result script = api.get("/assets/app.js", null);
    ApiClient.Result style = api.get("/assets/style.css", null);
    ApiClient.Result unknown = api.get("/assets/users.json", null);
    ApiClient.Result traversal = api.get("/assets/..%2F..%2Fopenapi.json", null);

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(script.body()).doesNotContain("innerHTML");
    assertThat(style.status()).isEqualTo(200);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(traversal.status()).isEqualTo(404);
  }
}
