package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupJobAndStateTest extends SimTestBase {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:00:00Z"));

  @Test
  void backupJobs_crudNextRunAndRun() {
    startSim(builder().clock(clock));
    createOk(101);
    createOk(102);
    assertThat(api.post("/cluster/backup", "id", "backup-nightly", "schedule", "02:00", "vmid", "101,102",
        "storage", "local", "mode", "snapshot", "compress", "zstd", "prune-backups", "keep-last=3",
        "notes-template", "{{guestname}}").body().toString()).isEqualTo("{\"data\":null}");
    SimClient.Resp got = api.get("/cluster/backup/backup-nightly");
    assertThat(got.status()).as(got.body().toString()).isEqualTo(200);
    JsonNode job = got.data();
    assertThat(job.get("schedule").asText()).isEqualTo("02:00");
    assertThat(job.get("vmid").asText()).isEqualTo("101,102");
    assertThat(job.get("enabled").asInt()).isEqualTo(1);
    assertThat(job.get("type").asText()).isEqualTo("vzdump");
    assertThat(job.get("next-run").asLong()).isEqualTo(Instant.parse("2026-03-05T02:00:00Z").getEpochSecond());
    assertThat(api.put("/cluster/backup/backup-nightly", "schedule", "sun 03:00").status()).isEqualTo(200);
    assertThat(api.get("/cluster/backup").data().get(0).get("next-run").asLong())
        .isEqualTo(Instant.parse("2026-03-08T03:00:00Z").getEpochSecond());
    assertThat(api.post("/cluster/backup", "id", "backup-nightly", "schedule", "02:00", "all", "1").status()).isEqualTo(500);
    assertThat(api.post("/cluster/backup", "schedule", "02:00").status()).isEqualTo(400);
    assertThat(api.post("/cluster/backup", "schedule", "25:99", "all", "1").status()).isEqualTo(400);
    assertThat(api.post("/cluster/backup", "schedule", "mon..fri 22:30", "all", "1").status()).isEqualTo(200);
    assertThat(api.get("/cluster/backup").data()).hasSize(2);

    List<String> upids = sim.runBackupJob("backup-nightly");
    assertThat(upids).hasSize(1);
    assertThat(api.await(upids.get(0))).isEqualTo("OK");
    assertThat(api.get("/nodes/pve/storage/local/content", "content", "backup").data()).hasSize(2);

    assertThat(ok(api.delete("/nodes/pve/lxc/102", "purge", "1"))).isEqualTo("OK");
    assertThat(api.get("/cluster/backup/backup-nightly").data().get("vmid").asText()).isEqualTo("101");
    assertThat(api.delete("/cluster/backup/backup-nightly").status()).isEqualTo(200);
    assertThat(api.get("/cluster/backup/backup-nightly").status()).isEqualTo(500);
  }

  @Test
  void saveAndLoadState_keepsTheCluster(@TempDir Path dir) {
    startSim();
    createOk(101, "start", "1");
    sim.guest(101).orElseThrow().fs().write("/srv/compose.yaml", "services: {}".getBytes(StandardCharsets.UTF_8), 0600);
    assertThat(ok(api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local"))).isEqualTo("OK");
    assertThat(api.post("/cluster/backup", "id", "j1", "schedule", "daily", "all", "1").status()).isEqualTo(200);
    assertThat(ok(api.post("/nodes/pve/lxc/101/snapshot", "snapname", "before-update"))).isEqualTo("OK");
    String ip = sim.guest(101).orElseThrow().ipv4().orElseThrow();
    Path file = dir.resolve("cluster.json");
    sim.saveState(file);
    sim.close();

    try (PveSimulator again = builder().loadState(file).start()) {
      SimClient c = new SimClient(again).token("root@pam!ci", "secret-1");
      assertThat(again.guest(101).orElseThrow().running()).isTrue();
      assertThat(again.guest(101).orElseThrow().ipv4()).contains(ip);
      assertThat(new String(again.guest(101).orElseThrow().fs().read("/srv/compose.yaml").orElseThrow().content(),
          StandardCharsets.UTF_8)).isEqualTo("services: {}");
      assertThat(c.get("/nodes/pve/storage/local/content", "content", "backup").data()).hasSize(1);
      assertThat(c.get("/cluster/backup/j1").data().get("schedule").asText()).isEqualTo("daily");
      assertThat(c.get("/cluster/nextid").data().asText()).isEqualTo("100");
      assertThat(c.get("/nodes/pve/lxc/101/snapshot").data().findValuesAsText("name"))
          .containsExactly("before-update", "current");
      SimClient.Resp r = create(c, "pve", 102, "start", "1");
      assertThat(c.await(r.data().asText())).isEqualTo("OK");
      assertThat(again.guest(102).orElseThrow().ipv4()).isPresent().isNotEqualTo(again.guest(101).orElseThrow().ipv4());
    }
  }
}
