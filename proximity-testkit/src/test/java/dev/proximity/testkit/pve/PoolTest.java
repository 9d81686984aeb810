package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource pools: the API, membership through create/clone/restore/destroy, and pool backups. */
class PoolTest extends SimTestBase {

  private List<String> ids(JsonNode rows, String field) {
    return rows.findValuesAsText(field);
  }

  @Test
  void pools_createReadUpdateDelete_withProxmoxErrors() {
    startSim();
    createOk(101);
    createOk(102);
    assertThat(api.post("/pools", "poolid", "apps", "comment", "all apps").status()).isEqualTo(200);
    assertThat(api.post("/pools", "poolid", "apps").message()).contains("pool 'apps' already exists");
    assertThat(api.post("/pools", "poolid", "bad/../id").status()).isEqualTo(400);

    assertThat(api.put("/pools/apps", "vms", "101,102").status()).isEqualTo(200);
    assertThat(api.put("/pools/apps", "vms", "101").message()).contains("VM 101 is already a pool member");
    assertThat(api.put("/pools/apps", "vms", "999").message()).contains("VM 999 does not exist");
    JsonNode pool = api.get("/pools/apps").data();
    assertThat(pool.get("comment").asText()).isEqualTo("all apps");
    assertThat(ids(pool.get("members"), "id")).containsExactly("lxc/101", "lxc/102");
    assertThat(pool.get("members").get(0).get("type").asText()).isEqualTo("lxc");
    assertThat(api.get("/pools").data().get(0).has("members")).isFalse();
    // PVE 8.1+ form
    assertThat(ids(api.get("/pools", "poolid", "apps").data().get(0).get("members"), "vmid"))
        .containsExactly("101", "102");

    assertThat(api.post("/pools", "poolid", "other").status()).isEqualTo(200);
    assertThat(api.put("/pools", "poolid", "other", "vms", "102").message())
        .contains("VM 102 belongs already to pool 'apps'");
    assertThat(api.put("/pools", "poolid", "other", "vms", "102", "allow-move", "1").status()).isEqualTo(200);
    assertThat(sim.pools()).isEqualTo(Map.of("apps", List.of(101), "other", List.of(102)));

    assertThat(api.delete("/pools/apps").message()).contains("pool 'apps' is not empty");
    assertThat(api.put("/pools/apps", "vms", "101", "delete", "1").status()).isEqualTo(200);
    assertThat(api.delete("/pools/apps").status()).isEqualTo(200);
    assertThat(api.get("/pools/apps").message()).contains("pool 'apps' does not exist");
    assertThat(ids(api.get("/pools").data(), "poolid")).containsExactly("other");
  }

  @Test
  void membership_followsCreateCloneRestoreAndDestroy_andShowsInResources() {
    startSim();
    assertThat(create(101, "pool", "apps").message()).contains("pool 'apps' does not exist");
    assertThat(api.post("/pools", "poolid", "apps").status()).isEqualTo(200);
    createOk(101, "pool", "apps");
    createOk(102);
    JsonNode rows = api.get("/cluster/resources").data();
    assertThat(rows.findValues("id").stream().map(JsonNode::asText)).contains("/pool/apps");
    for (JsonNode r : api.get("/cluster/resources", "type", "vm").data()) {
      assertThat(r.path("pool").asText(null)).isEqualTo(r.get("vmid").asInt() == 101 ? "apps" : null);
    }
    // the pool is not part of the container config
    assertThat(api.get("/nodes/pve/lxc/101/config").data().has("pool")).isFalse();

    // a clone joins only through its own pool parameter
    assertThat(ok(api.post("/nodes/pve/lxc/101/clone", "newid", "103", "full", "1"))).isEqualTo("OK");
    assertThat(ok(api.post("/nodes/pve/lxc/101/clone", "newid", "104", "full", "1", "pool", "apps")))
        .isEqualTo("OK");
    // restoring a backup as a new guest, into the pool
    assertThat(ok(api.post("/nodes/pve/vzdump", "vmid", "102", "storage", "local"))).isEqualTo("OK");
    String volid = api.get("/nodes/pve/storage/local/content", "content", "backup").data().get(0)
        .get("volid").asText();
    SimClient.Resp restore = api.post("/nodes/pve/lxc", "vmid", "105", "ostemplate", volid, "restore", "1",
        "pool", "apps");
    assertThat(ok(restore)).isEqualTo("OK");
    assertThat(sim.pools().get("apps")).containsExactly(101, 104, 105);

    // destroy removes the membership, with or without purge
    assertThat(ok(api.delete("/nodes/pve/lxc/104"))).isEqualTo("OK");
    assertThat(ok(api.delete("/nodes/pve/lxc/105", "purge", "1"))).isEqualTo("OK");
    assertThat(sim.pools().get("apps")).containsExactly(101);
  }

