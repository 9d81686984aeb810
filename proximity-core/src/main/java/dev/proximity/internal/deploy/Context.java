package dev.proximity.internal.deploy;

import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.ProgressListener;
import dev.proximity.audit.AuditSink;
import dev.proximity.internal.http.TaskDurations;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the facade's operations share: the Proxmox operations, the host shells, the catalog,
 * settings, and the in-process reservations that keep concurrent deploys of one SDK instance from
 * picking the same name or overfilling a node.
 */
public final class Context {
  private final ClusterOps ops;
  private final HostShellFactory shells;
  private final AppCatalog catalog;
  private final Executor executor;
  private final Clock clock;
  private final List<ProgressListener> listeners;
  private final Settings settings;
  private final AuditSink audit;
  private final String principal;
  private final Set<String> reservedNames = ConcurrentHashMap.newKeySet();
  private final Set<Integer> reservedVmids = ConcurrentHashMap.newKeySet();
  private final AtomicInteger highestVmid = new AtomicInteger();
  private final ConcurrentMap<String, Long> reservedMemory = new ConcurrentHashMap<>();
  private final SingleFlight<String, String> templateDownloads = new SingleFlight<>();
  private final ConcurrentMap<String, Integer> deploysInFlight = new ConcurrentHashMap<>();
  private final SerialQueue<Integer> cloneQueue = new SerialQueue<>();
  private final ConcurrentMap<String, GoldenFacts> goldenFacts = new ConcurrentHashMap<>();
  // how long after a start each node's DHCP gives a container its address, learned like task
  // durations (same interval logic, same bound on what is kept); per SDK instance
  private final TaskDurations leaseDelays;

  /**
   * What deploys need to know about a golden template, read once per template: a template's disk
   * does not change (Proxmox refuses to edit it while clones use it).
   *
   * @param linkedClones whether its disk is on a storage with linked clones
   * @param rootfsGb its root disk size, which clones inherit
   */
  record GoldenFacts(boolean linkedClones, int rootfsGb) {}

  /**
   * Creates the context.
   *
   * @param ops Proxmox operations
   * @param shells host shells, or null when none is configured
   * @param catalog the catalog, or null when none is configured
   * @param executor runs async operations
   * @param clock the clock
   * @param listeners SDK-wide progress listeners
   * @param settings configuration
   * @param audit where safe-command executions are audited
   * @param principal the credentials' principal, the default actor of audit events
   */
  public Context(
      ClusterOps ops, HostShellFactory shells, AppCatalog catalog, Executor executor, Clock clock,
      List<ProgressListener> listeners, Settings settings, AuditSink audit, String principal) {
    this.ops = ops;
    this.shells = shells;
    this.catalog = catalog;
    this.executor = executor;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    this.settings = settings;
    this.audit = audit;
    this.principal = principal;
    this.leaseDelays = new TaskDurations(clock);
  }

  /** @return the audit sink */
  public AuditSink audit() {
    return audit;
  }

  /** @return the credentials' principal */
  public String principal() {
    return principal;
  }

  /** @return the Proxmox operations */
  public ClusterOps ops() {
    return ops;
  }

  /**
   * The shell of a node.
   *
   * @param node the node
   * @return its shell
   * @throws InvalidRequestException if no host shell factory is configured
   */
  public HostShell shell(String node) {
    if (shells == null) {
      throw new InvalidRequestException(Reason.NOT_CONFIGURED,
          "no HostShellFactory: add proximity-ssh to the class path or set"
              + " Proximity.builder().hostShell(..)");
    }
    return shells.forNode(node);
  }

  /**
   * The catalog.
   *
   * @return the catalog
   * @throws InvalidRequestException if none is configured
   */
  public AppCatalog catalog() {
    if (catalog == null) {
      throw new InvalidRequestException(Reason.NOT_CONFIGURED,
          "no AppCatalog: add proximity-catalog to the class path or set"
              + " Proximity.builder().catalog(..)");
    }
    return catalog;
  }

  /** @return the catalog, or null when none is configured */
  AppCatalog catalogOrNull() {
    return catalog;
  }

  /** @return the executor for async operations */
  public Executor executor() {
    return executor;
  }

  /** @return the clock */
  public Clock clock() {
    return clock;
  }

  /** @return the SDK-wide listeners */
  public List<ProgressListener> listeners() {
    return listeners;
  }

  /** @return the settings */
  public Settings settings() {
    return settings;
  }

  /**
   * The pool a new app joins: the configured one, else {@link dev.proximity.Proximity#APP_POOL}
   * when it exists (read per call: AUTO mode may create it while this instance runs), else none.
   *
   * @return the pool id, or null
   */
  String appPool() {
    if (settings.pool() != null) {
      return settings.pool();
    }
    return ops.poolExists(dev.proximity.Proximity.APP_POOL) ? dev.proximity.Proximity.APP_POOL : null;
  }

  /** @return names reserved by deploys in flight */
  Set<String> reservedNames() {
    return reservedNames;
  }

  /** @return vmids being created by operations in flight */
  Set<Integer> reservedVmids() {
    return reservedVmids;
  }

  /** @return the highest vmid this instance has handed out */
  AtomicInteger highestVmid() {
    return highestVmid;
  }

  /** @return memory (bytes) reserved per node by deploys in flight */
  ConcurrentMap<String, Long> reservedMemory() {
    return reservedMemory;
  }

  /** @return deploys placed per node by this instance and not ended yet */
  ConcurrentMap<String, Integer> deploysInFlight() {
    return deploysInFlight;
  }

  /**
   * What this instance learned about when started containers get their IPv4 address: one kind per
   * node and bridge. Thread-safe and bounded ({@link TaskDurations#MAX_KINDS}).
   *
   * @return the learned lease delays
   */
  TaskDurations leaseDelays() {
    return leaseDelays;
  }

  /** @return the queue of clones per golden template (by vmid, unique in the cluster) */
  SerialQueue<Integer> cloneQueue() {
    return cloneQueue;
  }

  /** @return facts about golden templates by {@code node/vmid} */
  ConcurrentMap<String, GoldenFacts> goldenFacts() {
    return goldenFacts;
  }

  /** @return the per-node template download guard */
  SingleFlight<String, String> templateDownloads() {
    return templateDownloads;
  }
}
