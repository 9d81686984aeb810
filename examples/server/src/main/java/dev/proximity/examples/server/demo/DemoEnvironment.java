package dev.proximity.examples.server.demo;

import dev.proximity.examples.server.config.Secret;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.StorageSpec;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The in-process stand-in for a Proxmox VE cluster used by {@code --demo}: the testkit's Proxmox API
 * simulator (HTTPS on loopback, two nodes, storage with a Debian template) and its SSH host simulator
 * (one listener per node, emulating {@code pct} and Docker Compose), with fresh random credentials.
 *
 * <p>The SDK talks to them exactly as to a real cluster: API token auth, pinned TLS certificate, pinned
 * SSH host key. Closing the environment stops both simulators and the SSH connections.
 */
public final class DemoEnvironment implements AutoCloseable {
  /** The nodes of the simulated cluster. */
  public static final List<String> NODES = List.of("pve1", "pve2");
  /** The API token id the SDK uses. */
  public static final String TOKEN_ID = "root@pam!proximity";

  private final PveSimulator pve;
  private final SshHostSimulator ssh;
  private final SshHostShells shells;
  private final Secret tokenSecret;

  private DemoEnvironment(PveSimulator pve, SshHostSimulator ssh, SshHostShells shells, Secret tokenSecret) {
    this.pve = pve;
    this.ssh = ssh;
    this.shells = shells;
    this.tokenSecret = tokenSecret;
  }

  /**
   * Starts the simulators.
   *
   * @param timeScale how fast simulated Proxmox tasks run relative to real ones (1.0 = real time)
   * @return the running environment
   */
  public static DemoEnvironment start(double timeScale) {
    SecureRandom random = new SecureRandom();
    Secret tokenSecret = Secret.of(randomHex(random));
    String sshPassword = randomHex(random);
    PveSimulator pve = PveSimulator.builder()
        .clusterName("proximity-demo")
        .node(NODES.get(0), 8, 32L << 30)
        .node(NODES.get(1), 8, 16L << 30)
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "iso", "backup")
            .template(PveSimulatorBuilder.DEFAULT_TEMPLATE).build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images").build())
        .token(TOKEN_ID, tokenSecret.reveal(), false)
        .timeScale(timeScale)
        .start();
    SshHostSimulator ssh = null;
    try {
      SshHostSimulator.Builder sshBuilder = SshHostSimulator.builder().directory(pve).user("root").password(sshPassword);
      NODES.forEach(sshBuilder::node);
      ssh = sshBuilder.start();
      SshHostShells.Builder shells = SshHostShells.builder()
          .user("root")
          .auth(SshAuth.password(sshPassword.toCharArray()))
          .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()));
      for (String node : NODES) {
        shells.node(node, ssh.host(), ssh.portFor(node));
      }
      return new DemoEnvironment(pve, ssh, shells.build(), tokenSecret);
    } catch (RuntimeException e) {
      if (ssh != null) {
        ssh.close();
      }
      pve.close();
      throw e;
    }
  }

  /** @return the Proxmox API endpoint of the simulator */
  public URI endpoint() {
    return pve.baseUri();
  }

  /** @return the API token secret */
  public Secret tokenSecret() {
    return tokenSecret;
  }

  /** @return the SHA-256 fingerprint of the simulator's TLS certificate, for pinning */
  public String certificateFingerprint() {
    return pve.certificateSha256Fingerprint();
  }

  /** @return SSH shells to the simulated nodes, owned by this environment */
  public SshHostShells shells() {
    return shells;
  }

  /** @return the Proxmox simulator, for tests */
  public PveSimulator pve() {
    return pve;
  }

  /** @return the SSH simulator, for tests */
  public SshHostSimulator ssh() {
    return ssh;
  }

  /** Stops the SSH connections and both simulators. Idempotent. */
  @Override
  public void close() {
    shells.close();
    ssh.close();
    pve.close();
  }

  /** Shows the endpoint only. */
  @Override
  public String toString() {
    return "DemoEnvironment[" + endpoint() + "]";
  }

  private static String randomHex(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
