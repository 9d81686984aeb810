package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Clone, template, resize, interfaces and RRD data of a container. */
public final class LxcOpsRoutes {
  private LxcOpsRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("POST", "/nodes/{node}/lxc/{vmid}/clone", LxcOpsRoutes::cloneCt);
    r.add("POST", "/nodes/{node}/lxc/{vmid}/template", LxcOpsRoutes::template);
    r.add("PUT", "/nodes/{node}/lxc/{vmid}/resize", LxcOpsRoutes::resize);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/interfaces", LxcOpsRoutes::interfaces);
    r.add("GET", "/nodes/{node}/lxc/{vmid}/rrddata", LxcOpsRoutes::rrddata);
  }

  private static String volid(String diskValue) {
    return diskValue.split(",")[0];
  }

  private static Object cloneCt(Call c) {
    Params p = c.params();
    int newid = p.integer("newid");
    synchronized (c.state()) {
      ClusterState st = c.state();
      SimContainer src = LxcRoutes.modify(c, "VM.Clone");
      String pool = p.opt("pool").orElse(null);
      if (pool != null) {
        st.pool(pool);
      }
      if (pool == null || !c.sim().permissions().has(c.who(), "/pool/" + pool, "VM.Allocate")) {
        // check_vm_perm: VM.Allocate on the new guest, or on the pool it joins
        c.sim().permissions().require(c.who(), "/vms/" + newid, "VM.Allocate");
      }
      SimContainer taken = st.containers.get(newid);
      if (taken != null) {
        throw PveError.fail("CT " + newid + " already exists on node '" + taken.node() + "'");
      }
      boolean full = p.has("full") ? p.bool("full", true) : !src.template();
      if (!full && p.has("storage")) {
        throw PveError.fail("parameter 'storage' not allowed for linked clones");
      }
      String snapname = p.opt("snapname").orElse(null);
      if (snapname != null && !src.snapshots.containsKey(snapname)) {
        throw PveError.fail("snapshot '" + snapname + "' does not exist");
      }
      if (full && src.running() && snapname == null) {
        throw PveError.fail("Full clone of a running container is only possible from a snapshot");
      }
      Map<String, String> srcConfig = snapname != null ? src.snapshots.get(snapname).config() : src.config;
      GuestFs srcFs = snapname != null ? src.snapshots.get(snapname).fs() : src.fs();
      String srcVol = volid(srcConfig.get("rootfs"));
      StorageSpec srcStorage = st.storage(srcVol.substring(0, srcVol.indexOf(':')), src.node());
      String target = p.opt("target").orElse(src.node());
      st.node(target);
      StorageSpec storage = full ? st.storage(p.opt("storage").orElse(srcStorage.id()), target) : srcStorage;
      if (!target.equals(src.node()) && !storage.shared()) {
        throw PveError.fail("Clone to other node is only possible with shared storage (storage '" + storage.id()
            + "' is not shared)");
      }
      if (!full && !(src.template() && srcStorage.linkedClones())) {
        throw PveError.fail("Linked clone feature for '" + srcVol + "' is not available");
      }
      if (!storage.content().contains("rootdir")) {
        throw PveError.fail("storage '" + storage.id() + "' does not support content-type 'rootdir'");
      }
      c.sim().permissions().require(c.who(), "/storage/" + storage.id(), "Datastore.AllocateSpace");
      long size = LxcViews.rootfsBytes(src);
      String base = srcVol.substring(srcVol.indexOf(':') + 1);
      String newVol = full ? st.nextDiskName(storage, newid, target, "vm")
          : storage.id() + ":" + base + "/" + st.nextDiskName(storage, newid, target, "vm").substring(storage.id().length() + 1);
      SimContainer ct = new SimContainer(newid, target);
      for (Map.Entry<String, String> e : srcConfig.entrySet()) {
        String k = e.getKey();
        if (k.equals("template") || k.equals("lock") || k.equals("parent")) {
          continue;
        }
        String v = e.getValue();
        if (k.matches("net\\d+")) {
          v = CtConfig.normaliseNet(v.replaceAll("hwaddr=[^,]*,?", "").replaceAll(",$", ""), st);
        }
        ct.config.put(k, v);
      }
      ct.config.put("rootfs", newVol + ",size=" + ClusterState.formatSize(size));
      p.opt("hostname").ifPresent(h -> ct.config.put("hostname", h));
      p.opt("description").ifPresent(d -> ct.config.put("description", d));
      ct.fs(srcFs.copy());
      ct.lock("create");
      src.lock("disk");
      st.volumes(storage, target).put(newVol, new Volume(newVol, "rootdir", "raw", size, c.sim().now(), newid, null,
          false, null, null));
      st.containers.put(newid, ct);
      if (pool != null) {
        st.joinPool(pool, ct); // membership is not copied from the source, only the pool parameter counts
      }
      SimTask task = c.sim().tasks().start(src.node(), "vzclone", String.valueOf(src.vmid()), c.who(), full ? 6 : 2,
          c.endpoint(), t -> t.log((full ? "full" : "linked") + " clone of rootfs: " + srcVol + " -> " + newVol),
          ok -> {
            src.lock(null);
            ct.lock(null);
            if (!ok) {
              LxcRoutes.removeDisks(st, ct);
              st.leavePool(newid);
              st.containers.remove(newid, ct);
            }
          });
      task.log("create " + (full ? "full" : "linked") + " clone of mount point rootfs (" + srcVol + ")");
      return task.upid();
    }
  }

  private static Object template(Call c) {
    synchronized (c.state()) {
      ClusterState st = c.state();
      SimContainer ct = LxcRoutes.modify(c, "VM.Allocate");
      if (!ct.snapshots.isEmpty()) {
        throw PveError.fail("unable to create template, because CT contains snapshots");
      }
      if (ct.template()) {
        throw PveError.fail("you can't convert a template to a template");
      }
      if (ct.running()) {
        throw PveError.fail("you can't convert a CT to template if the CT is running");
      }
      ct.lock("template");
      c.sim().tasks().start(ct.node(), "vztemplate", String.valueOf(ct.vmid()), c.who(), 2, c.endpoint(), t -> {
        String old = volid(ct.config.get("rootfs"));
        StorageSpec s = st.storage(old.substring(0, old.indexOf(':')), ct.node());
        String renamed = old.replace("vm-" + ct.vmid() + "-disk-", "base-" + ct.vmid() + "-disk-");
        Volume v = st.volumes(s, ct.node()).remove(old);
        if (v != null) {
          st.volumes(s, ct.node()).put(renamed, new Volume(renamed, v.content(), v.format(), v.size(), v.ctime(),
              v.vmid(), null, false, null, null));
        }
        ct.config.put("rootfs", ct.config.get("rootfs").replace(old, renamed));
        ct.config.put("template", "1");
        t.log("rename volume '" + old + "' to '" + renamed + "'");
      }, ok -> ct.lock(null));
      return null;
    }
  }

  private static Object resize(Call c) {
    Params p = c.params();
    String disk = p.str("disk");
    String sizeText = p.str("size");
    synchronized (c.state()) {
      ClusterState st = c.state();
      SimContainer ct = LxcRoutes.modify(c, "VM.Config.Disk");
      if (p.has("digest") && !p.str("digest").equals(CtConfig.digest(ct.config))) {
        throw PveError.fail("detected modified configuration - file changed by other user? Try again.");
      }
      String value = ct.config.get(disk);
      if (value == null) {
        throw PveError.fail("disk '" + disk + "' does not exist");
      }
      long current = 0;
      for (String part : value.split(",")) {
        if (part.startsWith("size=")) {
          current = ClusterState.parseSize(part.substring(5), 'G');
        }
      }
      boolean relative = sizeText.startsWith("+");
      long requested = ClusterState.parseSize(relative ? sizeText.substring(1) : sizeText, 'G');
      long newSize = relative ? current + requested : requested;
      if (newSize < current) {
        throw PveError.fail("unable to shrink disk size");
      }
      if (newSize == current) {
        throw PveError.fail("disk is already at specified size");
      }
      String vol = volid(value);
      long before = current;
      ct.lock("disk");
      SimTask task = c.sim().tasks().start(ct.node(), "resize", String.valueOf(ct.vmid()), c.who(), 1, c.endpoint(), t -> {
        ct.config.put(disk, value.replaceAll("size=[^,]*", "size=" + ClusterState.formatSize(newSize)));
        StorageSpec s = st.storages.get(vol.substring(0, vol.indexOf(':')));
        if (s != null) {
          st.volumes(s, ct.node()).computeIfPresent(vol, (k, v) -> v.withSize(newSize));
        }
        t.log("Size of logical volume " + vol + " changed from " + ClusterState.formatSize(before) + " to "
            + ClusterState.formatSize(newSize) + ".");
      }, ok -> ct.lock(null));
      return task.upid();
    }
  }

  private static Object interfaces(Call c) {
    SimContainer ct = LxcRoutes.audit(c);
    synchronized (c.state()) {
      if (!ct.running()) {
        return null;
      }
      List<Map<String, Object>> out = new ArrayList<>();
      out.add(iface("lo", "00:00:00:00:00:00", "127.0.0.1", 8, "::1", 128));
      String mac = CtConfig.parse(ct.config.getOrDefault("net0", "")).getOrDefault("hwaddr", "BC:24:11:00:00:00");
      String name = CtConfig.parse(ct.config.getOrDefault("net0", "")).getOrDefault("name", "eth0");
      String ll = "fe80::be24:11ff:fe" + mac.substring(9, 11).toLowerCase() + ":" + mac.substring(12, 14).toLowerCase()
          + mac.substring(15, 17).toLowerCase();
      // Until the DHCP client has its lease, eth0 has its link-local IPv6 address only.
      out.add(iface(name, mac.toLowerCase(), ct.ipv4().orElse(null), 24, ll, 64));
      return out;
    }
  }

  private static Map<String, Object> iface(String name, String mac, String ip4, int p4, String ip6, int p6) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("hwaddr", mac);
    m.put("hardware-address", mac);
    List<Map<String, Object>> addresses = new ArrayList<>();
    if (ip4 != null) {
      m.put("inet", ip4 + "/" + p4);
      addresses.add(Map.of("ip-address", ip4, "ip-address-type", "inet", "prefix", p4));
    }
    m.put("inet6", ip6 + "/" + p6);
    addresses.add(Map.of("ip-address", ip6, "ip-address-type", "inet6", "prefix", p6));
    m.put("ip-addresses", addresses);
    return m;
  }

  private static Object rrddata(Call c) {
    SimContainer ct = LxcRoutes.audit(c);
    long step = switch (c.params().str("timeframe")) {
      case "hour" -> 60;
      case "day" -> 1800;
      case "week" -> 10_800;
      case "month" -> 43_200;
      default -> 604_800;
    };
    List<Map<String, Object>> out = new ArrayList<>();
    synchronized (c.state()) {
      long now = c.sim().now() / step * step;
      long maxmem = LxcViews.memoryMiB(ct) << 20;
      long maxdisk = LxcViews.rootfsBytes(ct);
      int cpus = Integer.parseInt(ct.config.getOrDefault("cores", "1"));
      for (int i = 69; i >= 0; i--) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", now - i * step);
        if (ct.running()) {
          double wave = 0.5 + 0.5 * Math.sin((now - i * step) / 3600.0 + ct.vmid());
          m.put("cpu", 0.01 + 0.04 * wave);
          m.put("maxcpu", cpus);
          m.put("mem", (long) (maxmem * (0.05 + 0.1 * wave)));
          m.put("maxmem", maxmem);
          m.put("disk", Math.min(maxdisk, 600L << 20));
          m.put("maxdisk", maxdisk);
          m.put("netin", 1000 + 500 * wave);
          m.put("netout", 400 + 200 * wave);
          m.put("diskread", 2000 * wave);
          m.put("diskwrite", 800 * wave);
        }
        out.add(m);
      }
    }
    return out;
  }
}
