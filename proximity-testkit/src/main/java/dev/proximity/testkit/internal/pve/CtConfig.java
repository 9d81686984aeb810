package dev.proximity.testkit.internal.pve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Container configuration helpers: typed output, digest, feature-flag rule, NIC normalisation. */
public final class CtConfig {
  /** Create parameters that are not stored in the config. */
  public static final Set<String> NOT_CONFIG = Set.of("node", "vmid", "ostemplate", "password",
      "ssh-public-keys", "storage", "restore", "force", "unique", "start", "pool", "bwlimit",
      "ignore-unpack-errors", "ha-managed", "delete", "digest", "revert");
  private static final Set<String> ROOT_ONLY_FEATURES = Set.of("keyctl", "fuse", "mknod", "mount", "force_rw_sys");
  private static volatile Map<String, String> types;

  private CtConfig() {}

  /**
   * @param config a container config
   * @return the SHA-1 digest Proxmox reports for it
   */
  public static String digest(Map<String, String> config) {
    StringBuilder sb = new StringBuilder();
    config.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Renders a config as JSON values: integers and booleans as numbers, the rest as strings.
   *
   * @param config the config
   * @return the {@code data} of {@code GET .../config}
   */
  public static Map<String, Object> render(Map<String, String> config) {
    Map<String, String> t = types();
    Map<String, Object> out = new LinkedHashMap<>();
    config.forEach((k, v) -> {
      String type = t.getOrDefault(k.replaceAll("\\d+$", "[n]"), "string");
      if (("integer".equals(type) || "boolean".equals(type)) && v.matches("-?\\d+")) {
        out.put(k, Long.parseLong(v));
      } else if ("number".equals(type) && v.matches("-?\\d+(\\.\\d+)?")) {
        out.put(k, Double.parseDouble(v));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, String> types() {
    Map<String, String> t = types;
    if (t == null) {
      Map<String, String> m = new LinkedHashMap<>();
      PveSchema.bundled().match("PUT", "/nodes/x/lxc/100/config").ifPresent(match -> {
        for (JsonNode p : match.endpoint().parameters()) {
          m.put(p.get("name").asText(), p.path("type").asText());
        }
      });
      m.put("template", "boolean");
      m.put("unprivileged", "boolean");
      types = m;
      t = m;
    }
    return t;
  }

  /**
   * Enforces Proxmox's rule: feature flags other than {@code nesting} may only be changed by
   * {@code root@pam} (a ticket, not a token).
   *
   * @param who the caller
   * @param oldValue current {@code features} value, or null
   * @param newValue requested value, or null when deleted
   */
  public static void checkFeatures(Principal who, String oldValue, String newValue) {
    if (who.isRootPam()) {
      return;
    }
    Map<String, String> before = parse(oldValue);
    Map<String, String> after = parse(newValue);
    for (String f : ROOT_ONLY_FEATURES) {
      String b = normalise(before.get(f));
      String a = normalise(after.get(f));
      if (!b.equals(a)) {
        throw PveError.forbidden("changing feature flags (except nesting) is only allowed for root@pam");
      }
    }
  }

  private static String normalise(String v) {
    if (v == null) {
      return "0";
    }
    return switch (v.toLowerCase()) {
      case "1", "on", "yes", "true" -> "1";
      case "0", "off", "no", "false" -> "0";
      default -> v;
    };
  }

  /**
   * @param value a property string, or null
   * @return its keys and values
   */
  public static Map<String, String> parse(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      } else {
        out.put("", part);
      }
    }
    return out;
  }

  /**
   * Completes a {@code net[n]} value as Proxmox stores it: generated {@code hwaddr} and
   * {@code type=veth}.
   *
   * @param value the value sent
   * @param state for a fresh MAC
   * @return the stored value
   */
  public static String normaliseNet(String value, ClusterState state) {
    Map<String, String> m = parse(value);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : new String[] {"name", "bridge", "firewall", "gw", "gw6"}) {
      if (m.containsKey(k)) {
        out.put(k, m.remove(k));
      }
    }
    out.put("hwaddr", m.containsKey("hwaddr") ? m.remove("hwaddr") : state.newMac());
    out.putAll(m);
    out.putIfAbsent("type", "veth");
    StringBuilder sb = new StringBuilder();
    out.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  /**
   * @param tags tags as sent ({@code ,}, {@code ;} or space separated)
   * @return tags as stored, joined with {@code ;}
   */
  public static String normaliseTags(String tags) {
    return String.join(";", Arrays.stream(tags.trim().split("[,;\\s]+"))
        .filter(s -> !s.isEmpty()).distinct().toList());
  }
}
