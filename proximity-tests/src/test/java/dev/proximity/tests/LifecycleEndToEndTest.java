package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppStatus;
import dev.proximity.AppSummary;
import dev.proximity.Backup;
import dev.proximity.DeleteOption;
import dev.proximity.DeployException;
import dev.proximity.DeployStep;
import dev.proximity.InvalidRequestException;
import dev.proximity.LogStream;
import dev.proximity.audit.AuditEvent;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandRefusedException;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.testkit.ssh.SimFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app lifecycle over the real SSH layer and the SSH host simulator, across two nodes. */
class LifecycleEndToEndTest {
  private static final List<AuditEvent> AUDIT = new CopyOnWriteArrayList<>();
  private static Cluster c;

  @BeforeAll
  static void start() {
    c = new Cluster(List.of("pve1", "pve2"), b -> {}, p -> p.auditSink(AUDIT::add));
  }

  @AfterAll
  static void stop() {
    c.close();
  }

  @Test
  void safeCommandsAndLogs_runInsideTheApp_andAreAudited() {
    App app = c.px.deploy("hello").named("diag").onNode("pve2").start();
    AppHandle h = c.px.app("diag");
    SafeCommandResult disk = h.run(SafeCommand.parse("disk", Map.of()));
    assertThat(disk.ok()).isTrue();
    SafeCommandResult status = h.run("status", Map.of(), "alice");
    assertThat(status.ok()).isTrue();
    assertThatThrownBy(() -> h.run("rm", Map.of(), "mallory"))
        .isInstanceOf(SafeCommandRefusedException.class);
    assertThat(AUDIT).extracting(AuditEvent::outcome).contains(AuditEvent.Outcome.ALLOWED,
        AuditEvent.Outcome.REFUSED);
    assertThat(AUDIT).anyMatch(e -> "alice".equals(e.actor()) && e.vmid() == app.vmid());

    assertThat(h.logs(20)).isNotNull();
    List<String> lines = new CopyOnWriteArrayList<>();
    c.ssh.appendLog("pve2", app.vmid(), "web", "hello from the log");
    try (LogStream s = h.followLogs(10, lines::add)) {
      s.await(Duration.ofMillis(200));
    }
    assertThat(c.ssh.containerCommands()).anyMatch(argv -> argv.contains("--follow"));
  }

  @Test
  void backupRestoreCloneResizeDelete_workAcrossNodes() {
    App app = c.px.deploy("hello").named("life").onNode("pve1").start();
    AppHandle h = c.px.app("life");
    h.stop();
    assertThat(h.status()).isEqualTo(AppStatus.STOPPED);
    h.start();
    assertThat(h.services()).isNotEmpty();

    Backup b = h.backup("before changes");
    assertThat(h.backups()).extracting(Backup::volid).contains(b.volid());
    App copy = h.restoreAs(b.volid(), "life-copy");
    assertThat(copy.status()).isEqualTo(AppStatus.RUNNING);
    App restored = h.restore(b.volid());
    assertThat(restored.vmid()).isEqualTo(app.vmid());

    App clone = h.clone("life-clone");
    assertThat(clone.node()).isEqualTo("pve1");
    assertThat(clone.status()).isEqualTo(AppStatus.RUNNING);
    assertThatThrownBy(() -> h.clone("life-copy")).isInstanceOf(InvalidRequestException.class);

    App bigger = h.resize(r -> r.memoryMb(1024).diskGb(10));
    assertThat(bigger.usage().maxMemoryBytes()).isEqualTo(1024L << 20);
    assertThatThrownBy(() -> h.resize(r -> r.diskGb(1)))
        .isInstanceOf(InvalidRequestException.class);

    assertThatThrownBy(h::delete).isInstanceOf(InvalidRequestException.class);
    h.delete(DeleteOption.FORCE, DeleteOption.WITH_BACKUPS);
    c.px.app("life-copy").delete(DeleteOption.FORCE);
    c.px.app("life-clone").delete(DeleteOption.FORCE);
    assertThat(c.px.apps()).extracting(AppSummary::name).doesNotContain("life", "life-copy",
        "life-clone");
    assertThatThrownBy(() -> h.restore(b.volid())).isInstanceOf(
        dev.proximity.AppNotFoundException.class);
  }

  @Test
  void deploy_whenRuncHitsTheAppArmorRegression_reportsTheHint_andLeavesNothing() {
    c.ssh.addFault(SimFault.exit(SimFault.argvContains("compose", "up"), 1,
        "Error response from daemon: failed to create task for container: failed to create shim"
            + " task: OCI runtime create failed: runc create failed: unable to start container"
            + " process: error during container init: open sysctl"
            + " net.ipv4.ip_unprivileged_port_start file: reopen fd 8: permission denied"));
    try {
      assertThatThrownBy(() -> c.px.deploy("hello").named("apparmor").start())
          .isInstanceOfSatisfying(DeployException.class, e -> {
            assertThat(e.step()).isEqualTo(DeployStep.COMPOSE_UP);
            assertThat(e.rolledBack()).isTrue();
            assertThat(e.hint()).get().asString().contains("runc/AppArmor");
            assertThat(e.remoteLogTail()).anyMatch(l -> l.contains("permission denied"));
          });
    } finally {
      c.ssh.clearFaults();
    }
    assertThat(c.px.findApp("apparmor")).isEmpty();
    assertThat(c.pve.locks()).isEmpty();
  }
}
