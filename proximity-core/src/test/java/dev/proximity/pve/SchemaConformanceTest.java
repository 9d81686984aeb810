package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.BackupMode;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcConfigUpdate;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.RrdTimeframe;
import dev.proximity.pve.model.Tags;
import dev.proximity.pve.model.VzdumpRequest;
import dev.proximity.testkit.PveSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every request the client can build is accepted by the official PVE 9.1 API schema (the testkit's
 * copy and validator): each call is sent to a catch-all WireMock, then each recorded request is validated.
 */
class SchemaConformanceTest extends WireTestSupport {
  static final String UPID = "UPID:pve:0000A1B2:0012C3D4:6760A5B0:vzcreate:105:root@pam!sdk:";
  static final String TEMPLATE = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";

  private static void swallow(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException expectedForPlaceholderAnswers) {
      // only the request matters here; placeholder answers may not decode
    }
  }

  private void everyCall(PveClient c) {
    NodeApi node = c.node("pve");
    LxcApi lxc = node.lxc(105);
    StorageApi local = node.storage("local");
    Net fullNet = new Net("eth1", "vmbr1", "10.0.0.5/24", "10.0.0.1", "fd00::5/64", "fd00::1", true,
        "BC:24:11:00:00:01", 20, 1450, "12.5");
    Features allFeatures = new Features(true, true, true, true, "nfs;cifs", false);
    PruneBackups allKeep = new PruneBackups(null, 3, 24, 7, 4, 12, 2);
    swallow(c::version);
    swallow(c::nodes);
    swallow(() -> c.cluster().status());
    swallow(() -> c.cluster().resources());
    for (ResourceType t : ResourceType.values()) {
      swallow(() -> c.cluster().resources(t));
    }
    swallow(() -> c.cluster().nextId());
    swallow(() -> c.cluster().isVmidFree(105));
    swallow(() -> c.cluster().tasks());
    BackupJobRequest job = BackupJobRequest.of("sun 03:00", "local", List.of(105, 106)).withId("proximity1")
        .withPruneBackups(allKeep).withComment("nightly, all apps");
    BackupJobRequest allJob = new BackupJobRequest(null, "02:00", List.of(), true, null, "local", BackupMode.STOP,
        "gzip",
        PruneBackups.keepLast(1), false, null, "{{guestname}}");
    swallow(() -> c.cluster().backupJobs().list());
    swallow(() -> c.cluster().backupJobs().find("proximity1"));
    swallow(() -> c.cluster().backupJobs().create(job));
    swallow(() -> c.cluster().backupJobs().create(allJob));
    swallow(() -> c.cluster().backupJobs().update(job.withEnabled(false)));
    BackupJobRequest poolJob = BackupJobRequest.ofPool("02:00", "local", "proximity").withId("proximity2")
        .withPruneBackups(PruneBackups.keepLast(3));
    swallow(() -> c.cluster().backupJobs().create(poolJob));
    swallow(() -> c.cluster().backupJobs().update(poolJob));
    swallow(() -> c.pools().list());
    swallow(() -> c.pools().find("proximity"));
    swallow(() -> c.pools().create("proximity", "Proximity apps"));
    swallow(() -> c.pools().addGuests("proximity", List.of(105, 106), false));
    swallow(() -> c.pools().addGuests("proximity", List.of(107), true));
    swallow(() -> c.pools().delete("proximity"));
    swallow(() -> c.cluster().backupJobs().delete("proximity1"));
    swallow(() -> c.access().permissions());
    swallow(node::status);
    swallow(node::network);
    swallow(node::storages);
    swallow(node::aplinfo);
    swallow(() -> node.downloadTemplate("local", "debian-12-standard_12.7-1_amd64.tar.zst"));
    swallow(node::lxcs);
    swallow(() -> node.createLxc(LxcCreateRequest.builder().vmid(105).ostemplate(TEMPLATE).hostname("web-1")
        .unprivileged(true).features(allFeatures).net(0, Net.dhcp("vmbr0")).net(31, fullNet)
        .rootfs(new RootFs("local-lvm:8", null, true, false, "noatime")).cores(2).memoryMiB(2048).swapMiB(512)
        .password("s3cret-pass").sshPublicKeys("ssh-ed25519 AAAA a@b\nssh-ed25519 BBBB c@d")
        .tags(Tags.of("proximity", "web")).description("proximity manifest\n{\"app\":\"nginx\"}")
        .start(true).onboot(true).pool("apps").storage("local-lvm").nameserver("10.0.0.1")
        .searchdomain("example.org").timezone("Europe/Berlin").build()));
    swallow(() -> node.createLxc(b -> b.vmid(106).ostemplate("local:backup/vzdump-lxc-105-2026_01_01-02_00_00.tar.zst")
        .storage("local-lvm").restore(true, true)));
    swallow(() -> node.vzdump(VzdumpRequest.of(105, "local").withMode(BackupMode.SUSPEND).withPruneBackups(allKeep)
        .withNotes("{{guestname}} on {{node}}").protectedBackup()));
    swallow(() -> node.vzdump(new VzdumpRequest(105, null, BackupMode.STOP, "0", null, null, false)));
    swallow(() -> node.tasks().list());
    swallow(() -> node.tasks().list(105, "vztemplate", 10));
    swallow(local::status);
    swallow(local::content);
    swallow(() -> local.content("backup", 105));
    swallow(() -> local.deleteContent(TEMPLATE));
    swallow(() -> local.prunePreview(new PruneBackups(true, null, null, null, null, null, null), null));
    swallow(() -> local.pruneBackups(allKeep, 105));
    swallow(lxc::config);
    swallow(() -> lxc.updateConfig(LxcConfigUpdate.builder().hostname("web-2").cores(4).memoryMiB(4096)
        .swapMiB(0).net(1, fullNet).features(Features.nestingOnly()).tags(Tags.of("proximity"))
        .description("d").onboot(false).delete("mp0").delete("net2").digest("0123456789abcdef").build()));
    swallow(lxc::status);
    swallow(lxc::start);
    swallow(lxc::stop);
    swallow(() -> lxc.shutdown(Duration.ofSeconds(60), false));
    swallow(lxc::reboot);
    swallow(() -> lxc.resize("rootfs", "+2G"));
    swallow(() -> lxc.resize("mp0", "20G"));
    swallow(() -> lxc.delete(true, false));
    swallow(() -> lxc.delete(false, true));
    swallow(() -> lxc.cloneTo(CloneRequest.full(107).withHostname("copy").withDescription("clone")
        .withStorage("local-lvm").withSnapshot("snap1").onNode("pve2")));
    swallow(() -> lxc.cloneTo(CloneRequest.linked(108)));
    swallow(() -> lxc.cloneTo(CloneRequest.full(109).withPool("proximity")));
    swallow(lxc::convertToTemplate);
    swallow(lxc::snapshots);
    swallow(() -> lxc.createSnapshot("before_update", "pre-update state"));
    swallow(() -> lxc.createSnapshot("s2", null));
    swallow(() -> lxc.rollback("before_update", false));
    swallow(() -> lxc.deleteSnapshot("before_update"));
    swallow(lxc::interfaces);
    for (RrdTimeframe t : RrdTimeframe.values()) {
      swallow(() -> lxc.rrdData(t));
    }
    Task task = c.task(UPID);
    swallow(task::status);
    swallow(() -> task.log(0, 50));
    swallow(task::stop);
  }

  @Test
  void everyRequest_isAcceptedByTheSchema() {
    wm.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(data("\"" + UPID + "\""))));
    wm.stubFor(get(anyUrl()).atPriority(5).willReturn(okJson(data("null"))));
    wm.stubFor(post("/api2/json/access/ticket").atPriority(1).willReturn(okJson(data(
        "{\"username\":\"root@pam\",\"ticket\":\"PVE:root@pam:4EEC61E2::sig\",\"CSRFPreventionToken\":\"c\"}"))));

    everyCall(pve);
    TestClock clock = TestClock.fixed();
    try (PveClient withPassword = client(PveCredentials.password("root@pam", "pw"), clock)) {
      swallow(withPassword::version);
      clock.advance(Duration.ofMinutes(100));
      swallow(withPassword::version);
    }

    PveSchema schema = PveSchema.bundled();
    List<String> problems = new ArrayList<>();
    Set<String> endpoints = new LinkedHashSet<>();
    for (LoggedRequest r : wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))) {
      String method = r.getMethod().getName();
      String url = r.getUrl();
      String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
      String form = "GET".equals(method) || "DELETE".equals(method)
          ? (url.contains("?") ? url.substring(url.indexOf('?') + 1) : "") : r.getBodyAsString();
      List<PveSchema.Violation> v = schema.validate(method, path, decode(form));
      schema.match(method, path).ifPresent(m -> endpoints.add(method + " " + m.endpoint().pathTemplate()));
      if (!v.isEmpty()) {
        problems.add(method + " " + url + " " + r.getBodyAsString() + " -> " + v);
      }
    }

    assertThat(problems).isEmpty();
    assertThat(endpoints).hasSizeGreaterThanOrEqualTo(45);
  }

  @Test
  void validator_rejectsWhatProxmoxRejects() {
    PveSchema schema = PveSchema.bundled();
    assertThat(schema.validate("POST", "/api2/json/nodes/pve/lxc/105/status/start", decode("skiplock=true")))
        .isNotEmpty();
    assertThat(schema.validate("POST", "/api2/json/nodes/pve/lxc", decode("vmid=105&bogus=1"))).isNotEmpty();
    assertThat(schema.validate("POST", "/api2/json/nodes/pve/lxc",
        decode("vmid=105&ostemplate=local%3Avztmpl%2Fx.tar.zst&net0=bridge%3Dvmbr0"))).isNotEmpty();
  }

  static Map<String, List<String>> decode(String form) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return out;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }
}
