package dev.proximity.testkit.internal.pve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /pools}: resource pools with guest members, as pve-access-control's Pool API. Both the
 * PVE 8.1+ forms ({@code /pools?poolid=}) and the older {@code /pools/{poolid}} are served.
 * Storage members are not modelled.
 */
public final class PoolRoutes {
  private PoolRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/pools", PoolRoutes::index);
    r.add("POST", "/pools", PoolRoutes::create);
    r.add("PUT", "/pools", PoolRoutes::update);
    r.add("DELETE", "/pools", PoolRoutes::delete);
    r.add("GET", "/pools/{poolid}", c -> {
      String id = c.params().str("poolid");
      synchronized (c.state()) {
        ClusterState.SimPool pool = c.state().pool(id);
        c.sim().permissions().require(c.who(), "/pool/" + id, "Pool.Audit");
        Map<String, Object> m = new LinkedHashMap<>();
        if (pool.comment != null) {
          m.put("comment", pool.comment);
        }
        m.put("members", members(c, pool));
        return m;
      }
    });
    r.add("PUT", "/pools/{poolid}", PoolRoutes::update);
    r.add("DELETE", "/pools/{poolid}", PoolRoutes::delete);
  }

  private static Object index(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    String only = c.params().opt("poolid").orElse(null);
    synchronized (c.state()) {
      if (only != null) {
        ClusterState.SimPool pool = c.state().pool(only);
        c.sim().permissions().require(c.who(), "/pool/" + only, "Pool.Audit");
        Map<String, Object> m = row(only, pool);
        m.put("members", members(c, pool));
        out.add(m);
        return out;
      }
      c.state().pools.forEach((id, pool) -> {
        if (c.sim().permissions().has(c.who(), "/pool/" + id, "Pool.Audit")) {
          out.add(row(id, pool));
        }
      });
    }
    return out;
  }

  private static Map<String, Object> row(String id, ClusterState.SimPool pool) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("poolid", id);
    if (pool.comment != null) {
      m.put("comment", pool.comment);
    }
    return m;
  }

  /** Members are the guests' resource rows, as {@code /cluster/resources} shows them. */
  private static List<Map<String, Object>> members(Call c, ClusterState.SimPool pool) {
    String type = c.params().opt("type").orElse(null);
    List<Map<String, Object>> out = new ArrayList<>();
    if ("storage".equals(type) || "qemu".equals(type)) {
      return out;
    }
    for (int vmid : pool.vms) {
      SimContainer ct = c.state().containers.get(vmid);
      if (ct != null) {
        out.add(c.state().offline.contains(ct.node()) ? LxcViews.unknown(ct) : LxcViews.resource(ct, c.sim().now()));
      }
    }
    return out;
  }

  private static Object create(Call c) {
    String id = c.params().str("poolid");
    c.sim().permissions().require(c.who(), "/pool/" + id, "Pool.Allocate");
    synchronized (c.state()) {
      if (c.state().pools.containsKey(id)) {
        throw PveError.fail("pool '" + id + "' already exists");
      }
      ClusterState.SimPool pool = new ClusterState.SimPool();
      pool.comment = c.params().opt("comment").orElse(null);
      c.state().pools.put(id, pool);
    }
    return null;
  }

  private static Object update(Call c) {
    Params p = c.params();
    String id = p.str("poolid");
    c.sim().permissions().require(c.who(), "/pool/" + id, "Pool.Allocate");
    boolean delete = p.bool("delete", false);
    boolean allowMove = p.bool("allow-move", false);
    synchronized (c.state()) {
      ClusterState st = c.state();
      ClusterState.SimPool pool = st.pool(id);
      p.opt("comment").ifPresent(comment -> pool.comment = comment);
      for (String v : p.opt("vms").map(s -> s.split("[,;\\s]+")).orElse(new String[0])) {
        if (v.isEmpty()) {
          continue;
        }
        int vmid = Integer.parseInt(v);
        // check_perm_modify: changing a guest's pool needs the right to change its permissions
        c.sim().permissions().requireAny(c.who(), "/vms/" + vmid, "Permissions.Modify", "VM.Allocate");
        SimContainer ct = st.containers.get(vmid);
        if (delete) {
          if (!pool.vms.contains(vmid)) {
            throw PveError.fail("VM " + vmid + " is not a pool member");
          }
          st.leavePool(vmid);
          continue;
        }
        if (pool.vms.contains(vmid)) {
          throw PveError.fail("VM " + vmid + " is already a pool member");
        }
        if (ct != null && ct.pool() != null) {
          if (!allowMove) {
            throw PveError.fail("VM " + vmid + " belongs already to pool '" + ct.pool()
                + "' and 'allow-move' is not set");
          }
          c.sim().permissions().require(c.who(), "/pool/" + ct.pool(), "Pool.Allocate");
          st.leavePool(vmid);
        }
        if (ct == null) {
          throw PveError.fail("VM " + vmid + " does not exist");
        }
        st.joinPool(id, ct);
      }
    }
    return null;
  }

  private static Object delete(Call c) {
    String id = c.params().str("poolid");
    c.sim().permissions().require(c.who(), "/pool/" + id, "Pool.Allocate");
    synchronized (c.state()) {
      ClusterState.SimPool pool = c.state().pool(id);
      if (!pool.vms.isEmpty()) {
        throw PveError.fail("pool '" + id + "' is not empty (contains VM " + pool.vms.iterator().next() + ")");
      }
      c.state().pools.remove(id);
    }
    return null;
  }
}
