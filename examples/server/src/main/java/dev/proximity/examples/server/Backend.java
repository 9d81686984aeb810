package dev.proximity.examples.server;

import dev.proximity.Proximity;
import dev.proximity.catalog.Catalog;
import dev.proximity.catalog.Catalogs;
import dev.proximity.examples.demo.DemoCluster;
import dev.proximity.examples.server.config.ConfigException;
import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server runs on: the SDK facade, the SSH shells it shares with the safe commands, the
 * catalog, and in demo mode the simulators. Built from the configuration; closing it closes what it
 * created.
 */
public final class Backend implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  /** How fast simulated Proxmox tasks run in demo mode (1.0 = as slow as a real host). */
  public static final double DEMO_TIME_SCALE = 0.01;

  private final Proximity proximity;
  private final HostShellFactory shells;
  private final Catalog catalog;
  private final DemoCluster demo;

  private Backend(Proximity proximity, HostShellFactory shells, Catalog catalog, DemoCluster demo) {
    this.proximity = proximity;
    this.shells = shells;
    this.catalog = catalog;
    this.demo = demo;
  }

  /**
   * Connects to the configured cluster, or starts the simulators in demo mode.
   *
   * @param config the configuration
   * @param clock the clock handed to the SDK
   * @return the backend
   * @throws ConfigException if the SSH or TLS settings cannot be used
   */
  public static Backend create(ServerConfig config, Clock clock) {
    return create(config, clock, DEMO_TIME_SCALE);
  }

  /**
   * Connects, with an explicit simulator speed for demo mode (tests run faster).
   *
   * @param config the configuration
   * @param clock the clock handed to the SDK
   * @param demoTimeScale the simulator's time scale in demo mode
   * @return the backend
   */
  public static Backend create(ServerConfig config, Clock clock, double demoTimeScale) {
    Catalog catalog = Catalogs.bundled();
    if (config.demo()) {
      DemoCluster demo = DemoCluster.builder().timeScale(demoTimeScale)
          .sdk(b -> b.catalog(catalog).clock(clock).operationTimeout(Duration.ofMinutes(10))
              .taskDurations(taskDurationsFile(config)))
          .start();
      return new Backend(demo.proximity(), demo.shells(), catalog, demo);
    }
    HostShellFactory shells = sshShells(config);
    try {
      PveCredentials credentials = config.pveTokenId().isPresent()
          ? PveCredentials.apiToken(config.pveTokenId().get(), config.pveTokenSecret().orElseThrow().reveal())
          : PveCredentials.password(config.pveUser().orElseThrow(), config.pvePassword().orElseThrow().reveal());
      Proximity px = Proximity.builder()
          .endpoint(config.pveUrl().orElseThrow())
          .credentials(credentials)
          .trust(trust(config))
          .hostShell(shells)
          .catalog(catalog)
          .clock(clock)
          .taskDurations(taskDurationsFile(config))
          .build();
      return new Backend(px, shells, catalog, null);
    } catch (RuntimeException e) {
      shells.close();
      throw e;
    }
  }

  /**
   * Where the SDK keeps what task waits learned about how long Proxmox tasks run, read at start and
   * saved at shutdown and while running, so that a restarted server polls its first task of each kind
   * at the expected end. The simulated cluster of demo mode has its own file: its tasks are far
   * shorter than a real cluster's.
   *
   * @param config the configuration
   * @return {@code task-durations.json} (or {@code task-durations-demo.json}) in the data directory
   */
  public static Path taskDurationsFile(ServerConfig config) {
    return config.dataDir().resolve(config.demo() ? "task-durations-demo.json" : "task-durations.json");
  }

  private static TlsTrust trust(ServerConfig config) {
    if (config.pveTlsFingerprint().isPresent()) {
      return TlsTrust.pinnedSha256(config.pveTlsFingerprint().get());
    }
    if (config.pveTlsCaFile().isPresent()) {
      Path file = config.pveTlsCaFile().get();
      try {
        return TlsTrust.caPem(Files.readString(file, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new ConfigException("pve.tls.ca_file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (config.pveTlsInsecure()) {
      log.warn("pve.tls.insecure=true: the Proxmox certificate is NOT verified; use pve.tls.fingerprint instead");
      return TlsTrust.insecure();
    }
    return TlsTrust.system();
  }

  private static HostShellFactory sshShells(ServerConfig config) {
    Path key = config.sshKeyFile().orElseThrow(() ->
        new ConfigException("ssh.key_file is required: the server runs pct and docker over SSH"));
    SshAuth auth = config.sshKeyPassphrase()
        .map(p -> SshAuth.privateKey(key, p.reveal().toCharArray()))
        .orElseGet(() -> SshAuth.privateKey(key));
    HostKeyVerification hostKeys = config.sshHostKeyFingerprint()
        .map(HostKeyVerification::pinnedSha256)
        .orElseGet(HostKeyVerification::defaultKnownHosts);
    SshHostShells.Builder builder = SshHostShells.builder().user(config.sshUser()).auth(auth).hostKeys(hostKeys);
    if (!config.sshNodes().isEmpty()) {
      config.sshNodes().forEach((node, target) -> builder.node(node, target.host(), target.port()));
      return builder.build();
    }
    String host = config.sshHost().orElseThrow(() -> new ConfigException("ssh.host or ssh.nodes is required"));
    return new SameHostShells(builder, host, config.sshPort());
  }

  /**
   * Maps every node name to the one configured SSH host (a single-node installation, or a cluster
   * reached through one host), creating the per-node mapping on first use.
   */
  private static final class SameHostShells implements HostShellFactory {
    private final SshHostShells.Builder builder;
    private final String host;
    private final int port;
    private final Map<String, SshHostShells> byNode = new ConcurrentHashMap<>();

    SameHostShells(SshHostShells.Builder builder, String host, int port) {
      this.builder = builder;
      this.host = host;
      this.port = port;
    }

    @Override
    public HostShell forNode(String node) {
      return byNode.computeIfAbsent(node, n -> {
        synchronized (builder) {
          return builder.node(n, host, port).build();
        }
      }).forNode(node);
    }

    @Override
    public void close() {
      byNode.values().forEach(SshHostShells::close);
    }
  }

  /** @return the SDK facade */
  public Proximity proximity() {
    return proximity;
  }

  /** @return the SSH shells, shared with the SDK */
  public HostShellFactory shells() {
    return shells;
  }

  /** @return the catalog */
  public Catalog catalog() {
    return catalog;
  }

  /** @return the demo environment in demo mode */
  public Optional<DemoCluster> demo() {
    return Optional.ofNullable(demo);
  }

  /** Closes the SDK, the SSH connections and the simulators. Idempotent. */
  @Override
  public void close() {
    proximity.close();
    shells.close();
    if (demo != null) {
      demo.close();
    }
  }
}
