package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.AplTemplate;
import dev.proximity.testkit.StorageSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /nodes}, {@code /nodes/{node}}, its status, network and appliance index. */
public final class NodeRoutes {
  private static final long BASE_MEM = 2L << 30;
  private static final long ROOT_DISK = 100L << 30;

  private NodeRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/nodes", NodeRoutes::list);
    r.add("GET", "/nodes/{node}", c -> {
      synchronized (c.state()) {
        c.state().node(c.node());
      }
      List<Map<String, String>> out = new ArrayList<>();
      for (String s : new String[] {"aplinfo", "lxc", "network", "status", "storage", "tasks", "vzdump"}) {
        out.add(Map.of("name", s));
      }
      return out;
    });
    r.add("GET", "/nodes/{node}/status", NodeRoutes::status);
    r.add("GET", "/nodes/{node}/network", NodeRoutes::network);
    r.add("GET", "/nodes/{node}/network/{iface}", c -> {
      for (Map<String, Object> m : interfaces(c)) {
        if (m.get("iface").equals(c.params().str("iface"))) {
          return m;
        }
      }
      throw PveError.fail("interface does not exist");
    });
    r.add("GET", "/nodes/{node}/aplinfo", NodeRoutes::aplinfo);
    r.add("POST", "/nodes/{node}/aplinfo", NodeRoutes::download);
  }

  /**
   * @param c the call (caller holds the state monitor)
   * @param n a node
   * @return the node's row in {@code /nodes} and {@code /cluster/resources}
   */
  static Map<String, Object> nodeRow(Call c, ClusterState.NodeInfo n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "node/" + n.name());
    m.put("type", "node");
    m.put("node", n.name());
    if (c.state().offline.contains(n.name())) {
      m.put("status", "offline");
      m.put("level", "");
      return m;
    }
    m.put("status", "online");
    m.put("cpu", 0.02 + 0.01 * runningCount(c, n.name()));
    m.put("maxcpu", n.cpus());
    m.put("mem", memUsed(c, n));
    m.put("maxmem", n.memoryBytes());
    m.put("disk", 8L << 30);
    m.put("maxdisk", ROOT_DISK);
    m.put("uptime", 86_400 * 3);
    m.put("level", "");
    m.put("ssl_fingerprint", c.sim().fingerprint());
    return m;
  }

  private static long runningCount(Call c, String node) {
    return c.state().containers.values().stream().filter(x -> x.node().equals(node) && x.running()).count();
  }

  private static long memUsed(Call c, ClusterState.NodeInfo n) {
    long used = BASE_MEM;
    for (SimContainer ct : c.state().containers.values()) {
      if (ct.node().equals(n.name()) && ct.running()) {
        used += Math.min(LxcViews.memoryMiB(ct) << 20, 48L << 20);
      }
    }
    return Math.min(used, n.memoryBytes());
  }

  private static Object list(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      for (ClusterState.NodeInfo n : c.state().nodes.values()) {
        if (c.sim().permissions().has(c.who(), "/nodes/" + n.name(), "Sys.Audit")) {
          out.add(nodeRow(c, n));
        } else {
          out.add(Map.of("node", n.name(), "status", c.state().offline.contains(n.name()) ? "offline" : "online",
              "type", "node", "id", "node/" + n.name()));
        }
      }
    }
    return out;
  }

  private static Object status(Call c) {
    c.sim().permissions().requireAny(c.who(), "/nodes/" + c.node(), "Sys.Audit", "Sys.Modify");
    synchronized (c.state()) {
      ClusterState.NodeInfo n = c.state().node(c.node());
      long used = memUsed(c, n);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uptime", 86_400 * 3);
      m.put("cpu", 0.02 + 0.01 * runningCount(c, n.name()));
      m.put("wait", 0.0);
      m.put("loadavg", List.of("0.12", "0.10", "0.08"));
      m.put("cpuinfo", Map.of("cpus", n.cpus(), "sockets", 1, "cores", n.cpus(), "mhz", "2400.000",
          "model", "Simulated CPU @ 2.40GHz", "hvm", "1", "flags", "sse4_2 avx2"));
      m.put("memory", Map.of("total", n.memoryBytes(), "used", used, "free", n.memoryBytes() - used,
          "available", n.memoryBytes() - used));
      m.put("swap", Map.of("total", 8L << 30, "used", 0, "free", 8L << 30));
      m.put("rootfs", Map.of("total", ROOT_DISK, "used", 8L << 30, "free", ROOT_DISK - (8L << 30),
          "avail", ROOT_DISK - (8L << 30)));
      m.put("ksm", Map.of("shared", 0));
      m.put("kversion", "Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1");
      m.put("pveversion", "pve-manager/" + ClusterRoutes.VERSION + "/42d9c6e2a1f5b8e7");
      m.put("current-kernel", Map.of("sysname", "Linux", "release", "6.17.2-1-pve", "machine", "x86_64",
          "version", "#1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1"));
      m.put("boot-info", Map.of("mode", "efi", "secureboot", 0));
      return m;
    }
  }

  private static List<Map<String, Object>> interfaces(Call c) {
    synchronized (c.state()) {
      c.state().node(c.node());
      int index = new ArrayList<>(c.state().nodes.keySet()).indexOf(c.node());
      List<Map<String, Object>> out = new ArrayList<>();
      Map<String, Object> eth = new LinkedHashMap<>();
      eth.put("iface", "eno1");
      eth.put("type", "eth");
      eth.put("method", "manual");
      eth.put("families", List.of("inet"));
      eth.put("active", 1);
      eth.put("autostart", 1);
      eth.put("priority", 1);
      out.add(eth);
      Map<String, Object> br = new LinkedHashMap<>();
      br.put("iface", "vmbr0");
      br.put("type", "bridge");
      br.put("method", "static");
      br.put("families", List.of("inet"));
      br.put("address", "192.168.100." + (10 + index));
      br.put("netmask", "24");
      br.put("cidr", "192.168.100." + (10 + index) + "/24");
      br.put("gateway", "192.168.100.1");
      br.put("bridge_ports", "eno1");
      br.put("bridge_stp", "off");
      br.put("bridge_fd", "0");
      br.put("active", 1);
      br.put("autostart", 1);
      br.put("priority", 2);
      out.add(br);
      return out;
    }
  }

  private static Object network(Call c) {
    String type = c.params().opt("type").orElse(null);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> m : interfaces(c)) {
      String t = (String) m.get("type");
      if (type == null || type.equals(t) || ("any_bridge".equals(type) && "bridge".equals(t))) {
        out.add(m);
      }
    }
    return out;
  }

  private static Object aplinfo(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      c.state().node(c.node());
      for (AplTemplate t : c.state().aplinfo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("template", t.template());
        m.put("package", t.packageName());
        m.put("version", t.version());
        m.put("os", t.os());
        m.put("section", t.section());
        m.put("type", "lxc");
        m.put("headline", t.headline());
        m.put("description", t.headline());
        m.put("infopage", "https://pve.proxmox.com/wiki/Linux_Container");
        m.put("location", "http://download.proxmox.com/images/system/" + t.template());
        m.put("sha512sum", sha512(t.template()));
        m.put("architecture", "amd64");
        m.put("source", "http://download.proxmox.com/images");
        out.add(m);
      }
    }
    return out;
  }

  private static Object download(Call c) {
    String node = c.node();
    String storage = c.params().str("storage");
    String template = c.params().str("template");
    c.sim().permissions().require(c.who(), "/storage/" + storage, "Datastore.AllocateTemplate");
    synchronized (c.state()) {
      c.state().node(node);
      AplTemplate t = c.state().aplinfo.stream().filter(a -> a.template().equals(template)).findFirst()
          .orElseThrow(() -> PveError.param("template", "no such template"));
      StorageSpec s = c.state().storage(storage, node);
      if (!s.content().contains("vztmpl")) {
        throw PveError.fail("storage '" + storage + "' does not support templates");
      }
      SimTask task = c.sim().tasks().start(node, "download", template, c.who(), 3, c.endpoint(), tk -> {
        String volid = storage + ":vztmpl/" + template;
        tk.log("calculating checksum...OK, checksum verified");
        tk.log("download of '" + t.template() + "' to '/var/lib/vz/template/cache/" + template + "' finished");
        c.state().volumes(s, node).put(volid, StorageRoutes.templateVolume(volid, t.sizeBytes(), c.sim().now()));
      }, ok -> { });
      task.log("starting template download from: http://download.proxmox.com/images/system/" + template);
      task.log("target file: /var/lib/vz/template/cache/" + template);
      return task.upid();
    }
  }

  private static String sha512(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
