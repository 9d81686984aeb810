package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcConfigUpdate;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.Tags;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.VzdumpRequest;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the Proxmox VE simulator over HTTPS with a pinned certificate. */
class SimulatorBehaviourTest {
  static final String TOKEN = "root@pam!sdk";
  static final String SECRET = "5a1e0c3f-2b7d-4e9a-8c6b-1d2e3f4a5b6c";
  static final String TEMPLATE = "local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE;
  static final Duration WAIT = Duration.ofMinutes(1);

  static PveSimulator sim;
  static PveClient pve;

  @BeforeAll
  static void start() {
    sim = PveSimulator.builder().token(TOKEN, SECRET, false).timeScale(0.0005).start();
    pve = SimClients.token(sim, TOKEN, SECRET);
  }

  @AfterAll
  static void stop() {
    pve.close();
    sim.close();
  }

  static LxcCreateRequest.Builder ct(int vmid) {
    return LxcCreateRequest.builder().vmid(vmid).ostemplate(TEMPLATE).hostname("ct" + vmid)
        .rootfs(RootFs.allocate("local-lvm", 4)).net(0, Net.dhcp("vmbr0")).features(Features.nestingOnly())
        .memoryMiB(512).cores(1).tags(Tags.of("proximity"));
  }

  @Test
  void versionNodesStoragesAndTemplates() {
    assertThat(pve.version().major()).isGreaterThanOrEqualTo(8);
    assertThat(pve.nodes()).extracting(n -> n.node()).contains("pve");
    assertThat(pve.node("pve").status().memory().total()).isPositive();
    assertThat(pve.node("pve").storages()).extracting(s -> s.storage()).contains("local", "local-lvm");
    assertThat(pve.node("pve").storage("local").status().supports("vztmpl")).isTrue();
    assertThat(pve.node("pve").storage("local").content("vztmpl", null)).extracting(StorageContent::volid)
        .contains(TEMPLATE);
    assertThat(pve.node("pve").aplinfo()).isNotEmpty();
    assertThat(pve.cluster().status()).isNotEmpty();
  }

  @Test
  void downloadTemplate_putsItOnStorage() {
    String name = pve.node("pve").aplinfo().stream().map(t -> t.template())
        .filter(t -> t.startsWith("alpine")).findFirst().orElseThrow();
    pve.node("pve").downloadTemplate("local", name).await(WAIT);
    assertThat(pve.node("pve").storage("local").content("vztmpl", null)).extracting(StorageContent::volid)
        .contains("local:vztmpl/" + name);
  }

  @Test
  void containerLifecycle_createStartConfigSnapshotStopDelete() {
    int vmid = pve.cluster().nextId();
    NodeApi node = pve.node("pve");
    TaskStatus created = node.createLxc(ct(vmid).build()).await(WAIT);
    assertThat(created.succeeded()).isTrue();
    LxcApi lxc = node.lxc(vmid);

    lxc.start().await(WAIT);
    assertThat(lxc.status().running()).isTrue();
    List<ClusterResource> vms = pve.cluster().resources(ResourceType.VM);
    assertThat(vms).anySatisfy(r -> {
      assertThat(r.vmid()).isEqualTo(vmid);
      assertThat(r.tags().contains("proximity")).isTrue();
    });

    var config = lxc.config();
    assertThat(config.unprivileged()).isTrue();
    lxc.updateConfig(LxcConfigUpdate.builder().memoryMiB(1024).digest(config.digest()).build());
    assertThat(lxc.config().memoryMiB()).isEqualTo(1024);
    lxc.resize("rootfs", "+1G").await(WAIT);

    lxc.createSnapshot("snap1", "before").await(WAIT);
    assertThat(lxc.snapshots()).extracting(s -> s.name()).contains("snap1");
    lxc.deleteSnapshot("snap1").await(WAIT);

    lxc.shutdown(Duration.ofSeconds(10), true).await(WAIT);
    assertThat(lxc.status().running()).isFalse();
    lxc.delete(true, false).await(WAIT);
    assertThatThrownBy(lxc::status).isInstanceOfSatisfying(PveApiException.class,
        e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void templateConversion_returnsWithoutUpid_thenLinkedClone() {
    int vmid = pve.cluster().nextId();
    pve.node("pve").createLxc(ct(vmid).build()).await(WAIT);
    LxcApi lxc = pve.node("pve").lxc(vmid);

    lxc.convertToTemplate();
    List<?> tasks = pve.node("pve").tasks().list(vmid, "vztemplate", 10);
    assertThat(tasks).isNotEmpty();
    pve.node("pve").tasks().task(((dev.proximity.pve.model.TaskSummary) tasks.get(0)).upid()).await(WAIT);
    assertThat(lxc.config().template()).isTrue();

    int clone = pve.cluster().nextId();
    lxc.cloneTo(CloneRequest.full(clone).withHostname("copy")).await(WAIT);
    assertThat(pve.node("pve").lxc(clone).config().hostname()).contains("copy");
  }

  @Test
  void secondCreateWithSameId_failsAsAlreadyExists() {
    int vmid = pve.cluster().nextId();
    pve.node("pve").createLxc(ct(vmid).build()).await(WAIT);
    assertThatThrownBy(() -> pve.node("pve").createLxc(ct(vmid).build()).await(WAIT))
        .satisfies(e -> assertThat(e.getMessage()).contains("already exists"));
    assertThat(pve.cluster().isVmidFree(vmid)).isFalse();
  }

  @Test
  void backupPruneAndBackupJobs() {
    int vmid = pve.cluster().nextId();
    pve.node("pve").createLxc(ct(vmid).build()).await(WAIT);
    pve.node("pve").vzdump(VzdumpRequest.of(vmid, "local")).await(WAIT);
    pve.node("pve").vzdump(VzdumpRequest.of(vmid, "local")).await(WAIT);
    List<StorageContent> backups = pve.node("pve").storage("local").content("backup", vmid);
    assertThat(backups).hasSizeGreaterThanOrEqualTo(1);

    assertThat(pve.node("pve").storage("local").prunePreview(PruneBackups.keepLast(1), vmid)).isNotEmpty();
    pve.node("pve").storage("local").pruneBackups(PruneBackups.keepLast(1), vmid).await(WAIT);
    assertThat(pve.node("pve").storage("local").content("backup", vmid)).hasSize(1);

    BackupJobRequest job = BackupJobRequest.of("02:00", "local", List.of(vmid)).withId("proximity" + vmid);
    pve.cluster().backupJobs().create(job);
    assertThat(pve.cluster().backupJobs().find(job.id())).isPresent();
    pve.cluster().backupJobs().update(job.withEnabled(false));
    assertThat(pve.cluster().backupJobs().find(job.id()).orElseThrow().isEnabled()).isFalse();
    pve.cluster().backupJobs().delete(job.id());
    assertThat(pve.cluster().backupJobs().find(job.id())).isEmpty();
  }

  @Test
  void taskLog_pagesThroughWholeLog() {
    int vmid = pve.cluster().nextId();
    Task task = pve.node("pve").createLxc(ct(vmid).build());
    task.await(WAIT);
    List<String> all = task.fullLog();
    assertThat(all).isNotEmpty();
    assertThat(all.get(all.size() - 1)).contains("TASK OK");
    assertThat(task.log(0, 1).total()).isEqualTo(all.size());
  }
}
