package dev.proximity.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppSummary;
import dev.proximity.AppStatus;
import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.RenderedApp;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.ssh.SshHostSimulator;
import org.junit.jupiter.api.Test;

/** Runs every documentation example against the simulators. */
class DocExamplesTest {

  @Test
  void examples_runAgainstTheSimulators() {
    char[] sshPassword = "ssh-secret".toCharArray();
    try (PveSimulator pve = PveSimulator.builder().node("pve1", 16, 64L << 30)
            .token("root@pam!proximity", "token-secret", false).timeScale(0.0002).start();
        SshHostSimulator ssh = SshHostSimulator.builder().directory(pve).node("pve1")
            .user("root").password(new String(sshPassword)).start()) {
      try (Proximity px = DocExamples.connect(pve.baseUri(), "token-secret",
          pve.certificateSha256Fingerprint(), ssh.host(), ssh.portFor("pve1"),
          ssh.hostKeyFingerprint(), sshPassword.clone())) {
        App web = DocExamples.deploy(px);
        assertThat(web.status()).isEqualTo(AppStatus.RUNNING);
        DocExamples.manage(px);
        assertThat(DocExamples.planAndDeployAsync(px)).isPresent();
        DocExamples.lifecycle(px);
        DocExamples.lifecycleAsync(px);
        DocExamples.operations(px);
        assertThat(px.apps()).extracting(AppSummary::name)
            .containsExactlyInAnyOrder("web", "status", "status-clone");
        // a token cannot set keyctl: the container gets nesting only (documented)
        assertThat(pve.container(web.vmid()).orElseThrow().config().get("features"))
            .isEqualTo("nesting=1");
      }
    }
  }

  @Test
  void connect_withoutExplicitCatalog_findsTheBundledOneOnTheClassPath() {
    try (PveSimulator pve = PveSimulator.builder().timeScale(0).start();
        SshHostShells shells = SshHostShells.builder().node("pve", "127.0.0.1", 1)
            .auth(SshAuth.password("x".toCharArray()))
            .hostKeys(HostKeyVerification.pinnedSha256("SHA256:" + "A".repeat(43))).build();
        Proximity px = Proximity.builder().endpoint(pve.baseUri())
            .credentials(PveCredentials.password("root@pam", "proximity"))
            .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
            .hostShell(shells).build()) {
      assertThat(px.catalog().list()).hasSameSizeAs(Catalogs.bundled().list());
    }
  }

  @Test
  void topicExamples_run() {
    // docs/connecting.md
    assertThat(ConnectingExamples.token().toString()).doesNotContain("SECRET");
    assertThat(ConnectingExamples.password("pw-123").toString()).doesNotContain("pw-123");
    // docs/catalog.md
    RenderedApp app = CatalogExamples.bundled();
    assertThat(app.templateId()).isEqualTo("uptime-kuma");
    assertThat(app.composeYaml()).contains("uptime-kuma");
    // docs/auto-mode.md
    assertThat(AutoModeExamples.backupPolicy().retention().toPruneBackups())
        .isEqualTo("keep-last=3,keep-daily=7,keep-weekly=4,keep-monthly=6,keep-yearly=1");
    AutoModeExamples.virtualTime();
  }

  @Test
  void jshellSession_andSafeCommand_runAgainstTheSimulators() {
    char[] sshPassword = "ssh-secret".toCharArray();
    try (PveSimulator pve = PveSimulator.builder().node("pve1", 16, 64L << 30)
            .token("root@pam!proximity", "token-secret", false).timeScale(0.0002).start();
        SshHostSimulator ssh = SshHostSimulator.builder().directory(pve).node("pve1")
            .user("root").password(new String(sshPassword)).start();
        SshHostShells shells = SshHostShells.builder().node("pve1", ssh.host(), ssh.portFor("pve1"))
            .user("root").auth(SshAuth.password(sshPassword))
            .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint())).build();
        Proximity px = Proximity.builder().endpoint(pve.baseUri())
            .credentials(PveCredentials.apiToken("root@pam!proximity", "token-secret"))
            .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
            .hostShell(shells).build()) {
      px.deploy("hello").named("first").start();          // takes vmid 100: "hi" gets 101
      JShellExamples.demoCluster = px;
      JShellExamples.session();
      assertThat(px.app("hi").backups()).hasSize(1);
      // docs/safe-commands.md reads the logs of service "web" in container 101: hello's is "web"
      AppSummary hi = px.apps().stream().filter(a -> a.name().equals("hi")).findFirst().orElseThrow();
      assertThat(hi.vmid()).isEqualTo(101);
      SafeCommandResult result = SafeCommandExamples.logs(shells);
      assertThat(result.exitCode()).isZero();
    } finally {
      JShellExamples.demoCluster = null;
    }
  }
}
