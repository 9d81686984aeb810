package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.StorageSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageBackupTest extends SimTestBase {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  static String enc(String volid) {
    return java.net.URLEncoder.encode(volid, StandardCharsets.UTF_8);
  }

  @Test
  void aplinfo_listsAndDownloadsTemplates() {
    startSim();
    JsonNode apl = api.get("/nodes/pve/aplinfo").data();
    assertThat(apl).hasSizeGreaterThanOrEqualTo(3);
    String tpl = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst";
    assertThat(apl.findValuesAsText("template")).contains(tpl);
    assertThat(apl.findValuesAsText("sha512sum")).allMatch(h -> h.matches("[0-9a-f]{128}"));
    String upid = api.post("/nodes/pve/aplinfo", "storage", "local", "template", tpl).data().asText();
    assertThat(upid).contains(":download:" + tpl + ":");
    assertThat(api.await(upid)).isEqualTo("OK");
    JsonNode content = api.get("/nodes/pve/storage/local/content", "content", "vztmpl").data();
    assertThat(content.findValuesAsText("volid")).contains("local:vztmpl/" + tpl);
    assertThat(content.get(0).get("format").asText()).isEqualTo("tzst");
    SimClient.Resp unknown = api.post("/nodes/pve/aplinfo", "storage", "local", "template", "nope.tar.zst");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("errors").get("template").asText()).isEqualTo("no such template");
    SimClient.Resp wrongStorage = api.post("/nodes/pve/aplinfo", "storage", "local-lvm", "template", tpl);
    assertThat(wrongStorage.status()).isEqualTo(500);
  }

  @Test
  void storage_listsStatusAndConfig() {
    startSim();
    JsonNode list = api.get("/nodes/pve/storage", "content", "rootdir").data();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("storage").asText()).isEqualTo("local-lvm");
    createOk(101);
    JsonNode st = api.get("/nodes/pve/storage/local-lvm/status").data();
    assertThat(st.get("used").asLong()).isEqualTo(8L << 30);
    assertThat(st.get("avail").asLong()).isEqualTo(st.get("total").asLong() - (8L << 30));
    assertThat(api.get("/storage").data()).hasSize(2);
    assertThat(api.get("/storage/local").data().get("content").asText()).contains("backup");
  }

  @Test
  void vzdump_producesBackupVolume_andRestoreBringsFilesBack() {
    startSim(builder().clock(clock));
    createOk(101);
    sim.guest(101).orElseThrow().fs().write("/opt/app/data.txt", "v1".getBytes(StandardCharsets.UTF_8), 0644);
    String upid = api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local", "mode", "snapshot",
        "compress", "zstd", "notes-template", "{{guestname}} on {{node}}").data().asText();
    assertThat(upid).contains(":vzdump:101:");
    assertThat(api.await(upid)).isEqualTo("OK");
    String volid = "local:backup/vzdump-lxc-101-2026_03_01-10_00_00.tar.zst";
    assertThat(sim.tasks().get(1).log()).contains(
        "INFO: creating vzdump archive '/var/lib/vz/dump/vzdump-lxc-101-2026_03_01-10_00_00.tar.zst'");
    JsonNode backups = api.get("/nodes/pve/storage/local/content", "content", "backup", "vmid", "101").data();
    assertThat(backups).hasSize(1);
    JsonNode b = backups.get(0);
    assertThat(b.get("volid").asText()).isEqualTo(volid);
    assertThat(b.get("format").asText()).isEqualTo("tar.zst");
    assertThat(b.get("subtype").asText()).isEqualTo("lxc");
    assertThat(b.get("notes").asText()).isEqualTo("web101 on pve");
    assertThat(b.get("ctime").asLong()).isEqualTo(clock.instant().getEpochSecond());

    sim.guest(101).orElseThrow().fs().write("/opt/app/data.txt", "v2".getBytes(StandardCharsets.UTF_8), 0644);
    SimClient.Resp noForce = api.post("/nodes/pve/lxc", "vmid", "101", "ostemplate", volid, "restore", "1");
    assertThat(noForce.status()).isEqualTo(500);
    assertThat(noForce.message()).isEqualTo("CT 101 already exists on node 'pve'\n");
    String restore = api.post("/nodes/pve/lxc", "vmid", "101", "ostemplate", volid, "restore", "1", "force", "1",
        "storage", "local-lvm").data().asText();
    assertThat(restore).contains(":vzrestore:101:");
    assertThat(api.await(restore)).isEqualTo("OK");
    assertThat(new String(sim.guest(101).orElseThrow().fs().read("/opt/app/data.txt").orElseThrow().content(),
        StandardCharsets.UTF_8)).isEqualTo("v1");
    assertThat(api.get("/nodes/pve/lxc/101/config").data().get("hostname").asText()).isEqualTo("web101");

    String restoreNew = api.post("/nodes/pve/lxc", "vmid", "150", "ostemplate", volid, "restore", "1", "unique", "1",
        "storage", "local-lvm").data().asText();
    assertThat(api.await(restoreNew)).isEqualTo("OK");
    assertThat(sim.guest(150).orElseThrow().fs().read("/opt/app/data.txt")).isPresent();
  }

  @Test
  void failNextTasks_failsTheNextRestores_thenRestoresSucceedAgain() {
    startSim(builder().clock(clock));
    createOk(101);
    String dump = api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local").data().asText();
    assertThat(api.await(dump)).isEqualTo("OK");
    String volid = api.get("/nodes/pve/storage/local/content", "content", "backup", "vmid", "101")
        .data().get(0).get("volid").asText();
    sim.faults(dev.proximity.testkit.FaultPlan.builder()
        .failNextTasks("POST /nodes/{node}/lxc", 1).build());
    String failed = api.post("/nodes/pve/lxc", "vmid", "101", "ostemplate", volid, "restore", "1",
        "force", "1").data().asText();
    assertThat(failed).contains(":vzrestore:101:");
    assertThat(api.await(failed)).contains("simulated failure");
    // the failed restore removed what it created; the container is gone and nothing stays locked
    assertThat(sim.guest(101)).isEmpty();
    assertThat(sim.locks()).isEmpty();
    String again = api.post("/nodes/pve/lxc", "vmid", "101", "ostemplate", volid, "restore", "1",
        "force", "1").data().asText();
    assertThat(api.await(again)).isEqualTo("OK");
    assertThat(sim.guest(101)).isPresent();
  }

  @Test
  void backupOfLockedContainer_isRefused() {
    startSim(builder().clock(clock));
    createOk(101);
    sim.faults(dev.proximity.testkit.FaultPlan.builder().hangingTasks(1.0).build());
    String upid = api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local").data().asText();
    assertThat(sim.locks()).containsEntry(101, "backup");
    SimClient.Resp second = api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local");
    assertThat(second.status()).isEqualTo(500);
    assertThat(second.message()).contains("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout");
    api.delete("/nodes/pve/tasks/" + upid);
    assertThat(sim.locks()).isEmpty();
  }

  @Test
  void prunebackups_marksAndRemovesPerRetention() {
    startSim(builder().clock(clock));
    createOk(101);
    List<String> volids = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      for (int i = 0; i < 2; i++) {
        assertThat(ok(api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local", "compress", "zstd"))).isEqualTo("OK");
        clock.advance(Duration.ofHours(1));
      }
      clock.advance(Duration.ofHours(22));
    }
    JsonNode all = api.get("/nodes/pve/storage/local/content", "content", "backup").data();
    assertThat(all).hasSize(8);
    all.forEach(v -> volids.add(v.get("volid").asText()));
    String newest = volids.get(7);
    String day2Newest = volids.get(5);
    String day1Newest = volids.get(3);

    JsonNode marks = api.get("/nodes/pve/storage/local/prunebackups", "prune-backups", "keep-last=1,keep-daily=2",
        "vmid", "101").data();
    List<String> keep = new ArrayList<>();
    marks.forEach(m -> {
      if ("keep".equals(m.get("mark").asText())) {
        keep.add(m.get("volid").asText());
      }
    });
    assertThat(keep).containsExactlyInAnyOrder(newest, day2Newest, day1Newest);

    String upid = api.delete("/nodes/pve/storage/local/prunebackups", "prune-backups", "keep-last=1,keep-daily=2",
        "vmid", "101").data().asText();
    assertThat(api.await(upid)).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/storage/local/content", "content", "backup").data().findValuesAsText("volid"))
        .containsExactlyInAnyOrder(newest, day2Newest, day1Newest);

    assertThat(api.put("/nodes/pve/storage/local/content/" + enc(newest), "protected", "1").status()).isEqualTo(200);
    SimClient.Resp prot = api.delete("/nodes/pve/storage/local/content/" + enc(newest));
    assertThat(prot.status()).isEqualTo(500);
    assertThat(ok(api.delete("/nodes/pve/storage/local/content/" + enc(day1Newest)))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/storage/local/content/" + newest).status()).isEqualTo(501);
    assertThat(api.get("/nodes/pve/storage/local/content", "content", "backup").data()).hasSize(2);
  }

  @Test
  void vzdumpWithPruneBackups_appliesRetentionAfterTheBackup() {
    startSim(builder().clock(clock).storage(StorageSpec.builder("local").content("vztmpl", "backup")
            .template(dev.proximity.testkit.PveSimulatorBuilder.DEFAULT_TEMPLATE).build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir").build()));
    createOk(101);
    for (int i = 0; i < 4; i++) {
      assertThat(ok(api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local", "prune-backups", "keep-last=2")))
          .isEqualTo("OK");
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(api.get("/nodes/pve/storage/local/content", "content", "backup").data()).hasSize(2);
  }
}
