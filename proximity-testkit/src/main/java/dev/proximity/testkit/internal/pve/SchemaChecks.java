package dev.proximity.testkit.internal.pve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Value checks of pve-common's {@code JSONSchema.pm}: types, ranges, enums, patterns, lengths,
 * named formats and property strings. Messages follow Proxmox's wording.
 */
public final class SchemaChecks {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern LIST_SPLIT = Pattern.compile("[,;\\s]+");
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Set<String> PROP_TRUE = Set.of("1", "on", "yes", "true");
  private static final Set<String> PROP_FALSE = Set.of("0", "off", "no", "false");
  private static final Set<String> CONTENT = Set.of("images", "rootdir", "vztmpl", "backup", "iso",
      "snippets", "import");
  private static final Set<String> PRUNE_KEYS = Set.of("keep-all", "keep-last", "keep-hourly",
      "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly");
  private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
  private static final Pattern STORAGE_ID = Pattern.compile("[a-z][a-z0-9\\-_.]*[a-z0-9]");
  private static final Pattern CONFIG_ID = Pattern.compile("(?i)[a-z][a-z0-9_-]+");
  private static final Pattern TAG = Pattern.compile("(?i)[a-z0-9_][a-z0-9_\\-+.]*");
  private static final Pattern DNS_NAME = Pattern.compile(
      "([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
  private static final Pattern VOLUME_ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]:.+");
  private static final Pattern POOL_ID = Pattern.compile("[A-Za-z0-9_\\-]+");
  private static final Pattern REALM = Pattern.compile("[A-Za-z][A-Za-z.\\-_0-9]*[A-Za-z0-9]");

  private SchemaChecks() {}

  /**
   * Checks one top-level value and records an error under {@code name}.
   *
   * @param name parameter name
   * @param schema the parameter's schema
   * @param value the value as sent
   * @param errors where errors go
   */
  public static void check(String name, JsonNode schema, String value, Map<String, String> errors) {
    String err = checkValue(schema, value, false);
    if (err == null && schema.has("format_properties")) {
      err = checkPropertyString(name, schema.get("format_properties"), value);
    }
    if (err != null) {
      errors.put(name, err);
    }
  }

  private static String checkValue(JsonNode schema, String value, boolean inPropertyString) {
    String type = schema.path("type").asText("string");
    switch (type) {
      case "boolean":
        if (inPropertyString ? !(PROP_TRUE.contains(value.toLowerCase()) || PROP_FALSE.contains(value.toLowerCase()))
            : !("0".equals(value) || "1".equals(value))) {
          return "type check ('boolean') failed - got '" + value + "'";
        }
        return null;
      case "integer":
      case "number":
        if (!(("integer".equals(type) ? INTEGER : NUMBER).matcher(value).matches())) {
          return "type check ('" + type + "') failed - got '" + value + "'";
        }
        return checkRange(schema, Double.parseDouble(value));
      default:
        return checkString(schema, value);
    }
  }

  private static String checkRange(JsonNode schema, double v) {
    if (schema.has("minimum") && v < schema.get("minimum").asDouble()) {
      return "value must have a minimum value of " + schema.get("minimum").asText();
    }
    if (schema.has("maximum") && v > schema.get("maximum").asDouble()) {
      return "value must have a maximum value of " + schema.get("maximum").asText();
    }
    return null;
  }

  private static String checkString(JsonNode schema, String value) {
    String format = schema.path("format").asText("");
    if (!format.isEmpty()) {
      String err = checkFormat(format, value);
      if (err != null) {
        return err;
      }
    }
    if (schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(value).matches()) {
      return "value does not match the regex pattern";
    }
    if (schema.has("maxLength") && value.length() > schema.get("maxLength").asInt()) {
      return "value may only be " + schema.get("maxLength").asInt() + " characters long";
    }
    if (schema.has("minLength") && value.length() < schema.get("minLength").asInt()) {
      return "value must be at least " + schema.get("minLength").asInt() + " characters long";
    }
    if (schema.has("enum")) {
      List<String> allowed = new ArrayList<>();
      schema.get("enum").forEach(n -> allowed.add(n.asText()));
      if (!allowed.contains(value)) {
        return "value '" + value + "' does not have a value in the enumeration '" + String.join(", ", allowed) + "'";
      }
    }
    return null;
  }

  private static Pattern pattern(String regex) {
    return CACHE.computeIfAbsent(regex, r -> {
      try {
        return Pattern.compile(r.replace("\\0", "\\x00"));
      } catch (PatternSyntaxException e) {
        return Pattern.compile(".*", Pattern.DOTALL);
      }
    });
  }

  private static String checkFormat(String format, String value) {
    boolean list = format.endsWith("-list");
    boolean opt = format.endsWith("-opt");
    String base = list ? format.substring(0, format.length() - 5) : opt ? format.substring(0, format.length() - 4) : format;
    if (opt && value.isEmpty()) {
      return null;
    }
    if (!list) {
      return checkNamed(base, value);
    }
    for (String item : LIST_SPLIT.split(value.trim())) {
      if (item.isEmpty()) {
        continue;
      }
      String err = checkNamed(base, item);
      if (err != null) {
        return err;
      }
    }
    return null;
  }

