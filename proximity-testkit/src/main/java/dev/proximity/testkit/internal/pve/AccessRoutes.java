package dev.proximity.testkit.internal.pve;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /access/ticket} and {@code /access/permissions}. */
public final class AccessRoutes {
  private AccessRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
    r.add("GET", "/access/ticket", c -> null);
    r.add("POST", "/access/ticket", AccessRoutes::login);
    r.add("GET", "/access/permissions", AccessRoutes::permissions);
  }

  private static Object login(Call c) {
    String user = c.params().str("username");
    if (!user.contains("@")) {
      user = user + "@" + c.params().opt("realm").orElse("pam");
    }
    String password = c.params().str("password");
    String name = user;
    boolean ok;
    synchronized (c.state()) {
      String stored = c.state().users.get(name);
      ok = stored != null && (stored.equals(password) || name.equals(c.sim().tickets().verify(password)));
    }
    if (!ok || c.params().has("tfa-challenge")) {
      throw PveError.unauthorized("authentication failure");
    }
    boolean tfa;
    synchronized (c.state()) {
      tfa = c.state().tfaUsers.contains(name);
    }
    if (tfa && !name.equals(c.sim().tickets().verify(password))) {
      Map<String, Object> half = new LinkedHashMap<>();
      half.put("username", name);
      half.put("ticket", c.sim().tickets().tfaTicket(name));
      half.put("CSRFPreventionToken", c.sim().tickets().csrf(name));
      half.put("NeedTFA", 1);
      return half;
    }
    if (c.params().has("path") && c.params().has("privs")) {
      Principal who = new Principal(name, null);
      for (String p : c.params().str("privs").split("[,;\\s]+")) {
        c.sim().permissions().require(who, c.params().str("path"), p);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", name);
    out.put("ticket", c.sim().tickets().ticket(name));
    out.put("CSRFPreventionToken", c.sim().tickets().csrf(name));
    out.put("clustername", c.state().clusterName);
    out.put("cap", capabilities(c, new Principal(name, null)));
    return out;
  }

  private static Map<String, Object> capabilities(Call c, Principal who) {
    Map<String, Object> cap = new LinkedHashMap<>();
    cap.put("vms", flags(c, who, "/vms", "VM."));
    cap.put("storage", flags(c, who, "/storage", "Datastore."));
    cap.put("nodes", flags(c, who, "/nodes", "Sys."));
    cap.put("access", flags(c, who, "/access", "User.", "Permissions."));
    cap.put("dc", flags(c, who, "/", "Sys.Audit", "SDN."));
    return cap;
  }

  private static Map<String, Integer> flags(Call c, Principal who, String path, String... prefixes) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String p : c.sim().permissions().privileges(who, path)) {
      for (String prefix : prefixes) {
        if (p.startsWith(prefix)) {
          out.put(p, 1);
        }
      }
    }
    return out;
  }

  private static Object permissions(Call c) {
    Principal who = c.who();
    if (c.params().has("userid")) {
      String target = c.params().str("userid");
      if (!target.equals(who.authId())) {
        c.sim().permissions().require(who, "/access", "Sys.Audit");
      }
      int bang = target.indexOf('!');
      who = bang < 0 ? new Principal(target, null) : new Principal(target.substring(0, bang), target.substring(bang + 1));
    }
    return c.sim().permissions().report(who, c.params().opt("path").orElse(null));
  }
}
