package dev.proximity.examples.jshell;

import dev.proximity.ProgressEvent;
import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A demo Proxmox VE cluster for JShell: the Proxmox VE and SSH host simulators of proximity-testkit on
 * loopback, and a {@link Proximity} connected to them exactly as to a real cluster (TLS and SSH host
 * key pinned, password credentials generated for the session).
 *
 * <p>{@code proximity.jsh} wraps it as {@code demo()}:
 *
 * <pre>{@code
 * jshell> var px = demo();
 * jshell> px.deploy("hello").named("hi").start();
 * jshell> px.apps();
 * }</pre>
 *
 * <p>The cluster lives in memory for the JShell session; {@link #close()} (or leaving JShell) stops
 * it. Thread-safe as the SDK and the simulators are.
 */
public final class DemoCluster implements AutoCloseable {
  /** The nodes of the demo cluster. */
  public static final List<String> NODES = List.of("pve1", "pve2");

  private final PveSimulator pve;
  private final SshHostSimulator ssh;
  private final SshHostShells shells;
  private final Proximity proximity;

  private DemoCluster(PveSimulator pve, SshHostSimulator ssh, SshHostShells shells, Proximity proximity) {
    this.pve = pve;
    this.ssh = ssh;
    this.shells = shells;
    this.proximity = proximity;
  }

  /**
   * Starts the simulators and connects the SDK to them.
   *
   * @return the running demo cluster
   */
  public static DemoCluster start() {
    String password = randomSecret();
    PveSimulator pve = null;
    SshHostSimulator ssh = null;
    SshHostShells shells = null;
    try {
      pve = PveSimulator.builder()
          .clusterName("proximity-demo")
          .node(NODES.get(0), 8, 16L << 30)
          .node(NODES.get(1), 4, 8L << 30)
          .user("root@pam", password)
          .start();
      SshHostSimulator.Builder sshBuilder = SshHostSimulator.builder().directory(pve).user("root").password(password);
      NODES.forEach(sshBuilder::node);
      ssh = sshBuilder.start();
      SshHostShells.Builder shellBuilder = SshHostShells.builder()
          .user("root")
          .auth(SshAuth.password(password.toCharArray()))
          .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()));
      for (String node : NODES) {
        shellBuilder.node(node, ssh.host(), ssh.portFor(node));
      }
      shells = shellBuilder.build();
      Proximity px = Proximity.builder()
          .endpoint(pve.baseUri())
          .credentials(PveCredentials.password("root@pam", password))
          .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
          .hostShell(shells)
          .catalog(Catalogs.bundled())
          .build();
      return new DemoCluster(pve, ssh, shells, px);
    } catch (RuntimeException e) {
      if (shells != null) {
        shells.close();
      }
      if (ssh != null) {
        ssh.close();
      }
      if (pve != null) {
        pve.close();
      }
      throw e;
    }
  }

  /**
   * The SDK, connected to the demo cluster.
   *
   * @return the connected SDK, closed with the cluster
   */
  public Proximity proximity() {
    return proximity;
  }

  /**
   * The Proxmox VE simulator, for a look behind the scenes (recorded requests, containers).
   *
   * @return the simulator
   */
  public PveSimulator pve() {
    return pve;
  }

  /**
   * The SSH host simulator, for a look behind the scenes (recorded commands).
   *
   * @return the simulator
   */
  public SshHostSimulator ssh() {
    return ssh;
  }

  /**
   * The SSH shells of the demo nodes, for safe commands: {@code SafeCommands.run(shells().forNode(node), ...)}.
   *
   * @return the host shells, closed with the cluster
   */
  public SshHostShells shells() {
    return shells;
  }

  /**
   * Formats a progress event as one line, for {@code onProgress(...)} in scripts.
   *
   * @param event the event
   * @return e.g. {@code [ 25%] create      creating CT 100}
   */
  public static String describe(ProgressEvent event) {
    return String.format("[%3d%%] %-15s %s", event.percent(), event.step().label(), event.message());
  }

  /** Closes the SDK and stops the simulators. Idempotent. */
  @Override
  public void close() {
    try {
      proximity.close();
    } finally {
      shells.close();
      ssh.close();
      pve.close();
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
