package dev.proximity.ssh;

import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.ssh.SshCommandException.Reason;
import dev.proximity.ssh.internal.ConnectionPool;
import dev.proximity.ssh.internal.ConnectionSettings;
import dev.proximity.ssh.internal.SshConnection;
import dev.proximity.ssh.internal.SshHostShell;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link HostShellFactory} over SSH (sshj): one shell per Proxmox node, each on one lazily opened,
 * shared connection that is reconnected when it drops (and a few more while all its channels are
 * in use, see {@link Builder#maxConnectionsPerNode(int)}).
 *
 * <p>Commands are argv lists; {@code ShellQuoting} alone turns them into the remote command line, so
 * no input becomes shell syntax. Host keys are always verified. Thread-safe; {@link #close()}
 * closes every connection and the I/O threads this factory started.
 *
 * <p>Not registered for {@link java.util.ServiceLoader}: a factory is useless without hosts and
 * credentials, so build one and hand it to the Proximity builder.
 *
 * <pre>{@code
 * try (SshHostShells shells = SshHostShells.builder()
 *     .node("pve1", "10.0.0.11")
 *     .node("pve2", "10.0.0.12", 22)
 *     .auth(SshAuth.privateKey(Path.of("/etc/proximity/id_ed25519")))
 *     .hostKeys(HostKeyVerification.knownHosts(Path.of("/etc/proximity/known_hosts")))
 *     .build()) {
 *   CommandResult r = shells.forNode("pve1").exec(101, List.of("cat", "/etc/os-release"),
 *       Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class SshHostShells implements HostShellFactory {
  private final Map<String, Target> targets;
  private final Builder config;
  private final ExecutorService io;
  private final ScheduledExecutorService timer;
  private final Map<String, ConnectionPool> connections = new ConcurrentHashMap<>();
  private final Map<String, HostShell> shells = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Target(String host, int port) {}

  private SshHostShells(Builder builder) {
    this.targets = Map.copyOf(builder.targets);
    this.config = builder.copy();
    this.io = Executors.newCachedThreadPool(daemonThreads("proximity-ssh-io-"));
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, daemonThreads("proximity-ssh-timer-"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the shell on a node's host; connects on its first command.
   *
   * @param node the Proxmox node name
   * @return the shared, thread-safe shell
   * @throws SshCommandException with {@link Reason#UNKNOWN_NODE} if the node was not configured
   */
  @Override
  public HostShell forNode(String node) {
    Objects.requireNonNull(node, "node");
    Target target = targets.get(node);
    if (target == null) {
      throw new SshCommandException(Reason.UNKNOWN_NODE,
          "no SSH host is configured for this node; add it with SshHostShells.builder().node(\""
              + node + "\", host)", node, "-", List.of(), null, "", null, null);
    }
    if (closed) {
      throw new SshCommandException(Reason.CONNECTION_LOST, "this SshHostShells is closed", node,
          target.host() + ":" + target.port(), List.of(), null, "", null, null);
    }
    return shells.computeIfAbsent(node, n -> new SshHostShell(connection(n, target),
        config.transferTimeout, config.tempDirectory));
  }

  private ConnectionPool connection(String node, Target target) {
    return connections.computeIfAbsent(node, n -> {
      ConnectionSettings settings = new ConnectionSettings(n, target.host(), target.port(),
          config.user, config.auth.authenticator(), config.hostKeys.policy(),
          config.connectTimeout, config.keepAliveInterval, config.maxConcurrentChannels,
          config.maxOutputBytes);
      return new ConnectionPool(settings, config.maxConnectionsPerNode,
          () -> new SshConnection(settings, io, timer));
    });
  }

  /**
   * Drops a node's current connections; the next command reconnects. Commands running on them fail
   * with {@link Reason#CONNECTION_LOST}.
   *
   * @param node the node
   */
  public void disconnect(String node) {
    ConnectionPool connection = connections.get(node);
    if (connection != null) {
      connection.disconnect();
    }
  }

  /**
   * Closes every connection and stops the I/O threads, waiting briefly for them to end.
   * Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    connections.values().forEach(ConnectionPool::close);
    io.shutdownNow();
    timer.shutdownNow();
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "SshHostShells[user=" + config.user + ", nodes=" + targets.keySet() + ", "
        + config.auth + ", " + config.hostKeys + "]";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Configures {@link SshHostShells}. Not thread-safe; {@link #build()} copies the configuration.
   */
  public static final class Builder {
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private String user = "root";
    private SshAuth auth;
    private HostKeyVerification hostKeys;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration keepAliveInterval = Duration.ofSeconds(30);
    private Duration transferTimeout = Duration.ofMinutes(5);
    private int maxConcurrentChannels = 8;
    private int maxConnectionsPerNode = 4;
    private int maxOutputBytes = 1024 * 1024;
    private String tempDirectory = "/tmp";

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.targets.putAll(targets);
      copy.user = user;
      copy.auth = auth;
      copy.hostKeys = hostKeys;
      copy.connectTimeout = connectTimeout;
      copy.keepAliveInterval = keepAliveInterval;
      copy.transferTimeout = transferTimeout;
      copy.maxConcurrentChannels = maxConcurrentChannels;
      copy.maxConnectionsPerNode = maxConnectionsPerNode;
      copy.maxOutputBytes = maxOutputBytes;
      copy.tempDirectory = tempDirectory;
      return copy;
    }

    /**
     * Maps a node to its host on port 22.
     *
     * @param node the Proxmox node name
     * @param host the host name or IP address
     * @return this builder
     */
    public Builder node(String node, String host) {
      return node(node, host, 22);
    }

    /**
     * Maps a node to its host and SSH port.
     *
     * @param node the Proxmox node name
     * @param host the host name or IP address
     * @param port the SSH port
     * @return this builder
     */
    public Builder node(String node, String host, int port) {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be within 1..65535: " + port);
      }
      targets.put(node, new Target(host, port));
      return this;
    }

    /**
     * Sets the login user. Default {@code root}, which {@code pct} needs.
     *
     * @param user the user
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * Sets how to authenticate. Required.
     *
     * @param auth a key or password
     * @return this builder
     */
    public Builder auth(SshAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Sets how host keys are verified. Default: the user's {@code ~/.ssh/known_hosts}.
     *
     * @param hostKeys known_hosts, pinned fingerprints, or the trust-on-first-use opt-in
     * @return this builder
     */
    public Builder hostKeys(HostKeyVerification hostKeys) {
      this.hostKeys = Objects.requireNonNull(hostKeys, "hostKeys");
      return this;
    }

    /**
     * Sets the timeout of the TCP connect, the SSH handshake, authentication and channel opening.
     * Default 10 seconds.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the keepalive interval; a connection whose keepalives go unanswered five times is
     * dropped and reopened on the next command. Default 30 seconds; {@link Duration#ZERO}
     * disables keepalives.
     *
     * @param interval the interval, whole seconds
     * @return this builder
     */
    public Builder keepAliveInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("keepAliveInterval must not be negative");
      }
      this.keepAliveInterval = interval;
      return this;
    }

    /**
     * Sets the longest a {@code push} may take: the upload and {@code pct push} together.
     * Default 5 minutes. Commands take their own timeout per call.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder transferTimeout(Duration timeout) {
      this.transferTimeout = positive(timeout, "transferTimeout");
      return this;
    }

    /**
     * Bounds the channels (commands, streams, uploads) open at once on one node's connection;
     * further commands wait for a free channel within their timeout. Default 8, below OpenSSH's
     * {@code MaxSessions} default of 10.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxConcurrentChannels(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentChannels must be at least 1: " + max);
      }
      this.maxConcurrentChannels = max;
      return this;
    }

    /**
     * Bounds the connections to one node. The first opens with the first command; another opens
     * only while every open one has all its {@link #maxConcurrentChannels(int) channels} in use, so
     * that many concurrent long commands (Docker installs, image pulls of concurrent deploys) do
     * not queue behind a server's per-connection limit. Default 4.
     *
     * @param max at least 1; 1 keeps every command on one connection
     * @return this builder
     */
    public Builder maxConnectionsPerNode(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnectionsPerNode must be at least 1: " + max);
      }
      this.maxConnectionsPerNode = max;
      return this;
    }

    /**
     * Caps the bytes kept of each output stream of one command; more is counted but dropped, and
     * {@code CommandResult.truncated()} says so. Standard output keeps its head, standard error its
     * tail (where error messages are). Default 1 MiB.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxOutputBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxOutputBytes must be at least 1: " + max);
      }
      this.maxOutputBytes = max;
      return this;
    }

    /**
     * Sets the host directory for the private temporary files of {@code push}. Default
     * {@code /tmp}.
     *
     * @param directory an absolute path on the host
     * @return this builder
     */
    public Builder tempDirectory(String directory) {
      Objects.requireNonNull(directory, "directory");
      if (!directory.startsWith("/") || directory.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("tempDirectory must be an absolute path");
      }
      this.tempDirectory = directory.endsWith("/") && directory.length() > 1
          ? directory.substring(0, directory.length() - 1) : directory;
      return this;
    }

    /**
     * Builds the factory. Nothing connects yet.
     *
     * @return the factory
     * @throws IllegalStateException if no node or no authentication was configured
     */
    public SshHostShells build() {
      if (targets.isEmpty()) {
        throw new IllegalStateException("configure at least one node with node(name, host)");
      }
      if (auth == null) {
        throw new IllegalStateException("configure authentication with auth(SshAuth...)");
      }
      if (hostKeys == null) {
        hostKeys = HostKeyVerification.defaultKnownHosts();
      }
      return new SshHostShells(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
