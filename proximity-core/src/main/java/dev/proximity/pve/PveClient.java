package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.Executors;
import dev.proximity.internal.http.RetryPolicy;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.http.TransportConfig;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.NodeSummary;
import dev.proximity.pve.model.PveVersion;
import dev.proximity.pve.model.Upid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed client of the Proxmox VE REST API, one small class per API area.
 *
 * <pre>{@code
 * try (PveClient pve = PveClient.builder()
 *     .endpoint(URI.create("https://10.0.0.2:8006"))
 *     .credentials(PveCredentials.apiToken("root@pam!sdk", secret))
 *     .trust(TlsTrust.pinnedSha256("3F:A1:..."))
 *     .build()) {
 *   LxcStatus status = pve.node("pve").lxc(101).status();
 *   pve.node("pve").lxc(101).start().await(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Reads retry on connection failures and gateway errors (502, 503, 504, 595, 596, 599) up to 4
 * attempts with jittered backoff; writes are never repeated once they may have reached the server.
 * A password login's ticket is renewed before its 2 h expiry and once more after a 401.
 * Thread-safe; share one client. {@link #close()} stops the SDK's threads.
 */
public final class PveClient implements AutoCloseable {
  private final Transport transport;
  private final PveCredentials credentials;

  private PveClient(Transport transport, PveCredentials credentials) {
    this.transport = transport;
    this.credentials = credentials;
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
   * Reads the API server version ({@code GET /version}); a cheap connectivity and credentials check.
   *
   * @return the version
   * @throws PveApiException when the server refuses (e.g. 401 for bad credentials)
   * @throws PveConnectionException when no answer arrives (e.g. TLS pin mismatch)
   */
  public PveVersion version() {
    return Json.convert(transport.send(ApiRequest.get("/version", Map.of())).data(), PveVersion.class);
  }

  /**
   * Lists the cluster's nodes.
   *
   * @return the nodes with status and certificate fingerprint
   * @throws PveApiException when the server refuses
   */
  public List<NodeSummary> nodes() {
    return transport.send(ApiRequest.get("/nodes", Map.of()),
        BodyDecoder.dataList(NodeSummary.class));
  }

  /**
   * Narrows to one node.
   *
   * @param name node name, e.g. {@code pve}
   * @return the node API
   */
  public NodeApi node(String name) {
    return new NodeApi(transport, Objects.requireNonNull(name, "name"));
  }

  /**
   * Narrows to cluster-wide calls.
   *
   * @return the cluster API
   */
  public ClusterApi cluster() {
    return new ClusterApi(transport);
  }

  /**
   * Narrows to the resource pools.
   *
   * @return the pools API
   */
  public PoolsApi pools() {
    return new PoolsApi(transport);
  }

  /**
   * Narrows to access calls (permissions, preflight).
   *
   * @return the access API
   */
  public AccessApi access() {
    return new AccessApi(transport, credentials);
  }

  /**
   * Returns a handle on any task; its node is taken from the UPID.
   *
   * @param upid the UPID text
   * @return the handle
   * @throws IllegalArgumentException when the text is not a UPID
   */
  public Task task(String upid) {
    return new Task(transport, Upid.parse(upid), false);
  }

  /**
   * Returns what this client's task waits learned about how long each kind of task runs, including
   * what it was given by {@link Builder#taskDurations(TaskDurationSnapshot)}, for a later client to
   * start from ({@link TaskDurationSnapshot#writeTo(java.nio.file.Path)}).
   *
   * @return the snapshot, least recently used kind first
   */
  public TaskDurationSnapshot taskDurations() {
    return transport.taskDurations().snapshot();
  }

  /**
   * Returns the credentials' principal, for messages ({@code user@realm} or the token id).
   *
   * @return the principal, never the secret
   */
  public String principal() {
    return credentials.kind() == PveCredentials.Kind.API_TOKEN ? credentials.tokenId() : credentials.userId();
  }

  /** Stops the client's threads; idempotent. Pending async calls fail. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "PveClient[" + transport + ", " + principal() + "]";
  }

  /** Configures a {@link PveClient}; not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private PveCredentials credentials;
    private TlsTrust trust = TlsTrust.system();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private int ioThreads = 8;
    private TaskDurationSnapshot taskDurations = TaskDurationSnapshot.empty();
    private TaskEndWatch taskEndWatch;

    private Builder() {}

    /**
     * Sets the API endpoint (required).
     *
     * @param endpoint e.g. {@code https://10.0.0.2:8006}; {@code /api2/json} is added when missing
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Sets the credentials (required).
     *
     * @param credentials an API token (preferred) or a password
     * @return this builder
     */
    public Builder credentials(PveCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Sets which certificates are trusted; default {@link TlsTrust#system()}.
     *
     * @param trust the trust
     * @return this builder
     */
    public Builder trust(TlsTrust trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /**
     * Sets the TCP and TLS connect timeout; default 10 s.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the longest wait for the answer of one HTTP attempt; default 60 s.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the clock for ticket age and task deadlines (tests inject their own); default system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many HTTP exchanges may run at once; default 8.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder maxConcurrentRequests(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
      }
      this.ioThreads = threads;
      return this;
    }

    /**
     * Starts the client with task durations an earlier client learned
     * ({@link PveClient#taskDurations()}), so that its first task of each of those kinds is polled
     * at the expected end. Kinds learned more than {@link TaskDurationSnapshot#MAX_AGE} before the
     * builder's {@link #clock(Clock) clock} says now are dropped when the client is built. Default:
     * nothing learned.
     *
     * @param learned the durations, e.g. from {@link TaskDurationSnapshot#readFrom(java.nio.file.Path)}
     * @return this builder
     */
    public Builder taskDurations(TaskDurationSnapshot learned) {
      this.taskDurations = Objects.requireNonNull(learned, "learned");
      return this;
    }

    /**
     * Lets every task wait of the client learn of its task's end from a watch on the task's worker
     * process instead of polling for it: the wait reads the status once when the watch says the
     * process ended, polls only every few seconds to a minute besides (in case the watch stops
     * without saying so), and goes back to ordinary polling when the watch fails, cannot watch the
     * task, or says the task ended while its status still says running. This covers handles from
     * {@link PveClient#task(String)} and {@link Task#promptly()} too. Default: no watch, waits poll.
     *
     * @param watch the watch, e.g. one over SSH to the nodes
     * @return this builder
     */
    public Builder taskEndWatch(TaskEndWatch watch) {
      this.taskEndWatch = Objects.requireNonNull(watch, "watch");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    /**
     * Builds the client; nothing is sent until the first call.
     *
     * @return the client
     * @throws IllegalStateException when endpoint or credentials are missing
     */
    public PveClient build() {
      if (endpoint == null || credentials == null) {
        throw new IllegalStateException("PveClient needs endpoint(..) and credentials(..)");
      }
      String scheme = endpoint.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new IllegalArgumentException("endpoint must be an https:// URI, got " + endpoint);
      }
      TransportConfig config = new TransportConfig(endpoint, credentials, trust, connectTimeout, requestTimeout, clock,
          RetryPolicy.defaults());
      Transport transport = new Transport(config, new Executors(ioThreads), taskEndWatch);
      transport.taskDurations().restore(
          taskDurations.learnedSince(clock.instant().minus(TaskDurationSnapshot.MAX_AGE)));
      return new PveClient(transport, credentials);
    }
  }
}
