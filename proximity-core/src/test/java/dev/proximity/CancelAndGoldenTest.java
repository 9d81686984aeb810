package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.support.SimFixture;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancelAndGoldenTest {
  private SimFixture f;

  @BeforeEach
  void setUp() {
    f = new SimFixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void startAsync_cancelledMidway_stopsAtTheNextStepAndRollsBack() throws Exception {
    AtomicReference<CompletableFuture<App>> future = new AtomicReference<>();
    CountDownLatch created = new CountDownLatch(1);
    CountDownLatch rolledBack = new CountDownLatch(1);
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch submitted = new CountDownLatch(1);
    DeploySpec spec = f.px.deploy("hello").named("cancelled").onProgress(e -> {
      events.add(e);
      if (e.step() == DeployStep.START) {
        created.countDown();
        await(submitted);
        future.get().cancel(true); // from the pipeline's own thread, like a UI reacting to events
      }
      if (e.step() == DeployStep.ROLLBACK && e.message().equals("rolled back")) {
        rolledBack.countDown();
      }
    });
    future.set(spec.startAsync());
    submitted.countDown();
    assertThat(created.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(rolledBack.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(future.get().isCancelled()).isTrue();
    assertThatThrownBy(() -> future.get().join()).isInstanceOf(CancellationException.class);
    assertThat(events).extracting(ProgressEvent::step).doesNotContain(DeployStep.NETWORK,
        DeployStep.DONE);
    assertThat(f.sim.containers()).isEmpty();
    assertThat(f.sim.locks()).isEmpty();
    // the name is free again
    assertThat(f.px.deploy("hello").named("cancelled").start().name()).isEqualTo("cancelled");
  }

  @Test
  void prepareGolden_makesDeploysCloneIt_withoutInstallingDocker() {
    GoldenTemplate golden = f.px.templates().prepareGolden("pve1");
    assertThat(golden.node()).isEqualTo("pve1");
    assertThat(f.sim.container(golden.vmid()).orElseThrow().template()).isTrue();
    assertThat(f.sim.container(golden.vmid()).orElseThrow().config().get("tags"))
        .contains("proximity-golden");
    assertThat(f.px.templates().golden("pve1")).contains(golden);
    assertThat(f.px.templates().golden("pve2")).isEmpty();
    assertThat(f.px.apps()).isEmpty();

    DeployPlan plan = f.px.deploy("hello").onNode("pve1").plan();
    assertThat(plan.templateAction()).isEqualTo(DeployPlan.TemplateAction.CLONE_GOLDEN);
    assertThat(plan.steps()).doesNotContain(DeployStep.INSTALL_DOCKER);

    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    App app = f.px.deploy("hello").onNode("pve1").withResources(r -> r.diskGb(6))
        .onProgress(events::add).start();
    assertThat(events).extracting(ProgressEvent::step).doesNotContain(DeployStep.INSTALL_DOCKER);
    assertThat(f.sim.container(app.vmid()).orElseThrow().config().get("rootfs"))
        .contains("size=6G");
    assertThat(f.sim.container(app.vmid()).orElseThrow().config().get("tags"))
        .contains("proximity").doesNotContain("golden");
    // local-lvm is lvmthin: the app is a linked clone of the template's base volume
    assertThat(f.sim.container(app.vmid()).orElseThrow().config().get("rootfs"))
        .contains("base-" + golden.vmid());

    // While a linked clone uses it, the old template stays (unused) after a refresh.
    GoldenTemplate refreshed = f.px.templates().prepareGolden("pve1");
    assertThat(refreshed.vmid()).isNotEqualTo(golden.vmid());
    assertThat(f.px.templates().golden("pve1")).contains(refreshed);
    assertThat(f.sim.container(golden.vmid())).isPresent();
    f.px.app(app.name()).delete(DeleteOption.FORCE);
    GoldenTemplate third = f.px.templates().prepareGolden("pve1");
    assertThat(f.sim.container(golden.vmid())).isEmpty();
    assertThat(f.sim.container(refreshed.vmid())).isEmpty();
    assertThat(f.px.templates().list()).containsExactly(third);

    assertThatThrownBy(() -> f.px.templates().prepareGolden("nope"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void checkPrivileges_reportsWhatIsMissing() {
    assertThat(f.px.checkPrivileges().allGranted()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
