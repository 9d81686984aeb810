package dev.proximity.tests;

import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A simulated cluster end to end: the Proxmox simulator, the SSH host simulator on the same
 * containers, the real SSH layer and the bundled catalog, and a connected {@link Proximity}.
 */
final class Cluster implements AutoCloseable {
  static final char[] SSH_PASSWORD = "ssh-secret".toCharArray();

  final PveSimulator pve;
  final SshHostSimulator ssh;
  final SshHostShells shells;
  final Proximity px;

  Cluster(List<String> nodes, Consumer<PveSimulatorBuilder> pveConfig,
      Consumer<Proximity.Builder> pxConfig) {
    this(nodes, pveConfig, pxConfig, c -> {});
  }

  /**
   * @param beforeSdk runs once the simulators are up and before the SSH layer and the SDK exist,
   *     e.g. to count threads and connections for a leak check
   */
  Cluster(List<String> nodes, Consumer<PveSimulatorBuilder> pveConfig,
      Consumer<Proximity.Builder> pxConfig, Consumer<Cluster> beforeSdk) {
    this(nodes, pveConfig, s -> {}, pxConfig, beforeSdk);
  }

  /**
   * @param sshConfig configures the SSH host simulator, e.g. its timings
   * @param beforeSdk runs once the simulators are up and before the SSH layer and the SDK exist
   */
  Cluster(List<String> nodes, Consumer<PveSimulatorBuilder> pveConfig,
      Consumer<SshHostSimulator.Builder> sshConfig, Consumer<Proximity.Builder> pxConfig,
      Consumer<Cluster> beforeSdk) {
    PveSimulatorBuilder b = PveSimulator.builder()
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup").build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images")
            .build())
        .timeScale(0.0002)
        .seed(11);
    for (String n : nodes) {
      b.node(n, 16, 64L << 30);
    }
    pveConfig.accept(b);
    pve = b.start();
    SshHostSimulator.Builder sb = SshHostSimulator.builder().directory(pve).user("root")
        .password(new String(SSH_PASSWORD));
    nodes.forEach(sb::node);
    sshConfig.accept(sb);
    ssh = sb.start();
    beforeSdk.accept(this);
    SshHostShells.Builder shb = SshHostShells.builder().user("root")
        .auth(SshAuth.password(SSH_PASSWORD.clone()))
        .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()));
    for (String n : nodes) {
      shb.node(n, ssh.host(), ssh.portFor(n));
    }
    shells = shb.build();
    Proximity.Builder pb = Proximity.builder()
        .endpoint(pve.baseUri())
        .credentials(PveCredentials.password("root@pam", "proximity"))
        .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
        .hostShell(shells)
        .catalog(Catalogs.bundled())
        .operationTimeout(Duration.ofMinutes(3));
    pxConfig.accept(pb);
    px = pb.build();
  }

  Cluster(String... nodes) {
    this(List.of(nodes), b -> {}, p -> {});
  }

  /** Closes the SDK and the SSH layer it uses, leaving the simulators up. Idempotent. */
  void closeSdk() {
    px.close();
    shells.close();
  }

  @Override
  public void close() {
    closeSdk();
    ssh.close();
    pve.close();
  }
}
