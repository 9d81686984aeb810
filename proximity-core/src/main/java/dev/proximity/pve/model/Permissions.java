package dev.proximity.pve.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Effective privileges of the caller ({@code GET /access/permissions}): ACL path to privilege to propagate flag.
 *
 * @param byPath e.g. {@code {"/vms": {"VM.Audit": true}}}
 */
public record Permissions(Map<String, Map<String, Boolean>> byPath) {

  /**
   * Copies the map.
   *
   * @param byPath e.g. {@code {"/vms": {"VM.Audit": true}}}
   */
  public Permissions {
    Map<String, Map<String, Boolean>> copy = new HashMap<>();
    byPath.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    byPath = Map.copyOf(copy);
  }

  /**
   * Tells whether the caller has no privilege anywhere.
   *
   * @return true when every path is empty
   */
  public boolean isEmpty() {
    return byPath.values().stream().allMatch(Map::isEmpty);
  }

  /**
   * Tells whether the caller holds a privilege on a path, directly or propagated from a parent path.
   *
   * <p>The most specific listed path on the way to the root decides, as Proxmox computes the effective
   * privileges per ACL path.
   *
   * @param path e.g. {@code /vms/105} or {@code /storage/local}
   * @param privilege e.g. {@code VM.Allocate}
   * @return true when granted
   */
  public boolean has(String path, String privilege) {
    String p = path.isEmpty() ? "/" : path;
    boolean exact = true;
    while (true) {
      Map<String, Boolean> privs = byPath.get(p);
      if (privs != null && (exact || !privs.isEmpty())) {
        Boolean propagate = privs.get(privilege);
        if (propagate != null && (exact || propagate)) {
          return true;
        }
        if (!privs.isEmpty()) {
          return false;
        }
      }
      if ("/".equals(p)) {
        return false;
      }
      int i = p.lastIndexOf('/');
      p = i <= 0 ? "/" : p.substring(0, i);
      exact = false;
    }
  }
}
