package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.RecordedRequest;
import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** 30 concurrent deploys over three nodes, from two SDK instances. */
class ConcurrentDeployTest {

  @Test
  void deploy_thirtyConcurrently_allSucceed_withTheTemplateDownloadedOncePerNode() {
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try (Cluster c = new Cluster(List.of("pve1", "pve2", "pve3"), b -> {},
        p -> p.executor(pool))) {
      List<CompletableFuture<App>> deploys = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        deploys.add(c.px.deploy("hello").named("web-" + i).startAsync());
      }
      List<App> apps = deploys.stream().map(CompletableFuture::join).toList();

      assertThat(apps).extracting(App::vmid).doesNotHaveDuplicates().hasSize(30);
      assertThat(apps).extracting(App::name).doesNotHaveDuplicates();
      Map<String, Long> perNode = apps.stream()
          .collect(Collectors.groupingBy(App::node, Collectors.counting()));
      assertThat(perNode.keySet()).containsExactlyInAnyOrder("pve1", "pve2", "pve3");

      List<RecordedRequest> downloads = c.pve.requests().stream()
          .filter(r -> r.method().equals("POST") && r.path().endsWith("/aplinfo"))
          .toList();
      assertThat(downloads).extracting(r -> r.path().replace("/api2/json", ""))
          .containsExactlyInAnyOrder(
          "/nodes/pve1/aplinfo", "/nodes/pve2/aplinfo", "/nodes/pve3/aplinfo");
      assertThat(c.px.apps()).hasSize(30);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deploy_fromTwoSdkInstances_survivesTheNextidRace() {
    ExecutorService pool = Executors.newFixedThreadPool(30);
    // Two SDK instances share no in-process vmid reservation, so their creates race on
    // /cluster/nextid ("CT N already exists") and the losers retry with a fresh id.
    try (Cluster c = new Cluster(List.of("pve1", "pve2"),
            b -> b.storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup")
                .template(PveSimulatorBuilder.DEFAULT_TEMPLATE).build()),
            p -> p.executor(pool));
        Proximity other = Proximity.builder().endpoint(c.pve.baseUri())
            .credentials(PveCredentials.password("root@pam", "proximity"))
            .trust(TlsTrust.pinnedSha256(c.pve.certificateSha256Fingerprint()))
            .hostShell(c.shells).catalog(c.px.catalog()).executor(pool).build()) {
      List<CompletableFuture<App>> deploys = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Proximity px = i % 2 == 0 ? c.px : other;
        deploys.add(px.deploy("hello").named("race-" + i).startAsync());
      }
      List<App> apps = deploys.stream().map(CompletableFuture::join).toList();
      assertThat(apps).extracting(App::vmid).doesNotHaveDuplicates().hasSize(30);
      assertThat(c.pve.containers()).hasSize(30);
    } finally {
      pool.shutdownNow();
    }
  }
}
