package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.internal.deploy.PveClusterOps;
import dev.proximity.pve.ConfigLockedException;
import dev.proximity.support.SimFixture;
import dev.proximity.testkit.FaultPlan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write that meets a held guest config lock ({@code can't lock file '...' - got timeout}) did
 * nothing, so the facade repeats it after a backoff until the operation's deadline: whether the
 * answer says so (HTTP 500) or the task it started ends so.
 */
class ConfigLockRetryTest {
  private static SimFixture f;
  private static App web;

  @BeforeAll
  static void setUp() {
    f = new SimFixture();
    web = f.px.deploy("hello").named("web").onNode("pve1").start();
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  @AfterEach
  void noFaults() {
    f.sim.faults(FaultPlan.none());
  }

  private static long requests(String method, String pathSuffix) {
    return f.sim.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
  }

  @Test
  void aConfigChangeAnsweredWithALockTimeout_isRepeatedUntilItGoesThrough() {
    f.sim.clearRequests();
    f.sim.faults(FaultPlan.builder().lockNextWrites("PUT /nodes/{node}/lxc/{vmid}/config", 2).build());
    f.px.app("web").resize(r -> r.memoryMb(1536));
    assertThat(requests("PUT", "/lxc/" + web.vmid() + "/config")).isEqualTo(3);
    assertThat(f.px.pve().node("pve1").lxc(web.vmid()).config().memoryMiB()).isEqualTo(1536);
  }

  @Test
  void aStartWhoseTaskEndsWithALockTimeout_isStartedAgain() {
    AppHandle h = f.px.app("web");
    h.stop();
    f.sim.clearRequests();
    f.sim.faults(FaultPlan.builder().lockNextTasks("POST /nodes/{node}/lxc/{vmid}/status/start", 1).build());
    h.start();
    assertThat(h.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(requests("POST", "/lxc/" + web.vmid() + "/status/start")).isEqualTo(2);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void aDeployWhoseCreateTaskMeetsALockTimeout_createsOnceMore_andLeavesNothingElse() {
    f.sim.faults(FaultPlan.builder().lockNextTasks("POST /nodes/{node}/lxc", 1).build());
    App app = f.px.deploy("hello").named("relocked").onNode("pve2").start();
    assertThat(app.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(f.sim.containers()).filteredOn(c -> !c.template() && c.node().equals("pve2"))
        .extracting(c -> c.vmid()).containsExactly(app.vmid());
    f.px.app("relocked").delete(DeleteOption.FORCE);
  }

  @Test
  void aLockHeldPastTheDeadline_failsTypedAtTheDeadline_havingChangedNothing() {
    PveClusterOps ops = new PveClusterOps(f.px.pve(), true);
    int before = f.px.pve().node("pve1").lxc(web.vmid()).config().memoryMiB();
    f.sim.clearRequests();
    f.sim.faults(FaultPlan.builder().configLockTimeouts(1.0).build());
    assertThatThrownBy(() -> ops.updateConfig("pve1", web.vmid(), Map.of("memory", "4096"), Duration.ofMillis(400)))
        .isInstanceOfSatisfying(ConfigLockedException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("PUT /nodes/pve1/lxc/" + web.vmid() + "/config",
              "can't lock file '/run/lock/lxc/pve-config-" + web.vmid() + ".lock' - got timeout",
              "the call did nothing", "repeat it");
        });
    assertThat(requests("PUT", "/lxc/" + web.vmid() + "/config")).isGreaterThan(1);
    f.sim.faults(FaultPlan.none());
    assertThat(f.px.pve().node("pve1").lxc(web.vmid()).config().memoryMiB()).isEqualTo(before);
  }
}
