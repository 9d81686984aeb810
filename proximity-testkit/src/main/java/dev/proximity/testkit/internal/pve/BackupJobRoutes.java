package dev.proximity.testkit.internal.pve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** {@code /cluster/backup}: scheduled backup jobs, with {@code next-run}. */
public final class BackupJobRoutes {
  private BackupJobRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/cluster/backup", c -> {
      c.sim().permissions().require(c.who(), "/", "Sys.Audit");
      List<Map<String, Object>> out = new ArrayList<>();
      synchronized (c.state()) {
        c.state().backupJobs.values().forEach(j -> out.add(view(c, j)));
      }
      return out;
    });
    r.add("POST", "/cluster/backup", BackupJobRoutes::create);
    r.add("GET", "/cluster/backup/{id}", c -> {
      c.sim().permissions().require(c.who(), "/", "Sys.Audit");
      synchronized (c.state()) {
        return view(c, job(c));
      }
    });
    r.add("PUT", "/cluster/backup/{id}", BackupJobRoutes::update);
    r.add("DELETE", "/cluster/backup/{id}", c -> {
      c.sim().permissions().require(c.who(), "/", "Sys.Modify");
      synchronized (c.state()) {
        job(c);
        c.state().backupJobs.remove(c.params().str("id"));
      }
      return null;
    });
  }

  private static Map<String, Object> job(Call c) {
    String id = c.params().str("id");
    Map<String, Object> j = c.state().backupJobs.get(id);
    if (j == null) {
      throw PveError.fail("Job '" + id + "' does not exist");
    }
    return j;
  }

  private static Map<String, Object> view(Call c, Map<String, Object> job) {
    Map<String, Object> m = new LinkedHashMap<>(job);
    Object enabled = m.getOrDefault("enabled", 1);
    if (!"0".equals(String.valueOf(enabled))) {
      long next = CalendarEvent.parse(String.valueOf(m.getOrDefault("schedule", "00:00"))).next(c.sim().now(), c.sim().zone());
      if (next > 0) {
        m.put("next-run", next);
      }
    }
    return m;
  }

  private static void checkSchedule(String schedule) {
    try {
      CalendarEvent.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw PveError.param("schedule", "invalid format - unable to parse calendar event '" + schedule + "': "
          + e.getMessage());
    }
  }

  private static void put(Map<String, Object> job, String key, String value) {
    job.put(key, "enabled".equals(key) || "all".equals(key) || "remove".equals(key) || "protected".equals(key)
        || "repeat-missed".equals(key) ? (Object) Integer.parseInt(value) : value);
  }

  private static Object create(Call c) {
    c.sim().permissions().require(c.who(), "/", "Sys.Modify");
    Params p = c.params();
    checkSelection(p.opt("vmid").isPresent(), p.bool("all", false), p.opt("pool").isPresent(),
        p.opt("exclude").isPresent());
    if (!p.has("vmid") && !p.bool("all", false) && !p.has("pool")) {
      throw PveError.params(Map.of("vmid", "one of 'vmid', 'all' or 'pool' is required"));
    }
    p.opt("pool").ifPresent(pool -> {
      synchronized (c.state()) {
        c.state().pool(pool);
      }
    });
    String schedule = p.opt("schedule").orElse(p.opt("starttime").orElse("00:00"));
    checkSchedule(schedule);
    synchronized (c.state()) {
      String id = p.opt("id").orElseGet(() -> "backup-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
          + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()));
      if (c.state().backupJobs.containsKey(id)) {
        throw PveError.fail("Job '" + id + "' already exists");
      }
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("id", id);
      job.put("type", "vzdump");
      job.put("schedule", schedule);
      job.put("enabled", 1);
      p.raw().forEach((k, v) -> {
        if (!"id".equals(k) && !"starttime".equals(k) && !"dow".equals(k)) {
          put(job, k, String.join(",", v));
        }
      });
      job.put("schedule", schedule);
      c.state().backupJobs.put(id, job);
    }
    return null;
  }

  private static Object update(Call c) {
    c.sim().permissions().require(c.who(), "/", "Sys.Modify");
    Params p = c.params();
    p.opt("schedule").ifPresent(BackupJobRoutes::checkSchedule);
    checkSelection(p.opt("vmid").isPresent(), p.bool("all", false), p.opt("pool").isPresent(),
        p.opt("exclude").isPresent());
    synchronized (c.state()) {
      Map<String, Object> job = job(c);
      p.opt("pool").ifPresent(c.state()::pool);
      for (String key : p.opt("delete").map(s -> s.split("[,;\\s]+")).orElse(new String[0])) {
        job.remove(key);
      }
      p.raw().forEach((k, v) -> {
        if (!"delete".equals(k) && !"digest".equals(k) && !"id".equals(k)) {
          put(job, k, String.join(",", v));
        }
      });
      // as PVE's update_job: a new selection replaces the others
      if (p.has("vmid")) {
        job.remove("all");
        job.remove("exclude");
        job.remove("pool");
      } else if (p.bool("all", false)) {
        job.remove("vmid");
        job.remove("pool");
      } else if (p.has("pool")) {
        job.remove("vmid");
        job.remove("all");
        job.remove("exclude");
      }
      boolean selected = job.containsKey("vmid") || job.containsKey("pool")
          || "1".equals(String.valueOf(job.get("all")));
      if (!selected) {
        throw PveError.params(Map.of("vmid", "property is missing"));
      }
    }
    return null;
  }

  /** PVE's verify_vzdump_parameters: one selection at a time. */
  private static void checkSelection(boolean vmid, boolean all, boolean pool, boolean exclude) {
    if (all && vmid) {
      throw PveError.param("all", "option conflicts with option 'vmid'");
    }
    if (exclude && vmid) {
      throw PveError.param("exclude", "option conflicts with option 'vmid'");
    }
    if (pool && vmid) {
      throw PveError.param("pool", "option conflicts with option 'vmid'");
    }
    if (pool && all) {
      throw PveError.param("pool", "option conflicts with option 'all'");
    }
  }

  /**
   * Runs a job now, as the scheduler would: one vzdump task per node that hosts a selected guest.
   *
   * @param sim services
   * @param id job id
   * @return the UPIDs
   */
  public static List<String> run(SimContext sim, String id) {
    ClusterState st = sim.state();
    synchronized (st) {
      Map<String, Object> job = st.backupJobs.get(id);
      if (job == null) {
        throw new IllegalArgumentException("no backup job '" + id + "'");
      }
      List<String> upids = new ArrayList<>();
      for (String node : st.nodes.keySet()) {
        if (job.containsKey("node") && !node.equals(String.valueOf(job.get("node")))) {
          continue;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        job.forEach((k, v) -> {
          if (!List.of("id", "type", "schedule", "enabled", "comment", "node", "next-run", "repeat-missed").contains(k)) {
            opts.put(k, String.valueOf(v));
          }
        });
        if (opts.containsKey("vmid")) {
          String local = Arrays.stream(opts.get("vmid").split("[,;\\s]+"))
              .filter(v -> !v.isEmpty() && st.containers.containsKey(Integer.parseInt(v))
                  && st.containers.get(Integer.parseInt(v)).node().equals(node))
              .collect(Collectors.joining(","));
          if (local.isEmpty()) {
            continue;
          }
          opts.put("vmid", local);
        }
        if (("1".equals(opts.get("all")) || opts.containsKey("pool"))
            && VzdumpRoutes.select(st, node, opts).isEmpty()) {
          continue; // no guest of the selection on this node (a pool's members are read now)
        }
        upids.add(VzdumpRoutes.start(sim, node, opts, new Principal("root@pam", null), "POST /nodes/{node}/vzdump"));
      }
      return upids;
    }
  }

  /**
   * Removes a vmid from every job's vmid list (destroy with {@code purge=1}); caller holds the
   * state monitor.
   *
   * @param st state
   * @param vmid the destroyed guest
   */
  static void purgeVmid(ClusterState st, int vmid) {
    for (Map<String, Object> job : st.backupJobs.values()) {
      Object list = job.get("vmid");
      if (list instanceof String s && !s.isEmpty()) {
        String left = Arrays.stream(s.split("[,;\\s]+")).filter(v -> !v.equals(String.valueOf(vmid)))
            .collect(Collectors.joining(","));
        job.put("vmid", left);
      }
    }
  }
}
