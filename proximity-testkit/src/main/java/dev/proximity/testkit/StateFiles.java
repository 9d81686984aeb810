package dev.proximity.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.testkit.internal.pve.ClusterState;
import dev.proximity.testkit.internal.pve.SimContainer;
import dev.proximity.testkit.internal.pve.SimJson;
import dev.proximity.testkit.internal.pve.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Saves and loads the simulator's cluster state as JSON (tasks and tickets are not kept). */
final class StateFiles {
  private StateFiles() {}

  static void save(ClusterState st, Path file) {
    ObjectNode root = SimJson.MAPPER.createObjectNode();
    synchronized (st) {
      root.put("format", 1);
      ArrayNode nodes = root.putArray("nodes");
      st.nodes.values().forEach(n -> nodes.addObject().put("name", n.name()).put("cpus", n.cpus())
          .put("memory", n.memoryBytes()));
      ArrayNode storages = root.putArray("storages");
      for (StorageSpec s : st.storages.values()) {
        ObjectNode o = storages.addObject();
        o.put("id", s.id()).put("type", s.type()).put("shared", s.shared()).put("linkedClones", s.linkedClones())
            .put("snapshots", s.snapshots()).put("totalBytes", s.totalBytes()).put("pruneBackups", s.pruneBackups());
        s.content().forEach(o.putArray("content")::add);
        s.nodes().forEach(o.putArray("nodes")::add);
      }
      ObjectNode volumes = root.putObject("volumes");
      st.volumes.forEach((key, vols) -> {
        ArrayNode arr = volumes.putArray(key);
        for (Volume v : vols.values()) {
          ObjectNode o = arr.addObject();
          o.put("volid", v.volid()).put("content", v.content()).put("format", v.format()).put("size", v.size())
              .put("ctime", v.ctime()).put("vmid", v.vmid()).put("notes", v.notes()).put("protected", v.isProtected());
          if (v.config() != null) {
            o.set("config", SimJson.MAPPER.valueToTree(v.config()));
          }
          if (v.fs() != null) {
            o.set("fs", fs(v.fs()));
          }
        }
      });
      ArrayNode cts = root.putArray("containers");
      for (SimContainer c : st.containers.values()) {
        ObjectNode o = cts.addObject();
        o.put("vmid", c.vmid()).put("node", c.node()).put("running", c.running()).put("lease", c.lease());
        o.set("config", SimJson.MAPPER.valueToTree(c.config));
        o.set("fs", fs(c.fs()));
        o.put("parentSnapshot", c.parentSnapshot());
        ArrayNode snaps = o.putArray("snapshots");
        for (SimContainer.Snapshot sn : c.snapshots.values()) {
          ObjectNode so = snaps.addObject();
          so.put("name", sn.name()).put("description", sn.description()).put("snaptime", sn.snaptime())
              .put("parent", sn.parent());
          so.set("config", SimJson.MAPPER.valueToTree(sn.config()));
          so.set("fs", fs(sn.fs()));
        }
      }
      root.set("backupJobs", SimJson.MAPPER.valueToTree(st.backupJobs));
      ObjectNode pools = root.putObject("pools");
      st.pools.forEach((id, pool) -> {
        ObjectNode o = pools.putObject(id);
        o.put("comment", pool.comment);
        pool.vms.forEach(o.putArray("vms")::add);
      });
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      SimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save simulator state to " + file, e);
    }
  }

  private static ObjectNode fs(GuestFs fs) {
    ObjectNode o = SimJson.MAPPER.createObjectNode();
    fs.snapshot().forEach((path, f) -> o.putObject(path)
        .put("mode", f.mode()).put("content", Base64.getEncoder().encodeToString(f.content())));
    return o;
  }

  private static GuestFs fs(JsonNode node) {
    GuestFs fs = new GuestFs();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fs.write(e.getKey(), Base64.getDecoder().decode(e.getValue().get("content").asText()),
          e.getValue().get("mode").asInt());
    }
    return fs;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static void load(ClusterState st, Path file, long now) {
    JsonNode root;
    try {
      root = SimJson.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read simulator state from " + file, e);
    }
    synchronized (st) {
      st.nodes.clear();
      root.get("nodes").forEach(n -> st.nodes.put(n.get("name").asText(),
          new ClusterState.NodeInfo(n.get("name").asText(), n.get("cpus").asInt(), n.get("memory").asLong())));
      st.storages.clear();
      for (JsonNode s : root.get("storages")) {
        StorageSpec.Builder b = StorageSpec.builder(s.get("id").asText()).type(s.get("type").asText())
            .shared(s.get("shared").asBoolean()).linkedClones(s.get("linkedClones").asBoolean())
            .snapshots(s.get("snapshots").asBoolean()).totalBytes(s.get("totalBytes").asLong())
            .pruneBackups(text(s, "pruneBackups"));
        s.get("content").forEach(c -> b.content(c.asText()));
        s.get("nodes").forEach(c -> b.nodes(c.asText()));
        StorageSpec spec = b.build();
        st.storages.put(spec.id(), spec);
      }
      st.volumes.clear();
      root.get("volumes").fields().forEachRemaining(e -> {
        TreeMap<String, Volume> vols = new TreeMap<>();
        for (JsonNode v : e.getValue()) {
          vols.put(v.get("volid").asText(), new Volume(v.get("volid").asText(), v.get("content").asText(),
              v.get("format").asText(), v.get("size").asLong(), v.get("ctime").asLong(), v.get("vmid").asInt(),
              text(v, "notes"), v.get("protected").asBoolean(), v.has("config") ? strings(v.get("config")) : null,
              v.has("fs") ? fs(v.get("fs")) : null));
        }
        st.volumes.put(e.getKey(), vols);
      });
      st.containers.clear();
      for (JsonNode c : root.get("containers")) {
        SimContainer ct = new SimContainer(c.get("vmid").asInt(), c.get("node").asText());
        ct.config.putAll(strings(c.get("config")));
        ct.fs(fs(c.get("fs")));
        ct.lease(text(c, "lease"));
        ct.running(c.get("running").asBoolean(), now);
        ct.parentSnapshot(text(c, "parentSnapshot"));
        if (c.has("snapshots")) {
          for (JsonNode sn : c.get("snapshots")) {
            ct.snapshots.put(sn.get("name").asText(), new SimContainer.Snapshot(sn.get("name").asText(),
                text(sn, "description"), sn.get("snaptime").asLong(), text(sn, "parent"), strings(sn.get("config")),
                fs(sn.get("fs"))));
          }
        }
        st.containers.put(ct.vmid(), ct);
      }
      st.backupJobs.clear();
      root.get("backupJobs").fields().forEachRemaining(e -> {
        Map<String, Object> job = new LinkedHashMap<>();
        e.getValue().fields().forEachRemaining(f -> job.put(f.getKey(),
            f.getValue().isNumber() ? (Object) f.getValue().asLong() : f.getValue().asText()));
        st.backupJobs.put(e.getKey(), job);
      });
      st.pools.clear();
      if (root.has("pools")) { // files saved before pools were modelled have none
        root.get("pools").fields().forEachRemaining(e -> {
          ClusterState.SimPool pool = new ClusterState.SimPool();
          pool.comment = text(e.getValue(), "comment");
          st.pools.put(e.getKey(), pool);
          e.getValue().path("vms").forEach(v -> {
            SimContainer ct = st.containers.get(v.asInt());
            if (ct != null) {
              st.joinPool(e.getKey(), ct);
            }
          });
        });
      }
    }
  }
}
