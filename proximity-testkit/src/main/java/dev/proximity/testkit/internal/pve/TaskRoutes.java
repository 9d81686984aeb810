package dev.proximity.testkit.internal.pve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /nodes/{node}/tasks/**}. */
public final class TaskRoutes {
  /** Proxmox's UPID pattern. */
  public static final Pattern UPID = Pattern.compile(
      "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
          + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

  private TaskRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/nodes/{node}/tasks", TaskRoutes::list);
    r.add("GET", "/nodes/{node}/tasks/{upid}", c -> {
      task(c);
      return List.of(Map.of("name", "log"), Map.of("name", "status"));
    });
    r.add("DELETE", "/nodes/{node}/tasks/{upid}", TaskRoutes::stop);
    r.add("GET", "/nodes/{node}/tasks/{upid}/log", TaskRoutes::log);
    r.add("GET", "/nodes/{node}/tasks/{upid}/status", c -> status(task(c)));
  }

  /**
   * @param c the call
   * @param t a task
   * @return whether the caller may see it (own task, or Sys.Audit on the node)
   */
  public static boolean visible(Call c, SimTask t) {
    return t.user().userid().equals(c.who().userid())
        || c.sim().permissions().has(c.who(), "/nodes/" + t.node(), "Sys.Audit");
  }

  private static SimTask task(Call c) {
    String upid = c.params().str("upid");
    if (!UPID.matcher(upid).matches()) {
      throw PveError.param("upid", "unable to parse worker upid '" + upid + "'");
    }
    SimTask t = c.sim().tasks().find(upid);
    if (t == null || !t.node().equals(c.node())) {
      throw PveError.param("upid", "no such task");
    }
    if (!visible(c, t)) {
      throw PveError.forbidden("/nodes/" + t.node() + ", Sys.Audit");
    }
    return t;
  }

  private static Map<String, Object> base(SimTask t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("upid", t.upid());
    m.put("node", t.node());
    m.put("pid", t.pid());
    m.put("pstart", t.pstart());
    m.put("starttime", t.starttime());
    m.put("type", t.type());
    m.put("id", t.id());
    m.put("user", t.user().userid());
    if (t.user().isToken()) {
      m.put("tokenid", t.user().tokenName());
    }
    return m;
  }

  /**
   * @param t a task
   * @return its {@code status} answer
   */
  public static Map<String, Object> status(SimTask t) {
    Map<String, Object> m = base(t);
    String exit = t.exitstatus();
    m.put("status", exit == null ? "running" : "stopped");
    if (exit != null) {
      m.put("exitstatus", exit);
    }
    return m;
  }

  /**
   * @param t a task
   * @return its row in task lists
   */
  public static Map<String, Object> row(SimTask t) {
    Map<String, Object> m = base(t);
    String exit = t.exitstatus();
    if (exit != null) {
      m.put("status", exit);
      m.put("endtime", t.endtime());
    } else {
      m.put("status", "RUNNING");
    }
    return m;
  }

  private static Object list(Call c) {
    String node = c.node();
    synchronized (c.state()) {
      c.state().node(node);
    }
    Params p = c.params();
    String source = p.opt("source").orElse("archive");
    String vmid = p.opt("vmid").orElse(null);
    String type = p.opt("typefilter").orElse(null);
    String user = p.opt("userfilter").orElse(null);
    boolean errorsOnly = p.bool("errors", false);
    Set<String> statusFilter = p.opt("statusfilter").map(s -> Set.copyOf(Arrays.asList(s.split("[,;\\s]+"))))
        .orElse(null);
    long since = p.num("since", 0);
    long until = p.num("until", Long.MAX_VALUE);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<SimTask> all = c.sim().tasks().all();
    for (int i = all.size() - 1; i >= 0; i--) {
      SimTask t = all.get(i);
      boolean running = t.running();
      if (!t.node().equals(node) || !visible(c, t)
          || ("archive".equals(source) && running) || ("active".equals(source) && !running)
          || (vmid != null && !vmid.equals(t.id())) || (type != null && !type.equals(t.type()))
          || (user != null && !t.user().authId().contains(user))
          || t.starttime() < since || t.starttime() > until
          || (errorsOnly && (running || isOk(t.exitstatus())))
          || (statusFilter != null && !statusFilter.contains(category(t)))) {
        continue;
      }
      rows.add(row(t));
    }
    int start = (int) p.num("start", 0);
    int limit = (int) p.num("limit", 50);
    List<Map<String, Object>> page = rows.subList(Math.min(start, rows.size()), Math.min(rows.size(),
        limit == 0 ? rows.size() : start + limit));
    return new Route.Paged(new ArrayList<>(page), rows.size());
  }

  private static boolean isOk(String exit) {
    return "OK".equals(exit) || (exit != null && exit.startsWith("WARNINGS: "));
  }

  private static String category(SimTask t) {
    String exit = t.exitstatus();
    if (exit == null) {
      return "active";
    }
    if ("OK".equals(exit)) {
      return "ok";
    }
    return exit.startsWith("WARNINGS: ") ? "warning" : "error";
  }

  private static Object stop(Call c) {
    SimTask t = task(c);
    if (!t.user().userid().equals(c.who().userid())) {
      c.sim().permissions().require(c.who(), "/nodes/" + t.node(), "Sys.Modify");
    }
    c.sim().tasks().stop(t.upid());
    return null;
  }

  private static Object log(Call c) {
    SimTask t = task(c);
    List<String> lines = t.logLines();
    int start = (int) c.params().num("start", 0);
    int limit = c.params().bool("download", false) ? 0 : (int) c.params().num("limit", 50);
    List<Map<String, Object>> out = new ArrayList<>();
    if (lines.isEmpty()) {
      out.add(Map.of("n", 1, "t", "no content"));
      return new Route.Paged(out, 1);
    }
    int end = limit == 0 ? lines.size() : Math.min(lines.size(), start + limit);
    for (int i = start; i < end; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", i + 1);
      m.put("t", lines.get(i));
      out.add(m);
    }
    return new Route.Paged(out, lines.size());
  }
}
