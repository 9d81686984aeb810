package dev.proximity.testkit;

import dev.proximity.testkit.internal.pve.AccessRoutes;
import dev.proximity.testkit.internal.pve.ApiHandler;
import dev.proximity.testkit.internal.pve.BackupJobRoutes;
import dev.proximity.testkit.internal.pve.ClusterRoutes;
import dev.proximity.testkit.internal.pve.ClusterState;
import dev.proximity.testkit.internal.pve.LxcOpsRoutes;
import dev.proximity.testkit.internal.pve.LxcRoutes;
import dev.proximity.testkit.internal.pve.LxcSnapshotRoutes;
import dev.proximity.testkit.internal.pve.NodeRoutes;
import dev.proximity.testkit.internal.pve.PoolRoutes;
import dev.proximity.testkit.internal.pve.Routes;
import dev.proximity.testkit.internal.pve.SimContainer;
import dev.proximity.testkit.internal.pve.SimContext;
import dev.proximity.testkit.internal.pve.SimServer;
import dev.proximity.testkit.internal.pve.SimTask;
import dev.proximity.testkit.internal.pve.StorageRoutes;
import dev.proximity.testkit.internal.pve.TaskRoutes;
import dev.proximity.testkit.internal.pve.VzdumpRoutes;
import dev.proximity.testkit.ssh.GuestListing;
import dev.proximity.testkit.ssh.TaskProcesses;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Proxmox VE simulator: the subset of the PVE 9.1 REST API the SDK uses, over HTTPS
 * on a random loopback port with a self-signed certificate, with Proxmox's authentication, task,
 * locking, permission and error semantics, schema validation of every request, and fault
 * injection.
 *
 * <pre>{@code
 * try (PveSimulator sim = PveSimulator.builder()
 *     .node("pve", 8, 32L << 30)
 *     .token("root@pam!ci", "s3cret", false)
 *     .timeScale(0.001)
 *     .start()) {
 *   URI api = sim.baseUri();                         // https://127.0.0.1:PORT
 *   String pin = sim.certificateSha256Fingerprint(); // AB:CD:...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the listener and the task threads; it is idempotent.
 * The simulator also serves as the {@link GuestDirectory} (and {@link GuestListing}) of the SSH
 * host simulator, so {@code pct exec} sees the same containers, states, addresses and files, and
 * as its {@link TaskProcesses}, so the host's task watch sees the same tasks run and end.
 *
 * <p>Known differences from a real node: the HTTP status line carries the JDK server's standard
 * reason phrase, not Proxmox's first message line (the message is always in the body's
 * {@code message}, as PVE 8.3+ sends it, and {@code java.net.http} cannot read reason phrases);
 * 401 answers are not delayed unless {@link PveSimulatorBuilder#authFailureDelay} says so; the
 * second, in-worker vmid check of a create cannot lose a race because the simulator registers
 * the container atomically with the first check, so the loser of a {@code nextid} race always
 * gets the synchronous 500 {@code CT <id> already exists on node '<node>'}.
 */
public final class PveSimulator implements AutoCloseable, GuestDirectory, GuestListing,
    TaskProcesses {
  private static final Logger log = LoggerFactory.getLogger(PveSimulator.class);

  private final SimContext sim;
  private final SimServer server;
  /** Requests beyond this many are forgotten, oldest first (long-running demo servers). */
  private static final int MAX_REQUESTS = 10_000;

  private final Deque<RecordedRequest> requests = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  PveSimulator(SimContext sim) {
    this.sim = sim;
    Routes routes = new Routes();
    AccessRoutes.register(routes);
    ClusterRoutes.register(routes);
    BackupJobRoutes.register(routes);
    PoolRoutes.register(routes);
    NodeRoutes.register(routes);
    StorageRoutes.register(routes);
    LxcRoutes.register(routes);
    LxcOpsRoutes.register(routes);
    LxcSnapshotRoutes.register(routes);
    VzdumpRoutes.register(routes);
    TaskRoutes.register(routes);
    this.server = new SimServer(new ApiHandler(sim, routes, PveSchema.bundled(), this::record));
    sim.fingerprint(server.fingerprint());
    log.debug("PVE simulator listening on {}", baseUri());
  }

  /**
   * Starts a builder.
   *
   * @return a builder; without further configuration it yields node {@code pve}, storages
   *     {@code local} (dir: vztmpl, iso, backup, with a Debian 12 template) and {@code local-lvm}
   *     (lvmthin: rootdir, images), and user {@code root@pam} with password {@code proximity}
   */
  public static PveSimulatorBuilder builder() {
    return new PveSimulatorBuilder();
  }

  SimContext context() {
    return sim;
  }

  /** @return {@code https://127.0.0.1:PORT} */
  public URI baseUri() {
    return URI.create("https://127.0.0.1:" + server.port());
  }

  /** @return the listening port */
  public int port() {
    return server.port();
  }

  /** @return the self-signed server certificate */
  public X509Certificate certificate() {
    return server.certificate();
  }

  /** @return SHA-256 fingerprint of the certificate, e.g. {@code 3F:A1:...} (32 upper-hex pairs) */
  public String certificateSha256Fingerprint() {
    return server.fingerprint();
  }

  /**
   * Replaces the fault plan; its counters start from zero.
   *
   * @param plan the new plan ({@link FaultPlan#none()} to stop injecting)
   */
  public void faults(FaultPlan plan) {
    sim.faults(plan);
  }

  /**
   * Takes a node down or brings it back: while down, every call addressed to it (a path with
   * {@code {node}}) fails with 595 {@code No route to host}, as a proxied call to an unreachable
   * node does, {@code /nodes} and {@code /cluster/status} show it offline, and its containers show
   * up in {@code /cluster/resources} with status {@code unknown} and no metrics.
   *
   * @param node the node
   * @param online whether it is reachable
   * @throws IllegalArgumentException for an unknown node
   */
  public void nodeOnline(String node, boolean online) {
    synchronized (sim.state()) {
      if (!sim.state().nodes.containsKey(node)) {
        throw new IllegalArgumentException("unknown node " + node);
      }
      if (online) {
        sim.state().offline.remove(node);
      } else {
        sim.state().offline.add(node);
      }
    }
  }

  /**
   * Invalidates every ticket and CSRF token issued so far (as a key rotation or an expiry would),
   * so the next ticket request gets 401 {@code permission denied - invalid PVE ticket}. API tokens
   * are not affected.
   */
  public void expireTickets() {
    sim.tickets().rotate();
  }

  private void record(RecordedRequest r) {
    synchronized (requests) {
      requests.addLast(r);
      if (requests.size() > MAX_REQUESTS) {
        requests.removeFirst();
      }
    }
  }

  /** @return the requests received so far (the latest 10,000), oldest first, secrets masked */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** @return a snapshot of every container, by vmid */
  public List<ContainerInfo> containers() {
    synchronized (sim.state()) {
      List<ContainerInfo> out = new ArrayList<>();
      for (SimContainer c : sim.state().containers.values()) {
        out.add(new ContainerInfo(c.vmid(), c.node(), c.running(), c.template(), c.lock(), c.lease(), c.config));
      }
      return out;
    }
  }

  /**
   * @param vmid a container id
   * @return the container's snapshot, if it exists
   */
  public Optional<ContainerInfo> container(int vmid) {
    return containers().stream().filter(c -> c.vmid() == vmid).findFirst();
  }

  /**
   * Reads the resource pools and their guest members, as {@code user.cfg} holds them.
   *
   * @return pool id to member vmids (ascending), pools in id order
   */
  public Map<String, List<Integer>> pools() {
    synchronized (sim.state()) {
      Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
      sim.state().pools.forEach((id, pool) -> out.put(id, List.copyOf(pool.vms)));
      return out;
    }
  }

  /** @return vmid to the operation holding its lock, for locked containers only */
  public Map<Integer, String> locks() {
    synchronized (sim.state()) {
      Map<Integer, String> out = new TreeMap<>();
      sim.state().containers.values().stream().filter(c -> c.lock() != null).forEach(c -> out.put(c.vmid(), c.lock()));
      return Collections.unmodifiableMap(out);
    }
  }

  /** @return the tasks so far (finished ones beyond 10,000 are forgotten), oldest first */
  public List<TaskInfo> tasks() {
    List<TaskInfo> out = new ArrayList<>();
    for (SimTask t : sim.tasks().all()) {
      out.add(new TaskInfo(t.upid(), t.node(), t.type(), t.id(), t.user().authId(), t.running(), t.exitstatus(),
          t.logLines()));
    }
    return out;
  }

  /**
   * Returns when a task ended, on the simulator's clock and to its precision (the task status
   * carries whole seconds only); for measuring how soon a client notices the end.
   *
   * @param upid the task
   * @return the end, or empty while it runs or when the simulator does not know (or forgot) the task
   */
  public Optional<Instant> taskEndedAt(String upid) {
    SimTask t = sim.tasks().find(upid);
    return t == null ? Optional.empty() : Optional.ofNullable(t.endedAt());
  }

  /**
   * Runs a scheduled backup job now, as Proxmox's scheduler would at its {@code next-run}: one
   * {@code vzdump} task (as {@code root@pam}) per node that hosts a selected guest.
   *
   * @param id the job id
   * @return the UPIDs of the started tasks
   * @throws IllegalArgumentException when there is no such job
   */
  public List<String> runBackupJob(String id) {
    return BackupJobRoutes.run(sim, id);
  }

  /**
   * Counts the faults the current plan has injected so far, by kind: {@code error} (5xx),
   * {@code drop}, {@code lost} (answer lost after the effect), {@code latency},
   * {@code ticket-expiry}, {@code lock-timeout} (a guest write), {@code task-fail},
   * {@code task-hang}, {@code task-warn}, {@code task-lock-timeout}. Only faults drawn from rates
   * are counted, not scripted ones; {@link #faults(FaultPlan)} starts the counts from zero.
   *
   * @return kind to count, sorted by kind, kinds that never happened left out
   */
  public Map<String, Long> injectedFaults() {
    return sim.faults().injected();
  }

  /**
   * Returns how many HTTPS connections the simulator's server has accepted and not closed yet:
   * the connections clients hold open to it (kept alive between requests or in use). Compare the
   * count before a client is created with the count after it is closed to see whether it leaks
   * connections; the server only closes an idle connection after the client does, so poll for it.
   * Read from the kernel's socket tables ({@code /proc/net}), so Linux only.
   *
   * @return the count
   * @throws UnsupportedOperationException on a system without {@code /proc/net/tcp}
   */
  public int activeConnections() {
    return server.openConnections();
  }

  /** @return how many tasks are still running */
  public long activeTaskCount() {
    return sim.tasks().activeCount();
  }

  @Override
  public Optional<SimGuest> guest(String node, int vmid) {
    synchronized (sim.state()) {
      SimContainer c = sim.state().containers.get(vmid);
      return c != null && c.node().equals(node) ? Optional.of(c) : Optional.empty();
    }
  }

  /**
   * Lists the containers on a node, for the SSH host simulator's {@code pct list}.
   *
   * @param node the node name
   * @return the containers there, by vmid
   */
  @Override
  public List<SimGuest> guests(String node) {
    synchronized (sim.state()) {
      List<SimGuest> out = new ArrayList<>();
      sim.state().containers.values().stream().filter(c -> c.node().equals(node)).forEach(out::add);
      return out;
    }
  }

  /**
   * Whether a task's worker process runs, for the SSH host simulator's task watch: true exactly
   * while {@code GET /nodes/{node}/tasks/{upid}/status} of the task with this pid and pstart on
   * this node answers {@code running} (a hanging task runs until it is stopped).
   *
   * @param node the node name
   * @param pid the UPID's process id
   * @param pstart the UPID's process start time
   * @return whether it runs; false for an unknown pid or a different start time
   */
  @Override
  public boolean processRunning(String node, long pid, long pstart) {
    return sim.tasks().processRunning(node, pid, pstart);
  }

  /**
   * Finds a container on any node.
   *
   * @param vmid the id
   * @return the container, or empty
   */
  public Optional<SimGuest> guest(int vmid) {
    synchronized (sim.state()) {
      return Optional.ofNullable(sim.state().containers.get(vmid));
    }
  }

  /**
   * Stops the listener and the task threads. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
      sim.tasks().close();
      log.debug("PVE simulator on port {} closed", server.port());
    }
  }

  /** @return the cluster state, for package-level helpers */
  ClusterState state() {
    return sim.state();
  }

  /**
   * Saves nodes, storages, volumes, containers (with their file systems) and backup jobs as JSON,
   * so {@link PveSimulatorBuilder#loadState(Path)} can bring the cluster back.
   *
   * @param file target file
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public void saveState(Path file) {
    StateFiles.save(sim.state(), file);
  }
}
