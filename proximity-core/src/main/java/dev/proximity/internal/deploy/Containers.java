package dev.proximity.internal.deploy;

import dev.proximity.OperationTimeoutException;
import dev.proximity.ProximityException;
import dev.proximity.internal.http.TaskDurations;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Container steps shared by deploys, clones, restores and golden templates. */
final class Containers {
  private static final Logger log = LoggerFactory.getLogger(Containers.class);
  static final int MAX_VMID_ATTEMPTS = 20;
  private static final int DESTROY_ATTEMPTS = 12;

  private final Context ctx;

  Containers(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Allocates a vmid and runs {@code create} with it, retrying with a fresh id when Proxmox says
   * the id exists (a lost nextid race, as a 500 on the request or a failed task). Registers the
   * rollback (destroy if the container carries {@code marker}) before each attempt, so a create
   * whose outcome is unknown is cleaned up too.
   *
   * @return the vmid of the created container
   */
  int allocateAndCreate(Operation op, String node, String marker, IntConsumer create) {
    ProximityException last = null;
    for (int attempt = 1; attempt <= MAX_VMID_ATTEMPTS; attempt++) {
      op.checkpoint();
      int vmid = reserveVmid();
      try {
        op.onRollback("destroy CT " + vmid, () -> destroyIfMarked(node, vmid, marker));
        op.emit(op.step(), op.step().percent(), "creating CT " + vmid + " on " + node);
        create.accept(vmid);
        return vmid;
      } catch (ProximityException e) {
        if (!alreadyExists(e)) {
          throw new VmidFailure(vmid, e);
        }
        last = e;
        log.debug("{} {}: vmid {} taken by a concurrent create, retrying", op.name(), op.app(),
            vmid);
        pause(op, ThreadLocalRandom.current().nextInt(3));
      } finally {
        ctx.reservedVmids().remove(vmid);
      }
    }
    throw last;
  }

  /**
   * Picks a vmid: {@code /cluster/nextid}, moved past the ids other operations of this SDK
   * instance are creating right now (checked free with {@code nextid?vmid=}), so concurrent deploys
   * of one process do not race each other; other processes are handled by the retry.
   *
   * <p>While operations are in flight, the search starts above the highest id this instance
   * handed out: {@code nextid} names the lowest id not yet created, which is an in-flight one, and
   * walking up from there would probe every container created since, one request each (with 50
   * concurrent deploys, about a thousand requests). When idle, {@code nextid} alone decides, so
   * gaps are reused.
   */
  private int reserveVmid() {
    int next = ctx.ops().nextId();
    int candidate = ctx.reservedVmids().isEmpty() ? next
        : Math.max(next, ctx.highestVmid().get() + 1);
    for (int probes = 0; probes < 1000; probes++, candidate++) {
      // Reserve before asking Proxmox, so concurrent callers move on to distinct ids at once
      // instead of all probing the same one and racing for it.
      if (!ctx.reservedVmids().add(candidate)) {
        continue;
      }
      ctx.highestVmid().accumulateAndGet(candidate, Math::max);
      if (candidate == next || ctx.ops().isVmidFree(candidate)) {
        return candidate;
      }
      ctx.reservedVmids().remove(candidate);
    }
    return candidate;
  }

  /** A create failure that knows the vmid it used. */
  static final class VmidFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int vmid;

    VmidFailure(int vmid, ProximityException cause) {
      super(cause);
      this.vmid = vmid;
    }

    ProximityException cause() {
      return (ProximityException) getCause();
    }
  }

