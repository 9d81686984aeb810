package dev.proximity.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.proximity.App;
import dev.proximity.AppStatus;
import dev.proximity.DeployException;
import dev.proximity.ProximityException;
import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SimFault;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AutoPilot over the real facade: the Proxmox simulator, the SSH host simulator, the real SSH
 * layer and the bundled catalog.
 */
class AutoPilotEndToEndTest {
  private PveSimulator pve;
  private SshHostSimulator ssh;
  private SshHostShells shells;
  private Proximity px;
  private final BumpedCatalog catalog = new BumpedCatalog(Catalogs.bundled());

  /** The bundled catalog, where an entry can claim a newer version than it was deployed with. */
  static final class BumpedCatalog implements AppCatalog {
    private final AppCatalog delegate;
    volatile String bumpedVersion;

    BumpedCatalog(AppCatalog delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<AppTemplate> find(String id) {
      return delegate.find(id).map(t -> bumpedVersion == null ? t : new Bumped(t, bumpedVersion));
    }

    @Override
    public List<AppTemplate> list() {
      return delegate.list();
    }
  }

  private record Bumped(AppTemplate t, String version) implements AppTemplate {
    @Override
    public String id() {
      return t.id();
    }

    @Override
    public String name() {
      return t.name();
    }

    @Override
    public String description() {
      return t.description();
    }

    @Override
    public String category() {
      return t.category();
    }

    @Override
    public List<String> tags() {
      return t.tags();
    }

    @Override
    public Optional<PortSpec> webPort() {
      return t.webPort();
    }

    @Override
    public List<PortSpec> ports() {
      return t.ports();
    }

    @Override
    public List<AppParameter> parameters() {
      return t.parameters();
    }

    @Override
    public ResourceHints resources() {
      return t.resources();
    }

    @Override
    public List<String> images() {
      return t.images();
    }

    @Override
    public String notes() {
      return t.notes();
    }

    @Override
    public RenderedApp render(Map<String, String> values) {
      RenderedApp r = t.render(values);
      return new RenderedApp(r.templateId(), version, r.composeYaml(), r.publicParameters(),
          r.secrets());
    }
  }

