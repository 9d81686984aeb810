package dev.proximity.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An ordered map of wire parameters, with Proxmox's 1/0 booleans; shared by the request builders. */
final class Params {
  private static final Set<String> SECRET_KEYS = Set.of("password");
  private final Map<String, String> values;

  Params() {
    this.values = new LinkedHashMap<>();
  }

  Params(Map<String, String> copy) {
    this.values = new LinkedHashMap<>(copy);
  }

  void put(String key, String value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
  }

  void put(String key, boolean value) {
    values.put(key, value ? "1" : "0");
  }

  void put(String key, long value) {
    values.put(key, Long.toString(value));
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  Map<String, String> snapshot() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static String redacted(String type, Map<String, String> values) {
    StringBuilder sb = new StringBuilder(type).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append('=').append(SECRET_KEYS.contains(e.getKey()) ? "***" : e.getValue());
    }
    return sb.append('}').toString();
  }

  /** Proxmox's {@code pve-poolid}; nested pools ({@code a/b}) are left out, as the SDK never creates them. */
  private static final java.util.regex.Pattern POOL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_\\-]+");

  static String checkPoolId(String pool) {
    if (!POOL_ID.matcher(pool).matches()) {
      throw new IllegalArgumentException("a pool id is letters, digits, '-' and '_' (Proxmox pve-poolid): '"
          + pool + "'");
    }
    return pool;
  }

  static int checkVmid(int vmid) {
    if (vmid < 100 || vmid > 999_999_999) {
      throw new IllegalArgumentException("vmid must be between 100 and 999999999, got " + vmid);
    }
    return vmid;
  }
}
