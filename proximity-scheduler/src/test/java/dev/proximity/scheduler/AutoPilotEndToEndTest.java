package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AutoPilot over the real facade: the Proxmox simulator, the SSH host simulator, the real SSH
 * layer and the bundled catalog.
 */
class AutoPilotEndToEndTest {
  private PveSimulator pve;
  private SshHostSimulator ssh;
  private SshHostShells shells;
  private Proximity px;

  @BeforeEach
  void setUp() {
    pve = PveSimulator.builder()
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup").build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images")
            .build())
        .node("pve", 16, 64L << 30).timeScale(0.0002).seed(5).start();
    ssh = SshHostSimulator.builder().directory(pve).user("root").password("ssh-secret")
        .node("pve").start();
    shells = SshHostShells.builder().user("root")
        .auth(SshAuth.password("ssh-secret".toCharArray()))
        .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()))
        .node("pve", ssh.host(), ssh.portFor("pve")).build();
    px = Proximity.builder().endpoint(pve.baseUri())
        .credentials(PveCredentials.password("root@pam", "proximity"))
        .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
        .hostShell(shells).catalog(Catalogs.bundled())
        .operationTimeout(Duration.ofMinutes(3)).build();
  }

  @AfterEach
  void tearDown() {
    px.close();
    shells.close();
    ssh.close();
    pve.close();
  }

  @Test
  void autoMode_backsUpDeployedAppsAndChecksThemForUpdates() {
    App a = px.deploy("hello").named("auto-a").start();
    App b = px.deploy("hello").named("auto-b").start();
    try (AutoPilot autopilot = AutoPilot.builder(px)
        .backupPolicy(BackupPolicy.builder().retention(Retention.builder().keepLast(2).build())
            .build())
        .build()) {
      autopilot.start();

      BackupJob job = px.pve().cluster().backupJobs().find(DelegatedBackups.DEFAULT_JOB_ID)
          .orElseThrow();
      assertThat(job.vmid()).isEqualTo(Stream.of(a.vmid(), b.vmid()).sorted()
          .map(String::valueOf).collect(Collectors.joining(",")));
      assertThat(job.pruneBackups().render()).isEqualTo("keep-last=2");
      for (String upid : pve.runBackupJob(DelegatedBackups.DEFAULT_JOB_ID)) {
        px.pve().task(upid).await(Duration.ofMinutes(1));
      }
      assertThat(px.app("auto-a").backups()).hasSize(1);
      assertThat(px.app("auto-b").backups()).hasSize(1);

      BackupRun run = autopilot.backUpNow();
      assertThat(run.succeeded()).as(run.toString()).isTrue();
      assertThat(px.app("auto-a").backups()).hasSize(2);

      UpdateReport report = autopilot.checkUpdatesNow();
      assertThat(report.apps()).extracting(AppUpdate::app).containsExactly("auto-a", "auto-b");
      assertThat(report.updatesAvailable()).isEmpty();
      assertThat(report.incomplete()).isEmpty();
    }
  }
}
