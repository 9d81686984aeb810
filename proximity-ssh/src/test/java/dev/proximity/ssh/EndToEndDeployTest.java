package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppStatus;
import dev.proximity.Proximity;
import dev.proximity.audit.AuditEvent;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        .catalog(new OneAppCatalog())
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
    App app = px.deploy("whoami").named("who").start();

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
    assertThat(status.output()).contains("\"Service\":\"whoami\"", "\"Health\":\"healthy\"");
    SafeCommandResult config = SafeCommands.run(shells.forNode(app.node()), app.vmid(),
        SafeCommand.parse("config", Map.of()), "alice", audit::add);
    assertThat(config.output()).contains("API_TOKEN: <redacted>").doesNotContain("s3cr3t-token");
    assertThat(audit).hasSize(2);
    assertThat(px.app("who").logs(10)).isNotEmpty();
  }

  /** One app with a health check, so the pipeline's health wait is exercised. */
  private static final class OneAppCatalog implements AppCatalog {
    private static final AppTemplate WHOAMI = new AppTemplate() {
      @Override
      public String id() {
        return "whoami";
      }

      @Override
      public String name() {
        return "whoami";
      }

      @Override
      public String version() {
        return "1.0.0";
      }

      @Override
      public String description() {
        return "Echoes requests";
      }

      @Override
      public String category() {
        return "demo";
      }

      @Override
      public List<String> tags() {
        return List.of("demo");
      }

      @Override
      public Optional<PortSpec> webPort() {
        return Optional.of(new PortSpec(80, "tcp", "web"));
      }

      @Override
      public List<PortSpec> ports() {
        return List.of(new PortSpec(80, "tcp", "web"));
      }

      @Override
      public List<AppParameter> parameters() {
        return List.of();
      }

      @Override
      public ResourceHints resources() {
        return new ResourceHints(1, 256, 2, 1, 512, 4);
      }

      @Override
      public List<String> images() {
        return List.of("traefik/whoami:v1.10");
      }

      @Override
      public String notes() {
        return "";
      }

      @Override
      public RenderedApp render(Map<String, String> values) {
        String compose = "services:\n  whoami:\n    image: traefik/whoami:v1.10\n"
            + "    environment:\n      API_TOKEN: s3cr3t-token\n"
            + "    healthcheck:\n      test: [\"CMD\", \"/whoami\", \"--help\"]\n";
        return new RenderedApp("whoami", "1.0.0", compose, Map.of(), Map.of());
      }
    };

    @Override
    public Optional<AppTemplate> find(String id) {
      return "whoami".equals(id) ? Optional.of(WHOAMI) : Optional.empty();
    }

    @Override
    public List<AppTemplate> list() {
      return List.of(WHOAMI);
    }
  }
}
