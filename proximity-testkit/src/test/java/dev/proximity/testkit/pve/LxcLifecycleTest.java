package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.FaultPlan;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LxcLifecycleTest extends SimTestBase {
  @BeforeEach
  void start() {
    startSim();
  }

  @Test
  void create_start_stop_delete_followsProxmoxStateMachine() {
    SimClient.Resp created = create(101);
    String upid = created.data().asText();
    assertThat(upid).matches("UPID:pve:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:101:root@pam!ci:");
    assertThat(api.await(upid)).isEqualTo("OK");

    JsonNode status = api.get("/nodes/pve/lxc/101/status/current").data();
    assertThat(status.get("status").asText()).isEqualTo("stopped");
    assertThat(status.get("maxmem").asLong()).isEqualTo(1024L << 20);
    assertThat(status.get("maxdisk").asLong()).isEqualTo(8L << 30);

    assertThat(ok(api.post("/nodes/pve/lxc/101/status/start"))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/101/status/current").data().get("status").asText()).isEqualTo("running");
    assertThat(sim.guest("pve", 101).orElseThrow().ipv4()).isPresent();
    SimClient.Resp again = api.post("/nodes/pve/lxc/101/status/start");
    assertThat(again.status()).isEqualTo(500);
    assertThat(again.message()).isEqualTo("CT 101 already running\n");

    SimClient.Resp del = api.delete("/nodes/pve/lxc/101");
    assertThat(del.status()).isEqualTo(500);
    assertThat(del.message()).isEqualTo("unable to destroy CT 101 - container is running\n");

    assertThat(ok(api.post("/nodes/pve/lxc/101/status/shutdown", "timeout", "30"))).isEqualTo("OK");
    assertThat(ok(api.delete("/nodes/pve/lxc/101", "purge", "1", "destroy-unreferenced-disks", "1"))).isEqualTo("OK");
    assertThat(sim.containers()).isEmpty();
    SimClient.Resp gone = api.get("/nodes/pve/lxc/101/status/current");
    assertThat(gone.status()).isEqualTo(500);
    assertThat(gone.message()).isEqualTo("Configuration file 'nodes/pve/lxc/101.conf' does not exist\n");
    assertThat(api.get("/nodes/pve/storage/local-lvm/content").data()).isEmpty();
  }

  @Test
  void create_existingVmid_fails500AlreadyExists() {
    createOk(101);
    SimClient.Resp r = create(101);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.message()).isEqualTo("CT 101 already exists on node 'pve'\n");
  }

  @Test
  void create_unknownTemplate_fails() {
    SimClient.Resp r = api.post("/nodes/pve/lxc", "vmid", "101", "ostemplate", "local:vztmpl/nope.tar.zst");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.message()).isEqualTo("volume 'local:vztmpl/nope.tar.zst' does not exist\n");
  }

  @Test
  void create_withStart_runsAndWritesGuestFiles() {
    createOk(105, "start", "1", "ssh-public-keys", "ssh-ed25519 AAAA test@host");
    assertThat(sim.container(105).orElseThrow().running()).isTrue();
    assertThat(new String(sim.guest(105).orElseThrow().fs().read("/root/.ssh/authorized_keys").orElseThrow().content(),
        StandardCharsets.UTF_8)).startsWith("ssh-ed25519 AAAA");
    JsonNode ifaces = api.get("/nodes/pve/lxc/105/interfaces").data();
    assertThat(ifaces.get(1).get("inet").asText()).isEqualTo(sim.guest(105).orElseThrow().ipv4().orElseThrow() + "/24");
    assertThat(ok(api.post("/nodes/pve/lxc/105/status/stop"))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/105/interfaces").data().isNull()).isTrue();
  }

  @Test
  void start_withDhcpDelay_hasNoIpv4UntilTheLease() {
    sim.close();
    // an hour of simulated DHCP at this scale is 1.8 s of real time: far longer than the checks
    startSim(builder().dhcpDelay(java.time.Duration.ofHours(1)));
    createOk(105, "start", "1");
    JsonNode eth0 = api.get("/nodes/pve/lxc/105/interfaces").data().get(1);
    assertThat(eth0.has("inet")).isFalse();
    assertThat(eth0.get("inet6").asText()).startsWith("fe80::");
    assertThat(eth0.get("ip-addresses")).hasSize(1);
    assertThat(sim.guest(105).orElseThrow().ipv4()).isEmpty();
  }

  @Test
  void config_getPutDigestAndDelete() {
    createOk(101, "tags", "proximity,web", "description", "hello");
    JsonNode cfg = api.get("/nodes/pve/lxc/101/config").data();
    assertThat(cfg.get("memory").asInt()).isEqualTo(1024);
    assertThat(cfg.get("memory").isNumber()).isTrue();
    assertThat(cfg.get("tags").asText()).isEqualTo("proximity;web");
    assertThat(cfg.get("net0").asText()).startsWith("name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:")
        .endsWith(",ip=dhcp,type=veth");
    assertThat(cfg.get("rootfs").asText()).isEqualTo("local-lvm:vm-101-disk-0,size=8G");
    String digest = cfg.get("digest").asText();
    assertThat(digest).hasSize(40);

    assertThat(api.put("/nodes/pve/lxc/101/config", "memory", "2048", "digest", digest).status()).isEqualTo(200);
    SimClient.Resp stale = api.put("/nodes/pve/lxc/101/config", "memory", "4096", "digest", digest);
    assertThat(stale.status()).isEqualTo(500);
    assertThat(stale.message()).startsWith("detected modified configuration");
    assertThat(api.put("/nodes/pve/lxc/101/config", "delete", "description").status()).isEqualTo(200);
    assertThat(api.put("/nodes/pve/lxc/101/config", "unprivileged", "0").message())
        .isEqualTo("unable to modify read-only option: 'unprivileged'\n");
    JsonNode after = api.get("/nodes/pve/lxc/101/config").data();
    assertThat(after.get("memory").asInt()).isEqualTo(2048);
    assertThat(after.has("description")).isFalse();
  }

  @Test
  void template_cannotStart_andLockedContainerRefusesOperations() {
    sim.faults(FaultPlan.builder().endpoint("POST /nodes/{node}/lxc", e -> e.hangingTasks(1.0)).build());
    String upid = create(101).data().asText();
    assertThat(sim.locks()).containsEntry(101, "create");
    assertThat(api.get("/nodes/pve/lxc/101/status/current").data().get("lock").asText()).isEqualTo("create");
    SimClient.Resp locked = api.post("/nodes/pve/lxc/101/status/start");
    assertThat(locked.status()).isEqualTo(500);
    assertThat(locked.message()).isEqualTo("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout\n");
    assertThat(api.put("/nodes/pve/lxc/101/config", "memory", "2048").status()).isEqualTo(500);

    assertThat(api.delete("/nodes/pve/tasks/" + upid).status()).isEqualTo(200);
    assertThat(api.await(upid)).isEqualTo("interrupted by signal");
    assertThat(sim.locks()).isEmpty();
    assertThat(sim.containers()).isEmpty();

    sim.faults(FaultPlan.none());
    createOk(102);
    SimClient.Resp tpl = api.post("/nodes/pve/lxc/102/template");
    assertThat(tpl.status()).isEqualTo(200);
    assertThat(tpl.data().isNull()).isTrue();
    String t = sim.tasks().stream().filter(x -> x.type().equals("vztemplate")).findFirst().orElseThrow().upid();
    assertThat(api.await(t)).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/102/config").data().get("template").asInt()).isEqualTo(1);
    // as on Proxmox, the check runs inside the worker: the start task fails
    SimClient.Resp start = api.post("/nodes/pve/lxc/102/status/start");
    assertThat(start.status()).isEqualTo(200);
    assertThat(api.await(start.data().asText())).isEqualTo("you can't start a CT if it's a template");
    assertThat(sim.container(102).orElseThrow().running()).isFalse();
  }

  @Test
  void resize_growsOnly() {
    createOk(101);
    assertThat(ok(api.put("/nodes/pve/lxc/101/resize", "disk", "rootfs", "size", "+2G"))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/lxc/101/config").data().get("rootfs").asText()).endsWith("size=10G");
    SimClient.Resp shrink = api.put("/nodes/pve/lxc/101/resize", "disk", "rootfs", "size", "4G");
    assertThat(shrink.status()).isEqualTo(500);
    assertThat(shrink.message()).isEqualTo("unable to shrink disk size\n");
  }
}
