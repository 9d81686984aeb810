package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /nodes/{node}/lxc/{vmid}/snapshot/**}. */
public final class LxcSnapshotRoutes {
  private LxcSnapshotRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/nodes/{node}/lxc/{vmid}/snapshot", LxcSnapshotRoutes::list);
    r.add("POST", "/nodes/{node}/lxc/{vmid}/snapshot", LxcSnapshotRoutes::create);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}", c -> {
      snapshot(LxcRoutes.audit(c), c.params().str("snapname"));
      return List.of(Map.of("rel", "rollback"), Map.of("rel", "config"));
    });
    r.add("DELETE", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}", LxcSnapshotRoutes::delete);
    r.add("POST", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback", LxcSnapshotRoutes::rollback);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config", c -> {
      SimContainer ct = LxcRoutes.audit(c);
      synchronized (c.state()) {
        SimContainer.Snapshot s = snapshot(ct, c.params().str("snapname"));
        Map<String, Object> out = CtConfig.render(s.config());
        out.put("snaptime", s.snaptime());
        if (s.description() != null) {
          out.put("description", s.description());
        }
        out.put("digest", CtConfig.digest(s.config()));
        return out;
      }
    });
  }

  private static SimContainer.Snapshot snapshot(SimContainer ct, String name) {
    SimContainer.Snapshot s = ct.snapshots.get(name);
    if (s == null) {
      throw PveError.fail("snapshot '" + name + "' does not exist");
    }
    return s;
  }

  private static Object list(Call c) {
    SimContainer ct = LxcRoutes.audit(c);
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      for (SimContainer.Snapshot s : ct.snapshots.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("description", s.description() == null ? "" : s.description());
        m.put("snaptime", s.snaptime());
        if (s.parent() != null) {
          m.put("parent", s.parent());
        }
        out.add(m);
      }
      Map<String, Object> current = new LinkedHashMap<>();
      current.put("name", "current");
      current.put("description", "You are here!");
      current.put("running", ct.running() ? 1 : 0);
      if (ct.parentSnapshot() != null) {
        current.put("parent", ct.parentSnapshot());
      }
      out.add(current);
    }
    return out;
  }

  private static Object create(Call c) {
    String name = c.params().str("snapname");
    synchronized (c.state()) {
      SimContainer ct = LxcRoutes.modify(c, "VM.Snapshot");
      if (ct.snapshots.containsKey(name) || "current".equals(name)) {
        throw PveError.fail("snapshot name '" + name + "' already used");
      }
      String vol = ct.config.getOrDefault("rootfs", "").split(",")[0];
      StorageSpec s = c.state().storages.get(vol.isEmpty() ? "" : vol.substring(0, vol.indexOf(':')));
      if (s == null || !s.snapshots()) {
        throw PveError.fail("snapshot feature is not available");
      }
      SimContainer.Snapshot snap = new SimContainer.Snapshot(name, c.params().opt("description").orElse(null),
          c.sim().now(), ct.parentSnapshot(), ct.config, ct.fs().copy());
      ct.lock("snapshot");
      SimTask task = c.sim().tasks().start(ct.node(), "vzsnapshot", String.valueOf(ct.vmid()), c.who(), 2, c.endpoint(),
          t -> {
            ct.snapshots.put(name, snap);
            ct.parentSnapshot(name);
          }, ok -> ct.lock(null));
      task.log("create snapshot '" + name + "'");
      return task.upid();
    }
  }

  private static Object delete(Call c) {
    String name = c.params().str("snapname");
    synchronized (c.state()) {
      SimContainer ct = LxcRoutes.modify(c, "VM.Snapshot");
      SimContainer.Snapshot snap = snapshot(ct, name);
      ct.lock("snapshot-delete");
      SimTask task = c.sim().tasks().start(ct.node(), "vzdelsnapshot", String.valueOf(ct.vmid()), c.who(), 1,
          c.endpoint(), t -> {
            ct.snapshots.remove(name);
            for (Map.Entry<String, SimContainer.Snapshot> e : new ArrayList<>(ct.snapshots.entrySet())) {
              SimContainer.Snapshot s = e.getValue();
              if (name.equals(s.parent())) {
                ct.snapshots.put(e.getKey(), new SimContainer.Snapshot(s.name(), s.description(), s.snaptime(),
                    snap.parent(), s.config(), s.fs()));
              }
            }
            if (name.equals(ct.parentSnapshot())) {
              ct.parentSnapshot(snap.parent());
            }
          }, ok -> ct.lock(null));
      task.log("delete snapshot '" + name + "'");
      return task.upid();
    }
  }

  private static Object rollback(Call c) {
    String name = c.params().str("snapname");
    boolean start = c.params().bool("start", false);
    synchronized (c.state()) {
      SimContainer ct = LxcRoutes.modify(c, "VM.Snapshot.Rollback");
      SimContainer.Snapshot snap = snapshot(ct, name);
      ct.lock("rollback");
      SimTask task = c.sim().tasks().start(ct.node(), "vzrollback", String.valueOf(ct.vmid()), c.who(), 2,
          c.endpoint(), t -> {
            long now = c.sim().now();
            if (ct.running()) {
              t.log("stopping container before rollback");
              ct.running(false, now);
            }
            ct.config.clear();
            ct.config.putAll(snap.config());
            ct.fs(snap.fs().copy());
            ct.parentSnapshot(name);
            if (start) {
              LxcRoutes.boot(c.state(), ct, now);
            }
          }, ok -> ct.lock(null));
      task.log("rollback to snapshot '" + name + "'");
      return task.upid();
    }
  }
}
