package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.internal.deploy.Manifests;
import dev.proximity.internal.deploy.Secrets;
import dev.proximity.support.SimFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static SimFixture f;
  private static App web;

  @BeforeAll
  static void setUp() {
    f = new SimFixture();
    web = f.px.deploy("hello").named("web").onNode("pve2").start();
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  private static Reason reason(Throwable e) {
    return ((InvalidRequestException) e).reason();
  }

  private static Map<String, String> secrets(App app) {
    return Secrets.decode(file(app, "/opt/proximity/app/secrets.json"));
  }

  private static String file(App app, String path) {
    return new String(f.sim.guest(app.node(), app.vmid()).orElseThrow().fs().read(path)
        .orElseThrow().content(), StandardCharsets.UTF_8);
  }

  /** What the one-request listing says about an app: the tags must follow the manifest. */
  private static AppSummary listed(String name) {
    return f.px.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void app_findsByNameOrVmid_andRefusesUnknown() {
    assertThat(f.px.app("web").vmid()).isEqualTo(web.vmid());
    assertThat(f.px.app(Integer.toString(web.vmid())).name()).isEqualTo("web");
    assertThatThrownBy(() -> f.px.app("ghost")).isInstanceOf(AppNotFoundException.class)
        .hasMessageContaining("ghost");
    assertThat(f.px.findApp("ghost")).isEmpty();
    App info = f.px.app("web").info();
    assertThat(info.node()).isEqualTo("pve2");
    assertThat(info.catalogId()).isEqualTo("hello");
    assertThat(info.usage().cores()).isEqualTo(1);
  }

  @Test
  void powerOperations_changeTheContainerState() {
    App app = f.px.deploy("hello").named("power").start();
    AppHandle h = f.px.app("power");
    h.stop();
    assertThat(h.status()).isEqualTo(AppStatus.STOPPED);
    assertThatThrownBy(h::services).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.APP_STOPPED));
    h.start();
    assertThat(h.status()).isEqualTo(AppStatus.RUNNING);
    h.restart();
    assertThat(h.status()).isEqualTo(AppStatus.RUNNING);
    h.shutdown(Duration.ofSeconds(10));
    assertThat(h.status()).isEqualTo(AppStatus.STOPPED);
    h.restart();
    assertThat(h.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(h.services()).extracting(ServiceStatus::service).containsExactly("web");
    h.delete(DeleteOption.FORCE);
    assertThat(f.sim.container(app.vmid())).isEmpty();
  }

  @Test
  void logsAndMetrics_areRead() {
    AppHandle h = f.px.app("web");
    assertThat(h.logs(10)).anyMatch(l -> l.contains("ready"));
    assertThatThrownBy(() -> h.logs(0)).isInstanceOf(InvalidRequestException.class);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LogStream s = h.followLogs(5, lines::add)) {
      assertThat(s.await(Duration.ofSeconds(10))).isPresent();
    }
    assertThat(lines).isNotEmpty();
    assertThat(f.shells.received).anyMatch(a -> a.contains("--follow"));
    assertThat(h.metrics(MetricSample.Timeframe.HOUR)).isNotEmpty()
        .allSatisfy(m -> assertThat(m.time()).isNotNull());
  }

  @Test
  void delete_refusesRunningApp_unlessForced_andRemovesBackupsOnRequest() {
    App app = f.px.deploy("hello").named("doomed").start();
    AppHandle h = f.px.app("doomed");
    Backup b = h.backup("keep me");
    assertThatThrownBy(h::delete).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.APP_RUNNING))
        .hasMessageContaining("FORCE");
    assertThat(f.sim.container(app.vmid())).isPresent();
    h.delete(DeleteOption.FORCE, DeleteOption.WITH_BACKUPS);
    assertThat(f.sim.container(app.vmid())).isEmpty();
    assertThat(f.px.findApp("doomed")).isEmpty();
    assertThat(f.px.pve().node(app.node()).storage(b.storage()).content("backup", app.vmid()))
        .isEmpty();
  }

  @Test
  void backup_isListed_andRestoresInPlaceAndAsNewApp() {
    AppHandle h = f.px.app("web");
    Backup b = h.backup("nightly");
    assertThat(b.volid()).contains("vzdump-lxc-" + web.vmid());
    assertThat(b.notes()).isEqualTo("nightly");
    assertThat(f.sim.requests()).filteredOn(r -> r.path().endsWith("/vzdump")).last()
        .satisfies(r -> {
          assertThat(r.param("mode")).isEqualTo("snapshot");
          assertThat(r.param("compress")).isEqualTo("zstd");
        });
    assertThat(h.backups()).extracting(Backup::volid).contains(b.volid());

    App restored = h.restore(b.volid());
    assertThat(restored.vmid()).isEqualTo(web.vmid());
    assertThat(restored.status()).isEqualTo(AppStatus.RUNNING);

    App copy = h.restoreAs(b.volid(), "web-copy");
    assertThat(copy.name()).isEqualTo("web-copy");
    assertThat(copy.vmid()).isNotEqualTo(web.vmid());
    assertThat(copy.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(copy.catalogId()).isEqualTo("hello");
    assertThat(listed("web-copy")).satisfies(s -> {
      assertThat(s.catalogId()).isEqualTo("hello");
      assertThat(s.version()).isEqualTo(copy.version());
      assertThat(s.owner()).isEqualTo(copy.manifest().owner());
    });

    assertThatThrownBy(() -> h.restore("local:backup/vzdump-lxc-999-2020_01_01-00_00_00.tar.zst"))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.BACKUP_NOT_FOUND));
    assertThatThrownBy(() -> h.restoreAs(b.volid(), "web"))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NAME_TAKEN));
  }

  @Test
  void clone_keepsUnflaggedSecrets_regeneratesFlaggedOnes_andRefusesTakenName() {
    AppHandle h = f.px.app("web");
    Map<String, String> sourceSecrets = secrets(web);
    String sourceCompose = file(web, "/opt/proximity/app/compose.yaml");

    App clone = h.clone("web-clone");

    assertThat(clone.name()).isEqualTo("web-clone");
    assertThat(clone.status()).isEqualTo(AppStatus.RUNNING);
    Map<String, String> cloneSecrets = secrets(clone);
    assertThat(cloneSecrets.get("ADMIN_PASSWORD")).as("the copied data still expects it")
        .isEqualTo(sourceSecrets.get("ADMIN_PASSWORD"));
    assertThat(cloneSecrets.get("SESSION_KEY")).as("flagged regenerateOnClone").isNotBlank()
        .isNotEqualTo(sourceSecrets.get("SESSION_KEY"));
    // the clone runs the compose file the entry renders with exactly those values
    String cloneCompose = file(clone, "/opt/proximity/app/compose.yaml");
    Map<String, String> values = new HashMap<>(clone.manifest().parameters());
    values.putAll(cloneSecrets);
    assertThat(cloneCompose).isEqualTo(f.catalog.find("hello").orElseThrow().render(values)
        .composeYaml()).contains(cloneSecrets.get("SESSION_KEY"));
    assertThat(clone.manifest().composeSha256()).isEqualTo(Manifests.sha256(cloneCompose))
        .isNotEqualTo(web.manifest().composeSha256());
    assertThat(clone.manifest().parameters()).isEqualTo(web.manifest().parameters())
        .doesNotContainKeys("ADMIN_PASSWORD", "SESSION_KEY");
    String description = f.sim.container(clone.vmid()).orElseThrow().config().get("description");
    assertThat(description).doesNotContain(cloneSecrets.get("SESSION_KEY"))
        .doesNotContain(cloneSecrets.get("ADMIN_PASSWORD"));
    assertThat(f.px.app("web-clone").services()).allSatisfy(
        s -> assertThat(s.health()).isEqualTo("healthy"));
    // the source is untouched
    assertThat(secrets(web)).isEqualTo(sourceSecrets);
    assertThat(file(web, "/opt/proximity/app/compose.yaml")).isEqualTo(sourceCompose);
    assertThat(h.info().manifest()).isEqualTo(web.manifest());
    assertThat(listed("web-clone")).satisfies(s -> {
      assertThat(s.catalogId()).isEqualTo("hello");
      assertThat(s.version()).isEqualTo(web.version());
      assertThat(s.status()).isEqualTo(AppStatus.RUNNING);
    });

    assertThatThrownBy(() -> h.clone("web-clone")).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NAME_TAKEN));
    assertThatThrownBy(() -> h.clone("Bad Name")).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.INVALID_NAME));
  }

  @Test
  void clone_failingAfterNewSecretsWerePushed_isRolledBack_andLeavesTheSourceAlone() {
    App source = f.px.deploy("hello").named("cl-src").start();
    Map<String, String> sourceSecrets = secrets(source);
    f.shells.failComposeUpWith = "Error response from daemon: no space left on device";
    try {
      assertThatThrownBy(() -> f.px.app("cl-src").clone("cl-copy"))
          .isInstanceOf(DeployException.class)
          .satisfies(e -> assertThat(((DeployException) e).rolledBack()).isTrue())
          .satisfies(e -> assertThat(((DeployException) e).step())
              .isEqualTo(DeployStep.COMPOSE_UP));
    } finally {
      f.shells.failComposeUpWith = null;
    }
    assertThat(f.px.findApp("cl-copy")).isEmpty();
    assertThat(secrets(source)).isEqualTo(sourceSecrets);
    assertThat(f.px.app("cl-src").info().manifest()).isEqualTo(source.manifest());
  }

  @Test
  void resize_growsLive_andRefusesShrinkingTheDisk() {
    f.px.deploy("hello").named("sizer").start();
    AppHandle h = f.px.app("sizer");
    App bigger = h.resize(r -> r.cores(2).memoryMb(2048).diskGb(6));
    assertThat(bigger.usage().cores()).isEqualTo(2);
    assertThat(f.sim.container(h.vmid()).orElseThrow().config()).containsEntry("memory", "2048");
    assertThat(f.sim.container(h.vmid()).orElseThrow().config().get("rootfs")).contains("size=6G");
    assertThatThrownBy(() -> h.resize(r -> r.diskGb(2)))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.DISK_SHRINK))
        .hasMessageContaining("can only grow");
  }

  @Test
  void update_movesToTheNewVersion_andRestoresTheBackupWhenUnhealthy() {
    f.px.deploy("hello").named("upd").start();
    AppHandle h = f.px.app("upd");
    assertThat(h.availableUpdate()).isEmpty();
    assertThatThrownBy(() -> h.update(null)).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NO_UPDATE));
    String before = file(h.info(), "/opt/proximity/app/secrets.json");
    f.catalog.version = "1.1.0";
    try {
      assertThat(h.availableUpdate()).contains("1.1.0");
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      App updated = h.update(events::add);
      assertThat(updated.version()).isEqualTo("1.1.0");
      assertThat(listed("upd").version()).isEqualTo("1.1.0");
      assertThat(events).extracting(ProgressEvent::step).contains(DeployStep.BACKUP,
          DeployStep.COMPOSE_UP, DeployStep.HEALTH);
      assertThat(file(updated, "/opt/proximity/app/compose.yaml")).contains("nginx:1.27.1.1.0");
      assertThat(file(updated, "/opt/proximity/app/secrets.json")).isEqualTo(before);
      assertThat(h.backups()).anyMatch(b -> b.notes().contains("before update"));

      f.catalog.version = "2.0.0";
      f.shells.unhealthyWhenComposeContains = "2.0.0";
      assertThatThrownBy(() -> h.update(null)).isInstanceOfSatisfying(DeployException.class,
          e -> {
            assertThat(e.operation()).isEqualTo("update");
            assertThat(e.step()).isEqualTo(DeployStep.HEALTH);
            assertThat(e.rolledBack()).isTrue();
          });
      App after = h.info();
      assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
      assertThat(file(after, "/opt/proximity/app/compose.yaml")).contains("1.27.1.1.0");
      assertThat(after.version()).isEqualTo("1.1.0");
      assertThat(listed("upd").version()).as("the restored backup's tags").isEqualTo("1.1.0");
    } finally {
      f.shells.unhealthyWhenComposeContains = null;
      f.catalog.version = "1.0.0";
    }
  }
}
