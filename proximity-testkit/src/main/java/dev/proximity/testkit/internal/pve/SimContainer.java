package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated LXC container. Mutated only while holding the {@link ClusterState} monitor; the
 * {@link SimGuest} view reads volatile fields and may be used from any thread.
 */
public final class SimContainer implements SimGuest {
  /** A snapshot: name, description, time, parent, config and file system at that time. */
  public record Snapshot(String name, String description, long snaptime, String parent,
      Map<String, String> config, GuestFs fs) {
    /** Copies the config. */
    public Snapshot {
      config = Map.copyOf(config);
    }
  }

  private final int vmid;
  private volatile String node;
  /**
   * The configuration, in Proxmox key order; written only under the state monitor, and a
   * synchronized map so that the SSH simulator's threads may read single keys.
   */
  public final Map<String, String> config = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Snapshots by name, oldest first; guarded by the state monitor. */
  public final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
  private volatile boolean running;
  private volatile String lock;
  private volatile GuestFs fs = new GuestFs();
  private volatile String ipv4;
  /** When the DHCP client inside has its lease after the last start, by {@link System#nanoTime()}. */
  private volatile long leaseAtNanos;
  private volatile long startedAt;
  private volatile String parentSnapshot;
  private volatile String pool;

  /**
   * @param vmid the id
   * @param node the node
   */
  public SimContainer(int vmid, String node) {
    this.vmid = vmid;
    this.node = node;
  }

  @Override
  public int vmid() {
    return vmid;
  }

  @Override
  public String node() {
    return node;
  }

  /** @param node the node it moved to */
  public void node(String node) {
    this.node = node;
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public boolean template() {
    return "1".equals(config.get("template"));
  }

  @Override
  public Optional<String> ipv4() {
    return running && System.nanoTime() - leaseAtNanos >= 0 ? Optional.ofNullable(ipv4)
        : Optional.empty();
  }

  /**
   * Sets how long after now the DHCP client inside obtains its lease (a booting container has
   * no IPv4 address until then).
   *
   * @param delayNanos real nanoseconds, 0 for at once
   */
  public void leaseAfter(long delayNanos) {
    this.leaseAtNanos = System.nanoTime() + delayNanos;
  }

  /** @return the DHCP lease, kept while stopped */
  public String lease() {
    return ipv4;
  }

  /** @param ip the DHCP lease */
  public void lease(String ip) {
    this.ipv4 = ip;
  }

  @Override
  public GuestFs fs() {
    return fs;
  }

  /** @param fs the replaced file system (restore, rollback) */
  public void fs(GuestFs fs) {
    this.fs = fs;
  }

  /**
   * @param running the new state
   * @param nowEpoch current time, for uptime
   */
  public void running(boolean running, long nowEpoch) {
    this.running = running;
    this.startedAt = running ? nowEpoch : 0;
  }

  /** @return epoch seconds of the last start, 0 when stopped */
  public long startedAt() {
    return startedAt;
  }

  /** @return the operation holding the config lock, or null */
  public String lock() {
    return lock;
  }

  /** @param lock the operation now holding the lock, or null to release */
  public void lock(String lock) {
    this.lock = lock;
  }

  /** @return the current snapshot parent, or null */
  public String parentSnapshot() {
    return parentSnapshot;
  }

  /** @param name the current snapshot parent */
  public void parentSnapshot(String name) {
    this.parentSnapshot = name;
  }

  /** @return the pool the guest belongs to, or null; kept by {@link ClusterState#joinPool} */
  public String pool() {
    return pool;
  }

  /** @param pool the pool the guest now belongs to, or null */
  void pool(String pool) {
    this.pool = pool;
  }

  /** @return the hostname, or {@code CT<vmid>} */
  public String name() {
    return config.getOrDefault("hostname", "CT" + vmid);
  }
}
