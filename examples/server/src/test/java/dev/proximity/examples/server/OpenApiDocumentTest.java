package dev.proximity.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.examples.server.api.OpenApiEndpoint;
import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.Route;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps {@code /openapi.json} true: every route is documented, and every documented operation exists. */
class OpenApiDocumentTest {
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  @TempDir Path dataDir;

  @Test
  void document_listsExactlyTheRegisteredRoutes_withTheirSecurityAndParameters() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(OpenApiEndpoint.load());
    try (ProximityServer server = ProximityServer.start(ServerConfig.fromSettings(
        Map.of("demo", "true", "listen.port", "0", "data_dir", dataDir.toString())))) {

      Set<String> routes = new TreeSet<>();
      for (Route route : server.routes()) {
        String key = route.method() + " " + route.template();
        routes.add(key);
        JsonNode operation = doc.path("paths").path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("documented: " + key).isTrue();
        boolean publicInDoc = operation.has("security") && operation.path("security").isEmpty();
        assertThat(publicInDoc).as("security of " + key).isEqualTo(route.access() == Access.PUBLIC);
        if (route.access() != Access.PUBLIC) {
          assertThat(operation.path("responses").has("401")).as("401 documented for " + key).isTrue();
        }
        if (route.access() == Access.ADMIN) {
          assertThat(operation.path("responses").has("403")).as("403 documented for " + key).isTrue();
        }
        Set<String> templateParams = new TreeSet<>();
        Matcher m = PARAM.matcher(route.template());
        while (m.find()) {
          templateParams.add(m.group(1));
        }
        Set<String> docParams = new TreeSet<>();
        for (JsonNode p : operation.path("parameters")) {
          if (p.path("in").asText().equals("path")) {
            docParams.add(p.path("name").asText());
          }
        }
        assertThat(docParams).as("path parameters of " + key).isEqualTo(templateParams);
      }

      Set<String> documented = new TreeSet<>();
      Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").properties().iterator();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        path.getValue().fieldNames().forEachRemaining(
            method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
      }
      assertThat(documented).isEqualTo(routes);
      assertThat(doc.path("openapi").asText()).startsWith("3.");
    }
  }

  @Test
  void endpoint_servesTheDocument() throws Exception {
    try (ProximityServer server = ProximityServer.start(ServerConfig.fromSettings(
        Map.of("demo", "true", "listen.port", "0", "data_dir", dataDir.toString())))) {
      ApiClient.Result result = new ApiClient(server.baseUri()).get("/openapi.json", null);

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.json().path("paths").has("/api/v1/auth/login")).isTrue();
    }
  }
}
