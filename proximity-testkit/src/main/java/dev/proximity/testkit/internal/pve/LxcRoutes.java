package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /nodes/{node}/lxc}: list, create, config, status and power, destroy. */
public final class LxcRoutes {
  private LxcRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/nodes/{node}/lxc", LxcRoutes::list);
    r.add("POST", "/nodes/{node}/lxc", LxcCreate::create);
    r.add("GET", "/nodes/{node}/lxc/{vmid}", c -> {
      audit(c);
      List<Map<String, String>> out = new ArrayList<>();
      for (String s : new String[] {"config", "status", "snapshot", "rrddata", "interfaces", "clone", "template",
          "resize"}) {
        out.add(Map.of("subdir", s));
      }
      return out;
    });
    r.add("DELETE", "/nodes/{node}/lxc/{vmid}", LxcRoutes::destroy);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/config", LxcRoutes::config);
    r.add("PUT", "/nodes/{node}/lxc/{vmid}/config", LxcRoutes::updateConfig);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/status", c -> {
      audit(c);
      return List.of(Map.of("subdir", "current"), Map.of("subdir", "start"), Map.of("subdir", "stop"),
          Map.of("subdir", "shutdown"), Map.of("subdir", "reboot"));
    });
    r.add("GET", "/nodes/{node}/lxc/{vmid}/status/current", c -> {
      SimContainer ct = audit(c);
      synchronized (c.state()) {
        return LxcViews.status(ct, c.sim().now());
      }
    });
    r.add("POST", "/nodes/{node}/lxc/{vmid}/status/start", c -> power(c, "vzstart", 2));
    r.add("POST", "/nodes/{node}/lxc/{vmid}/status/stop", c -> power(c, "vzstop", 1));
    r.add("POST", "/nodes/{node}/lxc/{vmid}/status/shutdown", c -> power(c, "vzshutdown", 3));
    r.add("POST", "/nodes/{node}/lxc/{vmid}/status/reboot", c -> power(c, "vzreboot", 3));
  }

  /**
   * Loads a container and checks VM.Audit.
   *
   * @param c the call
   * @return the container
   */
  static SimContainer audit(Call c) {
    c.sim().permissions().require(c.who(), "/vms/" + c.vmid(), "VM.Audit");
    synchronized (c.state()) {
      return c.state().container(c.node(), c.vmid());
    }
  }

  /**
   * Loads a container for a modifying operation: checks the privilege and the lock.
   *
   * @param c the call (caller holds the state monitor)
   * @param privs privileges needed on {@code /vms/<vmid>}
   * @return the container
   */
  static SimContainer modify(Call c, String... privs) {
    c.sim().permissions().require(c.who(), "/vms/" + c.vmid(), privs);
    SimContainer ct = c.state().container(c.node(), c.vmid());
    if (ct.lock() != null) {
      throw PveError.lockTimeout(ct.vmid());
    }
    return ct;
  }

  /**
   * Starts a container (caller holds the state monitor): running, with a DHCP lease that becomes
   * visible after the cluster's DHCP delay.
   *
   * @param st state
   * @param ct container
   * @param now current time
   */
  static void boot(ClusterState st, SimContainer ct, long now) {
    if (ct.lease() == null) {
      ct.lease(st.newLease());
    }
    ct.leaseAfter(st.dhcpDelayNanos);
    ct.running(true, now);
  }

  /**
   * Removes a container's disks (caller holds the state monitor).
   *
   * @param st state
   * @param ct container
   */
  static void removeDisks(ClusterState st, SimContainer ct) {
    for (Map.Entry<String, String> e : ct.config.entrySet()) {
      if (e.getKey().equals("rootfs") || e.getKey().matches("mp\\d+")) {
        String volid = e.getValue().split(",")[0];
        StorageSpec s = st.storages.get(volid.substring(0, volid.indexOf(':')));
        if (s != null) {
          st.volumes(s, ct.node()).remove(volid);
        }
      }
    }
  }

  private static Object list(Call c) {
    List<Map<String, Object>> out = new ArrayList<>();
    long now = c.sim().now();
    synchronized (c.state()) {
      c.state().node(c.node());
      for (SimContainer ct : c.state().containers.values()) {
        if (ct.node().equals(c.node()) && c.sim().permissions().has(c.who(), "/vms/" + ct.vmid(), "VM.Audit")) {
          Map<String, Object> m = LxcViews.status(ct, now);
          m.remove("ha");
          out.add(m);
        }
      }
    }
    return out;
  }

  private static Object config(Call c) {
    SimContainer ct = audit(c);
    synchronized (c.state()) {
      Map<String, Object> out = CtConfig.render(ct.config);
      if (ct.lock() != null && LxcViews.SHOWN_LOCKS.contains(ct.lock())) {
        out.put("lock", ct.lock());
      }
      out.put("digest", CtConfig.digest(ct.config));
      return out;
    }
  }

  private static Object updateConfig(Call c) {
    Params p = c.params();
    synchronized (c.state()) {
      SimContainer ct = modify(c, "VM.Config.Options");
      if (p.has("digest") && !p.str("digest").equals(CtConfig.digest(ct.config))) {
        throw PveError.fail("detected modified configuration - file changed by other user? Try again.");
      }
      List<String> deletes = p.opt("delete").map(s -> List.of(s.split("[,;\\s]+"))).orElse(List.of());
      String features = p.has("features") ? p.str("features") : deletes.contains("features") ? null
          : ct.config.get("features");
      CtConfig.checkFeatures(c.who(), ct.config.get("features"), features);
      for (String key : p.raw().keySet()) {
        if (deletes.contains(key)) {
          throw PveError.param(key, "unable to delete and set the same option");
        }
      }
      if (p.has("unprivileged") && !p.str("unprivileged").equals(ct.config.getOrDefault("unprivileged", "0"))) {
        throw PveError.fail("unable to modify read-only option: 'unprivileged'");
      }
      for (String key : deletes) {
        if ("rootfs".equals(key) || "unprivileged".equals(key)) {
          throw PveError.fail("unable to delete required option '" + key + "'");
        }
        ct.config.remove(key);
      }
      for (Map.Entry<String, List<String>> e : p.raw().entrySet()) {
        String k = e.getKey();
        if (CtConfig.NOT_CONFIG.contains(k)) {
          continue;
        }
        String v = String.join(",", e.getValue());
        if (k.matches("net\\d+") && !v.contains("hwaddr=")) {
          v = CtConfig.normaliseNet(v, c.state());
        } else if ("tags".equals(k)) {
          v = CtConfig.normaliseTags(v);
        } else if ("rootfs".equals(k)) {
          continue;
        }
        ct.config.put(k, v);
      }
      return null;
    }
  }

  private static Object power(Call c, String type, double seconds) {
    synchronized (c.state()) {
      SimContainer ct = modify(c, "VM.PowerMgmt");
      int vmid = ct.vmid();
      boolean wantRunning = "vzstart".equals(type);
      if (wantRunning) {
        if (ct.running()) {
          throw PveError.fail("CT " + vmid + " already running");
        }
      } else if (!ct.running()) {
        throw PveError.fail("CT " + vmid + " not running");
      }
      ct.lock(wantRunning ? "start" : "stop");
      SimTask task = c.sim().tasks().start(ct.node(), type, String.valueOf(vmid), c.who(), seconds, c.endpoint(),
          t -> {
            long now = c.sim().now();
            if (wantRunning && ct.template()) {
              throw PveError.fail("you can't start a CT if it's a template");
            }
            if ("vzreboot".equals(type)) {
              ct.running(false, now);
              boot(c.state(), ct, now);
            } else if (wantRunning) {
              boot(c.state(), ct, now);
            } else {
              ct.running(false, now);
            }
          }, ok -> ct.lock(null));
      if ("vzshutdown".equals(type) && c.params().bool("forceStop", false)) {
        task.log("shutdown with forceStop");
      }
      return task.upid();
    }
  }

  private static Object destroy(Call c) {
    synchronized (c.state()) {
      SimContainer ct = modify(c, "VM.Allocate");
      int vmid = ct.vmid();
      if (ct.running()) {
        throw PveError.fail("unable to destroy CT " + vmid + " - container is running");
      }
      if ("1".equals(ct.config.get("protection"))) {
        throw PveError.fail("can't remove CT " + vmid + " - protection mode enabled");
      }
      boolean purge = c.params().bool("purge", false);
      ct.lock("destroyed");
      SimTask task = c.sim().tasks().start(ct.node(), "vzdestroy", String.valueOf(vmid), c.who(), 2, c.endpoint(),
          t -> {
            if (ct.template()) {
              for (SimContainer other : c.state().containers.values()) {
                String base = ct.config.get("rootfs").split(",")[0];
                String baseName = base.substring(base.indexOf(':') + 1);
                if (other != ct && other.config.getOrDefault("rootfs", "").contains(baseName + "/")) {
                  throw PveError.fail("base volume '" + base + "' is still in use by linked cloned CT " + other.vmid());
                }
              }
            }
            removeDisks(c.state(), ct);
            // remove_vm_access: ACLs and pool membership go with the guest, purge or not
            c.state().leavePool(vmid);
            c.state().containers.remove(vmid, ct);
            if (purge) {
              BackupJobRoutes.purgeVmid(c.state(), vmid);
            }
            t.log("purging CT " + vmid + " configuration");
          }, ok -> ct.lock(null));
      task.log("destroying CT " + vmid);
      return task.upid();
    }
  }
}