  @Test
  void aPoolBackupJob_backsUpTheMembersAtRunTime_andSelectionsAreExclusive() {
    startSim();
    assertThat(api.post("/pools", "poolid", "apps").status()).isEqualTo(200);
    createOk(101, "pool", "apps");
    createOk(102);
    assertThat(api.post("/cluster/backup", "id", "nightly", "schedule", "02:00", "pool", "apps",
        "vmid", "101").body().toString()).contains("option conflicts with option 'vmid'");
    assertThat(api.post("/cluster/backup", "id", "nightly", "schedule", "02:00", "pool", "nope").message())
        .contains("pool 'nope' does not exist");
    assertThat(api.post("/cluster/backup", "id", "nightly", "schedule", "02:00", "pool", "apps",
        "storage", "local", "prune-backups", "keep-last=1").status()).isEqualTo(200);
    createOk(103, "pool", "apps"); // joins after the job was written

    for (int round = 0; round < 2; round++) {
      for (String upid : sim.runBackupJob("nightly")) {
        assertThat(api.await(upid)).isEqualTo("OK");
      }
    }
    JsonNode backups = api.get("/nodes/pve/storage/local/content", "content", "backup").data();
    assertThat(backups.findValuesAsText("vmid")).containsExactlyInAnyOrder("101", "103");

    // switching the job to a vmid list drops the pool, and back
    assertThat(api.put("/cluster/backup/nightly", "vmid", "102").status()).isEqualTo(200);
    JsonNode job = api.get("/cluster/backup/nightly").data();
    assertThat(job.has("pool")).isFalse();
    assertThat(api.put("/cluster/backup/nightly", "pool", "apps", "delete", "vmid,all").status()).isEqualTo(200);
    job = api.get("/cluster/backup/nightly").data();
    assertThat(job.get("pool").asText()).isEqualTo("apps");
    assertThat(job.has("vmid")).isFalse();
    // a direct vzdump of the pool
    assertThat(ok(api.post("/nodes/pve/vzdump", "pool", "apps", "storage", "local"))).isEqualTo("OK");
  }

  @Test
  void privileges_poolAllocateToChange_poolAuditToSee() {
    startSim(builder()
        .user("ops@pve", "ops-pw").token("ops@pve!t", "t-secret", false)
        .acl("/vms", "ops@pve", "PVEVMAdmin").acl("/storage", "ops@pve", "PVEDatastoreUser")
        .acl("/pool", "ops@pve", "Pool.Audit")
        .acl("/", "ops@pve", "Sys.Audit,Sys.Modify"));
    assertThat(api.post("/pools", "poolid", "apps").status()).isEqualTo(200);
    createOk(101);
    SimClient ops = new SimClient(sim).token("ops@pve!t", "t-secret");

    assertThat(ops.post("/pools", "poolid", "mine").status()).isEqualTo(403);
    assertThat(ops.put("/pools/apps", "vms", "101").status()).isEqualTo(403);
    // Pool.Audit lists the pool; creating a guest into it needs VM.Allocate on the guest only
    assertThat(ops.get("/pools").data().findValuesAsText("poolid")).containsExactly("apps");
    SimClient.Resp r = create(ops, "pve", 102, "pool", "apps");
    assertThat(r.status()).as(r.message()).isEqualTo(200);
    assertThat(ops.await(r.data().asText())).isEqualTo("OK");
    assertThat(sim.pools().get("apps")).containsExactly(102);
  }
}
