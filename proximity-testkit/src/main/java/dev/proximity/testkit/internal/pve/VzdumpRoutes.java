package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /nodes/{node}/vzdump}: backups that produce backup volumes with the guest's files. */
public final class VzdumpRoutes {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd-HH_mm_ss");

  private VzdumpRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("POST", "/nodes/{node}/vzdump", c -> {
      Map<String, String> opts = new LinkedHashMap<>();
      c.params().raw().forEach((k, v) -> opts.put(k, String.join(",", v)));
      synchronized (c.state()) {
        return start(c.sim(), c.node(), opts, c.who(), c.endpoint());
      }
    });
  }

  /**
   * Selects guests on a node for a backup: the members of {@code pool}, the {@code vmid} list, or
   * {@code all} minus {@code exclude}.
   *
   * @param st state (caller holds the monitor)
   * @param node node
   * @param opts vzdump options
   * @return the guests on that node, by vmid
   */
  static List<SimContainer> select(ClusterState st, String node, Map<String, String> opts) {
    List<SimContainer> out = new ArrayList<>();
    if (opts.containsKey("pool")) {
      // the pool's members when the backup runs, not when the job was written
      for (int vmid : st.pool(opts.get("pool")).vms) {
        SimContainer c = st.containers.get(vmid);
        if (c != null && c.node().equals(node)) {
          out.add(c);
        }
      }
      return out;
    }
    if ("1".equals(opts.get("all"))) {
      List<String> exclude = Arrays.asList(opts.getOrDefault("exclude", "").split("[,;\\s]+"));
      st.containers.values().stream().filter(c -> c.node().equals(node) && !exclude.contains(String.valueOf(c.vmid())))
          .forEach(out::add);
      return out;
    }
    for (String id : opts.getOrDefault("vmid", "").split("[,;\\s]+")) {
      if (id.isEmpty()) {
        continue;
      }
      SimContainer c = st.containers.get(Integer.parseInt(id));
      if (c == null) {
        throw PveError.fail("unable to find configuration file for VM " + id + " - no such machine");
      }
      if (c.node().equals(node)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Starts a vzdump task (caller holds the state monitor).
   *
   * @param sim services
   * @param node node
   * @param opts vzdump options as sent
   * @param who the caller
   * @param endpoint fault-plan key
   * @return the UPID
   */
  public static String start(SimContext sim, String node, Map<String, String> opts, Principal who, String endpoint) {
    ClusterState st = sim.state();
    st.node(node);
    String storageId = opts.getOrDefault("storage", "local");
    StorageSpec storage = st.storage(storageId, node);
    if (!storage.content().contains("backup")) {
      throw PveError.fail("storage '" + storageId + "' does not support backups");
    }
    sim.permissions().require(who, "/storage/" + storageId, "Datastore.AllocateSpace");
    List<SimContainer> guests = select(st, node, opts);
    if (guests.isEmpty()) {
      throw PveError.fail("no guests to back up on node '" + node + "'");
    }
    for (SimContainer g : guests) {
      sim.permissions().require(who, "/vms/" + g.vmid(), "VM.Backup");
      if (g.lock() != null) {
        throw PveError.lockTimeout(g.vmid());
      }
    }
    String compress = opts.getOrDefault("compress", "0");
    String ext = switch (compress) {
      case "zstd" -> ".tar.zst";
      case "gzip", "1" -> ".tar.gz";
      case "lzo" -> ".tar.lzo";
      default -> ".tar";
    };
    Map<Integer, Volume> pending = new LinkedHashMap<>();
    long now = sim.now();
    for (SimContainer g : guests) {
      long t = now;
      String volid;
      do {
        volid = storageId + ":backup/vzdump-lxc-" + g.vmid() + "-" + STAMP.format(Instant.ofEpochSecond(t).atZone(sim.zone())) + ext;
        t++;
      } while (st.volumes(storage, node).containsKey(volid) || containsVolid(pending, volid));
      String notes = renderNotes(opts.get("notes-template"), g, node, st.clusterName);
      long size = Math.max(1L << 20, LxcViews.rootfsBytes(g) / 16) + g.fs().snapshot().size() * 4096L;
      Map<String, String> config = new LinkedHashMap<>(g.config);
      pending.put(g.vmid(), new Volume(volid, "backup", ext.substring(1), size, t - 1, g.vmid(), notes,
          "1".equals(opts.get("protected")), config, g.fs().copy()));
      g.lock("backup");
    }
    String id = guests.size() == 1 ? String.valueOf(guests.get(0).vmid()) : "";
    String retention = opts.containsKey("prune-backups") ? opts.get("prune-backups") : storage.pruneBackups();
    boolean remove = !"0".equals(opts.get("remove"));
    SimTask task = sim.tasks().start(node, "vzdump", id, who, 5.0 * guests.size(), endpoint, t -> {
      for (SimContainer g : guests) {
        Volume v = pending.get(g.vmid());
        t.log("INFO: Starting Backup of VM " + g.vmid() + " (lxc)");
        t.log("INFO: CT Name: " + g.name());
        t.log("INFO: creating vzdump archive '" + dumpDir(storage) + v.volid().substring(v.volid().indexOf('/') + 1) + "'");
        st.volumes(storage, node).put(v.volid(), v);
        t.log("INFO: Finished Backup of VM " + g.vmid() + " (00:00:05)");
        if (remove && retention != null) {
          StorageRoutes.applyRetention(st, storage, node, g.vmid(), Prune.parse(retention), sim, t);
        }
      }
      t.log("INFO: Backup job finished successfully");
    }, ok -> guests.forEach(g -> g.lock(null)));
    task.log("INFO: starting new backup job: vzdump " + String.join(" ", guests.stream().map(g -> String.valueOf(g.vmid())).toList())
        + " --storage " + storageId + " --mode " + opts.getOrDefault("mode", "snapshot") + " --compress " + compress);
    return task.upid();
  }

  private static boolean containsVolid(Map<Integer, Volume> pending, String volid) {
    return pending.values().stream().anyMatch(v -> v.volid().equals(volid));
  }

  private static String dumpDir(StorageSpec s) {
    return "local".equals(s.id()) ? "/var/lib/vz/dump/" : "/mnt/pve/" + s.id() + "/dump/";
  }

  private static String renderNotes(String template, SimContainer g, String node, String cluster) {
    if (template == null) {
      return null;
    }
    return template.replace("{{guestname}}", g.name()).replace("{{vmid}}", String.valueOf(g.vmid()))
        .replace("{{node}}", node).replace("{{cluster}}", cluster).replace("\\n", "\n");
  }
}
