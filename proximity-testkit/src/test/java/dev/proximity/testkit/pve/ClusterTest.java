package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClusterTest extends SimTestBase {
  @Test
  void nodesAndResources_describeTheCluster() {
    startSim(builder().node("pve1", 8, 32L << 30).node("pve2", 4, 16L << 30));
    assertThat(api.get("/nodes").data()).hasSize(2);
    JsonNode st = api.get("/nodes/pve2/status").data();
    assertThat(st.get("cpuinfo").get("cpus").asInt()).isEqualTo(4);
    assertThat(st.get("memory").get("total").asLong()).isEqualTo(16L << 30);
    assertThat(api.get("/cluster/status").data().get(0).get("nodes").asInt()).isEqualTo(2);
    createOkOn("pve2", 101);
    JsonNode vms = api.get("/cluster/resources", "type", "vm").data();
    assertThat(vms).hasSize(1);
    assertThat(vms.get(0).get("id").asText()).isEqualTo("lxc/101");
    assertThat(vms.get(0).get("type").asText()).isEqualTo("lxc");
    assertThat(vms.get(0).get("node").asText()).isEqualTo("pve2");
    assertThat(api.get("/cluster/resources", "type", "node").data()).hasSize(2);
    assertThat(api.get("/cluster/resources", "type", "storage").data()).hasSize(4);
    assertThat(api.get("/cluster/resources").data()).hasSize(7);
    JsonNode net = api.get("/nodes/pve1/network", "type", "bridge").data();
    assertThat(net).hasSize(1);
    assertThat(net.get(0).get("iface").asText()).isEqualTo("vmbr0");
    SimClient.Resp unknown = api.get("/nodes/nope/status");
    assertThat(unknown.status()).isEqualTo(500);
    assertThat(unknown.message()).isEqualTo("no such cluster node 'nope'\n");
  }

  private void createOkOn(String node, int vmid) {
    SimClient.Resp r = create(api, node, vmid);
    assertThat(api.await(r.data().asText())).isEqualTo("OK");
  }

  @Test
  void nextid_isAStringAndChecksAGivenId() {
    startSim();
    SimClient.Resp next = api.get("/cluster/nextid");
    assertThat(next.data().isTextual()).isTrue();
    assertThat(next.data().asText()).isEqualTo("100");
    createOk(100);
    assertThat(api.get("/cluster/nextid").data().asText()).isEqualTo("101");
    assertThat(api.get("/cluster/nextid", "vmid", "250").data().asText()).isEqualTo("250");
    SimClient.Resp taken = api.get("/cluster/nextid", "vmid", "100");
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.message()).isEqualTo("Parameter verification failed.\n");
    assertThat(taken.body().get("errors").get("vmid").asText()).isEqualTo("VM 100 already exists");
  }

  @Test
  void nextid_race_sameIdForConcurrentCallers_secondCreateFails() throws Exception {
    startSim();
    int callers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        ids.add(pool.submit(() -> {
          go.await();
          return api.get("/cluster/nextid").data().asText();
        }));
      }
      go.countDown();
      List<String> got = new ArrayList<>();
      for (Future<String> f : ids) {
        got.add(f.get());
      }
      assertThat(got).containsOnly("100");
      CountDownLatch go2 = new CountDownLatch(1);
      List<Future<SimClient.Resp>> creates = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        creates.add(pool.submit(() -> {
          go2.await();
          return create(100);
        }));
      }
      go2.countDown();
      int ok = 0;
      int exists = 0;
      for (Future<SimClient.Resp> f : creates) {
        SimClient.Resp r = f.get();
        if (r.status() == 200) {
          ok++;
          assertThat(api.await(r.data().asText())).isEqualTo("OK");
        } else {
          assertThat(r.status()).isEqualTo(500);
          assertThat(r.message()).isEqualTo("CT 100 already exists on node 'pve'\n");
          exists++;
        }
      }
      assertThat(ok).isEqualTo(1);
      assertThat(exists).isEqualTo(callers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownPath_is501() {
    startSim();
    SimClient.Resp r = api.get("/nodes/pve/qemu");
    assertThat(r.status()).isEqualTo(501);
    assertThat(r.message()).isEqualTo("Method 'GET /nodes/pve/qemu' not implemented\n");
  }

  @Test
  void offlineNode_isShownOfflineAndUnreachable() {
    startSim(builder().node("pve1", 8, 32L << 30).node("pve2", 4, 16L << 30));
    createOkOn("pve2", 101);
    sim.nodeOnline("pve2", false);
    SimClient.Resp r = api.get("/nodes/pve2/lxc/101/status/current");
    assertThat(r.status()).isEqualTo(595);
    JsonNode vm = api.get("/cluster/resources", "type", "vm").data().get(0);
    assertThat(vm.get("status").asText()).isEqualTo("unknown");
    assertThat(vm.has("maxmem")).isFalse();
    JsonNode nodes = api.get("/cluster/resources", "type", "node").data();
    assertThat(nodes.findValuesAsText("status")).containsExactly("online", "offline");
    assertThat(api.get("/cluster/status").data().get(2).get("online").asInt()).isZero();
    sim.nodeOnline("pve2", true);
    assertThat(api.get("/nodes/pve2/lxc/101/status/current").status()).isEqualTo(200);
  }
}
