package dev.proximity;

import dev.proximity.audit.AuditSink;
import dev.proximity.internal.ProximityBuilder;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.HostShellFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Proximity SDK: deploy catalog apps onto Proxmox VE and manage them.
 *
 * <p>One instance serves the whole process; it is thread-safe. Close it to release what it created
 * (HTTP threads, SSH connections it opened, its own executor); a caller's executor is never shut
 * down. Apps are Proxmox containers tagged {@code proximity}, so several instances see the same
 * state and nothing is kept locally.
 *
 * <pre>{@code
 * try (Proximity px = Proximity.builder()
 *     .endpoint(URI.create("https://10.0.0.2:8006"))
 *     .credentials(PveCredentials.apiToken("root@pam!sdk", secret))
 *     .trust(TlsTrust.pinnedSha256("3F:A1:..."))
 *     .hostShell(shells)
 *     .build()) {
 *   App web = px.deploy("nginx").named("web").start();
 *   px.app("web").backup("first");
 * }
 * }</pre>
 */
public interface Proximity extends AutoCloseable {

  /**
   * Connects with defaults: system TLS trust, the catalog and host shell found on the class path.
   *
   * @param endpoint the Proxmox VE API, such as {@code https://pve.example:8006}
   * @param credentials an API token (preferred) or a user and password
   * @return the SDK
   */
  static Proximity connect(URI endpoint, PveCredentials credentials) {
    return builder().endpoint(endpoint).credentials(credentials).build();
  }

  /**
   * Starts configuring the SDK.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new ProximityBuilder();
  }

  /**
   * The resource pool new apps join when no pool is configured, if it exists: AUTO mode's delegated
   * backups create it and back up its members, so an app deployed by any Proximity process is
   * covered without touching the backup job.
   */
  String APP_POOL = "proximity";

  /**
   * The resource pool configured with {@link Builder#pool(String)}.
   *
   * @return the configured pool, or empty when new apps join {@link #APP_POOL} only if it exists
   */
  Optional<String> pool();

  /**
   * The typed Proxmox VE client, for everything the facade does not cover.
   *
   * @return the client, owned by this instance
   */
  PveClient pve();

  /**
   * The app catalog in use.
   *
   * @return the catalog
   * @throws InvalidRequestException if none is configured or on the class path
   */
  AppCatalog catalog();

  /**
   * Starts describing a deploy; nothing happens until a terminal verb of the spec.
   *
   * @param catalogId the catalog entry, such as {@code nginx}
   * @return a new spec
   */
  DeploySpec deploy(String catalogId);

  /**
   * Lists every app of the cluster in exactly one {@code /cluster/resources} request, whatever
   * the number of apps: name, vmid, node, status, catalog id, version, owner, uptime and resource
   * use all come from that response. For an app's address, URLs and full manifest read {@code
   * app(name).info()}, which costs a few requests per app.
   *
   * @return the apps, sorted by name
   */
  List<AppSummary> apps();

  /**
   * Returns a handle on an app.
   *
   * @param nameOrVmid the app name or its vmid
   * @return the handle
   * @throws AppNotFoundException if no app matches
   */
  AppHandle app(String nameOrVmid);

  /**
   * Finds an app.
   *
   * @param nameOrVmid the app name or its vmid
   * @return the handle, or empty when no app matches
   */
  Optional<AppHandle> findApp(String nameOrVmid);

  /**
   * Manages the per-node golden templates.
   *
   * @return the template manager
   */
  Templates templates();

  /**
   * Checks the credentials' privileges ({@code GET /access/permissions}) against what deploys,
   * backups, clones and the other operations need.
   *
   * @return the report; {@code missing()} lists what to grant, {@code summary()} says it in words
   */
  PermissionReport checkPrivileges();

  /** Releases what this instance created. Idempotent; never throws. */
  @Override
  void close();

  /**
   * Configures a {@link Proximity}. Not thread-safe; {@link #build()} may be called once.
   */
  interface Builder {
    /**
     * Sets the API endpoint (required).
     *
     * @param endpoint e.g. {@code https://10.0.0.2:8006}
     * @return this builder
     */
    Builder endpoint(URI endpoint);

    /**
     * Sets the credentials (required).
     *
     * @param credentials an API token or a user and password
     * @return this builder
     */
    Builder credentials(PveCredentials credentials);

    /**
     * Sets how the server certificate is verified; the default is the system trust store.
     *
     * @param trust system, a CA, a pinned fingerprint, or the loudly logged insecure mode
     * @return this builder
     */
    Builder trust(TlsTrust trust);

