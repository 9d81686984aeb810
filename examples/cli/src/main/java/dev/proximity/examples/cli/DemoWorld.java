package dev.proximity.examples.cli;

import dev.proximity.ProgressListener;
import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.AppCatalog;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The demo cluster of {@code --demo}: the Proxmox VE simulator and the SSH host simulator of
 * proximity-testkit, on loopback, with state kept in a file between runs.
 *
 * <p>Opening loads the state file (unless reset), takes an exclusive lock beside it so that two runs
 * never interleave, and connects a {@link Proximity} exactly as a real cluster would be: TLS pinned
 * to the simulator's certificate, SSH host key pinned to the simulator's key. Closing saves the
 * state and stops everything. Credentials are random per run; nothing secret is stored.
 */
final class DemoWorld implements AutoCloseable {
  /** The nodes of the demo cluster. */
  static final List<String> NODES = List.of("pve1", "pve2");

  private final Path stateFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final PveSimulator pve;
  private final SshHostSimulator ssh;
  private final SshHostShells shells;
  private final Proximity proximity;
  private boolean closed;

  private DemoWorld(Path stateFile, FileChannel lockChannel, FileLock lock, PveSimulator pve, SshHostSimulator ssh,
      SshHostShells shells, Proximity proximity) {
    this.stateFile = stateFile;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.pve = pve;
    this.ssh = ssh;
    this.shells = shells;
    this.proximity = proximity;
  }

  /**
   * Starts the demo cluster.
   *
   * @param stateFile where the cluster is kept between runs
   * @param reset whether to forget the saved state first
   * @param catalog the catalog deploys use
   * @param timeout the limit of long operations
   * @param progress receives the progress of every long operation
   */
  static DemoWorld open(Path stateFile, boolean reset, AppCatalog catalog, Duration timeout, ProgressListener progress) {
    Path absolute = stateFile.toAbsolutePath();
    FileChannel channel = null;
    FileLock lock = null;
    PveSimulator pve = null;
    SshHostSimulator ssh = null;
    SshHostShells shells = null;
    try {
      Files.createDirectories(absolute.getParent());
      channel = FileChannel.open(absolute.resolveSibling(absolute.getFileName() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.lock();
      if (reset) {
        Files.deleteIfExists(absolute);
      }
      String password = randomSecret();
      pve = PveSimulator.builder()
          .clusterName("proximity-demo")
          .node(NODES.get(0), 8, 16L << 30)
          .node(NODES.get(1), 4, 8L << 30)
          .user("root@pam", password)
          .loadState(absolute)
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
          .catalog(catalog)
          .operationTimeout(timeout)
          .progressListener(progress)
          .build();
      return new DemoWorld(absolute, channel, lock, pve, ssh, shells, px);
    } catch (IOException e) {
      closeQuietly(shells, ssh, pve, lock, channel);
      throw new CliException(ExitCodes.FAILURE, "cannot use the demo state file " + absolute + ": " + e.getMessage(),
          "pick another with --demo-state FILE", e);
    } catch (RuntimeException e) {
      closeQuietly(shells, ssh, pve, lock, channel);
      throw e;
    }
  }

  Proximity proximity() {
    return proximity;
  }

  SshHostShells shells() {
    return shells;
  }

  PveSimulator pve() {
    return pve;
  }

  SshHostSimulator ssh() {
    return ssh;
  }

  Path stateFile() {
    return stateFile;
  }

  /** Saves the cluster state and stops the simulators. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proximity.close();
      pve.saveState(stateFile);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot save the demo state to " + stateFile + ": " + e.getMessage(),
          "pick another with --demo-state FILE", e);
    } finally {
      closeQuietly(shells, ssh, pve, lock, lockChannel);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        // the primary outcome is already decided; closing the rest matters more
      }
    }
  }
}