  @BeforeEach
  void setUp() {
    pve = PveSimulator.builder()
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup").build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images")
            .build())
        .node("pve", 16, 64L << 30).timeScale(0.0002).seed(5).start();
    ssh = SshHostSimulator.builder().directory(pve).user("root").password("ssh-secret")
        .node("pve").start();
    shells = SshHostShells.builder().user("root")
        .auth(SshAuth.password("ssh-secret".toCharArray()))
        .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()))
        .node("pve", ssh.host(), ssh.portFor("pve")).build();
    px = Proximity.builder().endpoint(pve.baseUri())
        .credentials(PveCredentials.password("root@pam", "proximity"))
        .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
        .hostShell(shells).catalog(catalog)
        .operationTimeout(Duration.ofMinutes(3)).build();
  }

  @AfterEach
  void tearDown() {
    px.close();
    shells.close();
    ssh.close();
    pve.close();
  }

  @Test
  void autoMode_backsUpDeployedAppsAndChecksThemForUpdates() {
    App a = px.deploy("hello").named("auto-a").start();
    App b = px.deploy("hello").named("auto-b").start();
    try (AutoPilot autopilot = AutoPilot.builder(px)
        .backupPolicy(BackupPolicy.builder().retention(Retention.builder().keepLast(2).build())
            .build())
        .build()) {
      autopilot.start();

      BackupJob job = px.pve().cluster().backupJobs().find(DelegatedBackups.DEFAULT_JOB_ID)
          .orElseThrow();
      assertThat(job.pool()).isEqualTo(Proximity.APP_POOL);
      assertThat(job.vmid()).isNull();
      assertThat(job.pruneBackups().render()).isEqualTo("keep-last=2");
      // deployed after the job was written, with no pool configured: it joins the pool by itself
      App c = px.deploy("hello").named("auto-c").start();
      assertThat(pve.pools().get(Proximity.APP_POOL))
          .containsExactlyInAnyOrder(a.vmid(), b.vmid(), c.vmid());
      for (String upid : pve.runBackupJob(DelegatedBackups.DEFAULT_JOB_ID)) {
        px.pve().task(upid).await(Duration.ofMinutes(1));
      }
      assertThat(px.app("auto-a").backups()).hasSize(1);
      assertThat(px.app("auto-b").backups()).hasSize(1);
      assertThat(px.app("auto-c").backups()).hasSize(1);

      BackupRun run = autopilot.backUpNow();
      assertThat(run.succeeded()).as(run.toString()).isTrue();
      assertThat(px.app("auto-a").backups()).hasSize(2);

      UpdateReport report = autopilot.checkUpdatesNow();
      assertThat(report.apps()).extracting(AppUpdate::app)
          .containsExactly("auto-a", "auto-b", "auto-c");
      assertThat(report.updatesAvailable()).isEmpty();
      assertThat(report.incomplete()).isEmpty();
    }
  }

  @Test
  void updateCheck_comparesTheDigestEachServiceRuns_withTheRegistry() {
    String pulledAt = "sha256:" + "1".repeat(64);
    String pushedLater = "sha256:" + "2".repeat(64);
    ssh.registryDigest("nginx:1.28.0-alpine", pulledAt); // what the deploy pulls
    App a = px.deploy("hello").named("dig-a").start();
    assertThat(px.app("dig-a").runningImages()).singleElement().satisfies(ri -> {
      assertThat(ri.image()).isEqualTo("nginx:1.28.0-alpine");
      assertThat(ri.repoDigests()).containsExactly("nginx@" + pulledAt);
      assertThat(ri.running()).isTrue();
    });
    WireMockServer hub = new WireMockServer(options().dynamicPort());
    hub.start();
    try (RegistryClient registry = RegistryClient.builder()
        .endpoint("docker.io", URI.create(hub.baseUrl())).build();
        AutoPilot autopilot = AutoPilot.builder(px).registry(registry).build()) {
      hub.stubFor(head(urlPathEqualTo("/v2/library/nginx/manifests/1.28.0-alpine"))
          .willReturn(aResponse().withHeader("Docker-Content-Digest", pulledAt)));
      assertThat(autopilot.checkUpdatesNow().apps()).singleElement()
          .satisfies(u -> assertThat(u.images()).singleElement().satisfies(c -> {
            assertThat(c.service()).isEqualTo(px.app("dig-a").services().get(0).service());
            assertThat(c.status()).isEqualTo(DigestCheck.Status.UP_TO_DATE);
          }));

      hub.stubFor(head(urlPathEqualTo("/v2/library/nginx/manifests/1.28.0-alpine"))
          .willReturn(aResponse().withHeader("Docker-Content-Digest", pushedLater)));
      AppUpdate newer = autopilot.checkUpdatesNow().apps().get(0);
      assertThat(newer.newerImages()).singleElement().satisfies(c -> {
        assertThat(c.knownDigest()).isEqualTo(pulledAt);
        assertThat(c.registryDigest()).isEqualTo(pushedLater);
      });

      // a pull without recreating the container does not change what runs
      ssh.registryDigest("nginx:1.28.0-alpine", pushedLater);
      assertThat(px.app("dig-a").run("images", Map.of(), "test").exitCode()).isZero();
      String service = px.app("dig-a").services().get(0).service();
      ssh.setServiceState("pve", a.vmid(), service, "exited", "");
      assertThat(autopilot.checkUpdatesNow().apps().get(0).images()).singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(DigestCheck.Status.NOT_RUNNING));
    } finally {
      hub.stop();
    }
  }

  @Test
  void autoMode_failingUpdate_isRolledBackAndReported() {
    App before = px.deploy("hello").named("upd-a").start();
    catalog.bumpedVersion = "99.0.0";
    ssh.addFault(SimFault.exit(SimFault.argvContains("pull"), 1, "toomanyrequests").times(1));
    List<String> events = new CopyOnWriteArrayList<>();
    try (AutoPilot autopilot = AutoPilot.builder(px)
        .applyUpdates(app -> px.app(app.name()).update(null))
        .addListener(new AutoPilotListener() {
          @Override
          public void onUpdateAvailable(AppUpdate update) {
            events.add("available " + update.app() + " " + update.catalogVersion());
          }

          @Override
          public void onUpdateFailed(AppUpdate update, ProximityException error) {
            events.add("failed " + update.app() + " rolledBack="
                + (error instanceof DeployException d && d.rolledBack()));
          }
        })
        .build()) {
      autopilot.start();
      assertThatThrownBy(autopilot::checkUpdatesNow).isInstanceOf(SchedulerException.class)
          .hasMessageContaining("upd-a");
    }
    assertThat(events).containsExactly("available upd-a 99.0.0", "failed upd-a rolledBack=true");
    App after = px.app("upd-a").info();
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
  }
}
