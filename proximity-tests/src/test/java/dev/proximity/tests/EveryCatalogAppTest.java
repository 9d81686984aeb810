package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppStatus;
import dev.proximity.internal.deploy.Manifests;
import dev.proximity.internal.deploy.Secrets;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.testkit.GuestFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bundled catalog app deploys, the container receives exactly the rendered compose file,
 * and every app clones with fresh values for exactly the secrets its entry flags.
 */
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
  void deployAndClone_everyBundledApp_succeedWithTheRenderedComposeFile() {
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
      values.putAll(Secrets.decode(
          read(fs, "/opt/proximity/app/secrets.json")));
      values.keySet().retainAll(entry.parameters().stream().map(AppParameter::name)
          .collect(Collectors.toSet()));
      assertThat(entry.render(values).composeYaml()).as(entry.id()).isEqualTo(compose);
    }
    assertThat(cluster.px.apps()).hasSize(entries.size());

    cloneEach(deploys.stream().map(CompletableFuture::join).toList());
    assertThat(cluster.px.apps()).hasSize(2 * entries.size());
  }

  /**
   * Clones every app: the clone runs healthy with the compose file its entry renders from the
   * clone's values; secrets flagged regenerateOnClone are new, every other secret is the
   * source's, and the source's files are unchanged.
   */
  private static void cloneEach(List<App> sources) {
    Map<String, String> composeBefore = new HashMap<>();
    Map<String, String> secretsBefore = new HashMap<>();
    for (App app : sources) {
      GuestFs fs = cluster.pve.guest(app.node(), app.vmid()).orElseThrow().fs();
      composeBefore.put(app.name(), read(fs, "/opt/proximity/app/compose.yaml"));
      secretsBefore.put(app.name(), read(fs, "/opt/proximity/app/secrets.json"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<App>> clones = new ArrayList<>();
      for (App app : sources) {
        clones.add(CompletableFuture.supplyAsync(
            () -> cluster.px.app(app.name()).clone(app.name() + "-copy"), pool));
      }
      CompletableFuture.allOf(clones.toArray(CompletableFuture[]::new)).join();
      for (int i = 0; i < sources.size(); i++) {
        checkClone(sources.get(i), clones.get(i).join(), composeBefore, secretsBefore);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void checkClone(App source, App clone, Map<String, String> composeBefore,
      Map<String, String> secretsBefore) {
    AppTemplate entry = cluster.px.catalog().find(source.catalogId()).orElseThrow();
    String id = entry.id();
    assertThat(clone.status()).as(id).isEqualTo(AppStatus.RUNNING);
    assertThat(clone.node()).as(id).isEqualTo(source.node());
    assertThat(cluster.px.app(clone.name()).services()).as(id)
        .allSatisfy(s -> assertThat(s.state()).isEqualTo("running"));
    GuestFs sourceFs = cluster.pve.guest(source.node(), source.vmid()).orElseThrow().fs();
    assertThat(read(sourceFs, "/opt/proximity/app/compose.yaml")).as(id)
        .isEqualTo(composeBefore.get(source.name()));
    assertThat(read(sourceFs, "/opt/proximity/app/secrets.json")).as(id)
        .isEqualTo(secretsBefore.get(source.name()));

    GuestFs fs = cluster.pve.guest(clone.node(), clone.vmid()).orElseThrow().fs();
    Map<String, String> sourceSecrets =
        Secrets.decode(secretsBefore.get(source.name()));
    Map<String, String> cloneSecrets = Secrets.decode(read(fs, "/opt/proximity/app/secrets.json"));
    assertThat(cloneSecrets.keySet()).as(id).isEqualTo(sourceSecrets.keySet());
    boolean anyFresh = false;
    for (AppParameter p : entry.parameters()) {
      if (!p.secret()) {
        continue;
      }
      if (p.regenerateOnClone()) {
        anyFresh = true;
        assertThat(cloneSecrets.get(p.name())).as(id + " " + p.name()).isNotBlank()
            .isNotEqualTo(sourceSecrets.get(p.name()));
      } else {
        assertThat(cloneSecrets.get(p.name())).as(id + " " + p.name())
            .isEqualTo(sourceSecrets.get(p.name()));
      }
    }
    String compose = read(fs, "/opt/proximity/app/compose.yaml");
    assertThat(clone.manifest().parameters()).as(id).isEqualTo(source.manifest().parameters())
        .doesNotContainKeys(cloneSecrets.keySet().toArray(String[]::new));
    assertThat(Manifests.sha256(compose)).as(id).isEqualTo(clone.manifest().composeSha256());
    Map<String, String> values = new HashMap<>(clone.manifest().parameters());
    values.putAll(cloneSecrets);
    assertThat(entry.render(values).composeYaml()).as(id).isEqualTo(compose);
    // only a clone with fresh secrets had its compose file pushed again
    boolean pushed = cluster.ssh.pushes().stream().anyMatch(r -> r.node().equals(clone.node())
        && r.vmid() == clone.vmid() && r.target().equals("/opt/proximity/app/compose.yaml"));
    assertThat(pushed).as(id).isEqualTo(anyFresh);
    if (!anyFresh) {
      assertThat(compose).as(id).isEqualTo(composeBefore.get(source.name()));
    }
  }
}
