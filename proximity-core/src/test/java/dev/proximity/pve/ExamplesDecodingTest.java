package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.LxcStatus;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.TaskSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every real response in src/test/resources/pve/examples decodes through the client. */
class ExamplesDecodingTest extends WireTestSupport {

  static String example(String name) {
    try (InputStream in = ExamplesDecodingTest.class.getResourceAsStream("/pve/examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void clusterResourcesLxc_decodes() {
    wm.stubFor(get(urlPathEqualTo("/api2/json/cluster/resources"))
        .willReturn(okJson(example("cluster-resources-lxc.json"))));

    List<ClusterResource> rows = pve.cluster().resources();

    assertThat(rows).hasSize(2);
    ClusterResource pbx = rows.get(0);
    assertThat(pbx.id()).isEqualTo("lxc/733");
    assertThat(pbx.isLxc()).isTrue();
    assertThat(pbx.vmid()).isEqualTo(733);
    assertThat(pbx.template()).isFalse();
    assertThat(pbx.maxMem()).isEqualTo(2147483648L);
    assertThat(pbx.cpu()).isBetween(0.0026, 0.0027);
    assertThat(rows.get(1).status()).isEqualTo("stopped");
  }

  @Test
  void lxcStatusCurrent_decodesCpusAsStringAndHa() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/100/status/current")
        .willReturn(okJson(example("lxc-status-current.json"))));

    LxcStatus s = pve.node("pve").lxc(100).status();

    assertThat(s.running()).isTrue();
    assertThat(s.cpus()).isEqualTo(1.0);
    assertThat(s.maxSwap()).isEqualTo(1073741824L);
    assertThat(s.ha().managed()).isTrue();
    assertThat(s.ha().state()).isEqualTo("started");
    assertThat(s.tags().values()).isEmpty();
  }

  @Test
  void nodeTasks_decodeWithOkAndErrorStatus() {
    wm.stubFor(get(urlPathEqualTo("/api2/json/nodes/iaclab-01-01/tasks"))
        .willReturn(okJson(example("nodes-node-tasks.json"))));

    List<TaskSummary> tasks = pve.node("iaclab-01-01").tasks().list();

    assertThat(tasks).hasSize(3);
    assertThat(tasks.get(0).status()).isEqualTo("OK");
    assertThat(tasks.get(1).status()).isEqualTo("command 'ifreload -a' failed: exit code 1");
    assertThat(tasks.get(0).endTime()).isEqualTo(1629092710L);
  }

  @Test
  void storageContentPbs_decodesExtraFields() {
    wm.stubFor(get(urlPathEqualTo("/api2/json/nodes/pve/storage/datastore/content"))
        .willReturn(okJson(example("storage-content-backups-pbs.json"))));

    List<StorageContent> items = pve.node("pve").storage("datastore").content("backup", 931);

    assertThat(items).hasSize(2);
    assertThat(items.get(0).volid()).isEqualTo("datastore:backup/vm/931/2023-12-14T04:34:34Z");
    assertThat(items.get(0).storage()).isEqualTo("datastore");
    assertThat(items.get(0).subtype()).isEqualTo("qemu");
    assertThat(items.get(0).ctime()).isEqualTo(1702528474L);
  }

  @Test
  void taskStatusRunning_decodesTokenFields() {
    String upid = "UPID:proxmox2:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:";
    wm.stubFor(get("/api2/json/nodes/proxmox2/tasks/" + upid + "/status")
        .willReturn(okJson(example("task-status-running.json"))));

    TaskStatus s = pve.task(upid).status();

    assertThat(s.running()).isTrue();
    assertThat(s.tokenId()).isEqualTo("api_token");
    assertThat(s.user()).isEqualTo("root@pam");
    assertThat(s.id()).isEqualTo("200");
    assertThat(s.pid()).isEqualTo(pve.task(upid).upid().pid());
  }

  @Test
  void error500Message_readFromBodyAndTrimmed() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/clone")
        .willReturn(aResponse().withStatus(500).withStatusMessage("can't migrate running container")
            .withBody(example("error-500-message.json"))));

    assertThatThrownBy(() -> pve.node("pve").lxc(101).cloneTo(CloneRequest.full(102)))
        .isInstanceOfSatisfying(PveApiException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.reason()).isEqualTo("can't migrate running container without --online or --restart");
          assertThat(e.getMessage()).contains("POST /nodes/pve/lxc/101/clone failed: HTTP 500");
        });
  }
}