  static boolean alreadyExists(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("already exists")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Destroys a container if it exists and its description carries the marker (so a container
   * created by someone else with the same id is never touched). Retries while it is locked or the
   * API fails, because a failed deploy must leave nothing behind.
   */
  void destroyIfMarked(String node, int vmid, String marker) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < DESTROY_ATTEMPTS; attempt++) {
      try {
        Optional<ClusterOps.CtConfig> cfg = ctx.ops().findConfig(node, vmid);
        if (cfg.isEmpty()) {
          return;
        }
        String description = cfg.get().description();
        if (description == null || !description.contains(marker)) {
          if (cfg.get().lock() != null && !cfg.get().lock().isEmpty()) {
            throw new IllegalStateException("CT " + vmid + " is locked (" + cfg.get().lock()
                + "); waiting to see whose it is");
          }
          return;
        }
        ctx.ops().destroy(node, vmid, ctx.settings().commandTimeout());
        return;
      } catch (RuntimeException e) {
        last = e;
        backoff(attempt);
      }
    }
    throw last;
  }

  /** Destroys a container unconditionally (the caller checked it is the app's), with retries. */
  void destroy(String node, int vmid) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < DESTROY_ATTEMPTS; attempt++) {
      try {
        if (ctx.ops().findConfig(node, vmid).isEmpty()) {
          return;
        }
        ctx.ops().destroy(node, vmid, ctx.settings().commandTimeout());
        return;
      } catch (RuntimeException e) {
        last = e;
        backoff(attempt);
      }
    }
    throw last;
  }

  /**
   * Starts a container. When the answer is lost (connection dropped, 5xx) the start may still
   * have happened, so the state is checked before the start is repeated once.
   */
  void start(Operation op, String node, int vmid) {
    try {
      ctx.ops().start(node, vmid, op.remaining());
    } catch (PveConnectionException | PveApiException e) {
      if (e instanceof PveApiException api && !api.isRetryable()) {
        throw e;
      }
      if (waitRunning(op, node, vmid)) {
        return;
      }
      ctx.ops().start(node, vmid, op.remaining());
    }
  }

  private boolean waitRunning(Operation op, String node, int vmid) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        if ("running".equals(ctx.ops().status(node, vmid))) {
          return true;
        }
      } catch (ProximityException e) {
        log.debug("status of CT {} unknown, retrying", vmid, e);
      }
      pause(op, attempt + 2);
    }
    return false;
  }

  /** Deletes a snapshot, retrying while the API fails; best effort after that. */
  void retryDeleteSnapshot(String node, int vmid, String snap) {
    for (int attempt = 0; attempt < DESTROY_ATTEMPTS; attempt++) {
      backoff(attempt);
      try {
        ctx.ops().deleteSnapshot(node, vmid, snap, ctx.settings().commandTimeout());
        return;
      } catch (RuntimeException e) {
        log.debug("deleting snapshot {} of CT {} failed, retrying", snap, vmid, e);
      }
    }
  }

  /**
   * Waits for a just started container's IPv4 address. The lease comes a node- and
   * bridge-specific time after the start task ended (the guest boots, its DHCP client asks), so
   * the wait learns that time per node and bridge, counted from when the start was seen to end,
   * the way task waits learn task durations: the lease came after the send of the last look that
   * missed and before the answer of the look that saw it. The looks go to the learned moment;
   * unknown nodes are looked at on the blind schedule ({@link WaitSchedule#address}).
   */
  String waitIpv4(Operation op, String node, int vmid) {
    String kind = "dhcp on " + ctx.settings().bridge();
    TaskDurations.Expectation expected = ctx.leaseDelays().expect(node, kind);
    long since = System.nanoTime();
    long lastMissMs = 0;
    for (int looks = 0; ; looks++) {
      sleep(op, WaitSchedule.address(expected, looks, millis(System.nanoTime() - since),
          op.remaining().toMillis()));
      op.checkpoint();
      long sentMs = millis(System.nanoTime() - since);
      Optional<String> ip = ctx.ops().ipv4(node, vmid);
      if (ip.isPresent()) {
        ctx.leaseDelays().record(node, kind, lastMissMs, millis(System.nanoTime() - since));
        return ip.get();
      }
      lastMissMs = sentMs;
      if (op.remaining().isZero()) {
        throw new OperationTimeoutException(op.name(), op.step().label(), op.elapsed(),
            "CT " + vmid + " has no IPv4 address on eth0 (is DHCP working on the bridge?)");
      }
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  /** Sleeps a backoff step, bounded by the operation's deadline; interruption cancels. */
  static void pause(Operation op, int attempt) {
    sleep(op, Math.min(1000, 20L << Math.min(attempt, 6)));
  }

  /** Sleeps, bounded by the operation's deadline (nothing when zero); interruption cancels. */
  static void sleep(Operation op, long millis) {
    if (millis <= 0) {
      return;
    }
    millis = Math.min(millis, Math.max(1, op.remaining().toMillis()));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      op.cancel();
      op.checkpoint();
    }
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(2000, 25L << Math.min(attempt, 7)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
