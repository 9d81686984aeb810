package dev.proximity.examples.demo;

import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.ssh.GuestTimings;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A simulated Proxmox VE cluster with a connected {@link Proximity}: the testkit's Proxmox API
 * simulator (HTTPS on loopback) and SSH host simulator (one listener per node, emulating {@code pct}
 * and Docker Compose), reached through the real SDK exactly as a real cluster would be — TLS pinned to
 * the simulator's certificate, SSH host key pinned to the simulator's key.
 *
 * <p>It backs the demo modes of the server, the CLI and JShell, and the benchmarks. Credentials are
 * random per start and never stored. With a state file, the cluster is loaded from it at start and
 * saved to it on close, under an exclusive lock so that two processes never interleave.
 *
 * <pre>{@code
 * try (DemoCluster demo = DemoCluster.builder().start()) {
 *   App web = demo.proximity().deploy("hello").named("web").start();
 * }
 * }</pre>
 */
public final class DemoCluster implements AutoCloseable {
  /** The nodes of the default demo cluster. */
  public static final List<String> DEFAULT_NODES = List.of("pve1", "pve2");

  private final PveSimulator pve;
  private final SshHostSimulator ssh;
  private final SshHostShells shells;
  private final Proximity proximity;
  private final Path stateFile;
  private final FileChannel lockChannel;
  private final SshHostShells.Builder shellsConfig;
  private boolean closed;

  private DemoCluster(Parts parts) {
    this.pve = parts.pve;
    this.ssh = parts.ssh;
    this.shells = parts.shells;
    this.proximity = parts.proximity;
    this.stateFile = parts.stateFile;
    this.lockChannel = parts.lockChannel;
    this.shellsConfig = parts.shellsConfig;
  }

  /**
   * Starts configuring a demo cluster.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the SDK, connected to the simulated cluster and owned by this cluster */
  public Proximity proximity() {
    return proximity;
  }

  /** @return the Proxmox API endpoint of the simulator */
  public URI endpoint() {
    return pve.baseUri();
  }

  /** @return the Proxmox simulator, for inspection and fault injection */
  public PveSimulator pve() {
    return pve;
  }

  /** @return the SSH host simulator, for inspection and fault injection */
  public SshHostSimulator ssh() {
    return ssh;
  }

  /** @return the SSH shells the SDK uses, owned by this cluster */
  public SshHostShells shells() {
    return shells;
  }

  /** @return the file the cluster is kept in between runs, when one was set */
  public Optional<Path> stateFile() {
    return Optional.ofNullable(stateFile);
  }

  /**
   * Opens a second, independent set of SSH shells to the simulated nodes, configured like the SDK's
   * (same credentials, same pinned host key): for comparisons and tests that need their own
   * connections.
   *
   * @return new shells; the caller closes them
   */
  public SshHostShells newShells() {
    return shellsConfig.build();
  }

  /**
   * Stops the SDK and the simulators; with a state file, saves the cluster to it first. Idempotent.
   *
   * @throws UncheckedIOException if the state cannot be saved (everything is stopped all the same)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proximity.close();
      if (stateFile != null) {
        pve.saveState(stateFile);
      }
    } finally {
      closeAll(shells, ssh, pve, lockChannel);
    }
  }

  /** Shows the endpoint only: the credentials are secret. */
  @Override
  public String toString() {
    return "DemoCluster[" + endpoint() + "]";
  }

