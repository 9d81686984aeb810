package dev.proximity.internal.deploy;

import dev.proximity.MetricSample;
import dev.proximity.OperationTimeoutException;
import dev.proximity.ProximityException;
import dev.proximity.internal.http.RetryPolicy;
import dev.proximity.pve.ConfigLockedException;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.Task;
import dev.proximity.pve.TaskFailedException;
import dev.proximity.pve.TaskTimeoutException;
import dev.proximity.pve.model.ApplianceTemplate;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.LxcConfig;
import dev.proximity.pve.model.LxcInterface;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.RrdPoint;
import dev.proximity.pve.model.RrdTimeframe;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.Tags;
import dev.proximity.pve.model.VzdumpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClusterOps} over the typed {@link PveClient}. Task waits are interruptible. */
public final class PveClusterOps implements ClusterOps {
  private static final Logger log = LoggerFactory.getLogger(PveClusterOps.class);
  private static final Pattern ARCHIVE =
      Pattern.compile("creating (?:vzdump )?archive '(?:.*/)?([^/']+)'");

  private final PveClient pve;
  private final boolean rootPam;

  /**
   * Creates the adapter.
   *
   * @param pve the client
   * @param rootPam whether the credentials are a root@pam ticket (keyctl is allowed)
   */
  public PveClusterOps(PveClient pve, boolean rootPam) {
    this.pve = pve;
    this.rootPam = rootPam;
  }

