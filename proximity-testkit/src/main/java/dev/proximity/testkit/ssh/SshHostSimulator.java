package dev.proximity.testkit.ssh;

import dev.proximity.testkit.GuestDirectory;
import dev.proximity.testkit.SimGuest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SSH server (Apache MINA sshd) that behaves like the Proxmox VE hosts of a cluster,
 * for tests and demos: {@code pct exec}, {@code pct push}, {@code pct list}, SFTP into a host-side
 * file system, and inside each container a Docker and Compose model, all against the containers of
 * a {@link GuestDirectory} (the Proxmox simulator, or {@link InMemoryGuests}).
 *
 * <p>One loopback listener per node on a random port ({@link #portFor(String)}), all with the same
 * fixed host key ({@link #hostKeyFingerprint()}), so a client maps each node to its port as it
 * maps real nodes to their addresses. Every received command line is recorded with the words a
 * POSIX shell makes of it ({@link #commands()}); a line that would need shell expansion is refused,
 * so an unquoted client fails loudly. Faults ({@link SimFault}) make matching commands fail, hang
 * or drop the connection. Thread-safe.
 *
 * <pre>{@code
 * InMemoryGuests guests = new InMemoryGuests();
 * guests.add("pve", 101).start();
 * try (SshHostSimulator sim = SshHostSimulator.builder().directory(guests).node("pve")
 *     .user("root").password("secret").start()) {
 *   int port = sim.portFor("pve");
 *   String fingerprint = sim.hostKeyFingerprint();
 * }
 * }</pre>
 */
public final class SshHostSimulator implements AutoCloseable {
  private final GuestDirectory directory;
  private final Clock clock;
  private final String user;
  private final String password;
  private final Set<PublicKey> authorizedKeys;
  private final KeyPair hostKey;
  private final int healthyAfterPolls;
  private final GuestTimings timings;
  private final double timeScale;
  private final Map<String, SshServer> servers = new LinkedHashMap<>();
  private final Map<String, Path> hostRoots = new LinkedHashMap<>();
  private final List<RecordedCommand> commands = new CopyOnWriteArrayList<>();
  private final List<RecordedPush> pushes = new CopyOnWriteArrayList<>();
  private final List<SimFault> faults = new CopyOnWriteArrayList<>();
  private final Map<String, String> registryDigests = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final AtomicInteger connectionsAccepted = new AtomicInteger();

  private SshHostSimulator(Builder b) throws IOException {
    this.directory = b.directory;
    this.clock = b.clock;
    this.user = b.user;
    this.password = b.password;
    this.authorizedKeys = Set.copyOf(b.authorizedKeys);
    this.hostKey = b.hostKey != null ? b.hostKey : fixedHostKey();
    this.healthyAfterPolls = b.healthyAfterPolls;
    this.timeScale = b.timeScale;
    this.timings = b.timings;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "ssh-host-sim-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      for (String node : b.nodes) {
        Path root = Files.createTempDirectory("proximity-ssh-sim-" + node + "-");
        Files.createDirectories(root.resolve("tmp"));
        hostRoots.put(node, root);
        servers.put(node, startServer(node, root));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private SshServer startServer(String node, Path root) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    // as sshd on a Proxmox host answers an exec channel: no Nagle delay on small writes
    org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    if (password != null) {
      server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
    }
    server.setPublickeyAuthenticator((u, key, session) -> user.equals(u)
        && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    server.setKeyboardInteractiveAuthenticator(null);
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        connectionsAccepted.incrementAndGet();
      }
    });
    server.setCommandFactory((channel, line) -> new SimCommand(this, node, line));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    return server;
  }

  /**
   * Returns the loopback port of a node's listener.
   *
   * @param node the node name
   * @return the port
   * @throws IllegalArgumentException for a node the simulator does not serve
   */
  public int portFor(String node) {
    SshServer server = servers.get(node);
    if (server == null) {
      throw new IllegalArgumentException("the simulator serves no node " + node + "; nodes: "
          + servers.keySet());
    }
    return server.getPort();
  }

  /**
   * Returns the address every listener binds.
   *
   * @return {@code 127.0.0.1}
   */
  public String host() {
    return "127.0.0.1";
  }

  /**
   * Returns the nodes served.
   *
   * @return the node names, in configuration order
   */
  public List<String> nodes() {
    return List.copyOf(servers.keySet());
  }

  /**
   * Returns the host key's public half.
   *
   * @return the public key
   */
  public PublicKey hostPublicKey() {
    return hostKey.getPublic();
  }

  /**
   * Returns the host key's OpenSSH SHA-256 fingerprint, for pinning.
   *
   * @return {@code SHA256:base64}
   */
  public String hostKeyFingerprint() {
    return KeyUtils.getFingerPrint(KeyUtils.getDefaultFingerPrintFactory(), hostKey.getPublic());
  }

  /**
   * Returns a known_hosts line for a node's listener ({@code [127.0.0.1]:PORT keytype base64}).
   *
   * @param node the node
   * @return the line, without newline
   */
  public String knownHostsLine(String node) {
    StringBuilder line = new StringBuilder("[127.0.0.1]:" + portFor(node) + " ");
    try {
      org.apache.sshd.common.config.keys.PublicKeyEntry.appendPublicKeyEntry(line,
          hostKey.getPublic());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return line.toString();
  }

  /**
   * Returns the root of a node's host file system on local disk (what SFTP sees as {@code /}).
   *
   * @param node the node
   * @return the directory
   */
  public Path hostRoot(String node) {
    Path root = hostRoots.get(node);
    if (root == null) {
      throw new IllegalArgumentException("the simulator serves no node " + node);
    }
    return root;
  }

  /**
   * Lists the files of a node's host file system, as absolute host paths.
   *
   * @param node the node
   * @return the paths of every regular file, sorted
   */
  public List<String> hostFiles(String node) {
    Path root = hostRoot(node);
    List<String> files = new ArrayList<>();
    try (var walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> files.add("/" + root.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(null);
    return files;
  }

  /**
   * Returns every command line received so far, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<RecordedCommand> commands() {
    return List.copyOf(commands);
  }

  /**
   * Returns the argv run inside containers via {@code pct exec}, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<List<String>> containerCommands() {
    List<List<String>> result = new ArrayList<>();
    for (RecordedCommand c : commands) {
      if (!c.containerArgv().isEmpty()) {
        result.add(c.containerArgv());
      }
    }
    return List.copyOf(result);
  }

  /**
   * Returns every {@code pct push} carried out so far.
   *
   * @return an immutable snapshot
   */
  public List<RecordedPush> pushes() {
    return List.copyOf(pushes);
  }

  /** Forgets the recorded commands and pushes. */
  public void clearRecords() {
    commands.clear();
    pushes.clear();
  }

  /**
   * Adds a fault; the first matching fault wins.
   *
   * @param fault the fault
   */
  public void addFault(SimFault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Drops every open SSH connection, as a network failure or a host reboot would.
   *
   * @return how many connections were dropped
   */
  public int dropConnections() {
    int dropped = 0;
    for (SshServer server : servers.values()) {
      for (Session session : server.getActiveSessions()) {
        session.close(true);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Returns how many SSH connections were accepted since the start, across all nodes.
   *
   * @return the count
   */
  public int connectionsAccepted() {
    return connectionsAccepted.get();
  }

  /**
   * Returns the number of open SSH connections across all nodes.
   *
   * @return the count
   */
  public int activeConnections() {
    int count = 0;
    for (SshServer server : servers.values()) {
      count += server.getActiveSessions().size();
    }
    return count;
  }

  /**
   * Appends a line to a Compose service's log inside a container, as the app would.
   *
   * @param node the node
   * @param vmid the container
   * @param service the Compose service
   * @param text the log line
   * @throws IllegalArgumentException if the container or service does not exist
   */
  public void appendLog(String node, int vmid, String service, String text) {
    if (!ComposeEngine.appendLog(guest(node, vmid).fs(), service, clock.instant(), text)) {
      throw new IllegalArgumentException("CT " + vmid + " has no service " + service);
    }
  }

  /**
   * Overrides a Compose service's state and health inside a container, e.g. to make it
   * {@code unhealthy} or {@code exited}.
   *
   * @param node the node
   * @param vmid the container
   * @param service the Compose service
   * @param state {@code running}, {@code exited}, {@code restarting} or {@code created}
   * @param health {@code healthy}, {@code unhealthy}, {@code starting} or empty
   * @throws IllegalArgumentException if the container or service does not exist
   */
  public void setServiceState(String node, int vmid, String service, String state,
      String health) {
    if (!ComposeEngine.setHealth(guest(node, vmid).fs(), service, state, health)) {
      throw new IllegalArgumentException("CT " + vmid + " has no service " + service);
    }
  }

  /**
   * Sets the digest the simulated registry serves for an image reference: every later pull of
   * {@code reference} (by {@code compose up} or {@code compose pull} in any container) gets an image
   * whose {@code RepoDigests} holds {@code <repository>@<digest>}, as Docker records it. Images
   * already pulled keep the digest they were pulled at. Without a call, a reference's digest is
   * {@code sha256:} and the SHA-256 of the reference text.
   *
   * @param reference the image reference as the Compose file writes it, e.g. {@code nginx:1.27}
   * @param digest {@code sha256:} and 64 lower-case hex digits
   * @throws IllegalArgumentException if the digest is malformed
   */
  public void registryDigest(String reference, String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a digest is sha256: and 64 hex digits: " + digest);
    }
    registryDigests.put(java.util.Objects.requireNonNull(reference, "reference"), digest);
  }

  /**
   * @param reference an image reference
   * @return the digest a pull of it gets now
   */
  String registryDigestOf(String reference) {
    return registryDigests.getOrDefault(reference,
        "sha256:" + java.util.HexFormat.of().formatHex(ComposeEngine.sha256(reference)));
  }

  /**
   * Whether Docker is installed in a container.
   *
   * @param node the node
   * @param vmid the container
   * @return {@code true} after the install script ran
   */
  public boolean dockerInstalled(String node, int vmid) {
    return DockerState.installed(guest(node, vmid).fs());
  }

  private SimGuest guest(String node, int vmid) {
    return directory.guest(node, vmid).orElseThrow(
        () -> new IllegalArgumentException("no CT " + vmid + " on node " + node));
  }

  /** Stops every listener and deletes the host file systems. Idempotent. */
  @Override
  public void close() {
    for (SshServer server : servers.values()) {
      try {
        server.stop(true);
      } catch (IOException e) {
        // Best effort: the listener is going away either way.
      }
    }
    executor.shutdownNow();
    for (Path root : hostRoots.values()) {
      deleteTree(root);
    }
  }

  GuestDirectory directory() {
    return directory;
  }

  Clock clock() {
    return clock;
  }

  int healthyAfterPolls() {
    return healthyAfterPolls;
  }

  GuestTimings timings() {
    return timings;
  }

  /** Real seconds per simulated second; 0 (the default) makes health checks pass at once. */
  double timeScale() {
    return timeScale;
  }

  ExecutorService executor() {
    return executor;
  }

  void record(RecordedCommand command) {
    commands.add(command);
  }

  void recordPush(RecordedPush push) {
    pushes.add(push);
  }

  SimFault claimFault(List<String> argv) {
    for (SimFault fault : faults) {
      if (fault.claim(argv)) {
        return fault;
      }
    }
    return null;
  }

  /** Resolves an absolute host path inside the node's root, or null if it escapes. */
  Path hostPath(String node, String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    Path root = hostRoot(node);
    Path resolved = root.resolve(path.substring(1)).normalize();
    return resolved.startsWith(root) ? resolved : null;
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // A temp directory that cannot be deleted is left for the OS to clean.
    }
  }

  private static KeyPair fixedHostKey() {
    Properties props = new Properties();
    try (InputStream in = SshHostSimulator.class.getResourceAsStream("host-key.properties")) {
      if (in == null) {
        throw new IllegalStateException("host-key.properties is missing from the testkit jar");
      }
      props.load(in);
      KeyFactory ec = KeyFactory.getInstance("EC");
      return new KeyPair(
          ec.generatePublic(new X509EncodedKeySpec(
              Base64.getDecoder().decode(props.getProperty("public")))),
          ec.generatePrivate(new PKCS8EncodedKeySpec(
              Base64.getDecoder().decode(props.getProperty("private")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the fixed host key cannot be loaded", e);
    }
  }

  /** Configures and starts an {@link SshHostSimulator}. Not thread-safe. */
  public static final class Builder {
    private GuestDirectory directory = (node, vmid) -> java.util.Optional.empty();
    private final Set<String> nodes = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private String user = "root";
    private String password;
    private final List<PublicKey> authorizedKeys = new ArrayList<>();
    private KeyPair hostKey;
    private int healthyAfterPolls;
    private GuestTimings timings = GuestTimings.INSTANT;
    private double timeScale;

    private Builder() {}

    /**
     * Sets where containers are looked up. Default: no containers.
     *
     * @param directory the Proxmox simulator or an {@link InMemoryGuests}
     * @return this builder
     */
    public Builder directory(GuestDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Adds a node with its own listener. Default: one node named {@code pve}.
     *
     * @param node the node name
     * @return this builder
     */
    public Builder node(String node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /**
     * Sets the only user allowed to log in. Default {@code root}.
     *
     * @param user the user
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * Enables password authentication with this password.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Authorizes a public key.
     *
     * @param key the client's public key
     * @return this builder
     */
    public Builder authorizedKey(PublicKey key) {
      authorizedKeys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Authorizes a public key given as an OpenSSH {@code authorized_keys} / {@code .pub} line.
     *
     * @param line e.g. {@code ssh-ed25519 AAAAC3... comment}
     * @return this builder
     * @throws IllegalArgumentException if the line cannot be parsed
     */
    public Builder authorizedKey(String line) {
      try {
        PublicKey key = org.apache.sshd.common.config.keys.PublicKeyEntry
            .parsePublicKeyEntry(line.strip())
            .resolvePublicKey(null, null,
                org.apache.sshd.common.config.keys.PublicKeyEntryResolver.FAILING);
        return authorizedKey(key);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("not a usable public key line: " + e.getMessage(), e);
      }
    }

    /**
     * Replaces the fixed host key, e.g. to simulate a reinstalled or impostor host.
     *
     * @param hostKey the key pair
     * @return this builder
     */
    public Builder hostKey(KeyPair hostKey) {
      this.hostKey = Objects.requireNonNull(hostKey, "hostKey");
      return this;
    }

    /**
     * Sets the clock for log timestamps and Compose times. Default: the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes services with a health check report {@code starting} for this many
     * {@code compose ps} calls after they start, then {@code healthy}. Default 0: healthy at once.
     *
     * @param polls zero or more
     * @return this builder
     */
    public Builder healthyAfterPolls(int polls) {
      if (polls < 0) {
        throw new IllegalArgumentException("polls must not be negative");
      }
      this.healthyAfterPolls = polls;
      return this;
    }

    /**
     * Makes the slow work inside containers take time: the Docker install, image pulls and
     * container starts, and Docker's health checks, which run when their compose file says
     * ({@code interval}, {@code start_period}, {@code start_interval}, with Docker's defaults): a
     * service with a check becomes healthy at its first check. Everything is scaled by
     * {@code timeScale}, and {@code docker container inspect} shows the scaled check timings, as the
     * simulated Docker applies them. Default: {@link GuestTimings#INSTANT} and health at once.
     *
     * @param simulated the durations in simulated time
     * @param timeScale real seconds per simulated second, as the Proxmox simulator's
     * @return this builder
     */
    public Builder timings(GuestTimings simulated, double timeScale) {
      this.timings = Objects.requireNonNull(simulated, "simulated").scaled(timeScale);
      this.timeScale = timeScale;
      return this;
    }

    /**
     * Starts the listeners.
     *
     * @return the running simulator
     * @throws UncheckedIOException if a listener cannot start
     */
    public SshHostSimulator start() {
      if (nodes.isEmpty()) {
        nodes.add("pve");
      }
      if (password == null && authorizedKeys.isEmpty()) {
        throw new IllegalStateException("configure password(..) or authorizedKey(..)");
      }
      try {
        return new SshHostSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the SSH host simulator", e);
      }
    }
  }

  /**
   * The current time by the simulator's clock.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }
}