  /** Configures a {@link DemoCluster}; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {
    private final List<String> nodes = new ArrayList<>(DEFAULT_NODES);
    private double timeScale = 0.01;
    private Path stateFile;
    private boolean reset;
    private Consumer<PveSimulatorBuilder> simulator = b -> {};
    private Consumer<Proximity.Builder> sdk = b -> {};
    private GuestTimings guestTimings = GuestTimings.INSTANT;

    private Builder() {}

    /**
     * Sets the node names (default {@code pve1}, {@code pve2}); the first node is the largest.
     *
     * @param names at least one node name
     * @return this builder
     */
    public Builder nodes(List<String> names) {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a demo cluster needs at least one node");
      }
      nodes.clear();
      nodes.addAll(names);
      return this;
    }

    /**
     * Sets how fast simulated Proxmox tasks run relative to real ones (default 0.01).
     *
     * @param scale 1.0 is real time
     * @return this builder
     */
    public Builder timeScale(double scale) {
      this.timeScale = scale;
      return this;
    }

    /**
     * Makes the slow work inside containers (Docker install, image pulls, container starts) take
     * this long in simulated time, scaled by {@link #timeScale(double)} like the Proxmox tasks.
     * Health checks always run when the app's compose file says, scaled the same way (a check with
     * {@code interval: 30s} and no start period first passes 0.3 s after the start at the default
     * scale; with a start period, after Docker's 5 s start interval, 0.05 s). Default: instant.
     *
     * @param simulated the durations before scaling
     * @return this builder
     */
    public Builder guestTimings(GuestTimings simulated) {
      this.guestTimings = Objects.requireNonNull(simulated, "simulated");
      return this;
    }

    /**
     * Keeps the cluster in a file between runs: loaded at start, saved on close.
     *
     * @param file the state file; its directory is created when missing
     * @return this builder
     */
    public Builder stateFile(Path file) {
      this.stateFile = Objects.requireNonNull(file, "file").toAbsolutePath();
      return this;
    }

    /**
     * Forgets the saved state before starting.
     *
     * @param reset whether to start over
     * @return this builder
     */
    public Builder reset(boolean reset) {
      this.reset = reset;
      return this;
    }

    /**
     * Adjusts the simulator, e.g. its fault plan or extra storages.
     *
     * @param customizer receives the simulator builder after the defaults are set
     * @return this builder
     */
    public Builder simulator(Consumer<PveSimulatorBuilder> customizer) {
      this.simulator = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Adjusts the SDK, e.g. its catalog, listeners or timeouts.
     *
     * @param customizer receives the SDK builder after endpoint, credentials, trust and shells
     * @return this builder
     */
    public Builder sdk(Consumer<Proximity.Builder> customizer) {
      this.sdk = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Starts the simulators and connects the SDK.
     *
     * @return the running cluster
     * @throws UncheckedIOException if the state file cannot be used
     */
    public DemoCluster start() {
      Parts parts = new Parts();
      try {
        parts.stateFile = stateFile;
        if (stateFile != null) {
          Files.createDirectories(stateFile.getParent());
          parts.lockChannel = FileChannel.open(stateFile.resolveSibling(stateFile.getFileName() + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = parts.lockChannel.lock();
          Objects.requireNonNull(lock, "lock");
          if (reset) {
            Files.deleteIfExists(stateFile);
          }
        }
        String password = randomSecret();
        PveSimulatorBuilder pb = PveSimulator.builder()
            .clusterName("proximity-demo")
            .user("root@pam", password)
            .timeScale(timeScale);
        for (int i = 0; i < nodes.size(); i++) {
          pb.node(nodes.get(i), i == 0 ? 8 : 4, (i == 0 ? 32L : 16L) << 30);
        }
        if (stateFile != null) {
          pb.loadState(stateFile);
        }
        simulator.accept(pb);
        parts.pve = pb.start();
        SshHostSimulator.Builder sb = SshHostSimulator.builder()
            .directory(parts.pve).user("root").password(password)
            .timings(guestTimings, timeScale);
        nodes.forEach(sb::node);
        parts.ssh = sb.start();
        SshHostShells.Builder shb = SshHostShells.builder()
            .user("root")
            .auth(SshAuth.password(password.toCharArray()))
            .hostKeys(HostKeyVerification.pinnedSha256(parts.ssh.hostKeyFingerprint()));
        for (String node : nodes) {
          shb.node(node, parts.ssh.host(), parts.ssh.portFor(node));
        }
        parts.shellsConfig = shb;
        parts.shells = shb.build();
        Proximity.Builder px = Proximity.builder()
            .endpoint(parts.pve.baseUri())
            .credentials(PveCredentials.password("root@pam", password))
            .trust(TlsTrust.pinnedSha256(parts.pve.certificateSha256Fingerprint()))
            .hostShell(parts.shells);
        sdk.accept(px);
        parts.proximity = px.build();
        return new DemoCluster(parts);
      } catch (IOException e) {
        closeAll(parts.shells, parts.ssh, parts.pve, parts.lockChannel);
        throw new UncheckedIOException("cannot use the demo state file " + stateFile
            + " (pick another file or remove it): " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeAll(parts.proximity, parts.shells, parts.ssh, parts.pve, parts.lockChannel);
        throw e;
      }
    }
  }

  /** What {@link Builder#start()} has started so far, so a failure can stop exactly that. */
  private static final class Parts {
    PveSimulator pve;
    SshHostSimulator ssh;
    SshHostShells shells;
    Proximity proximity;
    SshHostShells.Builder shellsConfig;
    Path stateFile;
    FileChannel lockChannel;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        // the outcome is decided already; releasing the remaining resources matters more
      }
    }
  }
}
