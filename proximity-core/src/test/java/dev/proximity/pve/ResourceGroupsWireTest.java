package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.LxcConfig;
import dev.proximity.pve.model.LxcConfigUpdate;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.RrdPoint;
import dev.proximity.pve.model.RrdTimeframe;
import dev.proximity.pve.model.TaskLogPage;
import dev.proximity.pve.model.VzdumpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceGroupsWireTest extends WireTestSupport {
  static final String UPID = "UPID:pve:0000A1B2:0012C3D4:6760A5B0:vzstart:105:root@pam!sdk:";
  static final String VOLID = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";

  private void upidAt(com.github.tomakehurst.wiremock.client.MappingBuilder m) {
    wm.stubFor(m.willReturn(okJson(data("\"" + UPID + "\""))));
  }

  @Test
  void nextId_sentAsJsonString_isParsed() {
    wm.stubFor(get("/api2/json/cluster/nextid").willReturn(okJson(data("\"101\""))));
    assertThat(pve.cluster().nextId()).isEqualTo(101);
  }

  @Test
  void nextId_sentAsNumber_isParsed() {
    wm.stubFor(get("/api2/json/cluster/nextid").willReturn(okJson(data("102"))));
    assertThat(pve.cluster().nextId()).isEqualTo(102);
  }

  @Test
  void isVmidFree_takenId_readsErrorsMap() {
    wm.stubFor(get("/api2/json/cluster/nextid?vmid=105").willReturn(aResponse().withStatus(400)
        .withStatusMessage("Parameter verification failed.")
        .withBody("{\"data\":null,\"errors\":{\"vmid\":\"VM 105 already exists\"},"
            + "\"message\":\"Parameter verification failed.\\n\"}")));
    wm.stubFor(get("/api2/json/cluster/nextid?vmid=106").willReturn(okJson(data("\"106\""))));
    assertThat(pve.cluster().isVmidFree(105)).isFalse();
    assertThat(pve.cluster().isVmidFree(106)).isTrue();
  }

  @Test
  void resources_typeFilter_inQuery() {
    wm.stubFor(get("/api2/json/cluster/resources?type=vm").willReturn(okJson(data("[]"))));
    assertThat(pve.cluster().resources(ResourceType.VM)).isEmpty();
  }

  @Test
  void convertToTemplate_answerNull_noUpidExpected() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/105/template").willReturn(okJson(data("null"))));
    pve.node("pve").lxc(105).convertToTemplate();
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/template")));
  }

  @Test
  void taskStartingCall_answerWithoutUpid_isAnError() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/105/status/start").willReturn(okJson(data("null"))));
    assertThatThrownBy(() -> pve.node("pve").lxc(105).start())
        .isInstanceOf(PveApiException.class).hasMessageContaining("expected a task id");
  }

  @Test
  void lifecycleCalls_sendExactPathsAndForms() {
    upidAt(post("/api2/json/nodes/pve/lxc/105/status/start"));
    upidAt(post("/api2/json/nodes/pve/lxc/105/status/stop"));
    upidAt(post("/api2/json/nodes/pve/lxc/105/status/shutdown"));
    upidAt(post("/api2/json/nodes/pve/lxc/105/status/reboot"));
    upidAt(put("/api2/json/nodes/pve/lxc/105/resize"));
    upidAt(post("/api2/json/nodes/pve/lxc/105/clone"));
    upidAt(delete("/api2/json/nodes/pve/lxc/105?purge=1&destroy-unreferenced-disks=1&force=1"));
    LxcApi lxc = pve.node("pve").lxc(105);

    lxc.start();
    lxc.stop();
    lxc.shutdown(Duration.ofSeconds(30), true);
    lxc.reboot();
    lxc.resize("rootfs", "+2G");
    lxc.cloneTo(CloneRequest.full(106).withHostname("copy").withStorage("local-lvm"));
    Task destroy = lxc.delete(true, true);

    assertThat(destroy.upid().text()).isEqualTo(UPID);
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/status/shutdown"))
        .withRequestBody(equalTo("timeout=30&forceStop=1")));
    wm.verify(putRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/resize"))
        .withRequestBody(equalTo("disk=rootfs&size=%2B2G")));
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/clone"))
        .withRequestBody(equalTo("newid=106&full=1&hostname=copy&storage=local-lvm")));
    wm.verify(deleteRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105?purge=1&destroy-unreferenced-disks=1&force=1"))
        .withHeader("Authorization", equalTo("PVEAPIToken=" + TOKEN_ID + "=" + TOKEN_SECRET)));
  }

  @Test
  void config_readAndUpdateWithDigest() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/105/config").willReturn(okJson(data(
        "{\"hostname\":\"web\",\"memory\":2048,\"cores\":2,\"unprivileged\":1,\"digest\":\"abc123\","
            + "\"net0\":\"name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth\","
            + "\"rootfs\":\"local-lvm:vm-105-disk-0,size=8G\",\"features\":\"keyctl=1,nesting=1\","
            + "\"tags\":\"proximity;web\"}"))));
    wm.stubFor(put("/api2/json/nodes/pve/lxc/105/config").willReturn(okJson(data("null"))));

    LxcConfig c = pve.node("pve").lxc(105).config();
    pve.node("pve").lxc(105).updateConfig(LxcConfigUpdate.builder().cores(4).memoryMiB(4096)
        .net(1, Net.staticIp("vmbr1", "10.0.0.5/24", "10.0.0.1")).delete("mp0").digest(c.digest()).build());

    assertThat(c.memoryMiB()).isEqualTo(2048);
    assertThat(c.cores()).contains(2);
    assertThat(c.unprivileged()).isTrue();
    assertThat(c.net(0).orElseThrow().bridge()).isEqualTo("vmbr0");
    assertThat(c.rootfs().orElseThrow().size()).isEqualTo("8G");
    assertThat(c.features().orElseThrow().keyctl()).isTrue();
    assertThat(c.tags().values()).containsExactly("proximity", "web");
    wm.verify(putRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/config")).withRequestBody(equalTo(
        "cores=4&memory=4096&net1=name%3Deth0%2Cbridge%3Dvmbr1%2Cip%3D10.0.0.5%2F24%2Cgw%3D10.0.0.1%2Cfirewall%3D1"
            + "&digest=abc123&delete=mp0")));
  }

  @Test
  void snapshots_createRollbackDelete() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/105/snapshot").willReturn(okJson(data(
        "[{\"name\":\"before-update\",\"description\":\"\",\"snaptime\":1767225600},"
            + "{\"name\":\"current\",\"description\":\"You are here!\",\"parent\":\"before-update\"}]"))));
    upidAt(post("/api2/json/nodes/pve/lxc/105/snapshot"));
    upidAt(post("/api2/json/nodes/pve/lxc/105/snapshot/before-update/rollback"));
    upidAt(delete("/api2/json/nodes/pve/lxc/105/snapshot/before-update"));
    LxcApi lxc = pve.node("pve").lxc(105);

    assertThat(lxc.snapshots()).extracting(s -> s.isCurrent()).containsExactly(false, true);
    lxc.createSnapshot("before-update", "pre update");
    lxc.rollback("before-update", true);
    lxc.deleteSnapshot("before-update");

    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/snapshot"))
        .withRequestBody(equalTo("snapname=before-update&description=pre%20update")));
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/105/snapshot/before-update/rollback"))
        .withRequestBody(equalTo("start=1")));
  }

  @Test
  void interfaces_nullWhenStopped_andAddressesWhenRunning() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/105/interfaces").willReturn(okJson(data(
        "[{\"name\":\"lo\",\"hwaddr\":\"00:00:00:00:00:00\",\"inet\":\"127.0.0.1/8\",\"ip-addresses\":"
            + "[{\"ip-address\":\"127.0.0.1\",\"ip-address-type\":\"inet\",\"prefix\":8}]},"
            + "{\"name\":\"eth0\",\"hwaddr\":\"bc:24:11:00:00:01\",\"inet\":\"10.0.0.5/24\",\"ip-addresses\":"
            + "[{\"ip-address\":\"10.0.0.5\",\"ip-address-type\":\"inet\",\"prefix\":24}]}]"))));
    wm.stubFor(get("/api2/json/nodes/pve/lxc/106/interfaces").willReturn(okJson(data("null"))));

    assertThat(pve.node("pve").lxc(105).interfaces().get(1).ipv4()).contains("10.0.0.5");
    assertThat(pve.node("pve").lxc(106).interfaces()).isEmpty();
  }

  @Test
  void rrdData_sendsTimeframeAndKeepsNumericMetrics() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/105/rrddata?timeframe=hour&cf=AVERAGE").willReturn(okJson(data(
        "[{\"time\":1767225600,\"cpu\":0.05,\"mem\":\"1024\",\"maxmem\":2048},{\"time\":1767225660}]"))));

    List<RrdPoint> points = pve.node("pve").lxc(105).rrdData(RrdTimeframe.HOUR);

    assertThat(points).hasSize(2);
    assertThat(points.get(0).value("mem")).hasValue(1024.0);
    assertThat(points.get(1).value("cpu")).isEmpty();
  }

  @Test
  void storage_deleteContent_encodesVolidInPath() {
    upidAt(delete("/api2/json/nodes/pve/storage/local/content/local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst"));
    assertThat(pve.node("pve").storage("local").deleteContent(VOLID)).isPresent();
  }

  @Test
  void templates_aplinfoAndDownload() {
    wm.stubFor(get("/api2/json/nodes/pve/aplinfo").willReturn(okJson(data(
        "[{\"template\":\"debian-12-standard_12.7-1_amd64.tar.zst\",\"package\":\"debian-12-standard\","
            + "\"section\":\"system\",\"type\":\"lxc\",\"os\":\"debian-12\",\"version\":\"12.7-1\"}]"))));
    upidAt(post("/api2/json/nodes/pve/aplinfo"));

    assertThat(pve.node("pve").aplinfo().get(0).packageName()).isEqualTo("debian-12-standard");
    pve.node("pve").downloadTemplate("local", "debian-12-standard_12.7-1_amd64.tar.zst");

    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/aplinfo"))
        .withRequestBody(equalTo("storage=local&template=debian-12-standard_12.7-1_amd64.tar.zst")));
  }

  @Test
  void vzdumpAndPrune_sendPropertyStrings() {
    upidAt(post("/api2/json/nodes/pve/vzdump"));
    upidAt(delete("/api2/json/nodes/pve/storage/local/prunebackups?prune-backups=keep-last%3D3&type=lxc&vmid=105"));

    pve.node("pve").vzdump(VzdumpRequest.of(105, "local").withPruneBackups(PruneBackups.keepLast(3))
        .withNotes("{{guestname}}"));
    pve.node("pve").storage("local").pruneBackups(PruneBackups.keepLast(3), 105);

    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/vzdump")).withRequestBody(equalTo(
        "vmid=105&storage=local&mode=snapshot&compress=zstd&prune-backups=keep-last%3D3"
            + "&notes-template=%7B%7Bguestname%7D%7D")));
  }

  @Test
  void backupJobs_crud() {
    wm.stubFor(post("/api2/json/cluster/backup").willReturn(okJson(data("null"))));
    wm.stubFor(put("/api2/json/cluster/backup/proximity-daily").willReturn(okJson(data("null"))));
    wm.stubFor(delete("/api2/json/cluster/backup/proximity-daily").willReturn(okJson(data("null"))));
    wm.stubFor(get("/api2/json/cluster/backup").willReturn(okJson(data(
        "[{\"id\":\"proximity-daily\",\"schedule\":\"02:00\",\"vmid\":\"105\",\"enabled\":1}]"))));
    wm.stubFor(get("/api2/json/cluster/backup/missing").willReturn(aResponse().withStatus(500)
        .withBody("{\"data\":null,\"message\":\"job 'missing' does not exist\\n\"}")));
    BackupJobRequest job = BackupJobRequest.of("02:00", "local", List.of(105)).withId("proximity-daily");

    pve.cluster().backupJobs().create(job);
    pve.cluster().backupJobs().update(job.withEnabled(false));
    assertThat(pve.cluster().backupJobs().list()).singleElement()
        .satisfies(j -> assertThat(j.schedule()).isEqualTo("02:00"));
    assertThat(pve.cluster().backupJobs().find("missing")).isEmpty();
    pve.cluster().backupJobs().delete("proximity-daily");

    wm.verify(postRequestedFor(urlEqualTo("/api2/json/cluster/backup")).withRequestBody(equalTo(
        "id=proximity-daily&schedule=02%3A00&vmid=105&storage=local&mode=snapshot&compress=zstd&enabled=1")));
    wm.verify(putRequestedFor(urlEqualTo("/api2/json/cluster/backup/proximity-daily")).withRequestBody(equalTo(
        "schedule=02%3A00&vmid=105&storage=local&mode=snapshot&compress=zstd&enabled=0&delete=all%2Cpool")));
    wm.verify(deleteRequestedFor(urlEqualTo("/api2/json/cluster/backup/proximity-daily")));
  }

  @Test
  void taskLog_pagesWithStartAndLimit_andTotal() {
    String base = "/api2/json/nodes/pve/tasks/" + UPID + "/log";
    wm.stubFor(get(base + "?start=0&limit=2").willReturn(okJson(
        "{\"data\":[{\"n\":1,\"t\":\"starting\"},{\"n\":2,\"t\":\"working\"}],\"total\":3}")));
    wm.stubFor(get(base + "?start=2&limit=2").willReturn(okJson(
        "{\"data\":[{\"n\":3,\"t\":\"TASK OK\"}],\"total\":3}")));
    Task task = pve.task(UPID);

    TaskLogPage first = task.log(0, 2);
    TaskLogPage second = task.log(first.nextStart(0), 2);

    assertThat(first.total()).isEqualTo(3);
    assertThat(first.nextStart(0)).isEqualTo(2);
    assertThat(second.lines()).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo("TASK OK"));
  }

  @Test
  void taskStop_deletesByUpidPath() {
    wm.stubFor(delete("/api2/json/nodes/pve/tasks/" + UPID).willReturn(okJson(data("null"))));
    pve.task(UPID).stop();
    wm.verify(exactly(1), deleteRequestedFor(urlEqualTo("/api2/json/nodes/pve/tasks/" + UPID)));
  }

  @Test
  void nodesAndNodeStatus_decode() {
    wm.stubFor(get("/api2/json/nodes").willReturn(okJson(data(
        "[{\"node\":\"pve\",\"status\":\"online\",\"maxcpu\":8,\"maxmem\":34359738368,\"ssl_fingerprint\":\"AB:CD\"}]"))));
    wm.stubFor(get("/api2/json/nodes/pve/status").willReturn(okJson(data(
        "{\"cpu\":0.1,\"uptime\":100,\"pveversion\":\"pve-manager/9.1.1\",\"loadavg\":[\"0.1\",\"0.2\",\"0.3\"],"
            + "\"memory\":{\"total\":100,\"used\":40,\"free\":60},\"rootfs\":{\"total\":10,\"used\":1,\"free\":9,"
            + "\"avail\":9},\"cpuinfo\":{\"model\":\"x\",\"cpus\":8,\"sockets\":1,\"cores\":8}}"))));
    wm.stubFor(get("/api2/json/nodes/pve/network").willReturn(okJson(data(
        "[{\"iface\":\"vmbr0\",\"type\":\"bridge\",\"active\":1,\"autostart\":1,\"bridge_ports\":\"eno1\"}]"))));
    wm.stubFor(get("/api2/json/nodes/pve/storage").willReturn(okJson(data(
        "[{\"storage\":\"local\",\"type\":\"dir\",\"content\":\"vztmpl,iso,backup\",\"active\":1,\"enabled\":1,"
            + "\"shared\":0,\"total\":100,\"used\":10,\"avail\":90}]"))));
    wm.stubFor(get("/api2/json/cluster/status").willReturn(okJson(data(
        "[{\"type\":\"cluster\",\"id\":\"cluster\",\"name\":\"c\",\"quorate\":1,\"nodes\":1},"
            + "{\"type\":\"node\",\"id\":\"node/pve\",\"name\":\"pve\",\"online\":1,\"local\":1,\"ip\":\"10.0.0.2\"}]"))));

    assertThat(pve.nodes().get(0).online()).isTrue();
    assertThat(pve.node("pve").status().memory().used()).isEqualTo(40);
    assertThat(pve.node("pve").network().get(0).isBridge()).isTrue();
    assertThat(pve.node("pve").storages().get(0).supports("vztmpl")).isTrue();
    assertThat(pve.cluster().status()).extracting(s -> s.type()).containsExactly("cluster", "node");
    wm.verify(getRequestedFor(urlEqualTo("/api2/json/nodes")));
  }
}
