package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppStatus;
import dev.proximity.internal.deploy.Manifests;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.testkit.GuestFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bundled catalog app deploys, and the container receives exactly the rendered compose file. */
class EveryCatalogAppTest {
  private static Cluster cluster;

  @BeforeAll
  static void start() {
    cluster = new Cluster("pve1", "pve2");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static String read(GuestFs fs, String path) {
    return new String(fs.read(path).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  @Test
  void deploy_everyBundledApp_succeedsWithTheRenderedComposeFile() {
    List<AppTemplate> entries = cluster.px.catalog().list();
    assertThat(entries).hasSizeGreaterThanOrEqualTo(24);
    List<CompletableFuture<App>> deploys = new ArrayList<>();
    for (AppTemplate e : entries) {
      deploys.add(cluster.px.deploy(e.id()).startAsync());
    }
    CompletableFuture.allOf(deploys.toArray(CompletableFuture[]::new)).join();

    for (CompletableFuture<App> d : deploys) {
      App app = d.join();
      AppTemplate entry = cluster.px.catalog().find(app.catalogId()).orElseThrow();
      assertThat(app.status()).isEqualTo(AppStatus.RUNNING);
      assertThat(app.ipv4()).isPresent();
      assertThat(app.urls()).hasSize(entry.webPort().isPresent() ? 1 : 0);
      GuestFs fs = cluster.pve.guest(app.node(), app.vmid()).orElseThrow().fs();
      String compose = read(fs, "/opt/proximity/app/compose.yaml");
      assertThat(fs.read("/opt/proximity/app/compose.yaml").orElseThrow().mode()).isEqualTo(0600);
      assertThat(Manifests.sha256(compose)).isEqualTo(app.manifest().composeSha256());

      // Rendering again with the same values (public ones from the manifest, secrets from the
      // container) must give exactly the file the container received.
      Map<String, String> values = new HashMap<>(app.manifest().parameters());
      values.putAll(dev.proximity.internal.deploy.Secrets.decode(
          read(fs, "/opt/proximity/app/secrets.json")));
      values.keySet().retainAll(entry.parameters().stream().map(AppParameter::name)
          .collect(Collectors.toSet()));
      assertThat(entry.render(values).composeYaml()).as(entry.id()).isEqualTo(compose);
    }
    assertThat(cluster.px.apps()).hasSize(entries.size());
  }
}
