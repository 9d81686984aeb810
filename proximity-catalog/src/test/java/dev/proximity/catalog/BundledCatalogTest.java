package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.RenderedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundledCatalogTest {
  /** Images without a shell or HTTP client, where Compose cannot run a health check. */
  private static final Set<String> WITHOUT_HEALTH_CHECK = Set.of("portainer");

  static Stream<CatalogEntry> entries() {
    return Catalogs.bundled().entries().stream();
  }

  @Test
  void bundled_holdsTheCuratedApps() {
    Catalog catalog = Catalogs.bundled();

    assertThat(catalog.size()).isGreaterThanOrEqualTo(24);
    assertThat(catalog.entries()).extracting(CatalogEntry::id).contains(
        "hello", "nginx", "caddy", "traefik", "wordpress", "ghost", "code-server", "gitea",
        "uptime-kuma", "vaultwarden", "nextcloud", "jellyfin", "home-assistant", "adguard-home",
        "grafana", "prometheus", "postgresql", "redis", "n8n", "paperless-ngx", "homepage",
        "syncthing", "portainer", "mealie", "immich");
  }

  @Test
  void index_listsEveryBundledFolder() throws IOException {
    Path root = Path.of("src/main/resources/dev/proximity/catalog/bundled");
    try (Stream<Path> folders = Files.list(root)) {
      List<String> onDisk = folders.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(Catalogs.bundled().entries()).extracting(CatalogEntry::id)
          .containsExactlyElementsOf(onDisk);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_imagesArePinnedToVersionTags(CatalogEntry entry) {
    assertThat(entry.images()).isNotEmpty().allSatisfy(image -> {
      String tag = image.substring(image.lastIndexOf(':') + 1);
      assertThat(image.substring(image.lastIndexOf('/') + 1)).as(image).contains(":");
      assertThat(tag).as(image).isNotEqualTo("latest").containsPattern("[0-9]");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_hasHealthCheckWhereTheImageAllowsIt(CatalogEntry entry) {
    if (WITHOUT_HEALTH_CHECK.contains(entry.id())) {
      assertThat(entry.healthCheck()).isEmpty();
      assertThat(entry.notes()).contains("no health check");
    } else {
      assertThat(entry.healthCheck()).as(entry.id()).isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_isDescribedUsefully(CatalogEntry entry) {
    assertThat(entry.description()).hasSizeGreaterThan(120).doesNotContain("TODO");
    assertThat(entry.notes()).isNotBlank();
    assertThat(entry.tags()).isNotEmpty();
    assertThat(entry.icon()).isPresent();
    assertThat(entry.homepage().getScheme()).isEqualTo("https");
    assertThat(entry.source().getScheme()).isEqualTo("https");
    assertThat(entry.ports()).isNotEmpty();
    if (!Set.of("hello", "it-tools").contains(entry.id())) { // stateless pages
      assertThat(entry.volumes()).as("state lives in named volumes").isNotEmpty();
    }
    entry.volumes().forEach(v -> assertThat(v.description()).isNotBlank());
    entry.parameters().forEach(p -> assertThat(p.description()).isNotBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_secretsAreNeverDefaulted_andAlwaysGeneratedOrRequired(CatalogEntry entry) {
    for (AppParameter p : entry.parameters()) {
      if (p.secret()) {
        assertThat(p.defaultValue()).as(p.name()).isEmpty();
        assertThat(p.generated() || p.required()).as(p.name()).isTrue();
      }
    }
  }

  @Test
  void bundled_regeneratesOnCloneOnlyTheReviewedSecrets() {
    // Each flag was reviewed against the app: the value is read at every start and never written
    // into a volume (see the comment beside each flag). Anything else must stay off: a database
    // password in a copied volume would lock the clone out of its own data.
    Set<String> flagged = new TreeSet<>();
    for (CatalogEntry entry : Catalogs.bundled().entries()) {
      entry.parameters().stream().filter(AppParameter::regenerateOnClone)
          .forEach(p -> flagged.add(entry.id() + "." + p.name()));
    }
    assertThat(flagged).containsExactly("code-server.PASSWORD", "nextcloud.REDIS_PASSWORD",
        "paperless-ngx.SECRET_KEY", "redis.REDIS_PASSWORD");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_composeValidatesAgainstSchema_beforeAndAfterRenderingWithDefaults(CatalogEntry entry) {
    assertThat(ComposeSchema.violations(entry.composeTemplate())).isEmpty();

    RenderedApp rendered = entry.render(Map.of());

    assertThat(rendered.composeYaml()).doesNotContain("${param:");
    assertThat(ComposeSchema.violations(rendered.composeYaml())).isEmpty();
    assertThat(Collections.disjoint(rendered.publicParameters().keySet(),
        rendered.secrets().keySet())).isTrue();
    entry.healthCheck().ifPresent(check -> assertThat(
        Trees.parse(rendered.composeYaml()).at("/services/" + check.service() + "/healthcheck/test")
            .isArray()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entry_composeValidatesAgainstSchema_afterRenderingWithEdgeCaseValues(CatalogEntry entry) {
    Map<String, String> values = new HashMap<>();
    for (AppParameter p : entry.parameters()) {
      for (String candidate : edgeCases(p.type())) {
        try {
          entry.render(Map.of(p.name(), candidate));
          values.put(p.name(), candidate);
          break;
        } catch (CatalogException refusedByPattern) {
          // try the next candidate; a pattern-restricted parameter may accept none
        }
      }
    }

    RenderedApp rendered = entry.render(values);

    assertThat(ComposeSchema.violations(rendered.composeYaml())).isEmpty();
    assertThat(Trees.shape(Trees.parse(rendered.composeYaml())))
        .isEqualTo(Trees.shape(Trees.parse(entry.render(Map.of()).composeYaml())));
  }

  private static List<String> edgeCases(AppParameter.Type type) {
    switch (type) {
      case INTEGER:
        return List.of("0", "-1", "999999999999999999");
      case BOOLEAN:
        return List.of("false", "true");
      case PORT:
        return List.of("65535", "1");
      case EMAIL:
        return List.of("o'hara+tag@sub.example.co.uk");
      case URL:
        return List.of("https://[::1]:8443/a b", "https://ex.com:8443/p?a=$1&b=${x}#'frag'",
            "http://10.0.0.1/");
      case PASSWORD:
        return List.of("p@$$w0rd'\"`{}[]:#&*!|>%-${x}");
      default:
        return List.of("", "yes", "a: b\n- c", "${HOME} $$ \"'", "日本語 🚀", "x".repeat(10_000),
            "1", "abc", "eng", "UTC", "15d", "15s", "wp_", "INFO", "256mb", ":8080", "admin",
            "localhost", "*", "app_1");
    }
  }

  @Test
  void serviceLoader_findsTheBundledCatalog() {
    AppCatalog catalog = ServiceLoader.load(AppCatalog.class).findFirst().orElseThrow();

    assertThat(catalog).isInstanceOf(BundledCatalog.class);
    assertThat(catalog.find("hello")).isPresent();
    assertThat(catalog.list()).hasSize(Catalogs.bundled().size());
    assertThat(catalog.list()).extracting(t -> t.id()).isSorted();
  }

  @Test
  void bundled_isLoadedOnce() {
    assertThat(Catalogs.bundled()).isSameAs(Catalogs.bundled());
  }
}
