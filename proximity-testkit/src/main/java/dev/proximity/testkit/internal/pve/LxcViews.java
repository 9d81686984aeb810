package dev.proximity.testkit.internal.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Renders containers the way the status, list and resources endpoints show them. */
public final class LxcViews {
  /** Lock names Proxmox shows in status and config; others are held only as a file lock. */
  public static final Set<String> SHOWN_LOCKS = Set.of("backup", "create", "destroyed", "disk",
      "fstrim", "migrate", "mounted", "rollback", "snapshot", "snapshot-delete");
  private LxcViews() {}

  /**
   * @param c container (caller holds the state monitor)
   * @param now current epoch second
   * @return {@code status/current} fields
   */
  public static Map<String, Object> status(SimContainer c, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean running = c.running();
    long maxmem = memoryMiB(c) << 20;
    long maxswap = Long.parseLong(c.config.getOrDefault("swap", "512")) << 20;
    long maxdisk = rootfsBytes(c);
    m.put("vmid", c.vmid());
    m.put("name", c.name());
    m.put("status", running ? "running" : "stopped");
    m.put("type", "lxc");
    m.put("cpus", Integer.parseInt(c.config.getOrDefault("cores", "1")));
    m.put("cpu", running ? 0.0123 : 0);
    m.put("maxmem", maxmem);
    m.put("mem", running ? Math.min(maxmem, 48L << 20) : 0);
    m.put("maxswap", maxswap);
    m.put("swap", 0);
    m.put("maxdisk", maxdisk);
    m.put("disk", running ? Math.min(maxdisk, 600L << 20) : 0);
    m.put("netin", running ? 1024L * (now - c.startedAt() + 1) : 0);
    m.put("netout", running ? 512L * (now - c.startedAt() + 1) : 0);
    m.put("diskread", running ? 4L << 20 : 0);
    m.put("diskwrite", running ? 1L << 20 : 0);
    m.put("uptime", running ? Math.max(0, now - c.startedAt()) : 0);
    if (running) {
      m.put("pid", 100_000 + c.vmid());
    }
    m.put("template", c.template() ? 1 : 0);
    if (c.config.containsKey("tags")) {
      m.put("tags", c.config.get("tags"));
    }
    if (c.lock() != null && SHOWN_LOCKS.contains(c.lock())) {
      m.put("lock", c.lock());
    }
    m.put("ha", Map.of("managed", 0));
    return m;
  }

  /**
   * @param c container (caller holds the state monitor)
   * @param now current epoch second
   * @return a {@code /cluster/resources} row
   */
  public static Map<String, Object> resource(SimContainer c, long now) {
    Map<String, Object> s = status(c, now);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "lxc/" + c.vmid());
    m.put("type", "lxc");
    m.put("vmid", c.vmid());
    m.put("node", c.node());
    m.put("name", c.name());
    m.put("status", s.get("status"));
    m.put("template", s.get("template"));
    for (String k : new String[] {"maxcpu", "cpu", "maxmem", "mem", "maxdisk", "disk", "netin", "netout",
        "diskread", "diskwrite", "uptime", "tags", "lock"}) {
      Object v = "maxcpu".equals(k) ? s.get("cpus") : s.get(k);
      if (v != null) {
        m.put(k, v);
      }
    }
    if (c.pool() != null) {
      m.put("pool", c.pool());
    }
    return m;
  }

  /**
   * @param c container on an offline node (caller holds the state monitor)
   * @return the reduced row Proxmox shows for it: id, type, vmid, node, status unknown, tags
   */
  public static Map<String, Object> unknown(SimContainer c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "lxc/" + c.vmid());
    m.put("type", "lxc");
    m.put("vmid", c.vmid());
    m.put("node", c.node());
    m.put("status", "unknown");
    if (c.config.containsKey("tags")) {
      m.put("tags", c.config.get("tags"));
    }
    if (c.pool() != null) {
      m.put("pool", c.pool());
    }
    return m;
  }

  /**
   * @param c container
   * @return configured memory in MiB
   */
  public static long memoryMiB(SimContainer c) {
    return Long.parseLong(c.config.getOrDefault("memory", "512"));
  }

  /**
   * @param c container
   * @return the rootfs size in bytes
   */
  public static long rootfsBytes(SimContainer c) {
    String rootfs = c.config.get("rootfs");
    if (rootfs == null) {
      return 0;
    }
    for (String part : rootfs.split(",")) {
      if (part.startsWith("size=")) {
        return ClusterState.parseSize(part.substring(5), 'G');
      }
    }
    return 0;
  }
}
