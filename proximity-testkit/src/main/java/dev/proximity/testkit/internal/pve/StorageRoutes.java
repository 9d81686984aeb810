package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /storage}, {@code /nodes/{node}/storage/**}: status, content, prune. */
public final class StorageRoutes {
  private StorageRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/storage", StorageRoutes::configList);
    r.add("GET", "/storage/{storage}", c -> {
      synchronized (c.state()) {
        StorageSpec s = c.state().storages.get(c.params().str("storage"));
        if (s == null) {
          throw PveError.fail("storage '" + c.params().str("storage") + "' does not exist");
        }
        c.sim().permissions().requireAny(c.who(), "/storage/" + s.id(), "Datastore.Audit", "Datastore.AllocateSpace");
        return configRow(s);
      }
    });
    r.add("GET", "/nodes/{node}/storage", StorageRoutes::nodeList);
    r.add("GET", "/nodes/{node}/storage/{storage}", c -> {
      storage(c);
      List<Map<String, String>> out = new ArrayList<>();
      for (String s : new String[] {"content", "prunebackups", "status"}) {
        out.add(Map.of("subdir", s));
      }
      return out;
    });
    r.add("GET", "/nodes/{node}/storage/{storage}/status", c -> {
      StorageSpec s = storage(c);
      synchronized (c.state()) {
        return statusRow(c, s);
      }
    });
    r.add("GET", "/nodes/{node}/storage/{storage}/content", StorageRoutes::content);
    r.add("GET", "/nodes/{node}/storage/{storage}/content/{volume}", c -> {
      StorageSpec s = storage(c);
      synchronized (c.state()) {
        Volume v = volume(c, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "/var/lib/vz/" + v.volid().substring(v.volid().indexOf(':') + 1));
        m.put("format", v.format());
        m.put("size", v.size());
        m.put("used", v.size());
        if (v.notes() != null) {
          m.put("notes", v.notes());
        }
        m.put("protected", v.isProtected() ? 1 : 0);
        return m;
      }
    });
    r.add("PUT", "/nodes/{node}/storage/{storage}/content/{volume}", c -> {
      StorageSpec s = storage(c);
      c.sim().permissions().require(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace");
      synchronized (c.state()) {
        Volume v = volume(c, s);
        Volume nv = v.withAttributes(c.params().opt("notes").orElse(v.notes()),
            c.params().has("protected") ? c.params().bool("protected", false) : v.isProtected());
        c.state().volumes(s, c.node()).put(v.volid(), nv);
        return null;
      }
    });
    r.add("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", StorageRoutes::deleteVolume);
    r.add("GET", "/nodes/{node}/storage/{storage}/prunebackups", c -> pruneList(c, storage(c)));
    r.add("DELETE", "/nodes/{node}/storage/{storage}/prunebackups", StorageRoutes::prune);
  }

  /**
   * @param volid a template volid
   * @param size bytes
   * @param ctime creation time
   * @return the template volume
   */
  public static Volume templateVolume(String volid, long size, long ctime) {
    String file = volid.substring(volid.indexOf('/') + 1);
    String format = file.endsWith(".tar.zst") ? "tzst" : file.endsWith(".tar.gz") ? "tgz"
        : file.endsWith(".tar.xz") ? "txz" : "tar";
    return new Volume(volid, "vztmpl", format, size, ctime, 0, null, false, null, null);
  }

  private static StorageSpec storage(Call c) {
    String id = c.params().str("storage");
    c.sim().permissions().requireAny(c.who(), "/storage/" + id, "Datastore.Audit", "Datastore.AllocateSpace");
    synchronized (c.state()) {
      c.state().node(c.node());
      return c.state().storage(id, c.node());
    }
  }

  private static Volume volume(Call c, StorageSpec s) {
    String name = c.params().str("volume");
    String volid = name.startsWith(s.id() + ":") ? name : s.id() + ":" + name;
    Volume v = c.state().volumes(s, c.node()).get(volid);
    if (v == null) {
      throw PveError.fail("volume '" + volid + "' does not exist");
    }
    return v;
  }

  private static Map<String, Object> configRow(StorageSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("storage", s.id());
    m.put("type", s.type());
    m.put("content", String.join(",", s.content()));
    m.put("shared", s.shared() ? 1 : 0);
    if (!s.nodes().isEmpty()) {
      m.put("nodes", String.join(",", s.nodes()));
    }
    if (s.pruneBackups() != null) {
      m.put("prune-backups", s.pruneBackups());
    }
    m.put("digest", Integer.toHexString(s.hashCode()));
    return m;
  }

  private static Object configList(Call c) {
    String type = c.params().opt("type").orElse(null);
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      for (StorageSpec s : c.state().storages.values()) {
        if ((type == null || type.equals(s.type()))
            && (c.sim().permissions().has(c.who(), "/storage/" + s.id(), "Datastore.Audit")
            || c.sim().permissions().has(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace"))) {
          out.add(configRow(s));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> statusRow(Call c, StorageSpec s) {
    long used = c.state().used(s, c.node());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("storage", s.id());
    m.put("type", s.type());
    m.put("content", String.join(",", s.content()));
    m.put("active", 1);
    m.put("enabled", 1);
    m.put("shared", s.shared() ? 1 : 0);
    m.put("total", s.totalBytes());
    m.put("used", used);
    m.put("avail", s.totalBytes() - used);
    m.put("used_fraction", (double) used / s.totalBytes());
    return m;
  }

  private static Object nodeList(Call c) {
    Params p = c.params();
    String content = p.opt("content").orElse(null);
    String only = p.opt("storage").orElse(null);
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      c.state().node(c.node());
      for (StorageSpec s : c.state().storagesOf(c.node())) {
        boolean allowed = c.sim().permissions().has(c.who(), "/storage/" + s.id(), "Datastore.Audit")
            || c.sim().permissions().has(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace");
        boolean contentOk = content == null || List.of(content.split("[,;\\s]+")).stream().anyMatch(s.content()::contains);
        if (allowed && contentOk && (only == null || only.equals(s.id()))) {
          out.add(statusRow(c, s));
        }
      }
    }
    return out;
  }

  private static Object content(Call c) {
    StorageSpec s = storage(c);
    String content = c.params().opt("content").orElse(null);
    int vmid = (int) c.params().num("vmid", 0);
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      for (Volume v : c.state().volumes(s, c.node()).values()) {
        if ((content == null || content.equals(v.content())) && (vmid == 0 || vmid == v.vmid())) {
          out.add(contentRow(v));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> contentRow(Volume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("volid", v.volid());
    m.put("content", v.content());
    m.put("format", v.format());
    m.put("size", v.size());
    m.put("ctime", v.ctime());
    if (v.vmid() > 0) {
      m.put("vmid", v.vmid());
    }
    if ("backup".equals(v.content())) {
      m.put("subtype", "lxc");
      if (v.notes() != null) {
        m.put("notes", v.notes());
      }
      if (v.isProtected()) {
        m.put("protected", 1);
      }
    }
    if ("rootdir".equals(v.content()) || "images".equals(v.content())) {
      m.put("used", v.size());
    }
    return m;
  }

  private static Object deleteVolume(Call c) {
    StorageSpec s = storage(c);
    c.sim().permissions().require(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace");
    synchronized (c.state()) {
      Volume v = volume(c, s);
      if (v.isProtected()) {
        throw PveError.fail("cannot delete protected backup '" + v.volid() + "'");
      }
      if (("rootdir".equals(v.content()) || "images".equals(v.content())) && c.state().containers.containsKey(v.vmid())) {
        throw PveError.fail("unable to delete '" + v.volid() + "' - volume is still in use (guest " + v.vmid() + ")");
      }
      String node = c.node();
      SimTask t = c.sim().tasks().start(node, "imgdel", "", c.who(), 1, c.endpoint(),
          task -> c.state().volumes(s, node).remove(v.volid()), ok -> { });
      t.log("Removed volume '" + v.volid() + "'");
      return t.upid();
    }
  }

  private static Map<Integer, List<Volume>> backupGroups(Call c, StorageSpec s) {
    int vmid = (int) c.params().num("vmid", 0);
    Map<Integer, List<Volume>> groups = new TreeMap<>();
    for (Volume v : c.state().volumes(s, c.node()).values()) {
      if ("backup".equals(v.content()) && (vmid == 0 || v.vmid() == vmid)) {
        groups.computeIfAbsent(v.vmid(), k -> new ArrayList<>()).add(v);
      }
    }
    return groups;
  }

  private static Map<String, String> options(Call c, StorageSpec s) {
    return Prune.parse(c.params().opt("prune-backups").orElse(s.pruneBackups()));
  }

  private static Object pruneList(Call c, StorageSpec s) {
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      Map<String, String> opts = options(c, s);
      for (List<Volume> group : backupGroups(c, s).values()) {
        Map<String, String> marks = Prune.mark(group, opts, c.sim().zone());
        for (Volume v : group) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("volid", v.volid());
          m.put("ctime", v.ctime());
          m.put("mark", marks.get(v.volid()));
          m.put("type", "lxc");
          m.put("vmid", v.vmid());
          out.add(m);
        }
      }
    }
    return out;
  }

  private static Object prune(Call c) {
    StorageSpec s = storage(c);
    c.sim().permissions().require(c.who(), "/storage/" + s.id(), "Datastore.AllocateSpace");
    String node = c.node();
    synchronized (c.state()) {
      Map<String, String> opts = options(c, s);
      Map<Integer, List<Volume>> groups = backupGroups(c, s);
      SimTask t = c.sim().tasks().start(node, "prunebackups", "", c.who(), 1, c.endpoint(), task -> {
        for (List<Volume> group : groups.values()) {
          Prune.mark(group, opts, c.sim().zone()).forEach((volid, mark) -> {
            if ("remove".equals(mark)) {
              c.state().volumes(s, node).remove(volid);
              task.log("removing backup '" + volid + "'");
            }
          });
        }
      }, ok -> { });
      t.log("starting prune with options: " + (opts.isEmpty() ? "keep-all=1" : String.join(",",
          opts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
      return t.upid();
    }
  }

  /**
   * Applies retention right after a backup (caller holds the state monitor).
   *
   * @param st state
   * @param s storage
   * @param node node
   * @param vmid the guest just backed up
   * @param options parsed retention
   * @param sim services, for the zone
   * @param task log target
   */
  static void applyRetention(ClusterState st, StorageSpec s, String node, int vmid, Map<String, String> options,
      SimContext sim, SimTask task) {
    List<Volume> group = st.volumes(s, node).values().stream()
        .filter(v -> "backup".equals(v.content()) && v.vmid() == vmid).toList();
    Prune.mark(group, options, sim.zone()).forEach((volid, mark) -> {
      if ("remove".equals(mark)) {
        st.volumes(s, node).remove(volid);
        task.log("prune older backups: removing backup '" + volid + "'");
      }
    });
  }
}
