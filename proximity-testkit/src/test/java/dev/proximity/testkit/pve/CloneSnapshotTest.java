package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.StorageSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloneSnapshotTest extends SimTestBase {
  @BeforeEach
  void start() {
    startSim(builder().node("pve1", 8, 32L << 30).node("pve2", 8, 32L << 30)
        .storage(StorageSpec.builder("local").content("vztmpl", "backup")
            .template(dev.proximity.testkit.PveSimulatorBuilder.DEFAULT_TEMPLATE).build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images").build())
        .storage(StorageSpec.builder("dirstore").type("dir").content("rootdir").build())
        .storage(StorageSpec.builder("ceph").type("rbd").content("rootdir").shared(true).build()));
  }

  private void make(String node, int vmid, String rootfs) {
    SimClient.Resp r = create(api, node, vmid, "rootfs", rootfs);
    assertThat(r.status()).as(r.message()).isEqualTo(200);
    assertThat(api.await(r.data().asText())).isEqualTo("OK");
  }

  private String templateOf(String node, int vmid) {
    assertThat(api.post("/nodes/" + node + "/lxc/" + vmid + "/template").data().isNull()).isTrue();
    String upid = sim.tasks().stream().filter(t -> t.type().equals("vztemplate") && t.id().equals(String.valueOf(vmid)))
        .findFirst().orElseThrow().upid();
    return api.await(upid);
  }

  @Test
  void linkedCloneOfTemplate_sharesBaseVolume_andCopiesFiles() {
    make("pve1", 100, "local-lvm:8");
    sim.guest(100).orElseThrow().fs().write("/etc/docker/daemon.json", "{}".getBytes(StandardCharsets.UTF_8), 0644);
    assertThat(templateOf("pve1", 100)).isEqualTo("OK");
    assertThat(api.get("/nodes/pve1/lxc/100/config").data().get("rootfs").asText())
        .isEqualTo("local-lvm:base-100-disk-0,size=8G");
    String upid = api.post("/nodes/pve1/lxc/100/clone", "newid", "101", "hostname", "app1").data().asText();
    assertThat(upid).contains(":vzclone:100:");
    assertThat(api.await(upid)).isEqualTo("OK");
    JsonNode cfg = api.get("/nodes/pve1/lxc/101/config").data();
    assertThat(cfg.get("rootfs").asText()).isEqualTo("local-lvm:base-100-disk-0/vm-101-disk-0,size=8G");
    assertThat(cfg.get("hostname").asText()).isEqualTo("app1");
    assertThat(cfg.has("template")).isFalse();
    assertThat(sim.guest(101).orElseThrow().fs().read("/etc/docker/daemon.json")).isPresent();

    SimClient.Resp storageForLinked = api.post("/nodes/pve1/lxc/100/clone", "newid", "102", "full", "0",
        "storage", "local-lvm");
    assertThat(storageForLinked.status()).isEqualTo(500);
    assertThat(storageForLinked.message()).isEqualTo("parameter 'storage' not allowed for linked clones\n");

    SimClient.Resp destroyBase = api.delete("/nodes/pve1/lxc/100");
    assertThat(api.await(destroyBase.data().asText())).startsWith("base volume 'local-lvm:base-100-disk-0' is still in use");
  }

  @Test
  void linkedClone_onStorageWithoutCloneFeature_fails() {
    make("pve1", 100, "dirstore:4");
    assertThat(templateOf("pve1", 100)).isEqualTo("OK");
    SimClient.Resp r = api.post("/nodes/pve1/lxc/100/clone", "newid", "101");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.message()).startsWith("Linked clone feature for 'dirstore:100/base-100-disk-0.raw' is not available");
    assertThat(ok(api.post("/nodes/pve1/lxc/100/clone", "newid", "101", "full", "1", "storage", "local-lvm")))
        .isEqualTo("OK");
  }

  @Test
  void fullClone_ofNormalContainer_andTargetNeedsSharedStorage() {
    make("pve1", 100, "local-lvm:8");
    SimClient.Resp other = api.post("/nodes/pve1/lxc/100/clone", "newid", "101", "target", "pve2");
    assertThat(other.status()).isEqualTo(500);
    assertThat(other.message()).startsWith("Clone to other node is only possible with shared storage");
    assertThat(ok(api.post("/nodes/pve1/lxc/100/clone", "newid", "101", "target", "pve2", "storage", "ceph")))
        .isEqualTo("OK");
    assertThat(sim.container(101).orElseThrow().node()).isEqualTo("pve2");
    assertThat(api.get("/nodes/pve2/lxc/101/config").data().get("rootfs").asText()).startsWith("ceph:vm-101-disk-0");
    assertThat(api.get("/nodes/pve1/lxc/100/config").data().get("net0").asText())
        .isNotEqualTo(api.get("/nodes/pve2/lxc/101/config").data().get("net0").asText());

    assertThat(ok(api.post("/nodes/pve1/lxc/100/status/start"))).isEqualTo("OK");
    SimClient.Resp running = api.post("/nodes/pve1/lxc/100/clone", "newid", "102");
    assertThat(running.status()).isEqualTo(500);
    assertThat(running.message()).isEqualTo("Full clone of a running container is only possible from a snapshot\n");
    SimClient.Resp exists = api.post("/nodes/pve1/lxc/100/clone", "newid", "101");
    assertThat(exists.message()).isEqualTo("CT 101 already exists on node 'pve2'\n");
  }

  @Test
  void snapshots_createListRollbackDelete() {
    make("pve1", 100, "local-lvm:8");
    var fs = sim.guest(100).orElseThrow().fs();
    fs.write("/data", "before".getBytes(StandardCharsets.UTF_8), 0644);
    assertThat(ok(api.post("/nodes/pve1/lxc/100/snapshot", "snapname", "s1", "description", "first"))).isEqualTo("OK");
    sim.guest(100).orElseThrow().fs().write("/data", "after".getBytes(StandardCharsets.UTF_8), 0644);
    JsonNode list = api.get("/nodes/pve1/lxc/100/snapshot").data();
    assertThat(list.findValuesAsText("name")).containsExactly("s1", "current");
    assertThat(list.get(1).get("parent").asText()).isEqualTo("s1");
    assertThat(api.post("/nodes/pve1/lxc/100/snapshot", "snapname", "s1").message())
        .isEqualTo("snapshot name 's1' already used\n");
    assertThat(ok(api.post("/nodes/pve1/lxc/100/snapshot/s1/rollback"))).isEqualTo("OK");
    assertThat(new String(sim.guest(100).orElseThrow().fs().read("/data").orElseThrow().content(), StandardCharsets.UTF_8))
        .isEqualTo("before");
    assertThat(api.get("/nodes/pve1/lxc/100/snapshot/s1/config").data().get("hostname").asText()).isEqualTo("web100");
    SimClient.Resp tpl = api.post("/nodes/pve1/lxc/100/template");
    assertThat(tpl.status()).isEqualTo(500);
    assertThat(tpl.message()).isEqualTo("unable to create template, because CT contains snapshots\n");
    assertThat(ok(api.delete("/nodes/pve1/lxc/100/snapshot/s1"))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve1/lxc/100/snapshot").data()).hasSize(1);

    make("pve1", 101, "dirstore:4");
    SimClient.Resp noSnap = api.post("/nodes/pve1/lxc/101/snapshot", "snapname", "s1");
    assertThat(noSnap.status()).isEqualTo(500);
    assertThat(noSnap.message()).isEqualTo("snapshot feature is not available\n");
  }

  @Test
  void rrddata_returnsPoints() {
    make("pve1", 100, "local-lvm:8");
    assertThat(ok(api.post("/nodes/pve1/lxc/100/status/start"))).isEqualTo("OK");
    JsonNode points = api.get("/nodes/pve1/lxc/100/rrddata", "timeframe", "hour", "cf", "AVERAGE").data();
    assertThat(points).hasSize(70);
    assertThat(points.get(69).get("maxmem").asLong()).isEqualTo(1024L << 20);
  }
}
