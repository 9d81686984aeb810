package dev.proximity.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.examples.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogHttpTest {
  @TempDir Path dataDir;
  private ProximityServer server;
  private ApiClient api;
  private String token;

  @BeforeEach
  void start() {
    server = ProximityServer.start(ServerConfig.fromSettings(
        Map.of("demo", "true", "listen.port", "0", "data_dir", dataDir.toString())));
    api = new ApiClient(server.baseUri());
    api.register("alice", "a-long-password-1", null);
    token = api.login("alice", "a-long-password-1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void list_returnsTheBundledApps_withResourceHints() {
    ApiClient.Result result = api.get("/api/v1/catalog", token);

    assertThat(result.status()).isEqualTo(200);
    assertThat(ids(result.json())).contains("hello", "nginx", "wordpress");
    JsonNode hello = find(result.json(), "hello");
    assertThat(hello.path("resources").path("recommended_memory_mb").asInt()).isEqualTo(256);
    assertThat(result.json().path("categories").isArray()).isTrue();
  }

  @Test
  void list_filtersByTextAndCategory() {
    ApiClient.Result byText = api.get("/api/v1/catalog?q=wordpress", token);
    ApiClient.Result byCategory = api.get("/api/v1/catalog?category=web", token);
    ApiClient.Result nothing = api.get("/api/v1/catalog?q=zzzz-nothing", token);

    assertThat(ids(byText.json())).first().isEqualTo("wordpress");
    assertThat(byCategory.json().path("items")).allSatisfy(e -> assertThat(e.path("category").asText()).isEqualTo("web"));
    assertThat(nothing.json().path("total").asInt()).isZero();
  }

  @Test
  void get_returnsParameters_or404() {
    ApiClient.Result hello = api.get("/api/v1/catalog/hello", token);
    ApiClient.Result missing = api.get("/api/v1/catalog/no-such-app", token);

    assertThat(hello.status()).isEqualTo(200);
    assertThat(hello.json().path("parameters").get(0).path("name").asText()).isEqualTo("GREETING");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorMessage()).contains("no-such-app");
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.path("items").forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode e : list.path("items")) {
      if (e.path("id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no " + id);
  }
}
