package dev.proximity.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Parses and renders Proxmox property strings ({@code k=v,k=v}, a bare value fills the default key). */
final class PropertyStrings {
  private PropertyStrings() {}

  static Map<String, String> parse(String text, String defaultKey) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key;
      String value;
      if (eq < 0) {
        if (defaultKey == null) {
          throw new IllegalArgumentException("'" + part + "' has no key in '" + text + "'");
        }
        key = defaultKey;
        value = part;
      } else {
        key = part.substring(0, eq).trim();
        value = part.substring(eq + 1);
      }
      if (out.put(key, value) != null) {
        throw new IllegalArgumentException("key '" + key + "' appears twice in '" + text + "'");
      }
    }
    return out;
  }

  static String render(Map<String, String> values) {
    StringJoiner j = new StringJoiner(",");
    values.forEach((k, v) -> {
      if (v != null) {
        if (v.indexOf(',') >= 0) {
          throw new IllegalArgumentException("value of '" + k + "' must not contain ',': " + v);
        }
        j.add(k + "=" + v);
      }
    });
    return j.toString();
  }

  static Boolean bool(String v) {
    if (v == null) {
      return null;
    }
    String s = v.trim().toLowerCase(java.util.Locale.ROOT);
    return s.equals("1") || s.equals("on") || s.equals("yes") || s.equals("true");
  }

  static Integer integer(String v) {
    return v == null || v.isEmpty() ? null : Integer.valueOf(v.trim());
  }

  static String flag(Boolean b) {
    return b == null ? null : b ? "1" : "0";
  }
}
