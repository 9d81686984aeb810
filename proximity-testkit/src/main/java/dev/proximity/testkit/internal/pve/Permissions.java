package dev.proximity.testkit.internal.pve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Proxmox's ACL model, simplified: roles are privilege sets, an ACL entry grants a role to a user
 * or token on a path and everything below it. {@code root@pam} has every privilege; a token
 * without privilege separation acts as its user; a privilege-separated token gets the
 * intersection of its user's and its own privileges (none without ACLs of its own).
 */
public final class Permissions {
  /** Every privilege the simulator knows. */
  public static final Set<String> ALL = Set.of("Sys.Audit", "Sys.Modify", "Sys.PowerMgmt",
      "Sys.Console", "Sys.Syslog", "Sys.AccessNetwork", "VM.Allocate", "VM.Audit", "VM.Backup",
      "VM.Clone", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Disk", "VM.Config.Network",
      "VM.Config.Options", "VM.Config.HWType", "VM.Config.CDROM", "VM.Config.Cloudinit",
      "VM.Console", "VM.Migrate", "VM.PowerMgmt", "VM.Snapshot", "VM.Snapshot.Rollback",
      "Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate",
      "Datastore.Audit", "Pool.Allocate", "Pool.Audit", "Permissions.Modify", "User.Modify",
      "SDN.Use", "SDN.Audit");

  private static final Map<String, Set<String>> ROLES = Map.of(
      "Administrator", ALL,
      "PVEAdmin", new TreeSet<>(ALL.stream().filter(p -> !p.equals("Permissions.Modify")).toList()),
      "PVEVMAdmin", new TreeSet<>(ALL.stream().filter(p -> p.startsWith("VM.") || p.equals("Pool.Audit")).toList()),
      "PVEVMUser", Set.of("VM.Audit", "VM.Backup", "VM.Config.CDROM", "VM.Console", "VM.PowerMgmt", "Pool.Audit"),
      "PVEAuditor", Set.of("Sys.Audit", "VM.Audit", "Datastore.Audit", "Pool.Audit", "SDN.Audit"),
      "PVEDatastoreAdmin", Set.of("Datastore.Allocate", "Datastore.AllocateSpace",
          "Datastore.AllocateTemplate", "Datastore.Audit"),
      "PVEDatastoreUser", Set.of("Datastore.AllocateSpace", "Datastore.Audit"),
      "NoAccess", Set.of());

  /** One ACL entry. */
  public record Acl(String path, String subject, String role) {}

  private final List<Acl> acls = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> tokenPrivsep = new LinkedHashMap<>();

  /**
   * @param acl an entry; the role is a built-in role name or a comma-separated privilege list
   */
  public void add(Acl acl) {
    if (!ROLES.containsKey(acl.role()) && !acl.role().contains(".")) {
      throw new IllegalArgumentException("unknown role: " + acl.role());
    }
    acls.add(acl);
  }

  /** @return the ACL entries */
  public List<Acl> acls() {
    return List.copyOf(acls);
  }

  /**
   * @param tokenId {@code user@realm!name}
   * @param privsep whether the token is privilege-separated
   */
  public synchronized void token(String tokenId, boolean privsep) {
    tokenPrivsep.put(tokenId, privsep);
  }

  /**
   * The privileges a principal has on a path.
   *
   * @param who the caller
   * @param path ACL path such as {@code /vms/101}
   * @return the privileges
   */
  public Set<String> privileges(Principal who, String path) {
    if ("root@pam".equals(who.userid())) {
      Set<String> user = ALL;
      if (!who.isToken() || !privsep(who)) {
        return user;
      }
      Set<String> out = new TreeSet<>(granted(who.authId(), path));
      out.retainAll(user);
      return out;
    }
    Set<String> user = granted(who.userid(), path);
    if (!who.isToken() || !privsep(who)) {
      return user;
    }
    Set<String> out = new TreeSet<>(granted(who.authId(), path));
    out.retainAll(user);
    return out;
  }

  private synchronized boolean privsep(Principal who) {
    return tokenPrivsep.getOrDefault(who.authId(), true);
  }

  private Set<String> granted(String subject, String path) {
    Set<String> out = new TreeSet<>();
    for (Acl a : acls) {
      if (a.subject().equals(subject) && covers(a.path(), path)) {
        out.addAll(ROLES.getOrDefault(a.role(), Set.of(a.role().split(","))));
      }
    }
    return out;
  }

  private static boolean covers(String aclPath, String path) {
    return aclPath.equals("/") || path.equals(aclPath) || path.startsWith(aclPath + "/");
  }

  /**
   * Whether a principal has all of these privileges on a path.
   *
   * @param who the caller
   * @param path ACL path
   * @param privs privileges
   * @return whether granted
   */
  public boolean has(Principal who, String path, String... privs) {
    Set<String> p = privileges(who, path);
    for (String priv : privs) {
      if (!p.contains(priv)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Requires all of these privileges, else a 403.
   *
   * @param who the caller
   * @param path ACL path
   * @param privs privileges
   */
  public void require(Principal who, String path, String... privs) {
    Set<String> p = privileges(who, path);
    for (String priv : privs) {
      if (!p.contains(priv)) {
        throw PveError.forbidden(path + ", " + priv);
      }
    }
  }

  /**
   * Requires one of these privileges, else a 403.
   *
   * @param who the caller
   * @param path ACL path
   * @param privs privileges
   */
  public void requireAny(Principal who, String path, String... privs) {
    Set<String> p = privileges(who, path);
    for (String priv : privs) {
      if (p.contains(priv)) {
        return;
      }
    }
    throw PveError.forbidden(path + ", " + String.join("|", privs));
  }

  /**
   * The answer of {@code GET /access/permissions}: privileges per path the caller has ACLs on.
   *
   * @param who the caller
   * @param onlyPath a single path, or null
   * @return path to privilege to 1
   */
  public Map<String, Map<String, Integer>> report(Principal who, String onlyPath) {
    List<String> paths = new ArrayList<>();
    if (onlyPath != null) {
      paths.add(onlyPath);
    } else {
      paths.add("/");
      for (Acl a : acls) {
        if (!paths.contains(a.path())) {
          paths.add(a.path());
        }
      }
    }
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String path : paths) {
      Map<String, Integer> privs = new LinkedHashMap<>();
      new TreeSet<>(privileges(who, path)).forEach(p -> privs.put(p, 1));
      if (!privs.isEmpty() || onlyPath != null) {
        out.put(path, privs);
      }
    }
    return out;
  }
}
