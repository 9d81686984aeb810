package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {
  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home);
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void catalog_listsEveryBundledAppAsATable() {
    CliRunner.Result r = cli.run("catalog");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("NAME").contains("CATEGORY").contains("VERSION");
    assertThat(r.out()).contains("uptime-kuma").contains("wordpress").contains("hello");
    int nameColumn = lines.get(0).indexOf("NAME");
    assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.charAt(nameColumn - 1)).isEqualTo(' '));
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(80));
  }

  @Test
  void catalog_json_hasStableFields() {
    JsonNode json = cli.run("catalog", "--json").json();

    assertThat(json.isArray()).isTrue();
    assertThat(ids(json)).contains("hello", "uptime-kuma").isSorted();
    JsonNode first = json.get(0);
    assertThat(first.fieldNames()).toIterable()
        .containsExactly("id", "name", "version", "category", "tags", "description");
  }

  @Test
  void catalog_searchWordsCategoryAndTag() {
    // the bundled catalog grows; assert what must hold whatever else is added
    assertThat(ids(cli.run("catalog", "uptime", "monitoring", "--json").json())).startsWith("uptime-kuma");
    JsonNode databases = cli.run("catalog", "search", "--category", "database", "--json").json();
    assertThat(ids(databases)).contains("postgresql", "redis");
    databases.forEach(n -> assertThat(n.get("category").asText()).isEqualTo("database"));
    JsonNode blogs = cli.run("catalog", "search", "--tag", "blog", "--json").json();
    assertThat(ids(blogs)).contains("wordpress");
    blogs.forEach(n -> assertThat(n.get("tags").toString()).contains("\"blog\""));
    CliRunner.Result none = cli.run("catalog", "search", "no-such-thing-xyz");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).startsWith("No apps match. Categories:");
  }

  @Test
  void catalogShow_printsDetailsAndJson() {
    CliRunner.Result text = cli.run("catalog", "show", "wordpress");
    JsonNode json = cli.run("catalog", "show", "wordpress", "--json").json();

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("id:").contains("wordpress").contains("DB_PASSWORD").contains("(generated)")
        .contains("Deploy it: proximity deploy wordpress --name NAME");
    assertThat(json.get("id").asText()).isEqualTo("wordpress");
    assertThat(json.get("webPort").asInt()).isEqualTo(80);
    assertThat(json.get("resources").get("minMemoryMb").asInt()).isPositive();
    JsonNode secret = null;
    for (JsonNode p : json.get("parameters")) {
      if (p.get("name").asText().equals("DB_PASSWORD")) {
        secret = p;
      }
    }
    assertThat(secret).isNotNull();
    assertThat(secret.get("secret").asBoolean()).isTrue();
    assertThat(secret.get("generated").asBoolean()).isTrue();
    assertThat(secret.get("defaultValue").isNull()).isTrue();
  }

  @Test
  void catalogShow_unknownId_exitsNotFoundWithSuggestion() {
    CliRunner.Result r = cli.run("catalog", "show", "uptime");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    List<String> lines = r.err().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("error: no app 'uptime' in the catalog");
    assertThat(lines.get(1)).startsWith("hint: did you mean ").contains("uptime-kuma");
  }

  @Test
  void catalogShow_missingId_isUsageError() {
    CliRunner.Result r = cli.run("catalog", "show");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: Missing required parameter: 'ID'");
  }

  @Test
  void catalog_ownDirectoryAddsApps() throws IOException {
    Path dir = Files.createDirectories(home.resolve("apps/my-hello"));
    String app = resource("dev/proximity/catalog/bundled/hello/app.yaml").replaceFirst("(?m)^id: hello$", "id: my-hello")
        .replaceFirst("(?m)^name: Hello$", "name: My Hello");
    Files.writeString(dir.resolve("app.yaml"), app);
    Files.writeString(dir.resolve("compose.yaml"), resource("dev/proximity/catalog/bundled/hello/compose.yaml"));

    CliRunner.Result r = cli.run("--catalog-dir", home.resolve("apps").toString(), "catalog", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(ids(r.json())).contains("my-hello", "hello", "wordpress");
  }

  @Test
  void catalog_missingDirectory_isUsageError() {
    CliRunner.Result r = cli.env("PROXIMITY_CATALOG_DIR", home.resolve("nope").toString()).run("catalog");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: setting catalogDir (env PROXIMITY_CATALOG_DIR) is not a directory");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CatalogCommandTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
