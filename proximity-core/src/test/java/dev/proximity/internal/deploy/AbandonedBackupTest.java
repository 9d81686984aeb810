package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.App;
import dev.proximity.support.SimFixture;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.TaskInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backup the SDK gives up on while vzdump runs. The cancel (an interrupt) reaches the thread
 * before the vzdump request: the request still goes out and its task is known; the stop the SDK
 * then sends fails, so the task runs to its end and writes its archive after the cancel. The
 * archive must not be left behind.
 */
class AbandonedBackupTest {
  private SimFixture f;
  private App web;

  @BeforeEach
  void setUp() {
    // vzdump: 20 simulated minutes at the fixture's time scale are 0.6 s
    f = new SimFixture(b -> b.taskDuration("vzdump", Duration.ofMinutes(20)), p -> {});
    web = f.px.deploy("hello").named("web").onNode("pve2").start();
  }

  @AfterEach
  void tearDown() {
    Thread.interrupted();
    f.close();
  }

  @Test
  void interruptedBackup_whoseTaskFinishesAnyway_leavesNoArchive() {
    int[] stopFailures = new int[20];
    Arrays.fill(stopFailures, 500);
    f.sim.faults(FaultPlan.builder().next("DELETE /nodes/{node}/tasks/{upid}", stopFailures)
        .build());
    PveClusterOps ops = new PveClusterOps(f.px.pve(), true);

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> ops.backup("pve2", web.vmid(), "local", "abandoned",
        Duration.ofMinutes(1)))
        .isInstanceOf(CancellationException.class);
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();

    assertThat(f.sim.tasks()).filteredOn(t -> t.type().equals("vzdump"))
        .as("the write went out although the thread was interrupted: its task is known")
        .singleElement()
        .satisfies(t -> assertThat(t.running()).isFalse())
        .extracting(TaskInfo::exitstatus).isEqualTo("OK");
    assertThat(ops.content("pve2", "local", "backup", web.vmid())).isEmpty();
    assertThat(f.sim.locks()).isEmpty();
  }
}
