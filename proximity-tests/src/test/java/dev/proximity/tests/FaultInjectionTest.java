package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppSummary;
import dev.proximity.ProximityException;
import dev.proximity.testkit.ContainerInfo;
import dev.proximity.testkit.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 100 deploys under 5xx answers, dropped connections and failing tasks: each one succeeds or fails
 * with a typed error, and nothing of a failed deploy is left behind.
 */
class FaultInjectionTest {

  @Test
  void deploy_hundredUnderFaults_succeedOrFailTyped_andLeaveNothingBehind() {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try (Cluster c = new Cluster(List.of("pve1", "pve2", "pve3"), b -> {},
        p -> p.executor(pool))) {
      c.pve.faults(FaultPlan.builder().seed(5)
          .serverErrors(0.03)
          .drops(0.02)
          .taskFailures(0.05)
          .build());
      List<CompletableFuture<App>> deploys = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        deploys.add(c.px.deploy("hello").named("f-" + i).startAsync());
      }
      List<App> succeeded = new ArrayList<>();
      List<Throwable> failed = new ArrayList<>();
      for (CompletableFuture<App> d : deploys) {
        try {
          succeeded.add(d.join());
        } catch (CompletionException e) {
          failed.add(e.getCause());
        }
      }
      c.pve.faults(FaultPlan.none());

      assertThat(succeeded.size() + failed.size()).isEqualTo(100);
      assertThat(succeeded).as("some deploys get through the faults").isNotEmpty();
      assertThat(failed).as("the fault rates are high enough to fail some").isNotEmpty();
      assertThat(failed).allSatisfy(t -> assertThat(t).isInstanceOf(ProximityException.class));
      assertThat(succeeded).extracting(App::vmid).doesNotHaveDuplicates();

      Set<Integer> appVmids = succeeded.stream().map(App::vmid).collect(Collectors.toSet());
      assertThat(c.pve.containers()).extracting(ContainerInfo::vmid)
          .containsExactlyInAnyOrderElementsOf(appVmids);
      assertThat(c.pve.locks()).isEmpty();
      for (String node : List.of("pve1", "pve2", "pve3")) {
        assertThat(c.ssh.hostFiles(node)).as("temp files on " + node).isEmpty();
      }
      assertThat(c.px.apps()).extracting(AppSummary::name).containsExactlyInAnyOrderElementsOf(
          succeeded.stream().map(App::name).toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
