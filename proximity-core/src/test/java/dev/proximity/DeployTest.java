package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.internal.deploy.Manifests;
import dev.proximity.support.SimFixture;
import dev.proximity.testkit.ContainerInfo;
import dev.proximity.testkit.GuestFs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeployTest {
  private SimFixture f;

  @BeforeEach
  void setUp() {
    f = new SimFixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private GuestFs fs(App app) {
    return f.sim.guest(app.node(), app.vmid()).orElseThrow().fs();
  }

  @Test
  void start_deploysHealthyApp_withContractFilesAndManifest() {
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    App app = f.px.deploy("hello").named("web").withParameter("GREETING", "hello there")
        .withResources(r -> r.cores(2).memoryMb(1024).diskGb(8)).ownedBy("alice")
        .onProgress(events::add).start();

    assertThat(app.name()).isEqualTo("web");
    assertThat(app.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(app.node()).isEqualTo("pve1"); // the node with the most free memory
    assertThat(app.ipv4()).isPresent();
    assertThat(app.urls()).containsExactly(
        java.net.URI.create("http://" + app.ipv4().get() + ":8080/"));
    assertThat(app.manifest().owner()).contains("alice");
    assertThat(app.manifest().parameters()).containsEntry("GREETING", "hello there")
        .doesNotContainKey("ADMIN_PASSWORD");

    GuestFs fs = fs(app);
    String compose = new String(fs.read("/opt/proximity/app/compose.yaml").orElseThrow()
        .content(), StandardCharsets.UTF_8);
    assertThat(fs.read("/opt/proximity/app/compose.yaml").orElseThrow().mode()).isEqualTo(0600);
    assertThat(fs.read("/opt/proximity/app/secrets.json").orElseThrow().mode()).isEqualTo(0600);
    assertThat(fs.read("/opt/proximity/install-docker.sh").orElseThrow().mode()).isEqualTo(0700);
    assertThat(Manifests.sha256(compose)).isEqualTo(app.manifest().composeSha256());
    String secrets = new String(fs.read("/opt/proximity/app/secrets.json").orElseThrow()
        .content(), StandardCharsets.UTF_8);
    String password = secrets.replaceAll(".*\"ADMIN_PASSWORD\":\"([^\"]+)\".*", "$1");
    assertThat(compose).contains("GREETING: 'hello there'").contains(password);

    ContainerInfo ct = f.sim.container(app.vmid()).orElseThrow();
    assertThat(ct.config()).containsEntry("unprivileged", "1")
        .containsEntry("features", "nesting=1,keyctl=1")
        .containsEntry("net0", ct.config().get("net0"))
        .containsEntry("cores", "2").containsEntry("memory", "1024");
    assertThat(ct.config().get("net0")).contains("name=eth0", "bridge=vmbr0", "ip=dhcp",
        "firewall=1");
    assertThat(ct.config().get("tags")).contains("proximity").contains("hello");
    assertThat(ct.config().get("description")).doesNotContain(password);
    assertThat(Manifests.parse(ct.config().get("description"))).contains(app.manifest());

    assertThat(events).extracting(ProgressEvent::step).containsSubsequence(DeployStep.RESOLVE,
        DeployStep.PLACE, DeployStep.TEMPLATE, DeployStep.ALLOCATE, DeployStep.CREATE,
        DeployStep.START, DeployStep.NETWORK, DeployStep.INSTALL_DOCKER, DeployStep.PUSH,
        DeployStep.COMPOSE_UP, DeployStep.HEALTH, DeployStep.DONE);
    assertThat(events).allMatch(e -> e.app().equals("web") || e.step() == DeployStep.RESOLVE);
    assertThat(f.px.apps()).extracting(AppSummary::name).containsExactly("web");
  }

  @Test
  void plan_describesTheDeploy_andChangesNothing() {
    int before = f.sim.requests().size();
    DeployPlan plan = f.px.deploy("hello").onNode("pve2").plan();
    assertThat(plan.name()).isEqualTo("hello");
    assertThat(plan.node()).isEqualTo("pve2");
    assertThat(plan.templateAction()).isEqualTo(DeployPlan.TemplateAction.DOWNLOAD);
    assertThat(plan.features()).isEqualTo("nesting=1,keyctl=1");
    assertThat(plan.generatedSecrets()).containsExactly("ADMIN_PASSWORD", "SESSION_KEY");
    assertThat(plan.steps()).contains(DeployStep.INSTALL_DOCKER);
    assertThat(plan.cores()).isEqualTo(1);
    assertThat(plan.memoryMb()).isEqualTo(512);
    assertThat(f.sim.requests().subList(before, f.sim.requests().size()))
        .allMatch(r -> r.method().equals("GET") || r.path().contains("/access/ticket"));
    assertThat(f.sim.containers()).isEmpty();
  }

  @Test
  void start_refusesInvalidRequests_beforeChangingAnything() {
    assertThatThrownBy(() -> f.px.deploy("hello").named("Not_Valid"))
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.INVALID_NAME);
    assertThatThrownBy(() -> f.px.deploy("nope").start())
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.UNKNOWN_CATALOG_ENTRY);
    assertThatThrownBy(() -> f.px.deploy("hello").withResources(r -> r.memoryMb(128)).start())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("memoryMb >= 256");
    assertThatThrownBy(() -> f.px.deploy("hello").withResources(r -> r.cores(64)).start())
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.NO_CAPACITY);
    assertThatThrownBy(() -> f.px.deploy("hello").onNode("pve9").start())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("pve1, pve2");
    assertThatThrownBy(() -> f.px.deploy("hello").withParameter("GREETING", "BAD!").start())
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.INVALID_PARAMETER);
    assertThat(f.sim.containers()).isEmpty();

    f.px.deploy("hello").named("web").start();
    assertThatThrownBy(() -> f.px.deploy("hello").named("web").start())
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.NAME_TAKEN);
    assertThat(f.px.deploy("hello").start().name()).isEqualTo("hello");
    assertThat(f.px.deploy("hello").start().name()).isEqualTo("hello-2");
  }

  @Test
  void start_whenComposeUpHitsTheAppArmorRegression_rollsBackAndHints() {
    f.shells.failComposeUpWith = "Error response from daemon: failed to create task: OCI runtime"
        + " create failed: runc create failed: open sysctl"
        + " net.ipv4.ip_unprivileged_port_start file: reopen fd 8: permission denied: unknown";
    assertThatThrownBy(() -> f.px.deploy("hello").named("web").start())
        .isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.step()).isEqualTo(DeployStep.COMPOSE_UP);
          assertThat(e.rolledBack()).isTrue();
          assertThat(e.hint()).get().asString().contains("AppArmor");
          assertThat(e.remoteLogTail()).anyMatch(l -> l.contains("ip_unprivileged_port_start"));
          assertThat(e.node()).contains("pve1");
          assertThat(e.vmid()).isPresent();
          assertThat(e.getMessage()).contains("compose-up").contains("Hint:");
        });
    assertThat(f.sim.containers()).isEmpty();
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void start_withKeepOnFailure_keepsTheContainer() {
    f.shells.health = "unhealthy";
    assertThatThrownBy(() -> f.px.deploy("hello").keepOnFailure().start())
        .isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.step()).isEqualTo(DeployStep.HEALTH);
          assertThat(e.rolledBack()).isFalse();
          assertThat(e.getMessage()).contains("kept for inspection");
        });
    assertThat(f.sim.containers()).hasSize(1);
  }

  @Test
  void start_whenHealthNeverArrives_timesOutTyped_andRollsBack() {
    f.shells.health = "starting";
    assertThatThrownBy(() -> f.px.deploy("hello").withTimeout(java.time.Duration.ofSeconds(5))
        .start())
        .isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.getCause()).isInstanceOf(OperationTimeoutException.class);
          assertThat(e.rolledBack()).isTrue();
        });
    assertThat(f.sim.containers()).isEmpty();
  }

  @Test
  void build_withVerifyPrivileges_refusesATokenWithoutAcls() {
    try (SimFixture g = new SimFixture(
        b -> b.user("bob@pve", "bob-password").token("bob@pve!ci", "bob-secret", true),
        p -> {})) {
      Proximity.Builder b = Proximity.builder().endpoint(g.sim.baseUri())
          .credentials(dev.proximity.pve.PveCredentials.apiToken("bob@pve!ci", "bob-secret"))
          .trust(dev.proximity.pve.TlsTrust.pinnedSha256(g.sim.certificateSha256Fingerprint()))
          .verifyPrivileges(true);
      assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
        assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.MISSING_PRIVILEGES);
        assertThat(e.getMessage()).contains("VM.Allocate").doesNotContain("bob-secret");
      });
    }
  }

  @Test
  void start_withPool_andToken_joinsThePool_withNestingOnly() {
    try (SimFixture g = new SimFixture(b -> b.token("root@pam!ci", "ci-secret", false),
        p -> p.pool("apps").credentials(
            dev.proximity.pve.PveCredentials.apiToken("root@pam!ci", "ci-secret")))) {
      g.px.pve().pools().create("apps", null); // a configured pool must exist, as in Proxmox
      App app = g.px.deploy("hello").start();
      assertThat(g.sim.pools()).containsEntry("apps", java.util.List.of(app.vmid()));
      assertThat(g.sim.container(app.vmid()).orElseThrow().config())
          .containsEntry("features", "nesting=1");
      assertThat(g.px.deploy("hello").plan().pool()).contains("apps");
    }
  }
}
