package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.StorageSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /nodes/{node}/lxc}: create from a template, or restore from a backup. */
final class LxcCreate {
  private LxcCreate() {}

  static Object create(Call c) {
    String node = c.node();
    int vmid = c.vmid();
    Params p = c.params();
    boolean restore = p.bool("restore", false);
    boolean force = p.bool("force", false);
    String ostemplate = p.str("ostemplate");
    synchronized (c.state()) {
      ClusterState st = c.state();
      st.node(node);
      Optional<String> pool = p.opt("pool");
      pool.ifPresent(st::pool);
      SimContainer existing = st.containers.get(vmid);
      if (existing != null && !(restore && force)) {
        throw PveError.fail("CT " + vmid + " already exists on node '" + existing.node() + "'");
      }
      if (existing != null) {
        c.sim().permissions().require(c.who(), "/vms/" + vmid, "VM.Backup");
        if (!existing.node().equals(node)) {
          throw PveError.fail("CT " + vmid + " already exists on node '" + existing.node() + "'");
        }
        if (existing.lock() != null) {
          throw PveError.lockTimeout(vmid);
        }
        if (existing.running()) {
          throw PveError.fail("unable to restore CT " + vmid + " - CT is running");
        }
      } else if (!pool.isPresent() || !c.sim().permissions().has(c.who(), "/pool/" + pool.get(), "VM.Allocate")) {
        // as pve-container: VM.Allocate on the guest, or on the pool it joins
        c.sim().permissions().require(c.who(), "/vms/" + vmid, "VM.Allocate");
      }
      CtConfig.checkFeatures(c.who(), null, p.opt("features").orElse(null));
      Volume source = st.findVolume(ostemplate, node);
      if (source == null || !(restore ? "backup" : "vztmpl").equals(source.content())) {
        throw PveError.fail("volume '" + ostemplate + "' does not exist");
      }
      Map<String, String> config = new LinkedHashMap<>();
      if (restore && source.config() != null) {
        config.putAll(source.config());
        config.remove("lock");
        config.remove("template");
      } else {
        config.put("arch", p.opt("arch").orElse("amd64"));
        config.put("memory", "512");
        config.put("swap", "512");
        config.put("ostype", ostype(ostemplate));
        config.put("unprivileged", "1");
      }
      for (Map.Entry<String, List<String>> e : p.raw().entrySet()) {
        if (!CtConfig.NOT_CONFIG.contains(e.getKey()) && !"rootfs".equals(e.getKey())) {
          config.put(e.getKey(), String.join(",", e.getValue()));
        }
      }
      boolean unique = p.bool("unique", false);
      config.replaceAll((k, v) -> {
        if (!k.matches("net\\d+")) {
          return v;
        }
        String net = unique ? v.replaceAll("hwaddr=[^,]*,?", "").replaceAll(",$", "") : v;
        return net.contains("hwaddr=") ? net : CtConfig.normaliseNet(net, st);
      });
      config.computeIfPresent("tags", (k, v) -> CtConfig.normaliseTags(v));
      String rootfs = rootfsSpec(p, source, restore);
      String storageId = rootfs.substring(0, rootfs.indexOf(':'));
      StorageSpec storage = st.storage(storageId, node);
      c.sim().permissions().require(c.who(), "/storage/" + storageId, "Datastore.AllocateSpace");
      if (!storage.content().contains("rootdir")) {
        throw PveError.fail("storage '" + storageId + "' does not support content-type 'rootdir'");
      }
      long size = ClusterState.parseSize(rootfs.substring(rootfs.indexOf(':') + 1).split(",")[0], 'G');
      if (existing != null) {
        LxcRoutes.removeDisks(st, existing);
      }
      SimContainer ct = new SimContainer(vmid, node);
      if (existing != null && !unique) {
        ct.lease(existing.lease());
      }
      String volid = st.nextDiskName(storage, vmid, node, "vm");
      st.volumes(storage, node).put(volid, new Volume(volid, "rootdir", "raw", size, c.sim().now(), vmid,
          null, false, null, null));
      ct.config.putAll(config);
      ct.config.put("rootfs", volid + ",size=" + ClusterState.formatSize(size));
      ct.lock("create");
      if (restore && source.fs() != null) {
        ct.fs(source.fs().copy());
      } else {
        ct.fs().write("/etc/hostname", (ct.name() + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        ct.fs().write("/etc/os-release", ("ID=" + config.get("ostype") + "\n").getBytes(StandardCharsets.UTF_8), 0644);
      }
      p.opt("ssh-public-keys").ifPresent(keys ->
          ct.fs().write("/root/.ssh/authorized_keys", (keys.strip() + "\n").getBytes(StandardCharsets.UTF_8), 0600));
      st.containers.put(vmid, ct);
      if (existing != null && existing.pool() != null) {
        ct.pool(existing.pool()); // a forced restore keeps the guest's pool membership (user.cfg)
      }
      if (pool.isPresent() && !pool.get().equals(ct.pool())) {
        st.leavePool(vmid);
        st.joinPool(pool.get(), ct);
      }
      boolean start = p.bool("start", false);
      SimTask task = c.sim().tasks().start(node, restore ? "vzrestore" : "vzcreate", String.valueOf(vmid), c.who(),
          restore ? 10 : 8, c.endpoint(), t -> {
            if (!st.storages.containsKey(storageId)) {
              throw PveError.fail("storage '" + storageId + "' does not exist");
            }
            t.log("Total bytes read: " + size / 8 + " (" + (size >> 23) + "MiB, 1.2 GiB/s)");
            if (!"1".equals(ct.config.get("unprivileged"))) {
              t.log("privileged container");
            }
            t.log("Detected container architecture: " + ct.config.getOrDefault("arch", "amd64"));
            if (start) {
              LxcRoutes.boot(st, ct, c.sim().now());
            }
          }, ok -> {
            ct.lock(null);
            if (!ok) {
              LxcRoutes.removeDisks(st, ct);
              if (existing == null) {
                st.leavePool(vmid);
              }
              st.containers.remove(vmid, ct);
            }
          });
      if (restore) {
        task.log("restoring '" + ostemplate + "' now..");
      } else {
        task.log("extracting archive '/var/lib/vz/template/cache/" + ostemplate.substring(ostemplate.indexOf('/') + 1) + "'");
      }
      task.log("Formatting '" + volid + "' with size " + ClusterState.formatSize(size));
      return task.upid();
    }
  }

  private static String rootfsSpec(Params p, Volume source, boolean restore) {
    String storage = p.opt("storage").orElse(null);
    if (p.has("rootfs")) {
      Map<String, String> r = CtConfig.parse(p.str("rootfs"));
      String vol = r.containsKey("volume") ? r.get("volume") : r.getOrDefault("", "local:4");
      if (!vol.contains(":")) {
        throw PveError.param("rootfs", "invalid format - unable to parse volume '" + vol + "'");
      }
      return vol;
    }
    if (restore && source.config() != null && source.config().containsKey("rootfs")) {
      String old = source.config().get("rootfs");
      long size = 4L << 30;
      for (String part : old.split(",")) {
        if (part.startsWith("size=")) {
          size = ClusterState.parseSize(part.substring(5), 'G');
        }
      }
      String target = storage != null ? storage : old.substring(0, old.indexOf(':'));
      return target + ":" + ClusterState.formatSize(size);
    }
    return (storage != null ? storage : "local") + ":4";
  }

  private static String ostype(String ostemplate) {
    String file = ostemplate.substring(ostemplate.lastIndexOf('/') + 1);
    for (String os : new String[] {"debian", "ubuntu", "alpine", "centos", "fedora", "archlinux", "rockylinux",
        "almalinux", "opensuse", "devuan", "gentoo", "nixos"}) {
      if (file.startsWith(os)) {
        return "rockylinux".equals(os) || "almalinux".equals(os) ? "centos" : os;
      }
    }
    return "unmanaged";
  }
}
