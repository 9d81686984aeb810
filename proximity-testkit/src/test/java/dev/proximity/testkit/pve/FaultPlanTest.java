package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.testkit.FaultPlan;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest extends SimTestBase {
  private List<Integer> statuses(FaultPlan plan, int n) {
    sim.faults(plan);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(api.get("/version").status());
    }
    return out;
  }

  @Test
  void sameSeed_sameFaults_andRateIsApplied() {
    startSim();
    FaultPlan plan = FaultPlan.builder().seed(42).serverErrors(0.3).build();
    List<Integer> first = statuses(plan, 60);
    List<Integer> second = statuses(plan, 60);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200).anyMatch(s -> s >= 500);
    assertThat(first).allMatch(s -> s == 200 || s == 500 || s == 502 || s == 503 || s == 596);
    assertThat(statuses(FaultPlan.builder().seed(43).serverErrors(0.3).build(), 60)).isNotEqualTo(first);
    assertThat(statuses(FaultPlan.none(), 5)).containsOnly(200);
  }

  @Test
  void perEndpointRates_onlyHitThatEndpoint() {
    startSim();
    sim.faults(FaultPlan.builder().endpoint("GET /cluster/nextid", e -> e.serverErrors(1.0, 596)).build());
    SimClient.Resp r = api.get("/cluster/nextid");
    assertThat(r.status()).isEqualTo(596);
    assertThat(r.body().get("data").isNull()).isTrue();
    assertThat(api.get("/version").status()).isEqualTo(200);
  }

  @Test
  void scriptedAnswers_thenNormal() {
    startSim();
    // the JDK client retries an idempotent GET once after a dropped connection: script two drops
    sim.faults(FaultPlan.builder().next("/version", 503, 0, 0).build());
    assertThat(api.get("/version").status()).isEqualTo(503);
    assertThatThrownBy(() -> api.get("/version")).isInstanceOf(UncheckedIOException.class);
    assertThat(api.get("/version").status()).isEqualTo(200);
  }

  @Test
  void drops_closeTheConnection_latencyStillAnswers() {
    startSim();
    sim.faults(FaultPlan.builder().drops(1.0).build());
    assertThatThrownBy(() -> api.get("/nodes")).isInstanceOf(UncheckedIOException.class);
    sim.faults(FaultPlan.builder().latency(Duration.ofMillis(5), 1.0).build());
    assertThat(api.get("/nodes").status()).isEqualTo(200);
  }

  @Test
  void ticketExpiry_gives401ForTicketsOnly() {
    startSim();
    SimClient user = new SimClient(sim).login("root@pam", "proximity");
    sim.faults(FaultPlan.builder().ticketExpiry(1.0).build());
    SimClient.Resp r = user.get("/nodes");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.message()).isEqualTo("permission denied - invalid PVE ticket\n");
    assertThat(api.get("/nodes").status()).isEqualTo(200);
  }

  @Test
  void lostResponses_applyTheEffectButCloseTheConnection() {
    startSim();
    sim.faults(FaultPlan.builder().endpoint("POST /nodes/{node}/lxc", e -> e.lostResponses(1.0)).build());
    assertThatThrownBy(() -> create(101)).isInstanceOf(UncheckedIOException.class);
    assertThat(sim.container(101)).isPresent();
    sim.faults(FaultPlan.none());
    assertThat(create(101).message()).isEqualTo("CT 101 already exists on node 'pve'\n");
  }

  @Test
  void configLockTimeouts_failGuestWritesBeforeTheyTakeEffect_readsAndOtherPathsUnaffected() {
    startSim();
    createOk(101);
    sim.faults(FaultPlan.builder().seed(5).configLockTimeouts(1.0).build());

    SimClient.Resp put = api.put("/nodes/pve/lxc/101/config", "memory", "2048");
    assertThat(put.status()).isEqualTo(500);
    assertThat(put.message()).isEqualTo("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout\n");
    SimClient.Resp start = api.post("/nodes/pve/lxc/101/status/start");
    assertThat(start.status()).isEqualTo(500);
    assertThat(start.message()).startsWith("can't lock file '/run/lock/lxc/pve-config-101.lock'");

    // the writes did nothing; reads, and writes not on one guest's path, are not affected
    assertThat(api.get("/nodes/pve/lxc/101/config").data().get("memory").asInt()).isEqualTo(1024);
    assertThat(sim.container(101).orElseThrow().running()).isFalse();
    createOk(102);
    sim.faults(FaultPlan.none());
    assertThat(ok(api.post("/nodes/pve/lxc/101/status/start"))).isEqualTo("OK");
  }

  @Test
  void configLockTimeouts_followTheRateAndTheSeed() {
    startSim();
    createOk(101);
    FaultPlan plan = FaultPlan.builder().seed(9).configLockTimeouts(0.3).build();
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (List<Integer> out : List.of(first, second)) {
      sim.faults(plan);
      for (int i = 0; i < 60; i++) {
        out.add(api.put("/nodes/pve/lxc/101/config", "description", "n" + i).status());
      }
    }
    assertThat(second).isEqualTo(first);
    assertThat(first).containsOnly(200, 500).contains(200, 500);
    assertThat(sim.injectedFaults()).containsExactly(
        Map.entry("lock-timeout", second.stream().filter(st -> st == 500).count()));
  }

  @Test
  void taskLockTimeouts_endGuestTasksWithTheLockTextAndNoEffect() {
    startSim();
    createOk(101);
    sim.faults(FaultPlan.builder().seed(3).taskLockTimeouts(1.0).build());

    String start = ok(api.post("/nodes/pve/lxc/101/status/start"));
    assertThat(start).isEqualTo("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout");
    assertThat(sim.container(101).orElseThrow().running()).isFalse();
    String created = ok(create(102));
    assertThat(created).isEqualTo("can't lock file '/run/lock/lxc/pve-config-102.lock' - got timeout");
    assertThat(sim.container(102)).isEmpty();
    assertThat(sim.locks()).isEmpty();

    sim.faults(FaultPlan.none());
    assertThat(ok(api.post("/nodes/pve/lxc/101/status/start"))).isEqualTo("OK");
  }

  @Test
  void scriptedLockTimeouts_hitTheNextWritesAndTasksOnce() {
    startSim();
    createOk(101);
    sim.faults(FaultPlan.builder()
        .lockNextWrites("PUT /nodes/{node}/lxc/{vmid}/config", 2)
        .lockNextTasks("POST /nodes/{node}/lxc/{vmid}/status/start", 1)
        .build());
    assertThat(api.put("/nodes/pve/lxc/101/config", "memory", "2048").status()).isEqualTo(500);
    assertThat(api.put("/nodes/pve/lxc/101/config", "memory", "2048").status()).isEqualTo(500);
    assertThat(api.put("/nodes/pve/lxc/101/config", "memory", "2048").status()).isEqualTo(200);
    assertThat(ok(api.post("/nodes/pve/lxc/101/status/start")))
        .isEqualTo("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout");
    assertThat(ok(api.post("/nodes/pve/lxc/101/status/start"))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/101/config").data().get("memory").asInt()).isEqualTo(2048);
  }
}
