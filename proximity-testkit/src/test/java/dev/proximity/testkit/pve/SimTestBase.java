package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import org.junit.jupiter.api.AfterEach;

/** Shared set-up: a simulator with a root token, and helpers. */
abstract class SimTestBase {
  static final String TEMPLATE = "local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE;
  PveSimulator sim;
  SimClient api;

  PveSimulatorBuilder builder() {
    return PveSimulator.builder().timeScale(0.0005).seed(1).token("root@pam!ci", "secret-1", false);
  }

  void startSim(PveSimulatorBuilder b) {
    sim = b.start();
    api = new SimClient(sim).token("root@pam!ci", "secret-1");
  }

  void startSim() {
    startSim(builder());
  }

  @AfterEach
  void closeSim() {
    if (sim != null) {
      sim.close();
    }
  }

  SimClient.Resp create(int vmid, String... extra) {
    return create(api, "pve", vmid, extra);
  }

  static SimClient.Resp create(SimClient api, String node, int vmid, String... extra) {
    String[] base = {"vmid", String.valueOf(vmid), "ostemplate", TEMPLATE, "hostname", "web" + vmid,
        "unprivileged", "1", "features", "nesting=1", "rootfs", "local-lvm:8",
        "net0", "name=eth0,bridge=vmbr0,ip=dhcp,firewall=1", "memory", "1024"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return api.post("/nodes/" + node + "/lxc", all);
  }

  void createOk(int vmid, String... extra) {
    SimClient.Resp r = create(vmid, extra);
    assertThat(r.status()).as(r.message()).isEqualTo(200);
    assertThat(api.await(r.data().asText())).isEqualTo("OK");
  }

  String ok(SimClient.Resp r) {
    assertThat(r.status()).as(r.message()).isEqualTo(200);
    return api.await(r.data().asText());
  }
}