    /**
     * Sets the TCP/TLS connect timeout (default: the client's, 10 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    Builder connectTimeout(Duration timeout);

    /**
     * Sets the timeout of one HTTP attempt (default: the client's, 60 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    Builder requestTimeout(Duration timeout);

    /**
     * Sets the default limit of deploys and other long operations (default 30 min).
     *
     * @param timeout the timeout
     * @return this builder
     */
    Builder operationTimeout(Duration timeout);

    /**
     * Sets the host shells used for {@code pct exec}/{@code pct push} (default: a
     * {@link HostShellFactory} registered for {@link java.util.ServiceLoader} with a no-argument
     * constructor, if any; SSH needs hosts and keys, so normally pass an {@code SshHostShells}
     * here). The caller keeps ownership of a factory given here. Without one, deploys and other
     * in-container operations fail with {@code InvalidRequestException} ({@code NOT_CONFIGURED}).
     *
     * @param factory the factory
     * @return this builder
     */
    Builder hostShell(HostShellFactory factory);

    /**
     * Sets the catalog (default: the {@link AppCatalog} found by {@link java.util.ServiceLoader},
     * normally proximity-catalog's bundled catalog).
     *
     * @param catalog the catalog
     * @return this builder
     */
    Builder catalog(AppCatalog catalog);

    /**
     * Sets the executor of async operations and concurrent reads. The caller owns it: closing the
     * SDK never shuts it down. Default: an SDK-owned pool of 8 daemon threads.
     *
     * @param executor the executor
     * @return this builder
     */
    Builder executor(Executor executor);

    /**
     * Sets the clock for deadlines, manifests and events (default: the UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    Builder clock(Clock clock);

    /**
     * Adds a listener that receives the progress of every long operation.
     *
     * @param listener the listener
     * @return this builder
     */
    Builder progressListener(ProgressListener listener);

    /**
     * Makes every new app (deploy, clone, restore as a new app) join a Proxmox resource pool, which
     * must exist. Without it, new apps join {@link Proximity#APP_POOL} when that pool exists, and
     * no pool otherwise.
     *
     * @param pool the pool id
     * @return this builder
     */
    Builder pool(String pool);

    /**
     * Sets the storage for container disks (default: each node's first active {@code rootdir}
     * storage).
     *
     * @param storage the storage id
     * @return this builder
     */
    Builder rootStorage(String storage);

    /**
     * Sets the storage for OS templates (default: each node's first active {@code vztmpl}
     * storage).
     *
     * @param storage the storage id
     * @return this builder
     */
    Builder templateStorage(String storage);

    /**
     * Sets the storage for backups (default: each node's first active {@code backup} storage).
     *
     * @param storage the storage id
     * @return this builder
     */
    Builder backupStorage(String storage);

    /**
     * Sets the OS template name prefix (default {@code debian-12-standard}); the newest matching
     * template is used.
     *
     * @param prefix the prefix
     * @return this builder
     */
    Builder baseTemplate(String prefix);

    /**
     * Turns the use of golden templates on or off (default on: a node's golden template is cloned
     * when present; create one with {@code templates().prepareGolden(node)}).
     *
     * @param enabled whether deploys clone golden templates
     * @return this builder
     */
    Builder goldenTemplates(boolean enabled);

    /**
     * Sets where safe-command executions (allowed, failed or refused) are audited (default:
     * {@link AuditSink#slf4j()}, the logger {@code proximity.audit}).
     *
     * @param sink the sink
     * @return this builder
     */
    Builder auditSink(AuditSink sink);

    /**
     * Checks the credentials' privileges while building, and fails with the list of what is
     * missing (default off; {@link Proximity#checkPrivileges()} runs the check on demand).
     *
     * @param verify whether to check
     * @return this builder
     */
    Builder verifyPrivileges(boolean verify);

    /**
     * Keeps what task waits learn about how long each kind of task runs in a file, so that the
     * next instance (the next run of a tool, a restarted service) notices its first task of a kind
     * at the expected end: the file is read when the SDK is built and replaced, atomically, when it
     * is closed. A missing file starts empty; an unreadable, foreign or newer-version file is
     * ignored with one WARN log and never fails the build; a failed save is logged at WARN. Kinds
     * not confirmed for {@link dev.proximity.pve.TaskDurationSnapshot#MAX_AGE} are dropped (default:
     * nothing is kept between instances; see {@link dev.proximity.pve.TaskDurationSnapshot} to keep
     * them elsewhere or save more often).
     *
     * @param file the file, e.g. {@code ~/.local/state/myapp/task-durations.json}
     * @return this builder
     */
    Builder taskDurations(Path file);

    /**
     * Builds the SDK.
     *
     * @return the SDK
     * @throws IllegalStateException if the endpoint or credentials are missing
     * @throws InvalidRequestException with {@code MISSING_PRIVILEGES} when verification is on and
     *     privileges are missing
     */
    Proximity build();
  }
}