  private static String checkNamed(String format, String v) {
    switch (format) {
      case "pve-node":
        return NODE.matcher(v).matches() ? null : "invalid format - value does not look like a valid node name";
      case "pve-storage-id":
        return STORAGE_ID.matcher(v).matches() ? null : "invalid format - storage ID '" + v + "' contains illegal characters";
      case "pve-vmid":
        return INTEGER.matcher(v).matches() && Long.parseLong(v) >= 100 && Long.parseLong(v) <= 999_999_999L
            ? null : "invalid format - value does not look like a valid VM ID";
      case "pve-configid":
        return CONFIG_ID.matcher(v).matches() ? null : "invalid format - invalid configuration ID '" + v + "'";
      case "pve-tag":
        return TAG.matcher(v).matches() ? null : "invalid format - invalid tag '" + v + "'";
      case "dns-name":
        return DNS_NAME.matcher(v).matches() ? null : "invalid format - value does not look like a valid DNS name";
      case "pve-volume-id":
        return VOLUME_ID.matcher(v).matches() || v.startsWith("/") ? null
            : "invalid format - unable to parse volume ID '" + v + "'";
      case "pve-storage-content":
        return CONTENT.contains(v) ? null : "invalid format - invalid content type '" + v + "'";
      case "pve-poolid":
        return POOL_ID.matcher(v).matches() ? null : "invalid format - pool name '" + v + "' contains illegal characters";
      case "pve-realm":
        return REALM.matcher(v).matches() ? null : "invalid format - realm name '" + v + "' contains illegal characters";
      case "prune-backups":
        return checkPrune(v);
      default:
        return null;
    }
  }

  private static String checkPrune(String value) {
    Set<String> seen = new HashSet<>();
    for (String part : value.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || !PRUNE_KEYS.contains(kv[0])) {
        return "invalid format - invalid key in comma-separated list property: " + kv[0];
      }
      if (!seen.add(kv[0])) {
        return "invalid format - duplicate key in comma-separated list property: " + kv[0];
      }
      if ("keep-all".equals(kv[0]) ? !("0".equals(kv[1]) || "1".equals(kv[1]))
          : !(INTEGER.matcher(kv[1]).matches() && Long.parseLong(kv[1]) >= 1)) {
        return "invalid format - format error\n" + kv[0] + ": value must have a minimum value of 1";
      }
    }
    if (seen.contains("keep-all") && seen.size() > 1 && value.contains("keep-all=1")) {
      return "invalid format - keep-all is mutually exclusive with other keep options";
    }
    return null;
  }

  /**
   * Parses a property string ({@code k=v,k=v}, a bare value goes to the default key).
   *
   * @param props the sub-schema, or null for a free-form parse
   * @param value the text
   * @return key to value, in order
   * @throws IllegalArgumentException on a bare value without a default key, an unknown or
   *     duplicate key
   */
  public static Map<String, String> parsePropertyString(JsonNode props, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value.isEmpty()) {
      return out;
    }
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      String key;
      String v;
      if (eq < 0) {
        key = props == null ? null : defaultKey(props);
        if (key == null) {
          throw new IllegalArgumentException("value without key, but schema does not define a default key");
        }
        v = part;
      } else {
        key = part.substring(0, eq).trim();
        v = part.substring(eq + 1);
      }
      if (props != null) {
        JsonNode sub = props.get(key);
        if (sub == null) {
          throw new IllegalArgumentException("invalid key in comma-separated list property: " + key);
        }
        if (sub.has("alias")) {
          key = sub.get("alias").asText();
        }
      }
      if (out.put(key, v) != null) {
        throw new IllegalArgumentException("duplicate key in comma-separated list property: " + key);
      }
    }
    return out;
  }

  private static String defaultKey(JsonNode props) {
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("default_key").asBoolean()) {
        return e.getKey();
      }
    }
    return null;
  }

  private static String checkPropertyString(String name, JsonNode props, String value) {
    Map<String, String> parsed;
    try {
      parsed = parsePropertyString(props, value);
    } catch (IllegalArgumentException e) {
      return "invalid format - " + e.getMessage();
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : parsed.entrySet()) {
      String err = checkValue(props.get(e.getKey()), e.getValue(), true);
      if (err != null) {
        sb.append('\n').append(name).append('.').append(e.getKey()).append(": ").append(err);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().path("optional").asBoolean(false) && !e.getValue().has("alias")
          && !parsed.containsKey(e.getKey())) {
        sb.append('\n').append(name).append('.').append(e.getKey())
            .append(": property is missing and it is not optional");
      }
    }
    return sb.length() == 0 ? null : "invalid format - format error" + sb;
  }
}
