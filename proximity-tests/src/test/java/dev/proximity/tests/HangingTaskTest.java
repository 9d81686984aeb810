package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.DeployException;
import dev.proximity.DeployStep;
import dev.proximity.OperationTimeoutException;
import dev.proximity.testkit.ContainerInfo;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.TaskInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Proxmox task that never ends: the SDK gives up at the operation timeout, stops the task, rolls
 * back, and leaves neither a container nor a lock behind.
 */
class HangingTaskTest {

  @Test
  void deploy_whenCreateTaskHangs_failsWithTimeout_stopsTask_andLeavesNothing() {
    // generous, so that on a loaded machine the steps before the create always fit in it
    try (Cluster c = new Cluster(List.of("pve1"), b -> {},
        p -> p.operationTimeout(Duration.ofSeconds(15)))) {
      c.pve.faults(FaultPlan.builder().seed(1)
          .endpoint("POST /nodes/{node}/lxc", e -> e.hangingTasks(1.0))
          .build());

      assertThatThrownBy(() -> c.px.deploy("hello").named("stuck").start())
          .isInstanceOfSatisfying(DeployException.class, e -> {
            assertThat(e.step()).isEqualTo(DeployStep.CREATE);
            assertThat(e.rolledBack()).as("rolled back").isTrue();
          })
          .hasCauseInstanceOf(OperationTimeoutException.class)
          .hasMessageContaining("stuck");
      c.pve.faults(FaultPlan.none());

      List<TaskInfo> creates = c.pve.tasks().stream().filter(t -> t.type().equals("vzcreate"))
          .toList();
      assertThat(creates).as("the hanging create task").hasSize(1);
      assertThat(creates.get(0).running()).as("still running").isFalse();
      assertThat(creates.get(0).exitstatus()).isEqualTo("interrupted by signal");
      assertThat(c.pve.requests()).as("the SDK stopped it")
          .anyMatch(r -> r.method().equals("DELETE") && r.path().endsWith(creates.get(0).upid()));
      assertThat(c.pve.containers()).filteredOn(ci -> !ci.template())
          .extracting(ContainerInfo::vmid).as("containers left").isEmpty();
      assertThat(c.pve.locks()).as("locks left").isEmpty();
      assertThat(c.pve.activeTaskCount()).as("tasks still running").isZero();
      assertThat(c.ssh.hostFiles("pve1")).as("temp files").isEmpty();
    }
  }
}
