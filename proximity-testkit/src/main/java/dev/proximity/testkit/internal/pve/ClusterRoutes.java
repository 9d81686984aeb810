package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /version}, {@code /cluster/resources|nextid|status|tasks}. */
public final class ClusterRoutes {
  /** Version the simulator claims. */
  public static final String VERSION = "9.1.1";

  private ClusterRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/version", c -> Map.of("version", VERSION, "release", "9.1", "repoid", "42d9c6e2a1f5b8e7"));
    r.add("GET", "/cluster/resources", ClusterRoutes::resources);
    r.add("GET", "/cluster/nextid", ClusterRoutes::nextid);
    r.add("GET", "/cluster/status", ClusterRoutes::status);
    r.add("GET", "/cluster/tasks", ClusterRoutes::tasks);
  }

  private static Object resources(Call c) {
    String type = c.params().opt("type").orElse(null);
    List<Map<String, Object>> out = new ArrayList<>();
    Permissions perms = c.sim().permissions();
    long now = c.sim().now();
    synchronized (c.state()) {
      if (type == null || "node".equals(type)) {
        for (ClusterState.NodeInfo n : c.state().nodes.values()) {
          if (perms.has(c.who(), "/nodes/" + n.name(), "Sys.Audit")) {
            out.add(NodeRoutes.nodeRow(c, n));
          }
        }
      }
      if (type == null || "vm".equals(type)) {
        for (SimContainer ct : c.state().containers.values()) {
          if (perms.has(c.who(), "/vms/" + ct.vmid(), "VM.Audit")) {
            out.add(c.state().offline.contains(ct.node()) ? LxcViews.unknown(ct) : LxcViews.resource(ct, now));
          }
        }
      }
      if (type == null) {
        c.state().pools.forEach((id, pool) -> {
          if (perms.has(c.who(), "/pool/" + id, "Pool.Audit")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", "/pool/" + id);
            m.put("type", "pool");
            m.put("pool", id);
            out.add(m);
          }
        });
      }
      if (type == null || "storage".equals(type)) {
        for (ClusterState.NodeInfo n : c.state().nodes.values()) {
          for (StorageSpec s : c.state().storagesOf(n.name())) {
            if (perms.has(c.who(), "/storage/" + s.id(), "Datastore.Audit")
                || perms.has(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace")) {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", "storage/" + n.name() + "/" + s.id());
              m.put("type", "storage");
              m.put("storage", s.id());
              m.put("node", n.name());
              m.put("status", c.state().offline.contains(n.name()) ? "unknown" : "available");
              m.put("plugintype", s.type());
              m.put("content", String.join(",", s.content()));
              m.put("shared", s.shared() ? 1 : 0);
              m.put("disk", c.state().used(s, n.name()));
              m.put("maxdisk", s.totalBytes());
              out.add(m);
            }
          }
        }
      }
    }
    return out;
  }

  private static Object nextid(Call c) {
    synchronized (c.state()) {
      if (c.params().has("vmid")) {
        int vmid = c.vmid();
        if (c.state().containers.containsKey(vmid)) {
          throw PveError.param("vmid", "VM " + vmid + " already exists");
        }
        return String.valueOf(vmid);
      }
      for (int id = 100; id < 1_000_000; id++) {
        if (!c.state().containers.containsKey(id)) {
          return String.valueOf(id);
        }
      }
    }
    throw PveError.fail("unable to get any free VMID in range [100, 1000000)");
  }

  private static Object status(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      Map<String, Object> cluster = new LinkedHashMap<>();
      cluster.put("id", "cluster");
      cluster.put("type", "cluster");
      cluster.put("name", c.state().clusterName);
      cluster.put("nodes", c.state().nodes.size());
      cluster.put("quorate", 1);
      cluster.put("version", c.state().nodes.size());
      out.add(cluster);
      int i = 1;
      for (ClusterState.NodeInfo n : c.state().nodes.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "node/" + n.name());
        m.put("type", "node");
        m.put("name", n.name());
        m.put("nodeid", i);
        m.put("ip", "127.0.0." + (i + 1));
        m.put("online", c.state().offline.contains(n.name()) ? 0 : 1);
        m.put("local", i == 1 ? 1 : 0);
        m.put("level", "");
        out.add(m);
        i++;
      }
    }
    return out;
  }

  private static Object tasks(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<SimTask> all = c.sim().tasks().all();
    for (int i = all.size() - 1; i >= 0; i--) {
      SimTask t = all.get(i);
      if (TaskRoutes.visible(c, t)) {
        out.add(TaskRoutes.row(t));
      }
    }
    return out;
  }
}
