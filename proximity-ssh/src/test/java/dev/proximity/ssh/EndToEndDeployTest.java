package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppStatus;
import dev.proximity.Proximity;
import dev.proximity.audit.AuditEvent;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.internal.deploy.Secrets;
import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.Task;
import dev.proximity.pve.TlsTrust;
import dev.proximity.support.TinyCatalog;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole chain: the Proximity facade deploys through SshHostShells (sshj) into the SSH host
 * simulator, whose containers are the Proxmox simulator's; then safe commands read the result.
 */
class EndToEndDeployTest {
  private PveSimulator pve;
  private SshHostSimulator ssh;
  private SshHostShells shells;
  private Proximity px;

  @BeforeEach
  void start() throws Exception {
    pve = PveSimulator.builder()
        .node("pve1", 8, 16L << 30)
        .node("pve2", 8, 8L << 30)
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup").build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images")
            .build())
        .timeScale(0.0005).seed(7).start();
    ssh = SshHostSimulator.builder().directory(pve).node("pve1").node("pve2")
        .authorizedKey(Files.readString(SshHostShellsTest.KEYS.resolve("id_ed25519.pub")))
        .healthyAfterPolls(2).start();
    shells = SshHostShells.builder()
        .node("pve1", ssh.host(), ssh.portFor("pve1"))
        .node("pve2", ssh.host(), ssh.portFor("pve2"))
        .auth(SshAuth.privateKey(SshHostShellsTest.KEYS.resolve("id_ed25519")))
        .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()))
        .build();
    px = Proximity.builder()
        .endpoint(pve.baseUri())
        .credentials(PveCredentials.password("root@pam", "proximity"))
        .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
        .hostShell(shells)
        .catalog(new TinyCatalog())
        .operationTimeout(Duration.ofMinutes(2))
        .build();
  }

  @AfterEach
  void stop() {
    px.close();
    shells.close();
    ssh.close();
    pve.close();
  }

  @Test
  void deploy_overSsh_runsTheContainerContractAndSafeCommandsSeeTheApp() {
    App app = px.deploy("hello").named("who").start();

    assertThat(app.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(ssh.dockerInstalled(app.node(), app.vmid())).isTrue();
    assertThat(ssh.pushes()).extracting(p -> p.target()).contains(
        "/opt/proximity/install-docker.sh", "/opt/proximity/app/compose.yaml");
    assertThat(ssh.pushes()).allMatch(p -> p.sourceMode() == 0600);
    assertThat(ssh.hostFiles(app.node())).isEmpty();
    assertThat(ssh.commands()).allMatch(c -> !c.argv().isEmpty(), "every line was plain argv");
    assertThat(ssh.containerCommands()).contains(List.of("sh", "/opt/proximity/install-docker.sh"),
        List.of("docker", "compose", "--project-directory", "/opt/proximity/app", "-f",
            "/opt/proximity/app/compose.yaml", "up", "-d", "--remove-orphans"));

    List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    SafeCommandResult status = SafeCommands.run(shells.forNode(app.node()), app.vmid(),
        SafeCommand.parse("status", Map.of()), "alice", audit::add);
    assertThat(status.output()).contains("\"Service\":\"web\"", "\"Health\":\"healthy\"");
    SafeCommandResult config = SafeCommands.run(shells.forNode(app.node()), app.vmid(),
        SafeCommand.parse("config", Map.of()), "alice", audit::add);
    String password = Secrets.decode(new String(pve.guest(app.node(), app.vmid()).orElseThrow().fs()
        .read("/opt/proximity/app/secrets.json").orElseThrow().content(), StandardCharsets.UTF_8))
        .get("ADMIN_PASSWORD");
    assertThat(config.output()).contains("ADMIN_PASSWORD: <redacted>").doesNotContain(password);
    assertThat(audit).hasSize(2);
    assertThat(px.app("who").logs(10)).isNotEmpty();
  }

  @Test
  void taskWait_overSsh_isEndedByTheTaskWatch_withOneStatusRequest() {
    String template = px.pve().node("pve2").aplinfo().get(0).template();
    Task download = px.pve().node("pve2").downloadTemplate("local", template);

    assertThat(download.await(Duration.ofMinutes(1)).succeeded()).isTrue();

    assertThat(pve.requests()).filteredOn(r -> r.path().contains("/tasks/")
        && r.path().endsWith("/status")).as("status reads of the first task of its kind")
        .hasSize(1);
    assertThat(ssh.commands()).extracting(c -> c.argv())
        .contains(HostTaskWatch.argv());
  }
}