  /** How long a stopped task may take to end (Proxmox signals the worker, which then exits). */
  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final int STOP_ATTEMPTS = 5;
  /**
   * Backoff between attempts of a write that met a held config lock: short, because Proxmox has
   * already waited for the lock (10 s by default) before it answered; jittered, so that writers
   * that collided do not collide again. Attempts are bounded by the operation's deadline only.
   */
  private static final RetryPolicy LOCK_BACKOFF =
      new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(50), Duration.ofSeconds(1));

  /**
   * Runs a write on a guest, and runs it again while Proxmox reports that it could not take the
   * guest's config lock in time ({@code can't lock file '...' - got timeout}), either as the
   * answer to the request ({@link ConfigLockedException}) or as the exit status of the task it
   * started ({@link TaskFailedException#isConfigLocked()}). Such a write did nothing: the lock is
   * taken before any change, so repeating it is safe, unlike a write whose answer was lost. Another
   * task holds the lock (a backup, a clone of the same template), and usually ends soon.
   *
   * @param what what is written, for the log
   * @param timeout the time left to the operation; no attempt starts after it
   * @param write one attempt, given the time left
   * @return the attempt's result
   * @throws ConfigLockedException or {@link TaskFailedException} when the lock was still held as
   *     the deadline passed
   */
  static <T> T callWhileLocked(String what, Duration timeout, Function<Duration, T> write) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return write.apply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (ConfigLockedException | TaskFailedException e) {
        if (e instanceof TaskFailedException tf && !tf.isConfigLocked()) {
          throw tf;
        }
        Duration backoff = LOCK_BACKOFF.delay(attempt);
        if (deadline - System.nanoTime() <= backoff.toNanos()) {
          throw e;
        }
        log.debug("{}: the config lock is held ({}), attempt {} again in {} ms", what, e.getMessage(),
            attempt + 1, backoff.toMillis());
        pause(backoff.toMillis(), what);
      }
    }
  }

  /** {@link #callWhileLocked} for a write without a result. */
  static void retryWhileLocked(String what, Duration timeout, Consumer<Duration> write) {
    callWhileLocked(what, timeout, left -> {
      write.accept(left);
      return null;
    });
  }

  /**
   * Waits for a task. When the SDK gives up on it (the timeout passed, or the wait was interrupted
   * by a cancel), the task is stopped and awaited briefly, so that it releases its config lock and
   * the caller's rollback finds the container unlocked: an abandoned task must not run on, holding
   * a lock, after the operation has reported its failure.
   *
   * @throws OperationTimeoutException when the task still ran at the timeout (it has been stopped)
   * @throws CancellationException when interrupted (the task has been stopped)
   */
  static void await(Task task, Duration timeout) {
    CompletableFuture<?> f = task.awaitAsync(timeout);
    try {
      f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      stopAbandoned(task);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for " + task.upid().text()
          + "; the task was stopped");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TaskFailedException tf) {
        throw tf;
      }
      // The wait gave up (timeout, or polling failed for good): the task must not run on.
      End end = stopAbandoned(task);
      if (cause instanceof TaskTimeoutException) {
        throw new OperationTimeoutException("task " + task.upid().type(), "waiting for the task",
            timeout, "task " + task.upid().text() + " was still running" + (end == End.RUNNING
                ? "; stopping it did not end it within " + STOP_GRACE : "; it was stopped"));
      }
      if (end == End.SUCCEEDED) {
        return; // polling failed, but the task had finished well: its effect is in place
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** How an abandoned task ended. */
  enum End { SUCCEEDED, STOPPED, RUNNING }

  /**
   * Stops a task the SDK no longer waits for and waits until it has ended, retrying the stop
   * (which may itself meet a failing API). Runs with the interrupt flag cleared, restored after.
   *
   * @return how the task ended, or {@link End#RUNNING} if it could not be seen to end
   */
  static End stopAbandoned(Task task) {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; attempt < STOP_ATTEMPTS; attempt++) {
        try {
          task.stop();
        } catch (RuntimeException e) {
          log.debug("stopping abandoned task {} failed (attempt {})", task.upid().text(), attempt + 1,
              e);
        }
        try {
          task.awaitAsync(STOP_GRACE).get();
          return End.SUCCEEDED;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TaskFailedException) {
            return End.STOPPED; // ended, as stopped tasks do: "interrupted by signal"
          }
          log.debug("abandoned task {} not seen to end yet", task.upid().text(), e.getCause());
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return End.RUNNING;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<NodeRow> nodes() {
    return pve.nodes().stream().map(n -> new NodeRow(n.node(), n.online(), n.maxMem(), n.mem(),
        n.maxCpu())).toList();
  }

  @Override
  public List<GuestRow> guests() {
    return pve.cluster().resources(ResourceType.VM).stream().filter(ClusterResource::isLxc)
        .map(r -> new GuestRow(r.vmid() == null ? 0 : r.vmid(), r.node(),
            r.name() == null ? "" : r.name(), r.status() == null ? "unknown" : r.status(),
            Set.copyOf(r.tags().values()), r.template(), r.cpu(), (int) r.maxCpu(), r.mem(),
            r.maxMem(), r.disk(), r.maxDisk(), r.uptime(), r.lock()))
        .toList();
  }

  @Override
  public int nextId() {
    return pve.cluster().nextId();
  }

  @Override
  public boolean isVmidFree(int vmid) {
    return pve.cluster().isVmidFree(vmid);
  }

  @Override
  public boolean rootPam() {
    return rootPam;
  }

  @Override
  public List<StorageRow> storages(String node) {
    return pve.node(node).storages().stream().filter(s -> s.enabled() || s.active())
        .map(s -> new StorageRow(s.storage(), s.type(), s.contentTypes(), s.active(), s.shared(),
            s.avail()))
        .toList();
  }

  @Override
  public List<VolumeRow> content(String node, String storage, String contentType, int vmid) {
    List<StorageContent> items = pve.node(node).storage(storage)
        .content(contentType, vmid > 0 ? vmid : null);
    return items.stream().map(c -> new VolumeRow(c.volid(), c.format(), c.size(),
        Instant.ofEpochSecond(c.ctime() == null ? 0 : c.ctime()),
        c.vmid() == null ? 0 : c.vmid(), c.notes() == null ? "" : c.notes())).toList();
  }

  @Override
  public Set<String> availableTemplates(String node) {
    Set<String> out = new HashSet<>();
    for (ApplianceTemplate t : pve.node(node).aplinfo()) {
      out.add(t.template());
    }
    return out;
  }

  @Override
  public void downloadTemplate(String node, String storage, String template, Duration timeout) {
    // every deploy on the node waits for this one download (Templating.ensure): notice it promptly
    await(pve.node(node).downloadTemplate(storage, template).promptly(), timeout);
  }

  @Override
  public void deleteVolume(String node, String storage, String volid, Duration timeout) {
    pve.node(node).storage(storage).deleteContent(volid).ifPresent(t -> await(t, timeout));
  }

  @Override
  public void create(String node, CreateRequest r, Duration timeout) {
    retryWhileLocked("creating CT " + r.vmid(), timeout,
        left -> await(pve.node(node).createLxc(PveMappings.createRequest(r)), left));
  }

  @Override
  public ClusterOps.CtConfig config(String node, int vmid) {
    return PveMappings.toConfig(pve.node(node).lxc(vmid).config());
  }

  @Override
  public Optional<ClusterOps.CtConfig> findConfig(String node, int vmid) {
    try {
      return Optional.of(config(node, vmid));
    } catch (PveApiException e) {
      if (e.isNotFound() || e.status() == 500 && e.getMessage() != null
          && e.getMessage().contains("does not exist")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void updateConfig(String node, int vmid, Map<String, String> values, Duration timeout) {
    dev.proximity.pve.model.LxcConfigUpdate.Builder b =
        dev.proximity.pve.model.LxcConfigUpdate.builder();
    values.forEach((k, v) -> {
      switch (k) {
        case "cores" -> b.cores(Integer.parseInt(v));
        case "memory" -> b.memoryMiB(Integer.parseInt(v));
        case "swap" -> b.swapMiB(Integer.parseInt(v));
        case "hostname" -> b.hostname(v);
        case "description" -> b.description(v);
        case "tags" -> b.tags(Tags.parse(v));
        default -> throw new IllegalArgumentException("unsupported config key " + k);
      }
    });
    dev.proximity.pve.model.LxcConfigUpdate update = b.build();
    retryWhileLocked("configuring CT " + vmid, timeout, left -> pve.node(node).lxc(vmid).updateConfig(update));
  }

  @Override
  public String status(String node, int vmid) {
    return pve.node(node).lxc(vmid).status().status();
  }

  @Override
  public void start(String node, int vmid, Duration timeout) {
    retryWhileLocked("starting CT " + vmid, timeout, left -> await(pve.node(node).lxc(vmid).start(), left));
  }

  @Override
  public void stop(String node, int vmid, Duration timeout) {
    retryWhileLocked("stopping CT " + vmid, timeout, left -> await(pve.node(node).lxc(vmid).stop(), left));
  }

  @Override
  public void shutdown(String node, int vmid, Duration shutdownTimeout, Duration timeout) {
    retryWhileLocked("shutting down CT " + vmid, timeout,
        left -> await(pve.node(node).lxc(vmid).shutdown(shutdownTimeout, true), left));
  }

  @Override
  public void reboot(String node, int vmid, Duration timeout) {
    retryWhileLocked("rebooting CT " + vmid, timeout, left -> await(pve.node(node).lxc(vmid).reboot(), left));
  }

  @Override
  public void destroy(String node, int vmid, Duration timeout) {
    retryWhileLocked("destroying CT " + vmid, timeout, left -> {
      long deadline = System.nanoTime() + left.toNanos();
      // Stop first: older Proxmox releases (and the simulator) refuse to destroy a running CT.
      if (pve.node(node).lxc(vmid).status().running()) {
        await(pve.node(node).lxc(vmid).stop(), left);
      }
      await(pve.node(node).lxc(vmid).delete(true, true), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    });
  }

  @Override
  public Optional<String> ipv4(String node, int vmid) {
    List<LxcInterface> ifs = pve.node(node).lxc(vmid).interfaces();
    return ifs.stream().filter(i -> "eth0".equals(i.name())).findFirst()
        .flatMap(LxcInterface::ipv4);
  }

  @Override
  public List<MetricSample> rrd(String node, int vmid, MetricSample.Timeframe timeframe) {
    List<RrdPoint> points = pve.node(node).lxc(vmid)
        .rrdData(RrdTimeframe.valueOf(timeframe.name()));
    return points.stream().map(p -> new MetricSample(Instant.ofEpochSecond(p.time()),
        v(p, "cpu"), v(p, "mem"), v(p, "maxmem"), v(p, "netin"), v(p, "netout"),
        v(p, "diskread"), v(p, "diskwrite"))).toList();
  }

  private static double v(RrdPoint p, String name) {
    return p.value(name).orElse(0);
  }

  @Override
  public void resizeDisk(String node, int vmid, int sizeGb, Duration timeout) {
    retryWhileLocked("resizing the disk of CT " + vmid, timeout,
        left -> await(pve.node(node).lxc(vmid).resize("rootfs", sizeGb + "G"), left));
  }

  @Override
  public void snapshot(String node, int vmid, String name, Duration timeout) {
    retryWhileLocked("snapshotting CT " + vmid, timeout,
        left -> await(pve.node(node).lxc(vmid).createSnapshot(name, "proximity clone source"), left));
  }

  @Override
  public void deleteSnapshot(String node, int vmid, String name, Duration timeout) {
    retryWhileLocked("deleting a snapshot of CT " + vmid, timeout,
        left -> await(pve.node(node).lxc(vmid).deleteSnapshot(name), left));
  }

  @Override
  public boolean poolExists(String poolid) {
    // GET /pools lists only the pools the caller may audit; a pool it cannot see is not joined
    return pve.pools().list().stream().anyMatch(p -> poolid.equals(p.poolid()));
  }

  @Override
  public void cloneContainer(String node, int vmid, int newId, String hostname, boolean full,
      String snapname, String description, String pool, Duration timeout) {
    CloneRequest req = (full ? CloneRequest.full(newId) : CloneRequest.linked(newId))
        .withHostname(hostname);
    if (pool != null) {
      req = req.withPool(pool);
    }
    if (description != null) {
      req = req.withDescription(description);
    }
    if (snapname != null) {
      req = req.withSnapshot(snapname);
    }
    CloneRequest request = req;
    // Proxmox locks the source while it copies, so concurrent clones of one golden template
    // collide on its config lock: wait for the other clone and try again while time remains.
    // Prompt wait, always: the next clone of the source (the SDK's clone queue, or a lock retry)
    // starts only once this end is noticed, and the queue may fill while this clone runs, after
    // the wait began; the end also gates this deploy's own next step.
    retryWhileLocked("cloning CT " + vmid, timeout,
        left -> await(pve.node(node).lxc(vmid).cloneTo(request).promptly(), left));
  }

  @Override
  public void convertToTemplate(String node, int vmid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    retryWhileLocked("converting CT " + vmid + " to a template", timeout,
        left -> pve.node(node).lxc(vmid).convertToTemplate());
    // Proxmox answers null instead of a UPID: wait until the config says template: 1.
    // The conversion task holds the config lock until it ends, after template: 1 is written.
    for (int attempt = 0; !convertedAndUnlocked(pve.node(node).lxc(vmid).config()); attempt++) {
      if (System.nanoTime() > deadline) {
        throw new dev.proximity.OperationTimeoutException("template", "convert", timeout,
            "CT " + vmid + " is not a template yet");
      }
      pause(Math.min(500, 10L << Math.min(attempt, 6)), "converting CT " + vmid);
    }
  }

  private static boolean convertedAndUnlocked(LxcConfig config) {
    return config.template() && config.lock().isEmpty();
  }

  private static void pause(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while " + what);
    }
  }

  @Override
  public String backup(String node, int vmid, String storage, String notes, Duration timeout) {
    VzdumpRequest req = VzdumpRequest.of(vmid, storage);
    if (notes != null && !notes.isBlank()) {
      req = req.withNotes(notes);
    }
    VzdumpRequest request = req;
    long deadline = System.nanoTime() + timeout.toNanos();
    // a vzdump that meets a held lock says so in its answer; inside the task it is a job error
    Task task = callWhileLocked("backing up CT " + vmid, timeout, left -> pve.node(node).vzdump(request));
    try {
      await(task, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    } catch (CancellationException | OperationTimeoutException e) {
      discardArchive(node, storage, task);
      throw e;
    }
    Optional<String> archive = archiveOf(task, storage);
    if (archive.isPresent()) {
      return archive.get();
    }
    return content(node, storage, "backup", vmid).stream()
        .max(java.util.Comparator.comparing(VolumeRow::ctime).thenComparing(VolumeRow::volid))
        .map(VolumeRow::volid)
        .orElseThrow(() -> new IllegalStateException("vzdump of CT " + vmid
            + " finished but no backup is listed on " + storage));
  }

  /**
   * The archive a finished vzdump task wrote, from its log; empty when the log does not name one
   * or cannot be read.
   */
  private static Optional<String> archiveOf(Task task, String storage) {
    try {
      for (String line : task.fullLog()) {
        Matcher m = ARCHIVE.matcher(line);
        if (m.find()) {
          return Optional.of(storage + ":backup/" + m.group(1));
        }
      }
    } catch (ProximityException e) {
      // the caller falls back to the storage listing
    }
    return Optional.empty();
  }

  /**
   * Deletes the archive of a vzdump the SDK gave up on (cancelled or timed out) that finished
   * before the stop reached it, so an abandoned backup leaves nothing behind. Best effort, with
   * the interrupt flag cleared meanwhile.
   */
  private void discardArchive(String node, String storage, Task task) {
    boolean interrupted = Thread.interrupted();
    try {
      archiveOf(task, storage).ifPresent(volid -> deleteVolume(node, storage, volid,
          STOP_GRACE));
    } catch (ProximityException e) {
      log.warn("could not delete the archive of abandoned backup task {}", task.upid().text(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
