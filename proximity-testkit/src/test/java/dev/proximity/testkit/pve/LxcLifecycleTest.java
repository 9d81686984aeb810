package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LxcLifecycleTest {
  static final String TEMPLATE = "local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE;
  PveSimulator sim;
  SimClient api;

  @BeforeEach
  void start() {
    sim = PveSimulator.builder().timeScale(0.001).token("root@pam!ci", "secret-1", false).start();
    api = new SimClient(sim).token("root@pam!ci", "secret-1");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  static SimClient.Resp create(SimClient api, int vmid, String... extra) {
    String[] base = {"vmid", String.valueOf(vmid), "ostemplate", TEMPLATE, "hostname", "web" + vmid,
        "unprivileged", "1", "features", "nesting=1", "rootfs", "local-lvm:8",
        "net0", "name=eth0,bridge=vmbr0,ip=dhcp,firewall=1", "memory", "1024"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return api.post("/nodes/pve/lxc", all);
  }

  @Test
  void create_start_stop_delete_followsProxmoxStateMachine() {
    SimClient.Resp created = create(api, 101);
    assertThat(created.status()).isEqualTo(200);
    String upid = created.data().asText();
    assertThat(upid).matches("UPID:pve:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:101:root@pam!ci:");
    assertThat(api.await(upid)).isEqualTo("OK");

    SimClient.Resp status = api.get("/nodes/pve/lxc/101/status/current");
    assertThat(status.data().get("status").asText()).isEqualTo("stopped");
    assertThat(status.data().get("maxmem").asLong()).isEqualTo(1024L << 20);
    assertThat(status.data().get("maxdisk").asLong()).isEqualTo(8L << 30);

    assertThat(api.await(api.post("/nodes/pve/lxc/101/status/start").data().asText())).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/101/status/current").data().get("status").asText()).isEqualTo("running");
    assertThat(sim.guest("pve", 101).orElseThrow().ipv4()).isPresent();

    SimClient.Resp del = api.delete("/nodes/pve/lxc/101");
    assertThat(del.status()).isEqualTo(500);
    assertThat(del.message()).isEqualTo("unable to destroy CT 101 - container is running\n");

    assertThat(api.await(api.post("/nodes/pve/lxc/101/status/stop").data().asText())).isEqualTo("OK");
    assertThat(api.await(api.delete("/nodes/pve/lxc/101", "purge", "1").data().asText())).isEqualTo("OK");
    assertThat(sim.containers()).isEmpty();
    SimClient.Resp gone = api.get("/nodes/pve/lxc/101/status/current");
    assertThat(gone.status()).isEqualTo(500);
    assertThat(gone.message()).isEqualTo("Configuration file 'nodes/pve/lxc/101.conf' does not exist\n");
  }
}
