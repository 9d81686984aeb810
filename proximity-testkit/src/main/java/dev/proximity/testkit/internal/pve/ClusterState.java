package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.AplTemplate;
import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole simulated cluster. Every read and write happens while holding this object's monitor
 * ({@code synchronized (state)}); handlers keep those sections short and never block in them.
 */
public final class ClusterState {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]?)");

  /** A node: name, cpu count, memory in bytes. */
  public record NodeInfo(String name, int cpus, long memoryBytes) {}

  /** A token: its secret and whether it is privilege-separated. */
  public record TokenInfo(String secret, boolean privsep) {}

  /** A resource pool: its comment and guest members (a guest belongs to at most one pool). */
  public static final class SimPool {
    /** The comment, or null. */
    public String comment;
    /** Guest members by vmid, ascending. */
    public final Set<Integer> vms = new java.util.TreeSet<>();
  }

  /** Nodes by name, in configuration order. */
  public final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
  /** Storages by id. */
  public final Map<String, StorageSpec> storages = new LinkedHashMap<>();
  /** Volumes by store key ({@code id} for shared storages, {@code node/id} otherwise), then volid. */
  public final Map<String, TreeMap<String, Volume>> volumes = new LinkedHashMap<>();
  /** Containers by vmid. */
  public final TreeMap<Integer, SimContainer> containers = new TreeMap<>();
  /** Backup jobs by id, each a map of its properties. */
  public final Map<String, Map<String, Object>> backupJobs = new LinkedHashMap<>();
  /** Resource pools by id (user.cfg in Proxmox); guest membership is mirrored on each container. */
  public final Map<String, SimPool> pools = new TreeMap<>();
  /** The appliance index. */
  public final List<AplTemplate> aplinfo = new ArrayList<>();
  /** Users and their passwords. */
  public final Map<String, String> users = new LinkedHashMap<>();
  /** Nodes that are down: requests proxied to them fail with 595, listings show them offline. */
  public final Set<String> offline = new LinkedHashSet<>();
  /** Users with a second factor (TOTP) configured. */
  public final Set<String> tfaUsers = new LinkedHashSet<>();
  /** API tokens by {@code user@realm!name}. */
  public final Map<String, TokenInfo> tokens = new LinkedHashMap<>();
  /** The cluster name. */
  public String clusterName = "proximity-sim";
  /** Real nanoseconds from a container's start until its DHCP lease (already scaled). */
  public volatile long dhcpDelayNanos;
  private final Random random;
  private int nextIp = 100;

  /**
   * @param seed seed for generated MAC addresses and leases
   */
  public ClusterState(long seed) {
    this.random = new Random(seed);
  }

  /**
   * @param node a node name
   * @return the node
   * @throws PveError 500 {@code no such node} ... as Proxmox says for an unknown node
   */
  public NodeInfo node(String node) {
    NodeInfo n = nodes.get(node);
    if (n == null) {
      throw PveError.fail("no such cluster node '" + node + "'");
    }
    return n;
  }

  /**
   * Finds a container on the given node, as {@code load_config} does.
   *
   * @param node node from the path
   * @param vmid id
   * @return the container
   */
  public SimContainer container(String node, int vmid) {
    node(node);
    SimContainer c = containers.get(vmid);
    if (c == null || !c.node().equals(node)) {
      throw PveError.noConfig(node, vmid);
    }
    return c;
  }

  /**
   * Finds a pool, as {@code check_pool_exist} does.
   *
   * @param id pool id
   * @return the pool
   * @throws PveError 500 {@code pool '<id>' does not exist}
   */
  public SimPool pool(String id) {
    SimPool p = pools.get(id);
    if (p == null) {
      throw PveError.fail("pool '" + id + "' does not exist");
    }
    return p;
  }

  /**
   * Adds a guest to a pool ({@code add_vm_to_pool}); the pool must exist.
   *
   * @param pool pool id
   * @param ct the guest, not a member of any pool
   */
  public void joinPool(String pool, SimContainer ct) {
    pool(pool).vms.add(ct.vmid());
    ct.pool(pool);
  }

  /**
   * Removes a guest from its pool, if any ({@code remove_vm_from_pool}).
   *
   * @param vmid the guest
   */
  public void leavePool(int vmid) {
    pools.values().forEach(p -> p.vms.remove(vmid));
    SimContainer ct = containers.get(vmid);
    if (ct != null) {
      ct.pool(null);
    }
  }

  /**
   * @param id storage id
   * @param node the node asking
   * @return the storage
   */
  public StorageSpec storage(String id, String node) {
    StorageSpec s = storages.get(id);
    if (s == null || (!s.nodes().isEmpty() && !s.nodes().contains(node))) {
      throw PveError.fail("storage '" + id + "' does not exist");
    }
    return s;
  }

  /**
   * @param s storage
   * @param node node
   * @return the volumes of that storage as the node sees them (mutable)
   */
  public TreeMap<String, Volume> volumes(StorageSpec s, String node) {
    return volumes.computeIfAbsent(s.shared() ? s.id() : node + "/" + s.id(), k -> new TreeMap<>());
  }

  /**
   * Finds a volume by full volid as a node sees it.
   *
   * @param volid {@code storage:name}
   * @param node node
   * @return the volume, or null
   */
  public Volume findVolume(String volid, String node) {
    int colon = volid.indexOf(':');
    if (colon < 0) {
      return null;
    }
    StorageSpec s = storages.get(volid.substring(0, colon));
    if (s == null || (!s.nodes().isEmpty() && !s.nodes().contains(node))) {
      return null;
    }
    return volumes(s, node).get(volid);
  }

  /**
   * Parses a Proxmox size ({@code 8G}, {@code 512M}, {@code 8} = GiB).
   *
   * @param text size text
   * @param defaultUnit unit when none is given
   * @return bytes
   */
  public static long parseSize(String text, char defaultUnit) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw PveError.fail("unable to parse size '" + text + "'");
    }
    double v = Double.parseDouble(m.group(1));
    char unit = m.group(2).isEmpty() ? defaultUnit : m.group(2).charAt(0);
    int shift = switch (unit) {
      case 'K' -> 10;
      case 'M' -> 20;
      case 'G' -> 30;
      case 'T' -> 40;
      default -> 0;
    };
    return (long) (v * (1L << shift));
  }

  /**
   * Formats bytes the way container configs show sizes.
   *
   * @param bytes size
   * @return e.g. {@code 8G} or {@code 512M}
   */
  public static String formatSize(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "G";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "M";
    }
    return (bytes >> 10) + "K";
  }

  /** @return a new MAC address with Proxmox's OUI */
  public String newMac() {
    return String.format("BC:24:11:%02X:%02X:%02X", random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  /** @return a fresh DHCP lease on the simulated bridge */
  public String newLease() {
    while (true) {
      int n = nextIp++;
      String ip = "10.10." + (n / 250) + "." + (n % 250 + 2);
      if (containers.values().stream().noneMatch(c -> ip.equals(c.lease()))) {
        return ip;
      }
    }
  }

  /** @return a draw for simulated load figures */
  public double noise() {
    return random.nextDouble();
  }

  /**
   * @param storage storage id
   * @param vmid guest
   * @param node node
   * @param prefix {@code vm} or {@code base}
   * @return the next free disk name, e.g. {@code vm-101-disk-0}
   */
  public String nextDiskName(StorageSpec storage, int vmid, String node, String prefix) {
    TreeMap<String, Volume> vols = volumes(storage, node);
    for (int i = 0; ; i++) {
      String name = prefix + "-" + vmid + "-disk-" + i;
      String suffix = "dir".equals(storage.type()) || "nfs".equals(storage.type()) ? vmid + "/" + name + ".raw" : name;
      String volid = storage.id() + ":" + suffix;
      boolean used = vols.keySet().stream().anyMatch(v -> v.equals(volid) || v.endsWith("/" + name));
      if (!used) {
        return volid;
      }
    }
  }

  /**
   * @param s storage
   * @param node node
   * @return bytes used by volumes on it
   */
  public long used(StorageSpec s, String node) {
    return volumes(s, node).values().stream().mapToLong(Volume::size).sum();
  }

  /**
   * @param node node
   * @return the storages that node has, in configuration order
   */
  public List<StorageSpec> storagesOf(String node) {
    return storages.values().stream().filter(s -> s.nodes().isEmpty() || s.nodes().contains(node)).toList();
  }
}
