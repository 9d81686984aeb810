package dev.proximity.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.TaskSummary;
import org.junit.jupiter.api.Test;

class JsonLenientTest {

  record Flags(boolean a, boolean b, boolean c, boolean d, Boolean e, boolean f) {}

  record Numbers(int cpus, long mem, double cpu, Integer missing, int empty) {}

  private static JsonNode tree(String json) throws Exception {
    return Json.mapper().readTree(json);
  }

  @Test
  void booleans_acceptOneZeroEmptyStringAndJsonBooleans() throws Exception {
    Flags f = Json.convert(tree("{\"a\":1,\"b\":0,\"c\":\"\",\"d\":true,\"e\":null,\"f\":\"1\",\"x\":9}"),
        Flags.class);
    assertThat(f).isEqualTo(new Flags(true, false, false, true, null, true));
  }

  @Test
  void numbers_acceptStringsAndEmpty() throws Exception {
    Numbers n = Json.convert(tree("{\"cpus\":\"2\",\"mem\":\"1024\",\"cpu\":\"0.5\",\"empty\":\"\"}"),
        Numbers.class);
    assertThat(n).isEqualTo(new Numbers(2, 1024, 0.5, null, 0));
  }

  @Test
  void strings_acceptNumbers_unknownFieldsIgnored() throws Exception {
    TaskSummary t = Json.convert(tree("{\"upid\":\"u\",\"id\":200,\"starttime\":\"5\",\"saved\":\"1\"}"),
        TaskSummary.class);
    assertThat(t.id()).isEqualTo("200");
    assertThat(t.startTime()).isEqualTo(5);
  }

  @Test
  void offlineNodeGuest_decodesWithOnlyFewFields() throws Exception {
    ClusterResource r = Json.convert(tree(
        "{\"id\":\"lxc/101\",\"type\":\"lxc\",\"vmid\":101,\"node\":\"pve2\",\"status\":\"unknown\","
            + "\"tags\":\"proximity;web\"}"), ClusterResource.class);
    assertThat(r.status()).isEqualTo("unknown");
    assertThat(r.tags().contains("proximity")).isTrue();
    assertThat(r.maxMem()).isZero();
  }

  @Test
  void backupJob_realItem_vmidListStaysText_pruneAsObjectOrString() throws Exception {
    BackupJob j = Json.convert(tree("{\"type\":\"vzdump\",\"id\":\"backup-70025700-2302\",\"schedule\":\"sat 15:00\","
        + "\"vmid\":\"100,101,102\",\"storage\":\"local\",\"mode\":\"snapshot\",\"enabled\":1,"
        + "\"next-run\":1735385400,\"notes-template\":\"guestname\",\"mailnotification\":\"always\","
        + "\"prune-backups\":{\"keep-last\":\"3\"}}"), BackupJob.class);
    assertThat(j.vmid()).isEqualTo("100,101,102");
    assertThat(j.isEnabled()).isTrue();
    assertThat(j.nextRun()).isEqualTo(1735385400L);
    assertThat(j.pruneBackups().keepLast()).isEqualTo(3);
    BackupJob s = Json.convert(tree("{\"id\":\"x\",\"prune-backups\":\"keep-daily=7\"}"), BackupJob.class);
    assertThat(s.pruneBackups().keepDaily()).isEqualTo(7);
  }
}
